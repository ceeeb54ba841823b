//! The vault's queries and their responses.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Decimal, Uint128};

use super::{ClaimantLimits, ShareTokenInfo};
// Named only by the `QueryResponses` derive, which is not compiled for wasm.
#[cfg_attr(target_arch = "wasm32", allow(unused_imports))]
use super::Params;
use crate::asset::AssetInfo;

/// Queries.
#[cw_serde]
#[serde(deny_unknown_fields)]
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
    /// Cw20: all share holders, by address.
    #[returns(cw20::AllAccountsResponse)]
    AllAccounts {
        /// Return holders after this one.
        start_after: Option<String>,
        /// At most this many (default 10, max 30).
        limit: Option<u32>,
    },
    /// Cw20: who mints shares, the vault itself, without a cap. Shares are
    /// minted only by deposits.
    #[returns(cw20::MinterResponse)]
    Minter {},
    /// Cw20: the allowance `owner` gave `spender`; zero and never expiring
    /// when there is none.
    #[returns(cw20::AllowanceResponse)]
    Allowance {
        /// Whose shares.
        owner: String,
        /// Who may move them.
        spender: String,
    },
    /// Cw20: the allowances an owner gave, by spender.
    #[returns(cw20::AllAllowancesResponse)]
    AllAllowances {
        /// Whose shares.
        owner: String,
        /// Return spenders after this one.
        start_after: Option<String>,
        /// At most this many (default 10, max 30).
        limit: Option<u32>,
    },
    /// Cw20: the allowances a spender holds, by owner.
    #[returns(cw20::AllSpenderAllowancesResponse)]
    AllSpenderAllowances {
        /// Who may move the shares.
        spender: String,
        /// Return owners after this one.
        start_after: Option<String>,
        /// At most this many (default 10, max 30).
        limit: Option<u32>,
    },
    /// Cw20: marketing information; the share token has none, so every
    /// field is empty.
    #[returns(cw20::MarketingInfoResponse)]
    MarketingInfo {},
    /// Cw20: the embedded logo. The share token has none: this query always
    /// fails, naming the token.
    #[returns(cw20::DownloadLogoResponse)]
    DownloadLogo {},
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
    /// When it lapses unless withdrawn (seconds).
    pub expires_at: u64,
    /// Whether it has lapsed: withdrawing returns its shares and pays
    /// nothing.
    pub lapsed: bool,
    /// `min(value at request, value now)`: what withdrawing would pay (zero
    /// once lapsed).
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
    /// Queued limits and when they come into force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<crate::governance::timelock::Pending<ClaimantLimits>>,
}

/// Response to [`QueryMsg::Claimants`].
#[cw_serde]
pub struct ClaimantsResponse {
    /// Claimants, by address.
    pub claimants: Vec<ClaimantResponse>,
}
