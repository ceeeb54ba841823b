//! The fund vault's interface: messages, responses, events, and the storage
//! layout that other contracts may read with raw queries.
//!
//! # Raw-query interface
//! The items below are part of the vault's public interface. Their keys and
//! JSON layouts are stable across versions; a migration that changes them is a
//! breaking change for integrators. A contract reads them without a smart query
//! (which costs 60,000 SDK gas on wasmd) through `Item::query` /
//! `Map::query` on a `QuerierWrapper`:
//!
//! | constant | key | value |
//! |---|---|---|
//! | [`CONFIG`] | `config` | [`VaultConfig`] |
//! | [`PARAMS`] | `params` | [`Params`] |
//! | [`STATE`] | `state` | [`VaultState`] |
//! | [`CLAIMANTS`] | `claimants` + address | [`Claimant`] |
//!
//! [`Claimant::coverable`] computes what a payout to that claimant would pay
//! from these three values alone, exactly as the vault does.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Api, Decimal, Uint128};
use cw20::Cw20ReceiveMsg;
use cw_storage_plus::{Item, Map};

use crate::asset::{AssetInfo, AssetInfoUnchecked};
use crate::math::{mul_div, mul_fraction, MathResult, Rounding};
use crate::params::{check_addr, check_bounded, check_fraction, check_positive, ParamError};
use crate::typed_event;

/// Longest cooldown accepted (one year), to catch unit mistakes.
pub const MAX_COOLDOWN_SECONDS: u64 = 365 * 24 * 3600;
/// Largest `max_open_unlocks` accepted.
pub const MAX_OPEN_UNLOCKS_LIMIT: u32 = 100;
/// Most slash sources.
pub const MAX_SLASH_SOURCES: usize = 5;
/// Longest claimant rate-limit window accepted (one year).
pub const MAX_WINDOW_SECONDS: u64 = 365 * 24 * 3600;

// ---------------------------------------------------------------------------
// Storage layout (raw-query interface)
// ---------------------------------------------------------------------------

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
    /// that slashes those sources. Whoever can make a slash source send
    /// shares with a message (its slashers and owner) can then draw up to
    /// this claimant's limits, so link only sources governed as tightly as
    /// the vault. `None`: hooks cannot draw.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slash_claimant: Option<Addr>,
    /// Which operations are paused.
    pub pause: PauseFlags,
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
}

impl ClaimantLimits {
    /// Checks that the window is positive and within bounds.
    pub fn validate(&self) -> Result<(), ParamError> {
        check_bounded("window_seconds", self.window_seconds, MAX_WINDOW_SECONDS)?;
        Ok(())
    }
}

impl Claimant {
    /// A claimant that has drawn nothing yet.
    pub fn new(limits: ClaimantLimits) -> Self {
        Self {
            limits,
            paid_total: Uint128::zero(),
            window_used: Uint128::zero(),
            window_updated_at: 0,
        }
    }

    /// Rate-limit usage at `now`, after the bucket's refill. Refill rounds
    /// down, so usage decays no faster than the exact rate.
    pub fn window_used_at(&self, now: u64) -> MathResult<Uint128> {
        let elapsed = now.saturating_sub(self.window_updated_at);
        if elapsed >= self.limits.window_seconds {
            return Ok(Uint128::zero());
        }
        let refill = mul_div(
            self.limits.window_cap,
            Uint128::from(elapsed),
            Uint128::from(self.limits.window_seconds),
            Rounding::Down,
        )?;
        Ok(self.window_used.saturating_sub(refill))
    }

    /// What the rate limit still allows at `now`.
    pub fn window_remaining_at(&self, now: u64) -> MathResult<Uint128> {
        Ok(self
            .limits
            .window_cap
            .saturating_sub(self.window_used_at(now)?))
    }

    /// What the lifetime cap still allows.
    pub fn lifetime_remaining(&self) -> Uint128 {
        self.limits.lifetime_cap.saturating_sub(self.paid_total)
    }

