//! Storage. `token`, `params` and `s` (the pool totals) are part of the raw-query
//! interface and are declared in `backstop_types::staking`; the rest is
//! private to this contract.

use backstop_types::asset::AssetInfo;
use backstop_types::staking::{RewardPool, Staker, Unbonding};
use cosmwasm_std::Addr;
use cw_storage_plus::{Item, Map};

pub use backstop_types::staking::{PARAMS, STAKING_TOKEN, STATE};

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

/// Unbonding entries by (owner, id), namespace `u`; ids are global and
/// never reused.
pub const UNBONDINGS: Map<(&Addr, u64), Unbonding> = Map::new("u");
