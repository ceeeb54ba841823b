//! Entry points: a thin dispatcher. Payment checks sit at the match arms;
//! each feature lives in its own module.

use backstop_types::fund_vault::{
    Claimant, ExecuteMsg, GovMsg, InstantiateMsg, MigrateMsg, QueryMsg, VaultConfig, VaultState,
};
use backstop_types::governance::{
    authorize_pause, init_owner, must_pay_native, owner_sender, update_ownership, upgrade,
    SUDO_SENDER,
};
use backstop_types::params::{check_addr, check_contract_list, ParamError};
#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{Binary, Deps, DepsMut, Env, MessageInfo, Response};
use cw_utils::nonpayable;

use crate::error::{ContractError, ContractResult};
use crate::state::{CLAIMANTS, CONFIG, PARAMS, SHARE_TOKEN, STATE};
use crate::{deposit, gov, payout, query, share, unlock};

/// Contract name stored by cw2.
pub const CONTRACT_NAME: &str = "crates.io:backstop-fund-vault";
/// Contract version stored by cw2.
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Instantiates the vault with its asset, share token, parameters and
/// initial claimants.
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> ContractResult<Response> {
    nonpayable(&info)?;
    let owner = init_owner::<ContractError>(deps.storage, deps.api, &msg.owner)?;
    let asset = msg.asset.check_deployed(deps.api, &deps.querier)?;
    msg.share_token.validate()?;
    let guardian = msg
        .guardian
        .map(|g| check_addr(deps.api, "guardian", &g))
        .transpose()?;
    let mut params = msg.params.check(guardian)?;
    params.slash_sources = check_contract_list(
        deps.api,
        &deps.querier,
        "slash_sources",
        &msg.slash_sources,
        backstop_types::fund_vault::MAX_SLASH_SOURCES,
    )?;
    params.slash_claimant = msg
        .slash_claimant
        .map(|c| check_addr(deps.api, "slash_claimant", &c))
        .transpose()?;
    for claimant in msg.claimants {
        let (address, limits) = claimant.check(deps.api)?;
        if CLAIMANTS.has(deps.storage, &address) {
            return Err(ParamError::Duplicate {
                name: "claimants",
                item: address.into_string(),
            }
            .into());
        }
        CLAIMANTS.save(deps.storage, &address, &Claimant::new(limits))?;
    }

    CONFIG.save(
        deps.storage,
        &VaultConfig {
            asset: asset.clone(),
        },
    )?;
    PARAMS.save(deps.storage, &params)?;
    STATE.save(deps.storage, &VaultState::default())?;
    SHARE_TOKEN.save(deps.storage, &msg.share_token)?;
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;

    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("owner", owner)
        .add_attribute("asset", asset.to_string()))
}

/// Dispatches an execute message.
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> ContractResult<Response> {
    match msg {
        ExecuteMsg::Deposit {
            recipient,
            min_shares,
        } => {
            let assets = must_pay_native(&CONFIG.load(deps.storage)?.asset, &info)?;
            deposit::deposit(deps, env, info.sender, assets, recipient, min_shares)
        }
        ExecuteMsg::AddIncome {} => {
            let assets = must_pay_native(&CONFIG.load(deps.storage)?.asset, &info)?;
            deposit::add_income(deps, info.sender, assets)
        }
        ExecuteMsg::Receive(wrapper) => {
            nonpayable(&info)?;
            deposit::receive(deps, env, info, wrapper)
        }
        ExecuteMsg::Unlock { shares } => {
            nonpayable(&info)?;
            unlock::unlock(deps, env, info, shares)
        }
        ExecuteMsg::WithdrawUnlocked { id, recipient } => {
            nonpayable(&info)?;
            unlock::withdraw_unlocked(deps, env, info, id, recipient)
        }
        ExecuteMsg::CoverShortfall { amount, recipient } => {
            nonpayable(&info)?;
            payout::cover_shortfall(deps, env, info, amount, recipient)
        }
        ExecuteMsg::SetPause(update) => {
            nonpayable(&info)?;
            authorize_pause(deps.storage, &PARAMS, &info.sender, &update.switches())?;
            gov::apply_pause(deps, &env, info.sender.as_str(), &update)
        }
        ExecuteMsg::Owner(msg) => {
            nonpayable(&info)?;
            let sender = owner_sender(deps.storage, &info.sender)?;
            gov::execute_gov(deps, &env, sender, msg)
        }
        ExecuteMsg::UpdateOwnership(action) => {
            nonpayable(&info)?;
            Ok(update_ownership(deps, &env.block, &info.sender, action)?)
        }
        ExecuteMsg::Transfer { recipient, amount } => {
            nonpayable(&info)?;
            share::transfer(deps, env, info, recipient, amount)
        }
        ExecuteMsg::Send {
            contract,
            amount,
            msg,
        } => {
            nonpayable(&info)?;
            share::send(deps, env, info, contract, amount, msg)
        }
        ExecuteMsg::IncreaseAllowance {
            spender,
            amount,
            expires,
        } => {
            nonpayable(&info)?;
            share::increase_allowance(deps, env, info, spender, amount, expires)
        }
        ExecuteMsg::DecreaseAllowance {
            spender,
            amount,
            expires,
        } => {
            nonpayable(&info)?;
            share::decrease_allowance(deps, env, info, spender, amount, expires)
        }
        ExecuteMsg::TransferFrom {
            owner,
            recipient,
            amount,
        } => {
            nonpayable(&info)?;
            share::transfer_from(deps, env, info, owner, recipient, amount)
        }
        ExecuteMsg::SendFrom {
            owner,
            contract,
            amount,
            msg,
        } => {
            nonpayable(&info)?;
            share::send_from(deps, env, info, owner, contract, amount, msg)
        }
    }
}

/// Governance through `MsgSudoContract`: the same actions as
/// `ExecuteMsg::Owner`.
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn sudo(deps: DepsMut, env: Env, msg: GovMsg) -> ContractResult<Response> {
    gov::execute_gov(deps, &env, SUDO_SENDER, msg)
}

/// Answers a query.
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> ContractResult<Binary> {
    query::query(deps, env, msg)
}

/// Migrates from an older (or equal) version of this contract only.
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> ContractResult<Response> {
    Ok(upgrade(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?)
}
