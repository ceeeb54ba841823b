use super::*;
use crate::math::{accrued, decimal, floor_to_uint};
use crate::params::ParamError;
use cosmwasm_std::{Decimal, Decimal256, Uint128};

#[test]
fn pool_totals_are_stored_compact_with_pauses_only_when_set() {
    use super::compact::Compact;
    let mut state = StakingState {
        total_tokens: Uint128::new(5_000_000),
        total_shares: Uint128::new(4_990_000),
        pause: PauseFlags::default(),
        epoch: 0,
    };
    // 5,000,000 = 0x4c4b40, 4,990,000 = 0x4c2430
    let bytes = state.encode();
    assert_eq!(bytes, [3, 0x4c, 0x4b, 0x40, 3, 0x4c, 0x24, 0x30]);
    assert_eq!(StakingState::decode(&bytes), Some(state.clone()));

    state.pause.claims = true;
    let bytes = state.encode();
    assert_eq!(bytes, [3, 0x4c, 0x4b, 0x40, 3, 0x4c, 0x24, 0x30, 4]);
    assert_eq!(StakingState::decode(&bytes), Some(state.clone()));
    // the epoch field that this layout appends reads as zero when absent
    let mut longer = bytes.clone();
    longer.extend([0]);
    assert_eq!(StakingState::decode(&longer), Some(state));

    let zero = StakingState::default();
    assert_eq!(zero.encode(), [0, 0]);
    for bad in [&[][..], &[3, 1, 2], &[17], &[1, 5]] {
        assert_eq!(StakingState::decode(bad), None, "{bad:?}");
    }
    let max = Uint128::MAX;
    let full = StakingState {
        total_tokens: max,
        total_shares: max,
        pause: PauseFlags::default(),
        epoch: 0,
    };
    assert_eq!(StakingState::decode(&full.encode()), Some(full));

    // a share epoch is appended after the pause byte, which is then always
    // written: the v0.1.0 decoder (three fields) still reads the totals
    let deep = StakingState {
        total_tokens: Uint128::new(5_000_000),
        total_shares: Uint128::new(4_990_000),
        pause: PauseFlags::default(),
        epoch: 300,
    };
    let bytes = deep.encode();
    assert_eq!(
        bytes,
        [3, 0x4c, 0x4b, 0x40, 3, 0x4c, 0x24, 0x30, 0, 2, 0x01, 0x2c]
    );
    assert_eq!(StakingState::decode(&bytes), Some(deep.clone()));
    // and a newer layout's trailing bytes after it are ignored
    let mut longer = bytes.clone();
    longer.extend([9, 9, 9]);
    assert_eq!(StakingState::decode(&longer), Some(deep));
}

#[test]
fn unbonding_entries_are_stored_compact_under_the_owners_key_range() {
    use super::compact::{prefix_end, unbonding_id, unbonding_key, unbonding_prefix, Compact};
    let entry = Unbonding {
        shares: Uint128::new(2_000_000),
        release_at: 1_700_000_000,
        epoch: 0,
        exit_window: None,
    };
    let bytes = entry.encode();
    assert_eq!(bytes, [3, 0x1e, 0x84, 0x80, 4, 0x65, 0x53, 0xf1, 0x00]);
    assert_eq!(Unbonding::decode(&bytes), Some(entry));
    let later = Unbonding { epoch: 2, ..entry };
    let bytes = later.encode();
    assert_eq!(
        bytes,
        [3, 0x1e, 0x84, 0x80, 4, 0x65, 0x53, 0xf1, 0x00, 1, 2]
    );
    assert_eq!(Unbonding::decode(&bytes), Some(later));
    // an exit window follows the epoch, which is then always written; an
    // entry of the v0.1.0 layout (no window) never lapses
    let windowed = Unbonding {
        exit_window: Some(172_800),
        ..entry
    };
    let bytes = windowed.encode();
    assert_eq!(
        bytes,
        [3, 0x1e, 0x84, 0x80, 4, 0x65, 0x53, 0xf1, 0x00, 0, 3, 0x02, 0xa3, 0x00]
    );
    assert_eq!(Unbonding::decode(&bytes), Some(windowed));
    assert_eq!(windowed.expires_at(), 1_700_000_000 + 172_800);
    assert_eq!(entry.expires_at(), u64::MAX);
    assert!(!entry.lapsed(u64::MAX - 1, 0));

    let owner = cosmwasm_std::CanonicalAddr::from(vec![7u8; 20]);
    let key = unbonding_key(&owner, 42);
    assert_eq!(key.len(), 1 + 1 + 20 + 8);
    assert!(key.starts_with(&unbonding_prefix(&owner)));
    assert_eq!(unbonding_id(&key), Some(42));
    let end = prefix_end(&unbonding_prefix(&owner));
    assert!(key.as_slice() < end.as_slice());
    assert!(unbonding_key(&owner, u64::MAX).as_slice() < end.as_slice());
    // an owner whose address starts with another's has its own range
    let longer = cosmwasm_std::CanonicalAddr::from(vec![7u8; 32]);
    assert!(!unbonding_key(&longer, 0).starts_with(&unbonding_prefix(&owner)));
}

#[test]
fn an_entry_lapses_after_its_window_and_a_whole_window_after_claims_resume() {
    let entry = Unbonding {
        shares: Uint128::new(1),
        release_at: 1_000,
        epoch: 0,
        exit_window: Some(100),
    };
    assert!(!entry.lapsed(1_099, 0));
    assert!(entry.lapsed(1_100, 0));
    // claims were paused over the window and resumed at 1,050: the entry
    // stays claimable for a whole window from then
    assert!(!entry.lapsed(1_149, 1_050));
    assert!(entry.lapsed(1_150, 1_050));
    // a resume long before the release changes nothing
    assert!(entry.lapsed(1_100, 10));
}

