//! Storage. `token`, `params` and `s` (the pool totals) are part of the raw-query
//! interface and are declared in `backstop_types::staking`; the rest is
//! private to this contract.

use backstop_types::asset::AssetInfo;
use backstop_types::staking::compact::{
    prefix_end, unbonding_id, unbonding_key, unbonding_prefix, Compact, STAKING_TOKEN,
};
use backstop_types::staking::{RewardPool, Staker, Unbonding};
use cosmwasm_std::{Addr, Api, CanonicalAddr, Order, StdError, StdResult, Storage};
use cw_storage_plus::{Item, Map};

pub use backstop_types::staking::{PARAMS, STATE};

/// Reward assets in index order, key `reward_assets`. Append-only and bounded
/// by `MAX_REWARD_ASSETS`; read only when paying or funding.
pub const REWARD_ASSETS: Item<Vec<AssetInfo>> = Item::new("reward_assets");

/// Bonded shares, the next unbonding id and each reward asset's
/// distribution state (aligned with `REWARD_ASSETS`, at most
/// `MAX_REWARD_ASSETS`), key `rewards`.
pub const REWARDS: Item<RewardPool> = Item::new("rewards");

/// Stakers by address: bonded shares and reward checkpoints, namespace `k`
/// (short: it is part of every key written).
pub const STAKERS: Map<&Addr, Staker> = Map::new("k");

/// The staking token, stored as its canonical address at key `t`.
pub fn staking_token(storage: &dyn Storage, api: &dyn Api) -> StdResult<Addr> {
    api.addr_humanize(&STAKING_TOKEN.load(storage)?)
}

/// Stores the staking token (at instantiation only: it is immutable).
pub fn save_staking_token(storage: &mut dyn Storage, api: &dyn Api, token: &Addr) -> StdResult<()> {
    STAKING_TOKEN.save(storage, &api.addr_canonicalize(token.as_str())?)
}

// Unbonding entries by (owner, id), namespace `u`, compact binary (see
// `backstop_types::staking::compact`); ids are global and never reused.

/// Writes `owner`'s unbonding entry `id`.
pub fn save_unbonding(
    storage: &mut dyn Storage,
    owner: &CanonicalAddr,
    id: u64,
    entry: &Unbonding,
) {
    storage.set(&unbonding_key(owner, id), &entry.encode());
}

/// Removes `owner`'s unbonding entry `id`.
pub fn remove_unbonding(storage: &mut dyn Storage, owner: &CanonicalAddr, id: u64) {
    storage.remove(&unbonding_key(owner, id));
}

/// `owner`'s unbonding entry `id`, if open.
pub fn load_unbonding(
    storage: &dyn Storage,
    owner: &CanonicalAddr,
    id: u64,
) -> StdResult<Option<Unbonding>> {
    storage
        .get(&unbonding_key(owner, id))
        .map(|b| decode_unbonding(&b))
        .transpose()
}

/// `owner`'s open unbonding entries in id order, after `start_after`.
pub fn unbondings<'a>(
    storage: &'a dyn Storage,
    owner: &CanonicalAddr,
    start_after: Option<u64>,
) -> impl Iterator<Item = StdResult<(u64, Unbonding)>> + 'a {
    let prefix = unbonding_prefix(owner);
    let start = match start_after.and_then(|id| id.checked_add(1)) {
        Some(id) => unbonding_key(owner, id),
        None if start_after.is_some() => prefix_end(&prefix),
        None => prefix.clone(),
    };
    let end = prefix_end(&prefix);
    storage
        .range(Some(&start), Some(&end), Order::Ascending)
        .map(|(key, value)| {
            let id = unbonding_id(&key)
                .ok_or_else(|| StdError::parse_err("unbonding key", "too short"))?;
            Ok((id, decode_unbonding(&value)?))
        })
}

fn decode_unbonding(bytes: &[u8]) -> StdResult<Unbonding> {
    Unbonding::decode(bytes)
        .ok_or_else(|| StdError::parse_err("unbonding entry", "not a valid compact encoding"))
}
