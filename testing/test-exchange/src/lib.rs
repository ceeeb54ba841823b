//! A test-only exchange: it holds profitable positions and a liquidity pool,
//! reports shortfalls to the loss socializer, and applies haircuts and
//! recoveries when positions settle. It is never shipped as an artifact.
//!
//! It shows what a real market must do (see `docs/integration.md`):
//! * report with `total_profit` and `lp_pool_value`, and read the
//!   `ShortfallOutcome` from the reply's data;
//! * checkpoint each position at the market's trader factor and sequence
//!   number, and at settlement pay `profit × factor_now / factor_checkpoint`,
//!   so applying a haircut never loops over positions;
//! * at settlement, add what recoveries repaid of the position's haircuts.

use backstop_types::asset::AssetInfo;
use backstop_types::math::Rounding;
use backstop_types::socializer::{
    self, Factor, HaircutsResponse, LayerKind, Market, ShortfallOutcome, MARKETS,
};
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    entry_point, from_json, to_json_binary, Addr, Binary, Deps, DepsMut, Env, MessageInfo, Reply,
    Response, StdError, StdResult, SubMsg, Uint128, WasmMsg,
};
use cw_storage_plus::{Item, Map};

/// Instantiation.
#[cw_serde]
pub struct InstantiateMsg {
    /// The loss socializer.
    pub socializer: String,
    /// This market's id there.
    pub market_id: String,
    /// The settlement asset (the vault's asset).
    pub asset: AssetInfo,
}

/// Execute messages.
#[cw_serde]
pub enum ExecuteMsg {
    /// Opens a profitable position (test setup).
    OpenPosition { trader: String, profit: Uint128 },
    /// Sets the liquidity pool's value (test setup).
    SetLpPool { value: Uint128 },
    /// Reports a shortfall of `amount` to the socializer, under the next
    /// report id, or under `report_id` (to test a repeated id).
    ReportLoss {
        amount: Uint128,
        #[serde(default)]
        report_id: Option<u64>,
    },
    /// Declares its exposure to the socializer.
    DeclareExposure { amount: Uint128 },
    /// Liquidates a bankrupt position that leaves `bad_debt`, and reports
    /// it in the same transaction: no settlement can come between the loss
    /// and its haircut (the rule of `docs/integration.md`).
    Liquidate { bad_debt: Uint128 },
    /// A market that cannot report atomically: records bad debt revealed
    /// now and freezes settlements until `ReportPending` lands.
    RevealLoss { bad_debt: Uint128 },
    /// Reports the bad debt `RevealLoss` recorded, and lifts the freeze.
    ReportPending {},
    /// Settles a position: pays its haircut profit plus any recovery.
    Settle { trader: String },
}

/// Queries.
#[cw_serde]
pub enum QueryMsg {
    /// What settling a position would pay now.
    Position { trader: String },
    /// The last outcome read from a reply.
    LastOutcome {},
    /// Aggregates.
    Pool {},
}

/// A position's settlement value now.
#[cw_serde]
pub struct PositionView {
    /// Profit after haircuts.
    pub profit: Uint128,
    /// Haircuts repaid by recoveries.
    pub recovered: Uint128,
}

/// Aggregates the market reports.
#[cw_serde]
#[derive(Default)]
pub struct Pool {
    /// Profit of open positions, after haircuts.
    pub total_profit: Uint128,
    /// Liquidity pool value, after haircuts.
    pub lp_pool_value: Uint128,
}

#[cw_serde]
struct Config {
    socializer: Addr,
    market_id: String,
    asset: AssetInfo,
}

#[cw_serde]
struct Position {
    profit: Uint128,
    factor: Factor,
    seq: u64,
}

const CONFIG: Item<Config> = Item::new("config");
const POOL: Item<Pool> = Item::new("pool");
const POSITIONS: Map<&Addr, Position> = Map::new("positions");
const LAST: Item<ShortfallOutcome> = Item::new("last");
/// Bad debt revealed but not yet reported: settlements wait while any.
const UNREPORTED: Item<Uint128> = Item::new("unreported");
/// The last report id used.
const REPORT_ID: Item<u64> = Item::new("report_id");
const REPORT_REPLY: u64 = 1;

