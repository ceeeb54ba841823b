//! Storage. `config`, `params` and `state` are part of the raw-query
//! interface and are declared in `backstop_types::staking`; the rest is
//! private to this contract.

use backstop_types::asset::AssetInfo;
use backstop_types::staking::{RewardState, Staker, Unbonding};
use cosmwasm_std::Addr;
use cw_storage_plus::{Item, Map};

pub use backstop_types::staking::{CONFIG, PARAMS, STATE};

/// Reward assets in index order, key `reward_assets`. Append-only and bounded
/// by `MAX_REWARD_ASSETS`; read only when paying or funding.
pub const REWARD_ASSETS: Item<Vec<AssetInfo>> = Item::new("reward_assets");

/// Each reward asset's distribution state, aligned with `REWARD_ASSETS`,
/// key `rewards`. Bounded by `MAX_REWARD_ASSETS`.
pub const REWARDS: Item<Vec<RewardState>> = Item::new("rewards");

/// Stakers by address: stake, unbonding shares and reward checkpoints.
pub const STAKERS: Map<&Addr, Staker> = Map::new("stakers");

/// Unbonding entries by (owner, id); ids are global and never reused.
pub const UNBONDINGS: Map<(&Addr, u64), Unbonding> = Map::new("unbondings");