    /// What a payout to this claimant at `now` would pay, under every limit
    /// of the claimant and of the vault. Zero while payouts are paused.
    pub fn coverable(&self, params: &Params, state: &VaultState, now: u64) -> MathResult<Uint128> {
        if params.pause.payouts {
            return Ok(Uint128::zero());
        }
        Ok(state
            .payout_capacity(params)?
            .min(self.lifetime_remaining())
            .min(self.window_remaining_at(now)?))
    }

    /// Records a payout of `amount` at `now`.
    pub fn record_payout(&mut self, amount: Uint128, now: u64) -> MathResult<()> {
        self.window_used = self.window_used_at(now)?.checked_add(amount).map_err(|_| {
            crate::math::MathError::Overflow {
                what: "claimant window usage",
            }
        })?;
        self.window_updated_at = now;
        self.paid_total =
            self.paid_total
                .checked_add(amount)
                .map_err(|_| crate::math::MathError::Overflow {
                    what: "claimant lifetime total",
                })?;
        Ok(())
    }
}

impl VaultState {
    /// The most one payout may take from the vault: `max_payout_fraction` of
    /// total assets (rounded down), and never the `min_reserve` floor.
    pub fn payout_capacity(&self, params: &Params) -> MathResult<Uint128> {
        let by_fraction = mul_fraction(
            self.total_assets,
            params.max_payout_fraction,
            Rounding::Down,
        )?;
        let above_floor = self.total_assets.saturating_sub(params.min_reserve);
        Ok(by_fraction.min(above_floor))
    }
}

// ---------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------

/// Instantiates a vault.
#[cw_serde]
pub struct InstantiateMsg {
    /// The owner: meant to be the chain's gov module address.
    pub owner: String,
    /// The asset the vault holds.
    pub asset: AssetInfoUnchecked,
    /// Name, symbol and decimals of the share token.
    pub share_token: ShareTokenInfo,
    /// Initial parameters.
    pub params: ParamsMsg,
    /// An optional guardian that may pause operations.
    pub guardian: Option<String>,
    /// Claimants registered from the start.
    #[serde(default)]
    pub claimants: Vec<ClaimantMsg>,
    /// Slash sources registered from the start (see [`Params::slash_sources`]).
    #[serde(default)]
    pub slash_sources: Vec<String>,
    /// See [`Params::slash_claimant`].
    #[serde(default)]
    pub slash_claimant: Option<String>,
}

/// Cw20 metadata of the vault's share token.
#[cw_serde]
pub struct ShareTokenInfo {
    /// Token name, 3 to 50 characters.
    pub name: String,
    /// Token symbol, 3 to 12 letters, digits or `-`.
    pub symbol: String,
    /// Decimals; the usual choice is the asset's own.
    pub decimals: u8,
}

impl ShareTokenInfo {
    /// Checks the cw20 metadata rules.
    pub fn validate(&self) -> Result<(), ParamError> {
        if !(3..=50).contains(&self.name.len()) {
            return Err(ParamError::InvalidText {
                name: "share_token.name",
                reason: "must be 3 to 50 bytes",
            });
        }
        if !(3..=12).contains(&self.symbol.len())
            || !self
                .symbol
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return Err(ParamError::InvalidText {
                name: "share_token.symbol",
                reason: "must be 3 to 12 letters, digits or '-'",
            });
        }
        if self.decimals > 18 {
            return Err(ParamError::AboveMax {
                name: "share_token.decimals",
                value: self.decimals.into(),
                max: 18,
            });
        }
        Ok(())
    }
}

/// The full parameter set, as sent at instantiation.
#[cw_serde]
pub struct ParamsMsg {
    /// See [`Params::cooldown_seconds`].
    pub cooldown_seconds: u64,
    /// See [`Params::max_open_unlocks`].
    pub max_open_unlocks: u32,
    /// See [`Params::max_payout_fraction`].
    pub max_payout_fraction: Decimal,
    /// See [`Params::min_reserve`].
    pub min_reserve: Uint128,
}

