//! Recovery income: repays every layer that paid for a market's losses, in
//! the recovery order governance sets (by default bad debt, trader
//! haircuts, LP haircuts, the vault, the stakers), each at most what it is
//! still owed; any excess is refunded. Every step is O(1): the market
//! repays traders through the recovery factor and its pool directly, the
//! vault takes its part as income (raising the share price), and the
//! stakers' part is restored to their pool (raising every share).

use backstop_types::asset::AssetInfo;
use backstop_types::calls::{self, Cw20Call, StakingHook, VaultCall};
use backstop_types::fund_vault;
use backstop_types::governance::check_cw20_sender;
use backstop_types::math::shares_for_deposit;
use backstop_types::socializer::{
    Market, ReceiveMsg, RecoveryEvent, RecoveryLayer, RecoverySplit, SocializerConfig, StakedToken,
};
use backstop_types::staking;
use cosmwasm_std::{
    coins, from_json, to_json_binary, Addr, CosmosMsg, Deps, DepsMut, Env, MessageInfo, Response,
    Uint128, WasmMsg,
};
use cw20::Cw20ReceiveMsg;

use crate::error::{ContractError, ContractResult};
use crate::state::{effective_waterfall, live_market, CONFIG, MARKETS};

/// Cw20 hook: recoveries in the vault's cw20 asset only.
pub fn receive(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    wrapper: Cw20ReceiveMsg,
) -> ContractResult<Response> {
    check_cw20_sender(&CONFIG.load(deps.storage)?.asset, &info.sender)?;
    let sender = deps.api.addr_validate(&wrapper.sender)?;
    let ReceiveMsg::Recover { market_id } = from_json(&wrapper.msg)?;
    recover(deps, env, sender, market_id, wrapper.amount)
}

/// Which layers' contracts can take a repayment now: the vault takes income
/// unless its deposits are paused; the stakers' pool takes tokens while
/// anyone stakes and the socializer is its slasher (and, for vault shares,
/// while the vault takes deposits).
struct Payable {
    vault: bool,
    stakers: bool,
}

fn payable(deps: Deps, env: &Env, config: &SocializerConfig) -> ContractResult<Payable> {
    let q = &deps.querier;
    let now = env.block.time.seconds();
    let vault_params = fund_vault::timelock::params_at(q, config.vault.clone(), now)?;
    let vault = !vault_params.pause.deposits;
    let stakers = match &config.staking {
        None => false,
        Some(link) => {
            let params = staking::timelock::params_at(q, link.address.clone(), now)?;
            let state = staking::STATE.query(q, link.address.clone())?;
            let reachable = match link.token {
                StakedToken::VaultAsset => matches!(config.asset, AssetInfo::Cw20 { .. }),
                StakedToken::VaultShares => vault,
            };
            params.slashers.contains(&env.contract.address)
                && !state.total_shares.is_zero()
                && reachable
        }
    };
    Ok(Payable { vault, stakers })
}

/// Applies `amount` of recovery income, already received, to `market_id`.
pub fn recover(
    deps: DepsMut,
    env: Env,
    sender: Addr,
    market_id: String,
    amount: Uint128,
) -> ContractResult<Response> {
    let w = effective_waterfall(deps.storage, &env)?;
    if w.pause.recoveries {
        return Err(ContractError::Paused {
            operation: "recoveries",
        });
    }
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount { what: "recovery" });
    }
    let config = CONFIG.load(deps.storage)?;
    let mut market = live_market(deps.storage, &market_id)?;
    let can = payable(deps.as_ref(), &env, &config)?;
    let split = market.apply_recovery(amount, &w.recovery_order, |layer| match layer {
        RecoveryLayer::Vault => can.vault,
        RecoveryLayer::Stakers => can.stakers,
        _ => true,
    })?;
    MARKETS.save(deps.storage, &market_id, &market)?;

    let mut messages = vec![];
    let to_market = split.to_market()?;
    if !to_market.is_zero() {
        messages.push(config.asset.transfer_msg(&market.recipient, to_market)?);
    }
    if !split.to_vault.is_zero() {
        messages.push(to_vault(&config, split.to_vault, &VaultCall::AddIncome {})?);
    }
    if !split.to_stakers.is_zero() {
        messages.extend(restore_stakers(deps.as_ref(), &config, &split)?);
    }
    if !split.refund.is_zero() {
        messages.push(config.asset.transfer_msg(&sender, split.refund)?);
    }
    Ok(Response::new()
        .add_attribute("action", "recover")
        .add_messages(messages)
        .add_event(event(market_id, sender, &split, &market)))
}

fn event(market_id: String, sender: Addr, split: &RecoverySplit, m: &Market) -> RecoveryEvent {
    RecoveryEvent {
        market: market_id,
        sender: sender.into_string(),
        to_debt: split.to_debt,
        to_haircuts: split.to_traders,
        to_lps: split.to_lps,
        to_vault: split.to_vault,
        to_stakers: split.to_stakers,
        refunded: split.refund,
        bad_debt: m.bad_debt,
        haircut_outstanding: m.haircut_outstanding,
    }
}

/// `amount` of the asset to the vault with `call` (native funds, or a cw20
/// `Send` carrying the same message as its hook).
fn to_vault(
    config: &SocializerConfig,
    amount: Uint128,
    call: &VaultCall,
) -> ContractResult<CosmosMsg> {
    Ok(match &config.asset {
        AssetInfo::Native { denom } => WasmMsg::Execute {
            contract_addr: config.vault.to_string(),
            msg: to_json_binary(call)?,
            funds: coins(amount.u128(), denom),
        }
        .into(),
        AssetInfo::Cw20 { address } => calls::execute(
            address,
            &Cw20Call::Send {
                contract: config.vault.to_string(),
                amount,
                msg: to_json_binary(call)?,
            },
        )?,
    })
}

/// Restores the stakers' part to their pool: the asset itself when they
/// stake it, else vault shares bought with it (at the price the vault will
/// have after this recovery's income) and sent on, each by a cw20 `Send`
/// carrying the staking contract's `Restore` hook.
fn restore_stakers(
    deps: Deps,
    config: &SocializerConfig,
    split: &RecoverySplit,
) -> ContractResult<Vec<CosmosMsg>> {
    let Some(link) = &config.staking else {
        return Ok(vec![]);
    };
    let restore = to_json_binary(&StakingHook::Restore {})?;
    let send = |token: &Addr, amount: Uint128| {
        calls::execute(
            token,
            &Cw20Call::Send {
                contract: link.address.to_string(),
                amount,
                msg: restore.clone(),
            },
        )
    };
    match (link.token, &config.asset) {
        (StakedToken::VaultAsset, AssetInfo::Cw20 { address }) => {
            Ok(vec![send(address, split.to_stakers)?])
        }
        (StakedToken::VaultAsset, AssetInfo::Native { .. }) => Ok(vec![]),
        (StakedToken::VaultShares, _) => {
            let mut state = fund_vault::STATE.query(&deps.querier, config.vault.clone())?;
            state.total_assets = state.total_assets.checked_add(split.to_vault)?;
            let shares =
                shares_for_deposit(split.to_stakers, state.total_assets, state.total_shares)?
                    .to_recipient;
            if shares.is_zero() {
                return Err(ContractError::ZeroAmount {
                    what: "shares restored to stakers",
                });
            }
            let deposit = VaultCall::Deposit {
                recipient: None,
                min_shares: Some(shares),
            };
            Ok(vec![
                to_vault(config, split.to_stakers, &deposit)?,
                send(&config.vault, shares)?,
            ])
        }
    }
}
