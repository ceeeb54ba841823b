//! Read-only queries.

use backstop_types::socializer::{
    HaircutsResponse, MarketEntry, MarketsResponse, QueryMsg, ShortfallInput,
};
use cosmwasm_std::{to_json_binary, Binary, Deps, Env, Order};
use cw_storage_plus::Bound;

use crate::error::{ContractError, ContractResult};
use crate::report::simulate;
use crate::state::{effective_waterfall, CONFIG, HAIRCUTS, MARKETS};

const DEFAULT_LIMIT: u32 = 10;
const MAX_LIMIT: u32 = 30;

fn limit(limit: Option<u32>) -> usize {
    limit.unwrap_or(DEFAULT_LIMIT).min(MAX_LIMIT) as usize
}

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
        QueryMsg::Markets {
            start_after,
            limit: l,
        } => {
            let markets = MARKETS
                .range(
                    deps.storage,
                    start_after.as_deref().map(Bound::exclusive),
                    None,
                    Order::Ascending,
                )
                .take(limit(l))
                .map(|item| item.map(|(id, market)| MarketEntry { id, market }))
                .collect::<Result<_, _>>()?;
            to_json_binary(&MarketsResponse { markets })?
        }
        QueryMsg::Haircuts {
            market_id,
            since_seq,
            limit: l,
        } => {
            let m = MARKETS.may_load(deps.storage, &market_id)?.ok_or_else(|| {
                ContractError::UnknownMarket {
                    id: market_id.clone(),
                }
            })?;
            let records = HAIRCUTS
                .prefix(&market_id)
                .range(
                    deps.storage,
                    Some(Bound::exclusive(since_seq)),
                    None,
                    Order::Ascending,
                )
                .take(limit(l))
                .map(|item| item.map(|(_, r)| r))
                .collect::<Result<_, _>>()?;
            to_json_binary(&HaircutsResponse {
                records,
                seq: m.seq,
                trader_factor: m.trader_factor,
                lp_factor: m.lp_factor,
                recovery_factor: m.recovery_factor,
                recovery_epoch: m.recovery_epoch,
            })?
        }
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
    })
}