/// A partial parameter update: fields left `None` keep their value.
#[cw_serde]
#[derive(Default)]
pub struct ParamsUpdate {
    /// New cooldown; applies to requests made from now on.
    pub cooldown_seconds: Option<u64>,
    /// New bound on open unlock requests per address.
    pub max_open_unlocks: Option<u32>,
    /// New per-payout fraction cap.
    pub max_payout_fraction: Option<Decimal>,
    /// New reserve floor.
    pub min_reserve: Option<Uint128>,
}

/// A claimant and its limits, as sent in messages.
#[cw_serde]
pub struct ClaimantMsg {
    /// The claimant's address: a market contract or the loss socializer.
    pub address: String,
    /// Its limits.
    pub limits: ClaimantLimits,
}

/// Switches to flip; fields left `None` keep their value.
#[cw_serde]
#[derive(Default)]
pub struct PauseUpdate {
    /// Pause (`true`) or resume deposits and income.
    pub deposits: Option<bool>,
    /// Pause or resume unlocks and withdrawals.
    pub exits: Option<bool>,
    /// Pause or resume payouts.
    pub payouts: Option<bool>,
}

impl ParamsMsg {
    /// Validates the parameters into their stored form.
    pub fn check(self, guardian: Option<Addr>) -> Result<Params, ParamError> {
        let params = Params {
            cooldown_seconds: self.cooldown_seconds,
            max_open_unlocks: self.max_open_unlocks,
            max_payout_fraction: self.max_payout_fraction,
            min_reserve: self.min_reserve,
            guardian,
            slash_sources: vec![],
            slash_claimant: None,
            pause: PauseFlags::default(),
        };
        params.validate()?;
        Ok(params)
    }
}

impl Params {
    /// Checks every invariant: durations and counts positive and bounded,
    /// fractions at most one, a positive reserve floor.
    pub fn validate(&self) -> Result<(), ParamError> {
        check_bounded(
            "cooldown_seconds",
            self.cooldown_seconds,
            MAX_COOLDOWN_SECONDS,
        )?;
        check_bounded(
            "max_open_unlocks",
            self.max_open_unlocks.into(),
            MAX_OPEN_UNLOCKS_LIMIT.into(),
        )?;
        check_positive("max_payout_fraction", self.max_payout_fraction)?;
        check_fraction("max_payout_fraction", self.max_payout_fraction)?;
        check_positive("min_reserve", self.min_reserve)?;
        Ok(())
    }

    /// Applies a partial update and validates the result.
    pub fn apply(&self, update: ParamsUpdate) -> Result<Params, ParamError> {
        let mut next = self.clone();
        if let Some(v) = update.cooldown_seconds {
            next.cooldown_seconds = v;
        }
        if let Some(v) = update.max_open_unlocks {
            next.max_open_unlocks = v;
        }
        if let Some(v) = update.max_payout_fraction {
            next.max_payout_fraction = v;
        }
        if let Some(v) = update.min_reserve {
            next.min_reserve = v;
        }
        next.validate()?;
        Ok(next)
    }
}

impl PauseFlags {
    /// The flags after `update`.
    pub fn apply(self, update: &PauseUpdate) -> PauseFlags {
        PauseFlags {
            deposits: update.deposits.unwrap_or(self.deposits),
            exits: update.exits.unwrap_or(self.exits),
            payouts: update.payouts.unwrap_or(self.payouts),
        }
    }
}

impl ClaimantMsg {
    /// Validates the address and the limits.
    pub fn check(self, api: &dyn Api) -> Result<(Addr, ClaimantLimits), ParamError> {
        let address = check_addr(api, "claimant", &self.address)?;
        self.limits.validate()?;
        Ok((address, self.limits))
    }
}

