//! Regression tests for the reward accounting defects an adversarial pass
//! found: a stream any funder could re-time, and an index that lost
//! rewards at large share counts.

mod suite;

use backstop_types::staking::{FundMode, MAX_STREAM_SECONDS};
use suite::{Reward, SuiteBuilder};

const WEEK: u64 = 7 * 24 * 3600;

fn stream(period_seconds: u64) -> FundMode {
    FundMode::Stream { period_seconds }
}

#[test]
fn a_one_second_funding_cannot_concentrate_a_running_stream() {
    let mut s = SuiteBuilder::new().build();
    let (alice, bob, outsider) = (s.user(0), s.user(1), s.outsider.clone());
    s.stake(&alice, 1_000);
    s.try_fund(Reward::Native, WEEK as u128, stream(WEEK))
        .unwrap();
    s.advance(WEEK / 2);
    // bob bonds for one second and re-times the stream with one unit
    s.stake(&bob, 1_000);
    s.try_fund_from(&outsider, Reward::Native, 1, stream(1))
        .unwrap();
    s.advance(1);
    // one second of a one-unit-per-second stream, shared with alice
    assert!(
        s.pending(&bob, Reward::Native) <= 1,
        "bob took {} in one second",
        s.pending(&bob, Reward::Native)
    );
}

#[test]
fn a_long_funding_cannot_delay_what_a_running_stream_promised() {
    let mut s = SuiteBuilder::new().build();
    let (alice, outsider) = (s.user(0), s.outsider.clone());
    s.stake(&alice, 1_000);
    s.try_fund(Reward::Native, WEEK as u128, stream(WEEK))
        .unwrap();
    s.advance(24 * 3600);
    s.try_fund_from(&outsider, Reward::Native, 1, stream(MAX_STREAM_SECONDS))
        .unwrap();
    s.advance(WEEK - 24 * 3600);
    // alice is owed the whole stream by its original end
    assert!(
        s.pending(&alice, Reward::Native) >= WEEK as u128 - 1,
        "alice was promised {WEEK} by the end, has {}",
        s.pending(&alice, Reward::Native)
    );
}

/// 18-decimal staking token at three million tokens: 3 × 10²⁴ shares.
const BIG: u128 = 3_000_000 * 10u128.pow(18);

#[test]
fn a_griefer_staking_every_second_erases_no_reward_at_large_share_counts() {
    let mut s = SuiteBuilder::new().balance(10 * BIG).build();
    let (alice, griefer) = (s.user(0), s.user(1));
    s.stake(&alice, BIG);
    let funded = 1_000_000u128;
    s.try_fund(Reward::Native, funded, stream(1_000_000))
        .unwrap();
    for _ in 0..100 {
        s.advance(1);
        s.stake(&griefer, 1);
    }
    let pending: u128 = [&alice, &griefer]
        .iter()
        .map(|u| s.pending(u, Reward::Native))
        .sum();
    let asset = s.reward_assets().assets[0].clone();
    // every unit is pending, still streaming, or undistributed: at most one
    // unit of rounding per staker and one for the pool
    assert!(
        pending + asset.undistributed.u128() + 3 >= funded,
        "lost {} of {funded}: pending {pending}, undistributed {}",
        funded - pending - asset.undistributed.u128(),
        asset.undistributed
    );
}
