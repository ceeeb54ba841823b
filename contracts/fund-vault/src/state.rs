//! Storage. The items other contracts may read with raw queries (`config`,
//! `params`, `state`, `claimants`) are declared in `backstop_types::fund_vault`
//! and re-exported here; the rest is private to the vault.
//!
//! The share token's balances use cw20-base's own layout (`balance`).

use backstop_types::fund_vault::{ShareTokenInfo, UnlockRequest};
use cosmwasm_std::{Addr, Uint128};
use cw_storage_plus::{Item, Map};

pub use backstop_types::fund_vault::{CLAIMANTS, CONFIG, PARAMS, STATE};
/// Share balances by holder, key `balance`: cw20-base's own layout, so
/// cw20 tooling that reads it raw keeps working. The vault's address holds
/// the dead shares and the shares escrowed by unlock requests.
pub const BALANCES: Map<&Addr, Uint128> = Map::new("balance");

/// Share token metadata, key `share_token`. Read only by the `TokenInfo` query;
/// the total supply is `STATE.total_shares`.
pub const SHARE_TOKEN: Item<ShareTokenInfo> = Item::new("share_token");

/// Open unlock requests, keyed by (owner, id). Ids are global and never reused.
pub const UNLOCKS: Map<(&Addr, u64), UnlockRequest> = Map::new("unlocks");

/// Count of open unlock requests per owner, bounded by `max_open_unlocks`.
pub const OPEN_UNLOCKS: Map<&Addr, u32> = Map::new("open_unlocks");
