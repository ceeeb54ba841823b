//! Property test: random sequences of stake, unstake, claim, reward funding
//! (both modes), reward claims, slashes and time jumps across many stakers,
//! checked after every step against an independent exact model. A claim
//! pays the entries inside their exit window and bonds the lapsed ones
//! again, in the model as in the contract.
//!
//! Invariants:
//! 1. each staker's rewards (paid + pending) equal the exact pro-rata amount
//!    computed by the model in rational arithmetic, within 1 unit per asset;
//! 2. rewards paid plus pending never exceed rewards funded;
//! 3. token balances reconcile exactly with the contract's records;
//! 4. no staker loses more than `max_slash_ratio` of their stake per slash.

mod suite;

use backstop_types::staking::{
    FundMode, QueryMsg, UnbondingsResponse, DEFAULT_EXIT_WINDOW_SECONDS as WINDOW,
};
use cosmwasm_std::Decimal;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, ToPrimitive, Zero};
use proptest::prelude::*;
use suite::{Reward, Suite, SuiteBuilder, UNBONDING};

const STAKERS: usize = 6;
const RATIO_PERCENT: u128 = 40;
const REWARDS: [Reward; 2] = [Reward::Native, Reward::Cw20];

fn rat(v: u128) -> BigRational {
    BigRational::from_integer(BigInt::from(v))
}

#[derive(Debug, Clone)]
enum Op {
    Stake {
        who: usize,
        amount: u128,
    },
    Unstake {
        who: usize,
        permille: u128,
    },
    Claim {
        who: usize,
    },
    ClaimRewards {
        who: usize,
    },
    FundInstant {
        asset: usize,
        amount: u128,
    },
    FundStream {
        asset: usize,
        amount: u128,
        period: u64,
    },
    Slash {
        permille: u128,
    },
    Advance {
        seconds: u64,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..STAKERS, 1u128..10_000_000).prop_map(|(who, amount)| Op::Stake { who, amount }),
        2 => (0..STAKERS, 1u128..=1_000).prop_map(|(who, permille)| Op::Unstake { who, permille }),
        1 => (0..STAKERS).prop_map(|who| Op::Claim { who }),
        2 => (0..STAKERS).prop_map(|who| Op::ClaimRewards { who }),
        2 => (0..2usize, 1u128..5_000_000).prop_map(|(asset, amount)| Op::FundInstant { asset, amount }),
        2 => (0..2usize, 1u128..5_000_000, 1u64..50_000)
            .prop_map(|(asset, amount, period)| Op::FundStream { asset, amount, period }),
        1 => (1u128..=1_000).prop_map(|permille| Op::Slash { permille }),
        3 => prop_oneof![1u64..100, 1_000u64..2 * UNBONDING].prop_map(|seconds| Op::Advance { seconds }),
    ]
}

struct Entry {
    shares: u128,
    release_at: u64,
}

#[derive(Clone)]
struct Stream {
    rate: BigRational,
    end: u64,
    last: u64,
}

/// `x` rounded down to 18 decimals, as the contract stores a rate.
fn floor18(x: BigRational) -> BigRational {
    let scale = rat(10u128.pow(18));
    (x * &scale).floor() / scale
}

impl Stream {
    /// The merge rule: the end only moves out and the rate never falls.
    fn fund(&mut self, amount: u128, period: u64, now: u64) {
        let left = if self.end > now {
            self.rate.clone() * rat((self.end - now) as u128)
        } else {
            BigRational::zero()
        };
        let total = left.clone() + rat(amount);
        let requested = now + period;
        let end = if left.is_zero() {
            requested
        } else if requested <= self.end {
            self.end
        } else {
            let keep = (&total / &self.rate).floor().to_u64().unwrap_or(u64::MAX);
            requested.min(now.saturating_add(keep))
        };
        self.rate = floor18(total / rat((end - now) as u128));
        self.end = end;
    }
}

/// The independent model: integers for stake, exact rationals for rewards.
struct Model {
    total_tokens: u128,
    total_shares: u128,
    shares: Vec<u128>,
    entries: Vec<Vec<Entry>>,
    streams: Vec<Stream>,
    entitled: Vec<Vec<BigRational>>,
    paid: Vec<Vec<u128>>,
}

impl Model {
    fn new(now: u64) -> Self {
        Model {
            total_tokens: 0,
            total_shares: 0,
            shares: vec![0; STAKERS],
            entries: (0..STAKERS).map(|_| vec![]).collect(),
            streams: vec![
                Stream {
                    rate: BigRational::zero(),
                    end: now,
                    last: now
                };
                2
            ],
            entitled: vec![vec![BigRational::zero(); 2]; STAKERS],
            paid: vec![vec![0; 2]; STAKERS],
        }
    }