fn market(deps: Deps, config: &Config) -> StdResult<Market> {
    MARKETS
        .query(&deps.querier, config.socializer.clone(), &config.market_id)?
        .ok_or_else(|| StdError::not_found("market"))
}

fn math(e: backstop_types::math::MathError) -> StdError {
    StdError::generic_err(e.to_string())
}

/// Settlement value of a position: its profit at the trader factor now, and
/// what recoveries repaid of each haircut since its checkpoint. A market
/// keeps the same claim for positions closed after a haircut by storing
/// `(haircut, recovery factor then)` at closing: the same formula applies.
fn position_view(deps: Deps, config: &Config, p: &Position) -> StdResult<PositionView> {
    let m = market(deps, config)?;
    let profit = m
        .trader_factor
        .value(p.profit, &p.factor, Rounding::Down)
        .map_err(math)?;
    let mut recovered = Uint128::zero();
    let mut before = p.profit;
    let mut since = p.seq;
    loop {
        let page: HaircutsResponse = deps.querier.query_wasm_smart(
            &config.socializer,
            &socializer::QueryMsg::Haircuts {
                market_id: config.market_id.clone(),
                since_seq: since,
                limit: Some(30),
            },
        )?;
        for r in &page.records {
            let after = r
                .trader_factor
                .value(p.profit, &p.factor, Rounding::Down)
                .map_err(math)?;
            let h = before.saturating_sub(after);
            before = after;
            // still owed: h at the recovery factor now over then, rounded
            // up; zero once its recovery epoch has turned over
            let owed = m
                .recovery_factor
                .value(h, &r.recovery_factor, Rounding::Up)
                .map_err(math)?;
            recovered += h.saturating_sub(owed);
            since = r.seq;
        }
        if page.records.len() < 30 {
            break;
        }
    }
    Ok(PositionView { profit, recovered })
}

#[entry_point]
pub fn instantiate(
    deps: DepsMut,
    _env: Env,
    _info: MessageInfo,
    msg: InstantiateMsg,
) -> StdResult<Response> {
    CONFIG.save(
        deps.storage,
        &Config {
            socializer: deps.api.addr_validate(&msg.socializer)?,
            market_id: msg.market_id,
            asset: msg.asset,
        },
    )?;
    POOL.save(deps.storage, &Pool::default())?;
    Ok(Response::new())
}

#[entry_point]
pub fn execute(
    deps: DepsMut,
    _env: Env,
    _info: MessageInfo,
    msg: ExecuteMsg,
) -> StdResult<Response> {
    let config = CONFIG.load(deps.storage)?;
    match msg {
        ExecuteMsg::OpenPosition { trader, profit } => {
            let trader = deps.api.addr_validate(&trader)?;
            let m = market(deps.as_ref(), &config)?;
            POSITIONS.save(
                deps.storage,
                &trader,
                &Position {
                    profit,
                    factor: m.trader_factor,
                    seq: m.seq,
                },
            )?;
            POOL.update(deps.storage, |mut p| -> StdResult<_> {
                p.total_profit += profit;
                Ok(p)
            })?;
            Ok(Response::new())
        }
        ExecuteMsg::SetLpPool { value } => {
            POOL.update(deps.storage, |mut p| -> StdResult<_> {
                p.lp_pool_value = value;
                Ok(p)
            })?;
            Ok(Response::new())
        }
        ExecuteMsg::ReportLoss { amount, report_id } => report(deps, &config, amount, report_id),
        ExecuteMsg::Liquidate { bad_debt } => report(deps, &config, bad_debt, None),
        ExecuteMsg::RevealLoss { bad_debt } => {
            let unreported = UNREPORTED.may_load(deps.storage)?.unwrap_or_default();
            UNREPORTED.save(deps.storage, &(unreported + bad_debt))?;
            Ok(Response::new())
        }
        ExecuteMsg::ReportPending {} => {
            let unreported = UNREPORTED.may_load(deps.storage)?.unwrap_or_default();
            UNREPORTED.remove(deps.storage);
            report(deps, &config, unreported, None)
        }
        ExecuteMsg::DeclareExposure { amount } => {
            let msg = WasmMsg::Execute {
                contract_addr: config.socializer.to_string(),
                msg: to_json_binary(&socializer::ExecuteMsg::DeclareExposure { amount })?,
                funds: vec![],
            };
            Ok(Response::new().add_message(msg))
        }
        ExecuteMsg::Settle { trader } => {
            if !UNREPORTED
                .may_load(deps.storage)?
                .unwrap_or_default()
                .is_zero()
            {
                return Err(StdError::generic_err(
                    "profits are frozen until the revealed bad debt is reported",
                ));
            }
            let trader = deps.api.addr_validate(&trader)?;
            let p = POSITIONS.load(deps.storage, &trader)?;
            let view = position_view(deps.as_ref(), &config, &p)?;
            POSITIONS.remove(deps.storage, &trader);
            POOL.update(deps.storage, |mut pool| -> StdResult<_> {
                pool.total_profit = pool.total_profit.saturating_sub(view.profit);
                Ok(pool)
            })?;
            let pay = view.profit + view.recovered;
            let mut res = Response::new();
            if !pay.is_zero() {
                res = res.add_message(config.asset.transfer_msg(&trader, pay)?);
            }
            Ok(res)
        }
    }
}

