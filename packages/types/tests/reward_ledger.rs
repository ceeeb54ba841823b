//! Property tests of the reward index at the scales where an adversarial
//! pass found it losing value: share counts up to 10³⁰, an update every
//! second, a griefer staking one unit at a time, and hostile stream
//! fundings with any period.

use backstop_types::math::{accrued, decimal, floor_to_uint};
use backstop_types::staking::{RewardState, Staker, MAX_STREAM_SECONDS};
use cosmwasm_std::{Decimal256, Uint128};
use proptest::prelude::*;

const STAKERS: usize = 4;

#[derive(Debug, Clone)]
enum Op {
    /// Staker `who` bonds `shares` more (the griefer bonds 1).
    Bond {
        who: usize,
        shares: u128,
    },
    /// Staker `who` unbonds `permille` of their shares.
    Unbond {
        who: usize,
        permille: u128,
    },
    FundInstant {
        amount: u128,
    },
    FundStream {
        amount: u128,
        period: u64,
    },
    Claim {
        who: usize,
    },
    Advance {
        seconds: u64,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let shares = prop_oneof![
        Just(1u128),
        1u128..1_000_000,
        10u128.pow(24)..10u128.pow(30)
    ];
    let amount = prop_oneof![
        1u128..1_000,
        1u128..10u128.pow(12),
        10u128.pow(18)..10u128.pow(24)
    ];
    prop_oneof![
        3 => (0..STAKERS, shares).prop_map(|(who, shares)| Op::Bond { who, shares }),
        1 => (0..STAKERS, 1u128..=1_000).prop_map(|(who, permille)| Op::Unbond { who, permille }),
        1 => amount.clone().prop_map(|amount| Op::FundInstant { amount }),
        2 => (amount, 1u64..=MAX_STREAM_SECONDS).prop_map(|(amount, period)| Op::FundStream { amount, period }),
        2 => (0..STAKERS).prop_map(|who| Op::Claim { who }),
        4 => prop_oneof![Just(1u64), 1u64..10_000].prop_map(|seconds| Op::Advance { seconds }),
    ]
}

/// The pool as the contract keeps it: one asset, bonded stakers.
struct Pool {
    now: u64,
    reward: RewardState,
    stakers: Vec<Staker>,
}

impl Pool {
    fn bonded(&self) -> Uint128 {
        self.stakers.iter().map(|s| s.shares).sum()
    }

    fn touch(&mut self) {
        let bonded = self.bonded();
        self.reward.update(self.now, bonded).unwrap();
    }

    /// `funded == claimed + Σ pending (settled and not) + undistributed`,
    /// exact in atomics, as of now (a query advances the index first).
    fn assert_exact(&mut self) -> Result<(), TestCaseError> {
        self.touch();
        let mut held = decimal(self.reward.claimed).unwrap();
        for s in &self.stakers {
            let user = s.rewards.first().cloned().unwrap_or_default();
            let unsettled = accrued(s.shares, self.reward.index - user.index).unwrap();
            held += user.pending + unsettled;
        }
        held += self.reward.undistributed(self.now).unwrap();
        prop_assert_eq!(held, decimal(self.reward.funded).unwrap());
        Ok(())
    }
}

fn run(ops: Vec<Op>) -> Result<(), TestCaseError> {
    let mut p = Pool {
        now: 1_000,
        reward: RewardState::new(1_000),
        stakers: vec![Staker::default(); STAKERS],
    };
    for op in ops {
        p.touch();
        match op {
            Op::Bond { who, shares } => {
                let rewards = [p.reward.clone()];
                let s = &mut p.stakers[who];
                s.settle(&rewards).unwrap();
                s.shares += Uint128::new(shares);
            }
            Op::Unbond { who, permille } => {
                let rewards = [p.reward.clone()];
                let s = &mut p.stakers[who];
                s.settle(&rewards).unwrap();
                s.shares -= s.shares.multiply_ratio(permille, 1_000u128);
            }
            Op::FundInstant { amount } => {
                let bonded = p.bonded();
                if !bonded.is_zero() {
                    p.reward.fund_instant(Uint128::new(amount), bonded).unwrap();
                }
            }
            Op::FundStream { amount, period } => {
                p.reward
                    .fund_stream(Uint128::new(amount), period, p.now)
                    .unwrap();
            }
            Op::Claim { who } => {
                let rewards = [p.reward.clone()];
                let s = &mut p.stakers[who];
                s.settle(&rewards).unwrap();
                let pay = floor_to_uint(s.rewards[0].pending).unwrap();
                s.rewards[0].pending -= decimal(pay).unwrap();
                p.reward.claimed += pay;
                if s.shares.is_zero() {
                    // the contract drops the record and carries its dust
                    let dust = s.rewards[0].pending;
                    *s = Staker::default();
                    p.reward.add_carry(dust).unwrap();
                }
            }
            Op::Advance { seconds } => p.now += seconds,
        }
        p.assert_exact()?;
    }
    Ok(())
}

/// What a stream funded with `amount` over `period` at `start` has emitted
/// into the index (and carry) by `at`, with `hostile` fundings in between.
fn emitted_by(
    amount: u128,
    period: u64,
    hostile: &[(u64, u128, u64)],
    at: u64,
) -> (Decimal256, Decimal256) {
    let shares = Uint128::new(10u128.pow(27));
    let mut r = RewardState::new(0);
    r.fund_stream(Uint128::new(amount), period, 0).unwrap();
    let mut hostile_total = Decimal256::zero();
    for &(when, extra, extra_period) in hostile {
        r.update(when, shares).unwrap();
        r.fund_stream(Uint128::new(extra), extra_period, when)
            .unwrap();
        hostile_total += decimal(extra).unwrap();
    }
    r.update(at, shares).unwrap();
    let emitted = accrued(shares, r.index).unwrap() + r.carry;
    (emitted, hostile_total)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_reward_ledger_is_exact_at_any_share_count(ops in prop::collection::vec(op(), 1..120)) {
        run(ops)?;
    }

    #[test]
    fn no_funding_delays_what_a_running_stream_promised(
        amount in 1_000u128..10u128.pow(24),
        period in 100u64..10_000_000,
        hostile in prop::collection::vec(
            (0u64..1_000, 1u128..10u128.pow(24), 1u64..=MAX_STREAM_SECONDS), 1..8),
    ) {
        // hostile fundings at increasing times strictly inside the stream
        let mut hostile: Vec<(u64, u128, u64)> = hostile
            .into_iter()
            .map(|(permille, a, p)| ((period - 1) * permille / 1_000, a, p))
            .collect();
        hostile.sort_by_key(|h| h.0);
        let (emitted, _) = emitted_by(amount, period, &hostile, period);
        // by the original end, at least the original stream (less the
        // 18-decimal rate rounding, below one unit) is emitted
        prop_assert!(
            emitted + Decimal256::one() >= decimal(amount).unwrap(),
            "emitted {} of {} by the original end", emitted, amount
        );
        // and at any earlier moment, no less than without the fundings
        for &(when, _, _) in &hostile {
            let (with, _) = emitted_by(amount, period, &hostile, when.max(1));
            let (without, _) = emitted_by(amount, period, &[], when.max(1));
            prop_assert!(with + Decimal256::one() >= without);
        }
    }
}
