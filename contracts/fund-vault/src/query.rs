//! Read-only queries, one function per query, grouped: the vault and its
//! shares, unlock requests, claimants, and the cw20 share token (cw20-base's
//! own queries over its maps, where the vault keeps the balances and
//! allowances).

use backstop_types::fund_vault::{
    Claimant, ClaimantResponse, ClaimantsResponse, ConfigResponse, QueryMsg, SharePriceResponse,
    UnlockRequest, UnlockRequestView, UnlockRequestsResponse, VaultState,
};
use backstop_types::governance::{page, page_limit, start_after_addr};
use backstop_types::math::{
    convert_to_assets, convert_to_shares, exit_value, ratio, Rounding, MINIMUM_SHARES,
};
use cosmwasm_std::{to_json_binary, Addr, Binary, Decimal, Deps, Env, Order, Uint128};
use cw20::{BalanceResponse, MarketingInfoResponse, MinterResponse, TokenInfoResponse};
use cw20_base::{allowances, contract, enumerable};
use cw_storage_plus::Bound;

use crate::epoch;
use crate::error::{ContractError, ContractResult};
use crate::state::{CLAIMANTS, CONFIG, PARAMS, SHARE_TOKEN, STATE, UNLOCKS};

/// Dispatches a query.
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> ContractResult<Binary> {
    let now = env.block.time.seconds();
    match msg {
        QueryMsg::Config {} => config(deps),
        QueryMsg::Params {} => {
            let mut params = PARAMS.load(deps.storage)?;
            params.mature(env.block.time.seconds());
            Ok(to_json_binary(&params)?)
        }
        QueryMsg::TotalAssets {} => Ok(to_json_binary(&STATE.load(deps.storage)?.total_assets)?),
        QueryMsg::TotalShares {} => Ok(to_json_binary(&STATE.load(deps.storage)?.total_shares)?),
        QueryMsg::SharePrice {} => share_price(deps),
        QueryMsg::ConvertToShares { amount } => convert_to_shares_now(deps, amount),
        QueryMsg::ConvertToAssets { amount } => convert_to_assets_now(deps, amount),
        QueryMsg::UnlockRequests {
            owner,
            start_after,
            limit,
        } => unlock_requests(deps, now, owner, start_after, limit),
        QueryMsg::Claimant { address } => claimant(deps, now, address),
        QueryMsg::Claimants { start_after, limit } => claimants(deps, now, start_after, limit),
        QueryMsg::Ownership {} => Ok(to_json_binary(&cw_ownable::get_ownership(deps.storage)?)?),
        QueryMsg::Balance { address } => balance(deps, address),
        QueryMsg::TokenInfo {} => token_info(deps),
        QueryMsg::AllAccounts { start_after, limit } => Ok(to_json_binary(
            &enumerable::query_all_accounts(deps, start_after, limit)?,
        )?),
        QueryMsg::Minter {} => Ok(to_json_binary(&MinterResponse {
            minter: env.contract.address.into_string(),
            cap: None,
        })?),
        QueryMsg::Allowance { owner, spender } => allowance(deps, owner, spender),
        QueryMsg::AllAllowances {
            owner,
            start_after,
            limit,
        } => all_allowances(deps, owner, start_after, limit),
        QueryMsg::AllSpenderAllowances {
            spender,
            start_after,
            limit,
        } => all_spender_allowances(deps, spender, start_after, limit),
        // no message sets marketing information: it is always empty
        QueryMsg::MarketingInfo {} => Ok(to_json_binary(&MarketingInfoResponse::default())?),
        QueryMsg::DownloadLogo {} => Err(ContractError::NoLogo {
            token: env.contract.address.into_string(),
        }),
    }
}

// --- the vault and its shares ----------------------------------------------

fn config(deps: Deps) -> ContractResult<Binary> {
    Ok(to_json_binary(&ConfigResponse {
        asset: CONFIG.load(deps.storage)?.asset,
        share_token: SHARE_TOKEN.load(deps.storage)?,
    })?)
}

fn share_price(deps: Deps) -> ContractResult<Binary> {
    let s = STATE.load(deps.storage)?;
    let price = if s.total_shares.is_zero() {
        Decimal::one()
    } else {
        ratio(s.total_assets, s.total_shares, Rounding::Down)?
    };
    Ok(to_json_binary(&SharePriceResponse {
        total_assets: s.total_assets,
        total_shares: s.total_shares,
        price,
    })?)
}

fn convert_to_shares_now(deps: Deps, amount: Uint128) -> ContractResult<Binary> {
    let s = STATE.load(deps.storage)?;
    let shares = if s.total_shares.is_zero() {
        amount.saturating_sub(MINIMUM_SHARES)
    } else {
        convert_to_shares(amount, s.total_assets, s.total_shares, Rounding::Down)?
    };
    Ok(to_json_binary(&shares)?)
}

fn convert_to_assets_now(deps: Deps, amount: Uint128) -> ContractResult<Binary> {
    let s = STATE.load(deps.storage)?;
    Ok(to_json_binary(&convert_to_assets(
        amount,
        s.total_assets,
        s.total_shares,
    )?)?)
}

// --- unlock requests -------------------------------------------------------