    /// Every share a staker holds, bonded and unbonding: what a slash cuts.
    fn stake_shares(&self, i: usize) -> u128 {
        self.shares[i] + self.entries[i].iter().map(|e| e.shares).sum::<u128>()
    }

    /// Shares that earn: bonded ones only.
    fn bonded(&self) -> u128 {
        self.shares.iter().sum()
    }

    fn share_out(&mut self, a: usize, amount: BigRational) {
        let total = rat(self.bonded());
        for i in 0..STAKERS {
            let part = &amount * rat(self.shares[i]) / &total;
            self.entitled[i][a] += part;
        }
    }

    fn advance(&mut self, now: u64) {
        for a in 0..2 {
            let s = self.streams[a].clone();
            if self.bonded() == 0 {
                if s.end > s.last {
                    self.streams[a].end = s.end + now.saturating_sub(s.last);
                }
            } else {
                let until = now.min(s.end);
                if until > s.last {
                    self.share_out(a, s.rate.clone() * rat((until - s.last) as u128));
                }
            }
            self.streams[a].last = self.streams[a].last.max(now);
        }
    }

    fn value(&self, shares: u128) -> u128 {
        (shares * self.total_tokens)
            .checked_div(self.total_shares)
            .unwrap_or(0)
    }
}

fn check(s: &Suite, m: &mut Model) -> Result<(), TestCaseError> {
    // the contract's queries show rewards as of now
    m.advance(s.now());
    let totals = s.totals();
    // 3. balances reconcile with records, and the model agrees on stake
    prop_assert_eq!(totals.total_tokens.u128(), m.total_tokens);
    prop_assert_eq!(totals.total_shares.u128(), m.total_shares);
    prop_assert_eq!(s.cw20_balance(&s.stake_token, &s.staking), m.total_tokens);
    let assets = s.reward_assets().assets;
    for (a, r) in REWARDS.iter().enumerate() {
        prop_assert_eq!(
            s.reward_balance(*r, &s.staking),
            (assets[a].funded - assets[a].claimed).u128()
        );
    }
    let mut pending_sum = [0u128; 2];
    for i in 0..STAKERS {
        let st = s.staker(&s.user(i));
        prop_assert_eq!(st.shares.u128(), m.shares[i]);
        for (a, r) in REWARDS.iter().enumerate() {
            let pending = s.pending(&s.user(i), *r);
            pending_sum[a] += pending;
            // 1. within one unit of the exact pro-rata entitlement
            let got = rat(m.paid[i][a] + pending);
            let diff = (&got - &m.entitled[i][a]).abs();
            prop_assert!(
                diff <= rat(1),
                "staker {} asset {}: contract {} vs exact {:.3}",
                i,
                a,
                got,
                m.entitled[i][a].to_f64().unwrap_or_default()
            );
        }
    }
    // 2. paid + pending never exceed funded
    for a in 0..2 {
        let paid: u128 = (0..STAKERS).map(|i| m.paid[i][a]).sum();
        prop_assert_eq!(paid, assets[a].claimed.u128());
        prop_assert!(paid + pending_sum[a] <= assets[a].funded.u128());
    }
    Ok(())
}