/// Execute messages.
#[cw_serde]
pub enum ExecuteMsg {
    /// Deposits the native asset sent as funds and mints shares (rounded
    /// down) to `recipient`, or to the sender.
    Deposit {
        /// Who receives the shares; the sender when omitted.
        recipient: Option<String>,
        /// Fails unless at least this many shares are minted.
        min_shares: Option<Uint128>,
    },
    /// Adds the native asset sent as funds to total assets without minting
    /// shares: protocol fee income that raises the share price.
    AddIncome {},
    /// Cw20 hook: deposits or income in the cw20 asset ([`ReceiveMsg`]).
    Receive(Cw20ReceiveMsg),
    /// Escrows `shares` of the sender and starts a cooldown.
    Unlock {
        /// Shares to escrow.
        shares: Uint128,
    },
    /// After its cooldown, burns an unlock request's shares and pays
    /// `min(value at request, value now)`, rounded down.
    WithdrawUnlocked {
        /// The request id, as returned by `Unlock`.
        id: u64,
        /// Who receives the assets; the sender when omitted.
        recipient: Option<String>,
    },
    /// Claimants only: pays `min(amount, every limit)` to `recipient`.
    /// Response data is a [`CoverShortfallResponse`].
    CoverShortfall {
        /// Amount of the shortfall to cover.
        amount: Uint128,
        /// Who receives the payout.
        recipient: String,
    },
    /// Owner or guardian: pauses or resumes operations. The guardian can
    /// only pause.
    SetPause(PauseUpdate),
    /// Owner only: governance actions, the same as `sudo`.
    Owner(GovMsg),
    /// Two-step ownership transfer (cw-ownable).
    UpdateOwnership(cw_ownable::Action),
    /// Cw20: moves shares.
    Transfer {
        /// Receiver of the shares.
        recipient: String,
        /// Shares to move.
        amount: Uint128,
    },
    /// Cw20: moves shares to a contract and calls its `Receive` hook.
    Send {
        /// Receiving contract.
        contract: String,
        /// Shares to move.
        amount: Uint128,
        /// Message for the hook.
        msg: cosmwasm_std::Binary,
    },
}

/// Messages carried by a cw20 `Send` of the vault's asset.
#[cw_serde]
pub enum ReceiveMsg {
    /// Deposits the tokens sent, as [`ExecuteMsg::Deposit`].
    Deposit {
        /// Who receives the shares; the cw20 sender when omitted.
        recipient: Option<String>,
        /// Fails unless at least this many shares are minted.
        min_shares: Option<Uint128>,
    },
    /// Adds the tokens sent as income, as [`ExecuteMsg::AddIncome`].
    AddIncome {},
}

/// Governance actions, sent by the owner through [`ExecuteMsg::Owner`] or by
/// the chain through `sudo` (`MsgSudoContract`).
#[cw_serde]
pub enum GovMsg {
    /// Changes parameters; fields left out keep their value.
    UpdateParams(ParamsUpdate),
    /// Registers a claimant, or changes its limits (usage is kept).
    SetClaimant(ClaimantMsg),
    /// Removes a claimant.
    RemoveClaimant {
        /// The claimant's address.
        address: String,
    },
    /// Sets or clears the guardian.
    SetGuardian {
        /// The new guardian; none when omitted.
        address: Option<String>,
    },
    /// Replaces the slash sources (at most [`MAX_SLASH_SOURCES`]) and the
    /// claimant their hooks may draw on.
    SetSlashSources {
        /// The contracts, usually the staking contract.
        addresses: Vec<String>,
        /// See [`Params::slash_claimant`]; none when omitted.
        #[serde(default)]
        claimant: Option<String>,
    },
    /// Pauses or resumes operations.
    SetPause(PauseUpdate),
}

/// The hook a slash source attaches when it `Send`s shares to the vault.
#[cw_serde]
pub enum ShareHookMsg {
    /// Burns the shares sent and pays their value now (rounded down) to
    /// `recipient` at once, without cooldown. With `cover`, the same
    /// execution then draws `cover` for [`Params::slash_claimant`], exactly
    /// as its `CoverShortfall` would, and pays both in one transfer: a
    /// waterfall's staker and vault layers in one vault execution.
    RedeemSlashed {
        /// Who receives the assets: the market that had the shortfall.
        recipient: String,
        /// Shortfall the vault covers after the redemption, within every
        /// limit of the linked claimant.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cover: Option<Uint128>,
    },
}

/// Migrates the contract; only version bookkeeping for now.
#[cw_serde]
pub struct MigrateMsg {}

/// Response data of `CoverShortfall`.
#[cw_serde]
pub struct CoverShortfallResponse {
    /// Amount sent to the recipient.
    pub paid: Uint128,
    /// `amount - paid`: what the vault's limits left uncovered.
    pub uncovered: Uint128,
}