fn unlock_requests(
    deps: Deps,
    now: u64,
    owner: String,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> ContractResult<Binary> {
    let owner = deps.api.addr_validate(&owner)?;
    let s = STATE.load(deps.storage)?;
    let resumed_at = PARAMS.load(deps.storage)?.exits_resumed_at;
    let requests = UNLOCKS
        .prefix(&owner)
        .range(
            deps.storage,
            start_after.map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .map(|item| {
            let (id, mut r) = item?;
            let lapsed = r.lapsed(now, resumed_at);
            r.shares = s.to_live(deps.storage, r.shares, r.epoch)?;
            unlock_view(&s, id, r, lapsed)
        })
        .collect::<ContractResult<_>>()?;
    Ok(to_json_binary(&UnlockRequestsResponse { requests })?)
}

fn unlock_view(
    s: &VaultState,
    id: u64,
    r: UnlockRequest,
    lapsed: bool,
) -> ContractResult<UnlockRequestView> {
    let payable_now = if lapsed {
        Uint128::zero()
    } else {
        exit_value(
            r.shares,
            r.assets_at_request,
            s.total_assets,
            s.total_shares,
        )?
    };
    Ok(UnlockRequestView {
        id,
        shares: r.shares,
        assets_at_request: r.assets_at_request,
        release_at: r.release_at,
        expires_at: r.expires_at,
        lapsed,
        payable_now,
    })
}

// --- claimants -------------------------------------------------------------

fn claimant(deps: Deps, now: u64, address: String) -> ContractResult<Binary> {
    let address = deps.api.addr_validate(&address)?;
    let claimant = CLAIMANTS.load(deps.storage, &address)?;
    Ok(to_json_binary(&claimant_view(
        deps, now, address, claimant,
    )?)?)
}

fn claimants(
    deps: Deps,
    now: u64,
    start_after: Option<String>,
    limit: Option<u32>,
) -> ContractResult<Binary> {
    let start = start_after_addr(deps.api, start_after)?;
    let claimants = page(&CLAIMANTS, deps.storage, start.as_ref(), limit)
        .map(|item| {
            let (address, claimant) = item?;
            claimant_view(deps, now, address, claimant)
        })
        .collect::<ContractResult<_>>()?;
    Ok(to_json_binary(&ClaimantsResponse { claimants })?)
}

fn claimant_view(
    deps: Deps,
    now: u64,
    address: Addr,
    mut claimant: Claimant,
) -> ContractResult<ClaimantResponse> {
    claimant.mature(now);
    let mut params = PARAMS.load(deps.storage)?;
    params.mature(now);
    let state = STATE.load(deps.storage)?;
    Ok(ClaimantResponse {
        address: address.into_string(),
        window_used: claimant.window_used_at(now)?,
        window_remaining: claimant.window_remaining_at(now)?,
        lifetime_remaining: claimant.lifetime_remaining(),
        coverable_now: claimant.coverable(&params, &state, now)?,
        paid_total: claimant.paid_total,
        limits: claimant.limits,
        pending: claimant.pending,
    })
}

// --- the cw20 share token --------------------------------------------------

fn token_info(deps: Deps) -> ContractResult<Binary> {
    let meta = SHARE_TOKEN.load(deps.storage)?;
    Ok(to_json_binary(&TokenInfoResponse {
        name: meta.name,
        symbol: meta.symbol,
        decimals: meta.decimals,
        total_supply: STATE.load(deps.storage)?.total_shares,
    })?)
}

// Balances and allowances are read through cw20-base and converted to the
// live share epoch (see `epoch`): a record not touched since a rollover is
// still counted in its own epoch's unit.

fn balance(deps: Deps, address: String) -> ContractResult<Binary> {
    let holder = deps.api.addr_validate(&address)?;
    let raw = contract::query_balance(deps, address)?.balance;
    let state = STATE.load(deps.storage)?;
    let balance = epoch::live_balance(deps.storage, &state, &holder, raw)?;
    Ok(to_json_binary(&BalanceResponse { balance })?)
}

fn allowance(deps: Deps, owner: String, spender: String) -> ContractResult<Binary> {
    let (o, sp) = (
        deps.api.addr_validate(&owner)?,
        deps.api.addr_validate(&spender)?,
    );
    let mut a = allowances::query_allowance(deps, owner, spender)?;
    let state = STATE.load(deps.storage)?;
    a.allowance = epoch::live_allowance(deps.storage, &state, &o, &sp, a.allowance)?;
    Ok(to_json_binary(&a)?)
}

fn all_allowances(
    deps: Deps,
    owner: String,
    start_after: Option<String>,
    limit: Option<u32>,
) -> ContractResult<Binary> {
    let o = deps.api.addr_validate(&owner)?;
    let mut page = enumerable::query_owner_allowances(deps, owner, start_after, limit)?;
    let state = STATE.load(deps.storage)?;
    for a in &mut page.allowances {
        let sp = Addr::unchecked(&a.spender);
        a.allowance = epoch::live_allowance(deps.storage, &state, &o, &sp, a.allowance)?;
    }
    Ok(to_json_binary(&page)?)
}

fn all_spender_allowances(
    deps: Deps,
    spender: String,
    start_after: Option<String>,
    limit: Option<u32>,
) -> ContractResult<Binary> {
    let sp = deps.api.addr_validate(&spender)?;
    let mut page = enumerable::query_spender_allowances(deps, spender, start_after, limit)?;
    let state = STATE.load(deps.storage)?;
    for a in &mut page.allowances {
        let o = Addr::unchecked(&a.owner);
        a.allowance = epoch::live_allowance(deps.storage, &state, &o, &sp, a.allowance)?;
    }
    Ok(to_json_binary(&page)?)
}
