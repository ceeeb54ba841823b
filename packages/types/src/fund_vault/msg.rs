//! The vault's instantiate, execute, receive, governance, hook and migrate
//! messages, and the data execution responses carry.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::Uint128;
use cw20::{Cw20ReceiveMsg, Expiration};

use super::{ClaimantMsg, ParamsMsg, ParamsUpdate, PauseUpdate, ShareTokenInfo};
use crate::asset::AssetInfoUnchecked;

#[cfg(doc)]
use super::{Params, MAX_SLASH_SOURCES};

/// Instantiates a vault.
#[cw_serde]
#[serde(deny_unknown_fields)]
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

/// Execute messages.
#[cw_serde]
#[serde(deny_unknown_fields)]
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
    /// Cw20 allowances: lets `spender` move `amount` more of the sender's
    /// shares, and sets the allowance's expiration when one is given.
    IncreaseAllowance {
        /// Who may move the shares.
        spender: String,
        /// Shares added to the allowance.
        amount: Uint128,
        /// New expiration; the current one is kept when omitted.
        expires: Option<Expiration>,
    },
    /// Cw20 allowances: lowers `spender`'s allowance by `amount`, removing
    /// it when that leaves nothing.
    DecreaseAllowance {
        /// Whose allowance to lower.
        spender: String,
        /// Shares taken off the allowance.
        amount: Uint128,
        /// New expiration; the current one is kept when omitted.
        expires: Option<Expiration>,
    },
    /// Cw20 allowances: moves `amount` of `owner`'s shares to `recipient`
    /// within the allowance `owner` gave the sender.
    TransferFrom {
        /// Whose shares.
        owner: String,
        /// Receiver of the shares.
        recipient: String,
        /// Shares to move.
        amount: Uint128,
    },
    /// Cw20 allowances: moves `amount` of `owner`'s shares to a contract
    /// within the allowance `owner` gave the sender, and calls the contract's
    /// `Receive` hook with the sender (the spender) as its `sender`.
    SendFrom {
        /// Whose shares.
        owner: String,
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
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
pub enum GovMsg {
    /// Changes parameters; fields left out keep their value. A change that
    /// can raise anyone's share of a loss is queued (see
    /// [`super::timelock`]); the rest apply at once.
    UpdateParams(ParamsUpdate),
    /// Registers a claimant, or changes its limits (usage is kept). Looser
    /// limits, or a new claimant, wait for the underwriters' exit; tighter
    /// ones for the notice period.
    SetClaimant(ClaimantMsg),
    /// Removes a claimant: at once if it can draw nothing, else its limits
    /// fall to zero after the notice period.
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
    /// Cancels the queued parameter change, or with `claimant`, that
    /// claimant's queued limits.
    CancelPending {
        /// The claimant whose queued limits to cancel.
        #[serde(default)]
        claimant: Option<String>,
    },
}

/// The hook a slash source attaches when it `Send`s shares to the vault.
#[cw_serde]
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
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
    /// When it lapses unless withdrawn (seconds).
    pub expires_at: u64,
}
