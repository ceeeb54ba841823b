//! The vault's storage layout: the items other contracts may read with raw
//! queries (keys and JSON stable across versions) and the records stored.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Decimal, Uint128};
use cw_storage_plus::{Item, Map};

use crate::asset::AssetInfo;

#[cfg(doc)]
use super::ShareHookMsg;

/// Immutable configuration, key `config`.
pub const CONFIG: Item<VaultConfig> = Item::new("config");
/// Governance parameters and pause switches, key `params`.
pub const PARAMS: Item<Params> = Item::new("params");
/// Share accounting, key `state`.
pub const STATE: Item<VaultState> = Item::new("state");
/// Registered claimants and their usage, keyed by claimant address.
pub const CLAIMANTS: Map<&Addr, Claimant> = Map::new("claimants");

/// The vault's immutable configuration.
#[cw_serde]
pub struct VaultConfig {
    /// The one asset the vault holds.
    pub asset: AssetInfo,
}

/// Governance parameters. Changed by the owner or by `sudo`.
#[cw_serde]
pub struct Params {
    /// Seconds between `Unlock` and the earliest `WithdrawUnlocked`. Fixed per
    /// request when the request is made.
    pub cooldown_seconds: u64,
    /// Seconds after its cooldown during which a request can be withdrawn.
    /// After that it lapses and its shares return to the owner's balance,
    /// so a matured request is no free option to leave ahead of a loss.
    /// Fixed per request when the request is made.
    #[serde(default = "super::default_exit_window")]
    pub exit_window_seconds: u64,
    /// When exits were last resumed after a pause (seconds): a request's
    /// window never closes less than its length after this, so a pause
    /// makes no request lapse.
    #[serde(default)]
    pub exits_resumed_at: u64,
    /// Open unlock requests one address may hold at once.
    pub max_open_unlocks: u32,
    /// Largest fraction of total assets that one payout may take.
    pub max_payout_fraction: Decimal,
    /// Assets a payout always leaves behind while shares exist, so the share
    /// price never reaches zero.
    pub min_reserve: Uint128,
    /// An address that may pause (but not unpause) operations.
    pub guardian: Option<Addr>,
    /// Contracts (the staking contract) that may send shares to the vault
    /// for immediate redemption, bypassing the cooldown: the slashing path.
    pub slash_sources: Vec<Addr>,
    /// The claimant whose limits a slash source's hook may draw on
    /// ([`ShareHookMsg::RedeemSlashed`] with `cover`): the loss socializer
    /// that slashes those sources. A hook draws only against the one-time
    /// ticket this claimant issued in the same block for that amount
    /// (`socializer::DRAW_TICKET`), so no other slasher can draw on it.
    /// `None`: hooks cannot draw.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slash_claimant: Option<Addr>,
    /// Which operations are paused.
    pub pause: PauseFlags,
    /// Notice for changes that raise the share of a loss borne by the
    /// parties other than the underwriters (at least a day).
    #[serde(default = "crate::governance::timelock::default_notice")]
    pub notice_seconds: u64,
    /// The latest time an unlock requested under a longer cooldown and exit
    /// window than today's may still be open: queued changes wait past it.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub exit_horizon: u64,
    /// A queued change of the risk parameters: in force from its `eta`
    /// (readers apply it with [`Params::mature`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<super::timelock::PendingParams>,
}

/// Operations that can be paused separately.
#[cw_serde]
#[derive(Default, Copy)]
pub struct PauseFlags {
    /// `Deposit` (native and cw20) and `AddIncome`.
    pub deposits: bool,
    /// `Unlock` and `WithdrawUnlocked`.
    pub exits: bool,
    /// `CoverShortfall`.
    pub payouts: bool,
}

/// The vault's share accounting.
#[cw_serde]
#[derive(Default)]
pub struct VaultState {
    /// Assets the vault accounts for. Tokens sent to the vault outside
    /// `Deposit` or `AddIncome` are not counted and do not move the price.
    pub total_assets: Uint128,
    /// All shares in existence: held by users, escrowed in unlock requests,
    /// and the dead shares locked by the first deposit.
    pub total_shares: Uint128,
    /// Shares escrowed in open unlock requests (held by the vault itself).
    pub escrowed_shares: Uint128,
    /// The id the next unlock request will get.
    pub next_unlock_id: u64,
    /// The share epoch: shares are counted in this epoch's unit, and
    /// balances, allowances and unlock requests of an older epoch convert
    /// when touched (see [`super::epochs`]). Absent while zero, so a vault
    /// that never rolled over keeps its bytes.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub share_epoch: u64,
    /// The cumulative divisor exponent of the live epoch: one share now is
    /// `10^epoch_exp` shares of epoch 0.
    #[serde(default, skip_serializing_if = "is_zero_u32")]
    pub epoch_exp: u32,
}

/// A registered claimant's limits and usage.
#[cw_serde]
pub struct Claimant {
    /// The limits governance set.
    pub limits: ClaimantLimits,
    /// Everything paid to this claimant, ever.
    pub paid_total: Uint128,
    /// Rate-limit usage as of `window_updated_at`, before decay.
    pub window_used: Uint128,
    /// Block time (seconds) at which `window_used` was last written.
    pub window_updated_at: u64,
    /// The nonce of the last socializer draw ticket a slash hook used for
    /// this claimant (see `socializer::DRAW_TICKET`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub ticket: u64,
    /// Queued limits, in force from their `eta` (readers apply them with
    /// [`Claimant::mature`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<crate::governance::timelock::Pending<ClaimantLimits>>,
}

fn is_zero(v: &u64) -> bool {
    *v == 0
}

fn is_zero_u32(v: &u32) -> bool {
    *v == 0
}

/// Limits on a claimant's payouts.
///
/// The rate limit is a bucket of `window_cap` that refills continuously at
/// `window_cap / window_seconds` per second: at most `window_cap` can be drawn
/// at once, and after a full draw the whole cap is available again
/// `window_seconds` later. Any interval of `window_seconds` therefore pays at
/// most `2 × window_cap`, and a sustained drain at most `window_cap` per window.
#[cw_serde]
pub struct ClaimantLimits {
    /// The most this claimant can ever be paid.
    pub lifetime_cap: Uint128,
    /// The bucket size of the rate limit.
    pub window_cap: Uint128,
    /// Seconds for an empty bucket to refill completely.
    pub window_seconds: u64,
}

/// An open unlock request, keyed by (owner, id).
#[cw_serde]
pub struct UnlockRequest {
    /// Shares escrowed.
    pub shares: Uint128,
    /// What the shares were worth when the request was made (rounded down):
    /// the most the request can ever pay.
    pub assets_at_request: Uint128,
    /// Block time (seconds) from which the request can be withdrawn.
    pub release_at: u64,
    /// Block time (seconds) from which it can no longer be withdrawn, but
    /// lapses (see [`Params::exit_window_seconds`]).
    #[serde(default = "never")]
    pub expires_at: u64,
    /// The share epoch `shares` are counted in (absent: 0).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub epoch: u64,
}

fn never() -> u64 {
    u64::MAX
}

impl UnlockRequest {
    /// Whether the request has lapsed at `now`: past its window, and past a
    /// whole window since exits were last resumed.
    pub fn lapsed(&self, now: u64, exits_resumed_at: u64) -> bool {
        let window = self.expires_at.saturating_sub(self.release_at);
        now >= self.expires_at.max(exits_resumed_at.saturating_add(window))
    }
}
