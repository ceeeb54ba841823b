//! Read-only queries, one function per query that does more than load an
//! item: markets, haircut records and the shortfall simulation.

use backstop_types::governance::{page, page_limit};
use backstop_types::socializer::wiring::links;
use backstop_types::socializer::{
    MarketEntry, MarketsResponse, QueryMsg, ShortfallInput, WiringResponse,
};
use backstop_types::{fund_vault, staking};
use cosmwasm_std::{to_json_binary, Binary, Deps, Env, Order};
use cw_storage_plus::Bound;

use crate::error::{ContractError, ContractResult};
use crate::health::health;
use crate::report::simulate;
use crate::state::{effective_waterfall, CONFIG, HAIRCUTS, MARKETS};

/// Dispatches a query.
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> ContractResult<Binary> {
    Ok(match msg {
        QueryMsg::Config {} => to_json_binary(&CONFIG.load(deps.storage)?)?,
        QueryMsg::Waterfall {} => to_json_binary(&effective_waterfall(deps.storage, &env)?)?,
        QueryMsg::Market { id } => {
            let market = MARKETS
                .may_load(deps.storage, &id)?
                .ok_or(ContractError::UnknownMarket { id })?;
            to_json_binary(&market)?
        }
        QueryMsg::Markets { start_after, limit } => markets(deps, start_after, limit)?,
        QueryMsg::Haircuts {
            market_id,
            since_seq,
            limit,
        } => haircuts(deps, market_id, since_seq, limit)?,
        QueryMsg::SimulateShortfall {
            market_id,
            amount,
            total_profit,
            lp_pool_value,
        } => {
            let input = ShortfallInput {
                amount,
                total_profit,
                lp_pool_value,
            };
            to_json_binary(&simulate(deps, env, market_id, input)?)?
        }
        QueryMsg::Ownership {} => to_json_binary(&cw_ownable::get_ownership(deps.storage)?)?,
        QueryMsg::Wiring {} => wiring(deps, env)?,
        QueryMsg::Health { start_after, limit } => health(deps, env, start_after, limit)?,
    })
}

/// Every link the waterfall depends on, read raw from the vault and the
/// staking contract.
fn wiring(deps: Deps, env: Env) -> ContractResult<Binary> {
    let config = CONFIG.load(deps.storage)?;
    let me = &env.contract.address;
    let q = &deps.querier;
    let now = env.block.time.seconds();
    let vault_params = fund_vault::timelock::params_at(q, config.vault.clone(), now)?;
    let claimant = fund_vault::CLAIMANTS
        .query(q, config.vault.clone(), me)?
        .is_some();
    let staking_params = match &config.staking {
        Some(link) => Some((
            link,
            staking::timelock::params_at(q, link.address.clone(), now)?,
        )),
        None => None,
    };
    let staking = staking_params.as_ref().map(|(l, p)| (*l, p));
    let links = links(me, &config.vault, &vault_params, claimant, staking);
    Ok(to_json_binary(&WiringResponse { links })?)
}

fn markets(deps: Deps, start_after: Option<String>, limit: Option<u32>) -> ContractResult<Binary> {
    let markets = page(&MARKETS, deps.storage, start_after.as_deref(), limit)
        .map(|item| item.map(|(id, market)| MarketEntry { id, market }))
        .collect::<Result<_, _>>()?;
    Ok(to_json_binary(&MarketsResponse { markets })?)
}

fn haircuts(
    deps: Deps,
    market_id: String,
    since_seq: u64,
    limit: Option<u32>,
) -> ContractResult<Binary> {
    let m = MARKETS.may_load(deps.storage, &market_id)?.ok_or_else(|| {
        ContractError::UnknownMarket {
            id: market_id.clone(),
        }
    })?;
    // the stored records are already the JSON the response carries: they
    // are spliced in as they are, never parsed (a parser for them would
    // cost the artifact several KB)
    let seqs = HAIRCUTS
        .prefix(&market_id)
        .keys(
            deps.storage,
            Some(Bound::exclusive(since_seq)),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .collect::<Result<Vec<u64>, _>>()?;
    let records: Vec<Vec<u8>> = seqs
        .into_iter()
        .filter_map(|seq| deps.storage.get(&HAIRCUTS.key((&market_id, seq))))
        .collect();
    let tail = cosmwasm_std::to_json_vec(&HaircutsTail {
        seq: m.seq,
        trader_factor: m.trader_factor,
        lp_factor: m.lp_factor,
        recovery_factor: m.recovery_factor,
    })?;
    let mut out = b"{\"records\":[".to_vec();
    out.extend(records.join(&b","[..]));
    out.extend(b"],");
    out.extend(&tail[1..]);
    Ok(Binary::from(out))
}

/// `HaircutsResponse` without its records.
#[derive(serde::Serialize)]
struct HaircutsTail {
    seq: u64,
    trader_factor: backstop_types::socializer::Factor,
    lp_factor: backstop_types::socializer::Factor,
    recovery_factor: backstop_types::socializer::Factor,
}