/// Reports `amount` to the socializer under the next report id (or
/// `report_id`), with the book as it stands, in this transaction.
fn report(
    deps: DepsMut,
    config: &Config,
    amount: Uint128,
    report_id: Option<u64>,
) -> StdResult<Response> {
    let pool = POOL.load(deps.storage)?;
    let next = REPORT_ID.may_load(deps.storage)?.unwrap_or(0) + 1;
    let report_id = report_id.unwrap_or(next);
    REPORT_ID.save(deps.storage, &report_id.max(next - 1))?;
    let msg = WasmMsg::Execute {
        contract_addr: config.socializer.to_string(),
        msg: to_json_binary(&socializer::ExecuteMsg::ReportShortfall {
            report_id,
            amount,
            total_profit: pool.total_profit,
            lp_pool_value: pool.lp_pool_value,
        })?,
        funds: vec![],
    };
    Ok(Response::new().add_submessage(SubMsg::reply_on_success(msg, REPORT_REPLY)))
}

#[entry_point]
#[allow(deprecated)]
pub fn reply(deps: DepsMut, _env: Env, reply: Reply) -> StdResult<Response> {
    // wasmd wraps a sub-message's data in MsgExecuteContractResponse; a
    // report whose id was already used returns none and changed nothing
    let Some(raw) = reply
        .result
        .into_result()
        .map_err(StdError::generic_err)?
        .data
    else {
        return Ok(Response::new());
    };
    let data = cw_utils::parse_execute_response_data(&raw)
        .map_err(|e| StdError::generic_err(e.to_string()))?
        .data
        .ok_or_else(|| StdError::generic_err("ReportShortfall returned empty data"))?;
    let outcome: ShortfallOutcome = from_json(data)?;
    POOL.update(deps.storage, |mut p| -> StdResult<_> {
        // the book falls by exactly what each haircut covered, so it never
        // falls below the exact value of the positions (docs/integration.md)
        let covered = |kind: LayerKind| {
            outcome
                .layers
                .iter()
                .find(|l| l.layer == kind)
                .map_or(Uint128::zero(), |l| l.amount)
        };
        p.total_profit = p
            .total_profit
            .saturating_sub(covered(LayerKind::TraderProfitHaircut));
        p.lp_pool_value = p
            .lp_pool_value
            .saturating_sub(covered(LayerKind::LpHaircut));
        Ok(p)
    })?;
    LAST.save(deps.storage, &outcome)?;
    Ok(Response::new())
}

#[entry_point]
pub fn query(deps: Deps, _env: Env, msg: QueryMsg) -> StdResult<Binary> {
    let config = CONFIG.load(deps.storage)?;
    match msg {
        QueryMsg::Position { trader } => {
            let p = POSITIONS.load(deps.storage, &deps.api.addr_validate(&trader)?)?;
            to_json_binary(&position_view(deps, &config, &p)?)
        }
        QueryMsg::LastOutcome {} => to_json_binary(&LAST.may_load(deps.storage)?),
        QueryMsg::Pool {} => to_json_binary(&POOL.load(deps.storage)?),
    }
}