/// Response data of a deposit.
#[cw_serde]
pub struct DepositResponse {
    /// Shares minted to the recipient.
    pub shares: Uint128,
}

/// Response data of `Unlock`.
#[cw_serde]
pub struct UnlockResponse {
    /// The new request's id.
    pub id: u64,
    /// Its release time (seconds).
    pub release_at: u64,
}

/// Queries.
#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    /// The asset and the share token's metadata.
    #[returns(ConfigResponse)]
    Config {},
    /// Governance parameters, guardian and pause switches.
    #[returns(Params)]
    Params {},
    /// Assets the vault accounts for.
    #[returns(Uint128)]
    TotalAssets {},
    /// All shares in existence (the share token's total supply).
    #[returns(Uint128)]
    TotalShares {},
    /// Assets per share.
    #[returns(SharePriceResponse)]
    SharePrice {},
    /// Shares a deposit of `amount` would mint now (rounded down).
    #[returns(Uint128)]
    ConvertToShares {
        /// Assets.
        amount: Uint128,
    },
    /// Assets `amount` shares are worth now (rounded down).
    #[returns(Uint128)]
    ConvertToAssets {
        /// Shares.
        amount: Uint128,
    },
    /// An address's open unlock requests, by id.
    #[returns(UnlockRequestsResponse)]
    UnlockRequests {
        /// The requests' owner.
        owner: String,
        /// Return ids after this one.
        start_after: Option<u64>,
        /// At most this many (default 10, max 30).
        limit: Option<u32>,
    },
    /// A claimant's limits, usage and what it could draw now.
    #[returns(ClaimantResponse)]
    Claimant {
        /// The claimant's address.
        address: String,
    },
    /// All claimants, by address.
    #[returns(ClaimantsResponse)]
    Claimants {
        /// Return addresses after this one.
        start_after: Option<String>,
        /// At most this many (default 10, max 30).
        limit: Option<u32>,
    },
    /// Current and pending owner (cw-ownable).
    #[returns(cw_ownable::Ownership<String>)]
    Ownership {},
    /// Cw20: an address's share balance.
    #[returns(cw20::BalanceResponse)]
    Balance {
        /// The holder.
        address: String,
    },
    /// Cw20: share token metadata and total supply.
    #[returns(cw20::TokenInfoResponse)]
    TokenInfo {},
    /// Cw20: all share holders.
    #[returns(cw20::AllAccountsResponse)]
    AllAccounts {
        /// Return holders after this one.
        start_after: Option<String>,
        /// At most this many.
        limit: Option<u32>,
    },
}

/// Response to [`QueryMsg::Config`].
#[cw_serde]
pub struct ConfigResponse {
    /// The asset.
    pub asset: AssetInfo,
    /// Share token metadata.
    pub share_token: ShareTokenInfo,
}

/// Response to [`QueryMsg::SharePrice`].
#[cw_serde]
pub struct SharePriceResponse {
    /// Assets the vault accounts for.
    pub total_assets: Uint128,
    /// Shares in existence.
    pub total_shares: Uint128,
    /// Assets per share, rounded down; one while the vault is empty (the
    /// price of the first deposit).
    pub price: Decimal,
}

/// One unlock request, with what it would pay now.
#[cw_serde]
pub struct UnlockRequestView {
    /// Request id.
    pub id: u64,
    /// Shares escrowed.
    pub shares: Uint128,
    /// Value when requested.
    pub assets_at_request: Uint128,
    /// Release time (seconds).
    pub release_at: u64,
    /// `min(value at request, value now)`: what withdrawing would pay.
    pub payable_now: Uint128,
}

/// Response to [`QueryMsg::UnlockRequests`].
#[cw_serde]
pub struct UnlockRequestsResponse {
    /// Requests, by id.
    pub requests: Vec<UnlockRequestView>,
}

