//! Storage. The items other contracts may read with raw queries (`config`,
//! `params`, `state`, `claimants`) are declared in `backstop_types::fund_vault`
//! and re-exported here; the rest is private to the vault.
//!
//! The share token's balances and allowances are cw20-base's own maps
//! (`balance`, `allowance`, `allowance_spender`).

use backstop_types::fund_vault::{ShareTokenInfo, UnlockRequest};
use cosmwasm_std::Addr;
use cw_storage_plus::{Item, Map};

pub use backstop_types::fund_vault::{CLAIMANTS, CONFIG, PARAMS, STATE};
/// Share balances by holder, key `balance`: cw20-base's own map, which its
/// functions the vault calls (transfers, allowances, account queries)
/// read and write, and which cw20 tooling can read raw. The vault's address
/// holds the dead shares and the shares escrowed by unlock requests.
///
/// The allowances are cw20-base's too (`allowance`, `allowance_spender`);
/// only the share token's metadata is the vault's own (`share_token`, and
/// the total supply in `state`).
pub use cw20_base::state::BALANCES;

/// Share token metadata, key `share_token`. Read only by the `TokenInfo` query;
/// the total supply is `STATE.total_shares`.
pub const SHARE_TOKEN: Item<ShareTokenInfo> = Item::new("share_token");

/// Open unlock requests, keyed by (owner, id). Ids are global and never reused.
pub const UNLOCKS: Map<(&Addr, u64), UnlockRequest> = Map::new("unlocks");

/// Count of open unlock requests per owner, bounded by `max_open_unlocks`.
pub const OPEN_UNLOCKS: Map<&Addr, u32> = Map::new("open_unlocks");