#[test]
fn a_stream_emits_linearly_and_pauses_while_nothing_is_staked() {
    let mut r = RewardState::new(0);
    r.fund_stream(Uint128::new(1_000), 100, 0).unwrap();
    r.update(50, Uint128::zero()).unwrap(); // nobody staked for 50 s
    assert_eq!(r.stream_end, 150);
    r.update(100, Uint128::new(10)).unwrap(); // 50 s at 10/s over 10 shares
    assert_eq!(r.index, Decimal256::from_atomics(50u128, 0).unwrap());
    assert_eq!(
        floor_to_uint(r.stream_remaining(100).unwrap()).unwrap(),
        Uint128::new(500)
    );
}

#[test]
fn a_stream_idle_past_its_end_keeps_its_whole_remaining_time() {
    let mut r = RewardState::new(0);
    r.fund_stream(Uint128::new(1_000), 100, 0).unwrap();
    r.update(500, Uint128::zero()).unwrap();
    assert_eq!(r.stream_end, 600);
    r.update(550, Uint128::new(1)).unwrap();
    assert_eq!(r.index, Decimal256::from_atomics(500u128, 0).unwrap());
}

#[test]
fn a_stream_and_its_rounding_are_distributed_to_the_last_unit() {
    let mut r = RewardState::new(0);
    r.fund_stream(Uint128::new(1_000), 7, 0).unwrap();
    for t in 1..=7 {
        r.update(t, Uint128::new(3)).unwrap();
    }
    assert!(r.stream_remaining(7).unwrap().is_zero());
    // 1,000 / 7 per second over 3 shares: every atomic is in the index
    // or carried
    let distributed = accrued(Uint128::new(3), r.index).unwrap();
    assert_eq!(distributed + r.carry, decimal(1_000u128).unwrap());
    assert!(r.carry < Decimal256::one());
}

#[test]
fn a_short_funding_is_spread_over_the_running_stream() {
    let mut r = RewardState::new(0);
    r.fund_stream(Uint128::new(1_000), 100, 0).unwrap();
    r.update(60, Uint128::new(1)).unwrap();
    r.fund_stream(Uint128::new(600), 10, 60).unwrap(); // 400 left + 600
    assert_eq!(r.stream_end, 100);
    assert_eq!(r.rate, Decimal256::from_atomics(25u128, 0).unwrap());
    assert_eq!(r.funded, Uint128::new(1_600));
}

#[test]
fn a_long_funding_extends_the_stream_only_as_far_as_keeps_its_rate() {
    let mut r = RewardState::new(0);
    r.fund_stream(Uint128::new(1_000), 100, 0).unwrap(); // 10/s
    r.update(50, Uint128::new(1)).unwrap();
    // 500 left over 50 s; 100 more may stretch it to 60 s at most
    r.fund_stream(Uint128::new(100), 1_000, 50).unwrap();
    assert_eq!(r.stream_end, 110);
    // enough to keep the rate all the way: the requested end holds
    r.fund_stream(Uint128::new(10_000), 200, 50).unwrap();
    assert_eq!(r.stream_end, 250);
}

#[test]
fn settling_accrues_for_bonded_shares_once() {
    let mut asset = RewardState::new(0);
    asset
        .fund_instant(Uint128::new(100), Uint128::new(10))
        .unwrap();
    let mut s = Staker {
        shares: Uint128::new(3),
        ..Default::default()
    };
    s.settle(std::slice::from_ref(&asset)).unwrap();
    assert_eq!(
        floor_to_uint(s.rewards[0].pending).unwrap(),
        Uint128::new(30)
    );
    s.settle(std::slice::from_ref(&asset)).unwrap();
    assert_eq!(
        floor_to_uint(s.rewards[0].pending).unwrap(),
        Uint128::new(30)
    );
}

#[test]
fn unbonding_shares_are_the_pool_less_the_bonded_ones() {
    let pool = RewardPool {
        bonded_shares: Uint128::new(6),
        ..Default::default()
    };
    assert_eq!(pool.unbonding_shares(Uint128::new(10)), Ok(Uint128::new(4)));
    assert!(pool.unbonding_shares(Uint128::new(5)).is_err());
}

#[test]
fn a_slash_ratio_of_one_or_zero_is_rejected() {
    let api = cosmwasm_std::testing::MockApi::default();
    let msg = |r: Decimal| ParamsMsg {
        unbonding_seconds: 10,
        max_slash_ratio: r,
        max_open_unbondings: 5,
        exit_window_seconds: None,
        slashers: vec![],
        reward_funders: None,
        guardian: None,
        notice_seconds: None,
    };
    assert!(matches!(
        msg(Decimal::one()).check(&api),
        Err(ParamError::InvalidText {
            name: "max_slash_ratio",
            ..
        })
    ));
    assert_eq!(
        msg(Decimal::zero()).check(&api),
        Err(ParamError::MustBePositive {
            name: "max_slash_ratio"
        })
    );
    assert!(msg(Decimal::percent(30)).check(&api).is_ok());
    let dup = ParamsMsg {
        slashers: vec![
            api.addr_make("a").to_string(),
            api.addr_make("a").to_string(),
        ],
        ..msg(Decimal::percent(30))
    };
    assert_eq!(
        dup.check(&api),
        Err(ParamError::Duplicate {
            name: "slashers",
            item: api.addr_make("a").to_string(),
        })
    );
}
