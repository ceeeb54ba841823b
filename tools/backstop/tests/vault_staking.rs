//! The vault+staking profile (tests/scenarios/vault-staking.toml) on the
//! native engine: rewards stream to stakers, a market draws on the vault
//! as a claimant within its window, and stakers are never slashed.

use std::path::Path;

use backstop::engine::{self, EngineKind};
use backstop_types::staking;
use cosmwasm_std::{from_json, to_json_vec};

const T: u128 = 1_000_000;

#[test]
fn stakers_earn_rewards_and_lose_with_the_vault_but_are_not_slashed() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/vault-staking.toml");
    let scenario = backstop::load(&path).expect("reads");
    assert_eq!(scenario.event_count(), 13, "the repeat counts three times");
    let (r, mut d) = backstop::simulate(
        &scenario,
        engine::create(EngineKind::Native).unwrap(),
        false,
    )
    .expect("runs");
    for e in &r.events {
        assert!(e.ok, "event {} {}: {:?}", e.index, e.label, e.error);
    }
    let times: Vec<u64> = r.events[3..6].iter().map(|e| e.time).collect();
    assert_eq!(
        times,
        vec![86_400, 2 * 86_400, 3 * 86_400],
        "repeated daily"
    );

    let s = r.events[7].shortfall.as_ref().expect("the claimant's draw");
    assert_eq!(s.vault.u128(), 1_000_000 * T, "the claimant's daily window");
    assert_eq!(s.residual.u128(), 500_000 * T);
    assert_eq!(s.stakers.u128(), 0, "no socializer, no slash");
    let (before, after) = (&r.events[6].state, &r.events[7].state);
    assert_eq!(
        after.staked_tokens, before.staked_tokens,
        "stake is not slashed"
    );
    assert!(
        after.staked_value < before.staked_value,
        "but loses with the price"
    );

    // rewards: funded in full by the treasury, paid to stakers, never more
    let staking_addr = d.addresses["staking"].clone();
    let assets: staking::RewardAssetsResponse = from_json(
        d.engine
            .query(
                &staking_addr,
                &to_json_vec(&staking::QueryMsg::RewardAssets {}).unwrap(),
            )
            .unwrap(),
    )
    .unwrap();
    let a = &assets.assets[0];
    assert_eq!(a.funded.u128(), 10_000 * T);
    assert!(a.claimed.u128() > 0 && a.claimed <= a.funded, "{a:?}");
    let treasury = r.actors.iter().find(|x| x.group == "treasury").unwrap();
    assert_eq!(treasury.gain, (-(10_000 * T as i128)).to_string());

    // nothing is created or lost: the actors' gains and losses, the
    // market's receipts, the value of the vault's dead shares and the
    // rewards still in the staking contract and owed to no one add up to
    // zero, to the rounding of each position's value
    let f = &r.final_state;
    let sum: i128 = r
        .actors
        .iter()
        .filter(|x| ["underwriters", "stakers", "treasury"].contains(&x.group.as_str()))
        .map(|x| x.gain.parse::<i128>().unwrap())
        .sum();
    let to_market = f.balances["market:btc-perp"].asset.u128() as i128;
    let dead = f.balances["contract:vault"].shares.u128();
    assert_eq!(dead, 1_000, "only the dead shares are left in the vault");
    let dead_value = (f.vault.total_assets.u128() * dead / f.vault.total_shares.u128()) as i128;
    let pending: u128 = f
        .stakers
        .values()
        .flat_map(|s| s.pending_rewards.iter().map(|p| p.amount.u128()))
        .sum();
    let unowed = f.balances["contract:staking"].asset.u128() as i128 - pending as i128;
    let gap = sum + to_market + dead_value + unowed;
    assert!(
        gap.abs() <= 4,
        "gains {sum}, market {to_market}, dead shares {dead_value}, unowed rewards {unowed}: {gap}"
    );
}