/// Response to [`QueryMsg::Claimant`].
#[cw_serde]
pub struct ClaimantResponse {
    /// The claimant.
    pub address: String,
    /// Its limits.
    pub limits: ClaimantLimits,
    /// Paid to it, ever.
    pub paid_total: Uint128,
    /// Rate-limit usage now.
    pub window_used: Uint128,
    /// What the rate limit allows now.
    pub window_remaining: Uint128,
    /// What the lifetime cap allows.
    pub lifetime_remaining: Uint128,
    /// What a payout would pay now under every limit.
    pub coverable_now: Uint128,
}

/// Response to [`QueryMsg::Claimants`].
#[cw_serde]
pub struct ClaimantsResponse {
    /// Claimants, by address.
    pub claimants: Vec<ClaimantResponse>,
}

// ---------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------

typed_event! {
    /// Assets deposited and shares minted.
    DepositEvent = "backstop-vault-deposit" {
        /// Who paid.
        sender: String,
        /// Who received the shares.
        recipient: String,
        /// Assets deposited.
        assets: Uint128,
        /// Shares minted to the recipient.
        shares: Uint128,
        /// Total assets after.
        total_assets: Uint128,
        /// Total shares after.
        total_shares: Uint128,
    }
}

typed_event! {
    /// Income added without minting shares.
    IncomeEvent = "backstop-vault-income" {
        /// Who paid.
        sender: String,
        /// Assets added.
        assets: Uint128,
        /// Total assets after.
        total_assets: Uint128,
    }
}

typed_event! {
    /// Shares escrowed for exit.
    UnlockEvent = "backstop-vault-unlock" {
        /// The owner.
        owner: String,
        /// Request id.
        id: u64,
        /// Shares escrowed.
        shares: Uint128,
        /// Their value now, the most the request can pay.
        assets_at_request: Uint128,
        /// Release time (seconds).
        release_at: u64,
    }
}

typed_event! {
    /// An unlock request paid out and its shares burned.
    WithdrawEvent = "backstop-vault-withdraw" {
        /// The owner.
        owner: String,
        /// Who received the assets.
        recipient: String,
        /// Request id.
        id: u64,
        /// Shares burned.
        shares: Uint128,
        /// Assets paid.
        assets: Uint128,
    }
}

typed_event! {
    /// A shortfall payout.
    CoverShortfallEvent = "backstop-vault-cover-shortfall" {
        /// The claimant.
        claimant: String,
        /// Who received the payout.
        recipient: String,
        /// Amount asked.
        requested: Uint128,
        /// Amount paid.
        paid: Uint128,
        /// Amount left uncovered.
        uncovered: Uint128,
        /// Total assets after.
        total_assets: Uint128,
    }
}

typed_event! {
    /// Slashed shares redeemed at once.
    SlashRedeemEvent = "backstop-vault-slash-redeem" {
        /// The slash source that sent the shares.
        source: String,
        /// Who received the assets.
        recipient: String,
        /// Shares burned.
        shares: Uint128,
        /// Assets paid.
        assets: Uint128,
        /// Total assets after.
        total_assets: Uint128,
    }
}

typed_event! {
    /// Slash sources replaced.
    SlashSourcesSetEvent = "backstop-vault-slash-sources" {
        /// How many there are now.
        count: u32,
        /// The claimant their hooks may draw on, or empty.
        claimant: String,
    }
}

typed_event! {
    /// Parameters changed.
    ParamsUpdatedEvent = "backstop-vault-params" {
        /// Cooldown (seconds).
        cooldown_seconds: u64,
        /// Open unlocks per address.
        max_open_unlocks: u32,
        /// Per-payout fraction cap.
        max_payout_fraction: Decimal,
        /// Reserve floor.
        min_reserve: Uint128,
    }
}

typed_event! {
    /// A claimant registered or its limits changed.
    ClaimantSetEvent = "backstop-vault-claimant-set" {
        /// The claimant.
        claimant: String,
        /// Lifetime cap.
        lifetime_cap: Uint128,
        /// Rate-limit bucket.
        window_cap: Uint128,
        /// Rate-limit refill time.
        window_seconds: u64,
    }
}

typed_event! {
    /// A claimant removed.
    ClaimantRemovedEvent = "backstop-vault-claimant-removed" {
        /// The claimant.
        claimant: String,
    }
}

