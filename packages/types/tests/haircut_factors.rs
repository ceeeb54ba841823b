//! Property test of the haircut factors against an exact model: however
//! many haircuts, positions and magnitudes (1 unit to 10³⁰), what positions
//! are charged never exceeds what was assigned to them plus one unit per
//! position, and no factor ever reaches zero.
//!
//! The market reports the profit its book holds as `docs/integration.md`
//! asks: an aggregate that grows by each position opened and falls by each
//! haircut's covered amount (and by what settlements pay), so it never
//! falls below the exact value of the positions.

use backstop_types::math::Rounding;
use backstop_types::socializer::Factor;
use cosmwasm_std::Uint128;
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
    /// A position of this profit opens at the factor now.
    Open(u128),
    /// A haircut covering this share (in millionths) of the profit now.
    Haircut(u32),
}

fn magnitude() -> impl Strategy<Value = u128> {
    prop_oneof![
        1u128..1_000,
        1_000u128..1_000_000_000_000,
        (0u32..=30).prop_map(|e| 10u128.pow(e)),
        1u128..=1_000_000_000_000_000_000_000_000_000_000,
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => magnitude().prop_map(Op::Open),
        3 => prop_oneof![Just(0u32), Just(1), Just(1_000_000), 0u32..=1_000_000].prop_map(Op::Haircut),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn positions_are_charged_what_was_assigned_to_them_plus_at_most_one_unit_each(
        ops in prop::collection::vec(op(), 1..80),
    ) {
        let mut factor = Factor::one();
        // (profit, checkpoint)
        let mut positions: Vec<(Uint128, Factor)> = vec![];
        let value = |f: &Factor, p: &(Uint128, Factor)| f.value(p.0, &p.1, Rounding::Down).unwrap();
        let mut assigned = 0u128;
        let mut book = 0u128;
        for op in ops {
            match op {
                Op::Open(p) => {
                    positions.push((Uint128::new(p), factor));
                    book += p;
                }
                Op::Haircut(millionths) => {
                    let base = book;
                    let covered = (base / 1_000_000) * u128::from(millionths)
                        + (base % 1_000_000) * u128::from(millionths) / 1_000_000;
                    factor = factor
                        .keep(Uint128::new(base - covered), Uint128::new(base), Rounding::Down)
                        .unwrap();
                    assigned += covered;
                    book -= covered;
                }
            }
            prop_assert!(!factor.mantissa.is_zero(), "a factor reached zero");
        }
        let charged: u128 = positions
            .iter()
            .map(|p| p.0.u128() - value(&factor, p).u128())
            .sum();
        let n = positions.len() as u128;
        prop_assert!(
            charged <= assigned + n,
            "charged {charged}, assigned {assigned}, {n} positions"
        );
    }
}
