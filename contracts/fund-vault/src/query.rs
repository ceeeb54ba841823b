//! Read-only queries.

use backstop_types::fund_vault::{
    Claimant, ClaimantResponse, ClaimantsResponse, ConfigResponse, QueryMsg, SharePriceResponse,
    UnlockRequestView, UnlockRequestsResponse,
};
use backstop_types::math::{convert_to_assets, convert_to_shares, exit_value, ratio, Rounding};
use cosmwasm_std::{to_json_binary, Addr, Binary, Decimal, Deps, Env, StdError};
use cw20::TokenInfoResponse;
use cw_storage_plus::Bound;

use crate::error::ContractResult;
use crate::state::{BALANCES, CLAIMANTS, CONFIG, PARAMS, SHARE_TOKEN, STATE, UNLOCKS};

const DEFAULT_LIMIT: u32 = 10;
const MAX_LIMIT: u32 = 30;

fn limit(limit: Option<u32>) -> usize {
    limit.unwrap_or(DEFAULT_LIMIT).min(MAX_LIMIT) as usize
}

/// Dispatches a query.
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> ContractResult<Binary> {
    let now = env.block.time.seconds();
    Ok(match msg {
        QueryMsg::Config {} => to_json_binary(&ConfigResponse {
            asset: CONFIG.load(deps.storage)?.asset,
            share_token: SHARE_TOKEN.load(deps.storage)?,
        })?,
        QueryMsg::Params {} => to_json_binary(&PARAMS.load(deps.storage)?)?,
        QueryMsg::TotalAssets {} => to_json_binary(&STATE.load(deps.storage)?.total_assets)?,
        QueryMsg::TotalShares {} => to_json_binary(&STATE.load(deps.storage)?.total_shares)?,
        QueryMsg::SharePrice {} => {
            let s = STATE.load(deps.storage)?;
            let price = if s.total_shares.is_zero() {
                Decimal::one()
            } else {
                ratio(s.total_assets, s.total_shares, Rounding::Down)?
            };
            to_json_binary(&SharePriceResponse {
                total_assets: s.total_assets,
                total_shares: s.total_shares,
                price,
            })?
        }
        QueryMsg::ConvertToShares { amount } => {
            let s = STATE.load(deps.storage)?;
            let shares = if s.total_shares.is_zero() {
                amount.saturating_sub(backstop_types::math::MINIMUM_SHARES)
            } else {
                convert_to_shares(amount, s.total_assets, s.total_shares, Rounding::Down)?
            };
            to_json_binary(&shares)?
        }
        QueryMsg::ConvertToAssets { amount } => {
            let s = STATE.load(deps.storage)?;
            to_json_binary(&convert_to_assets(amount, s.total_assets, s.total_shares)?)?
        }
        QueryMsg::UnlockRequests {
            owner,
            start_after,
            limit: l,
        } => {
            let owner = deps.api.addr_validate(&owner)?;
            let s = STATE.load(deps.storage)?;
            let requests = UNLOCKS
                .prefix(&owner)
                .range(
                    deps.storage,
                    start_after.map(Bound::exclusive),
                    None,
                    cosmwasm_std::Order::Ascending,
                )
                .take(limit(l))
                .map(|item| -> ContractResult<UnlockRequestView> {
                    let (id, r) = item?;
                    let payable_now = exit_value(
                        r.shares,
                        r.assets_at_request,
                        s.total_assets,
                        s.total_shares,
                    )?;
                    Ok(UnlockRequestView {
                        id,
                        shares: r.shares,
                        assets_at_request: r.assets_at_request,
                        release_at: r.release_at,
                        payable_now,
                    })
                })
                .collect::<ContractResult<_>>()?;
            to_json_binary(&UnlockRequestsResponse { requests })?
        }
        QueryMsg::Claimant { address } => {
            let address = deps.api.addr_validate(&address)?;
            let claimant = CLAIMANTS.load(deps.storage, &address)?;
            to_json_binary(&claimant_view(deps, now, address, claimant)?)?
        }
        QueryMsg::Claimants {
            start_after,
            limit: l,
        } => {
            let start = start_after
                .map(|a| deps.api.addr_validate(&a))
                .transpose()?;
            let claimants = CLAIMANTS
                .range(
                    deps.storage,
                    start.as_ref().map(Bound::exclusive),
                    None,
                    cosmwasm_std::Order::Ascending,
                )
                .take(limit(l))
                .map(|item| {
                    let (address, claimant) = item?;
                    claimant_view(deps, now, address, claimant)
                })
                .collect::<ContractResult<_>>()?;
            to_json_binary(&ClaimantsResponse { claimants })?
        }
        QueryMsg::Ownership {} => to_json_binary(&cw_ownable::get_ownership(deps.storage)?)?,
        QueryMsg::Balance { address } => {
            let address = deps.api.addr_validate(&address)?;
            let balance = BALANCES
                .may_load(deps.storage, &address)?
                .unwrap_or_default();
            to_json_binary(&cw20::BalanceResponse { balance })?
        }
        QueryMsg::TokenInfo {} => {
            let meta = SHARE_TOKEN.load(deps.storage)?;
            to_json_binary(&TokenInfoResponse {
                name: meta.name,
                symbol: meta.symbol,
                decimals: meta.decimals,
                total_supply: STATE.load(deps.storage)?.total_shares,
            })?
        }
        QueryMsg::AllAccounts {
            start_after,
            limit: l,
        } => {
            // the balance keys are the holders' addresses, raw
            let start = start_after.map(|s| Bound::ExclusiveRaw(s.into_bytes()));
            let accounts = BALANCES
                .keys_raw(deps.storage, start, None, cosmwasm_std::Order::Ascending)
                .take(limit(l))
                .map(|key| String::from_utf8(key).map_err(StdError::from))
                .collect::<Result<_, _>>()?;
            to_json_binary(&cw20::AllAccountsResponse { accounts })?
        }
    })
}

fn claimant_view(
    deps: Deps,
    now: u64,
    address: Addr,
    claimant: Claimant,
) -> ContractResult<ClaimantResponse> {
    let params = PARAMS.load(deps.storage)?;
    let state = STATE.load(deps.storage)?;
    Ok(ClaimantResponse {
        address: address.into_string(),
        window_used: claimant.window_used_at(now)?,
        window_remaining: claimant.window_remaining_at(now)?,
        lifetime_remaining: claimant.lifetime_remaining(),
        coverable_now: claimant.coverable(&params, &state, now)?,
        paid_total: claimant.paid_total,
        limits: claimant.limits,
    })
}