typed_event! {
    /// The guardian changed; empty when cleared.
    GuardianSetEvent = "backstop-vault-guardian" {
        /// The guardian, or empty.
        guardian: String,
    }
}

typed_event! {
    /// Pause switches changed.
    PauseEvent = "backstop-vault-pause" {
        /// Who changed them.
        sender: String,
        /// Deposits paused.
        deposits: bool,
        /// Exits paused.
        exits: bool,
        /// Payouts paused.
        payouts: bool,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params() -> Params {
        ParamsMsg {
            cooldown_seconds: 100,
            max_open_unlocks: 5,
            max_payout_fraction: Decimal::percent(50),
            min_reserve: Uint128::new(10),
        }
        .check(None)
        .unwrap()
    }

    fn claimant(window_cap: u128, window_seconds: u64, lifetime_cap: u128) -> Claimant {
        Claimant::new(ClaimantLimits {
            lifetime_cap: Uint128::new(lifetime_cap),
            window_cap: Uint128::new(window_cap),
            window_seconds,
        })
    }

    #[test]
    fn the_rate_limit_bucket_refills_linearly_rounding_against_the_claimant() {
        let mut c = claimant(1_000, 3, u128::MAX);
        c.record_payout(Uint128::new(1_000), 10).unwrap();
        assert_eq!(c.window_remaining_at(10).unwrap(), Uint128::zero());
        // one second refills 333.33 -> 333
        assert_eq!(c.window_remaining_at(11).unwrap(), Uint128::new(333));
        assert_eq!(c.window_remaining_at(13).unwrap(), Uint128::new(1_000));
    }

    #[test]
    fn coverable_is_the_least_of_every_limit() {
        let p = params();
        let state = VaultState {
            total_assets: Uint128::new(1_000),
            total_shares: Uint128::new(1_000),
            ..Default::default()
        };
        // fraction: 500; floor: 990; window: 400; lifetime: 300
        assert_eq!(
            claimant(400, 10, 300).coverable(&p, &state, 0).unwrap(),
            Uint128::new(300)
        );
        assert_eq!(
            claimant(400, 10, 9_999).coverable(&p, &state, 0).unwrap(),
            Uint128::new(400)
        );
        assert_eq!(
            claimant(9_999, 10, 9_999).coverable(&p, &state, 0).unwrap(),
            Uint128::new(500)
        );
        let small = VaultState {
            total_assets: Uint128::new(15),
            ..state.clone()
        };
        // fraction of 15 is 7; floor leaves 5
        assert_eq!(
            claimant(9_999, 10, 9_999).coverable(&p, &small, 0).unwrap(),
            Uint128::new(5)
        );
        let paused = Params {
            pause: PauseFlags {
                payouts: true,
                ..Default::default()
            },
            ..p
        };
        assert_eq!(
            claimant(9_999, 10, 9_999)
                .coverable(&paused, &state, 0)
                .unwrap(),
            Uint128::zero()
        );
    }

    #[test]
    fn invalid_parameters_are_named() {
        let p = params();
        assert_eq!(
            p.apply(ParamsUpdate {
                cooldown_seconds: Some(0),
                ..Default::default()
            }),
            Err(ParamError::MustBePositive {
                name: "cooldown_seconds"
            })
        );
        assert_eq!(
            p.apply(ParamsUpdate {
                max_payout_fraction: Some(Decimal::percent(150)),
                ..Default::default()
            }),
            Err(ParamError::FractionAboveOne {
                name: "max_payout_fraction",
                value: Decimal::percent(150)
            })
        );
        assert_eq!(
            p.apply(ParamsUpdate {
                max_open_unlocks: Some(1_000),
                ..Default::default()
            }),
            Err(ParamError::AboveMax {
                name: "max_open_unlocks",
                value: 1_000,
                max: 100
            })
        );
        assert_eq!(
            p.apply(ParamsUpdate {
                min_reserve: Some(Uint128::zero()),
                ..Default::default()
            }),
            Err(ParamError::MustBePositive {
                name: "min_reserve"
            })
        );
    }
}