fn run(ops: Vec<Op>) -> Result<(), TestCaseError> {
    let mut s = SuiteBuilder::new()
        .stakers(STAKERS)
        .max_slash_ratio(Decimal::percent(RATIO_PERCENT as u64))
        .max_open_unbondings(4)
        .build();
    let mut m = Model::new(s.now());
    let slasher = s.slasher.clone();
    for op in ops {
        let now = s.now();
        match op {
            Op::Stake { who, amount } => {
                let expected = if m.total_shares == 0 || m.total_tokens == 0 {
                    amount
                } else {
                    amount * m.total_shares / m.total_tokens
                };
                let ok = s.try_stake(&s.user(who), amount).is_ok();
                prop_assert_eq!(ok, expected > 0);
                if ok {
                    m.advance(now);
                    m.shares[who] += expected;
                    m.total_shares += expected;
                    m.total_tokens += amount;
                }
            }
            Op::Unstake { who, permille } => {
                let staked = m.value(m.shares[who]);
                let amount = staked * permille / 1_000;
                let ok = s.try_unstake(&s.user(who), amount).is_ok();
                prop_assert_eq!(ok, amount > 0 && m.entries[who].len() < 4);
                if ok {
                    m.advance(now);
                    let shares = (amount * m.total_shares)
                        .div_ceil(m.total_tokens)
                        .min(m.shares[who]);
                    m.shares[who] -= shares;
                    m.entries[who].push(Entry {
                        shares,
                        release_at: now + UNBONDING,
                    });
                }
            }
            Op::Claim { who } => {
                let live = |e: &&Entry| e.release_at <= now && now < e.release_at + WINDOW;
                let matured: u128 = m.entries[who].iter().filter(live).map(|e| e.shares).sum();
                let lapsed: u128 = m.entries[who]
                    .iter()
                    .filter(|e| now >= e.release_at + WINDOW)
                    .map(|e| e.shares)
                    .sum();
                let has = m.entries[who].iter().any(|e| e.release_at <= now);
                let before = s.cw20_balance(&s.stake_token, &s.user(who));
                let ok = s.try_claim(&s.user(who), None).is_ok();
                prop_assert_eq!(ok, has);
                if ok {
                    m.advance(now);
                    let tokens = m.value(matured);
                    prop_assert_eq!(
                        s.cw20_balance(&s.stake_token, &s.user(who)) - before,
                        tokens
                    );
                    m.entries[who].retain(|e| e.release_at > now);
                    // lapsed shares earn from now on
                    m.shares[who] += lapsed;
                    m.total_tokens -= tokens;
                    m.total_shares -= matured;
                }
            }
            Op::ClaimRewards { who } => {
                let before: Vec<u128> = REWARDS
                    .iter()
                    .map(|r| s.reward_balance(*r, &s.user(who)))
                    .collect();
                if s.try_claim_rewards(&s.user(who), None).is_ok() {
                    for (a, r) in REWARDS.iter().enumerate() {
                        m.paid[who][a] += s.reward_balance(*r, &s.user(who)) - before[a];
                    }
                }
            }
            Op::FundInstant { asset, amount } => {
                let ok = s
                    .try_fund(REWARDS[asset], amount, FundMode::Instant {})
                    .is_ok();
                prop_assert_eq!(ok, m.bonded() > 0);
                if ok {
                    m.advance(now);
                    m.share_out(asset, rat(amount));
                }
            }
            Op::FundStream {
                asset,
                amount,
                period,
            } => {
                s.try_fund(
                    REWARDS[asset],
                    amount,
                    FundMode::Stream {
                        period_seconds: period,
                    },
                )
                .unwrap();
                m.advance(now);
                m.streams[asset].fund(amount, period, now);
            }
            Op::Slash { permille } => {
                let cap = m.total_tokens * RATIO_PERCENT / 100;
                let amount = cap * permille / 1_000;
                let values: Vec<u128> = (0..STAKERS).map(|i| m.value(m.stake_shares(i))).collect();
                let ok = s.try_slash(&slasher, amount, None).is_ok();
                prop_assert_eq!(ok, amount > 0);
                if ok {
                    m.total_tokens -= amount;
                    // 4. nobody loses more than max_slash_ratio of their stake
                    for (i, before) in values.iter().enumerate() {
                        let entries: UnbondingsResponse = s.query(&QueryMsg::Unbondings {
                            owner: s.user(i).to_string(),
                            start_after: None,
                            limit: None,
                        });
                        let unbonding: u128 =
                            entries.unbondings.iter().map(|e| e.shares.u128()).sum();
                        let after = m.value(s.staker(&s.user(i)).shares.u128() + unbonding);
                        let floor = before * (100 - RATIO_PERCENT) / 100;
                        prop_assert!(
                            after >= floor,
                            "staker {} went from {} to {}",
                            i,
                            before,
                            after
                        );
                    }
                }
            }
            Op::Advance { seconds } => s.advance(seconds),
        }
        check(&s, &mut m)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn rewards_stake_and_slashes_match_an_exact_model(ops in prop::collection::vec(op(), 1..45)) {
        run(ops)?;
    }
}

#[test]
fn the_model_check_catches_a_wrong_entitlement() {
    // guard against a vacuous property: a model that disagrees must fail
    let mut s = SuiteBuilder::new().stakers(STAKERS).build();
    let mut m = Model::new(s.now());
    s.try_stake(&s.user(0), 1_000).unwrap();
    m.shares[0] = 1_000;
    m.total_shares = 1_000;
    m.total_tokens = 1_000;
    s.try_fund(Reward::Native, 100, FundMode::Instant {})
        .unwrap();
    m.share_out(0, rat(98));
    assert!(check(&s, &mut m).is_err());
}
