//! Entry points: a thin dispatcher. Payment checks sit at the match arms;
//! each feature lives in its own module.

use backstop_types::asset::AssetInfo;
use backstop_types::fund_vault;
use backstop_types::governance::{
    init_owner, must_pay_native, owner_sender, update_ownership, upgrade,
};
use backstop_types::params::check_contract;
use backstop_types::socializer::{
    default_recovery_order, validate_layers, ExecuteMsg, GovMsg, InstantiateMsg, MigrateMsg,
    PauseFlags, QueryMsg, ShortfallInput, SocializerConfig, StakedToken, StakingLink, Waterfall,
};
use backstop_types::staking;
#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{Addr, Binary, Deps, DepsMut, Env, MessageInfo, Response};
use cw_utils::nonpayable;

use crate::error::{ContractError, ContractResult};
use crate::state::{CONFIG, WATERFALL};
use crate::{exposure, gov, query, recover, report, stop};

/// Contract name stored by cw2.
pub const CONTRACT_NAME: &str = "crates.io:backstop-loss-socializer";
/// Contract version stored by cw2.
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Instantiates the socializer. Reads the vault's asset and the staking
/// token with raw queries to decide how slashed stake reaches markets.
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> ContractResult<Response> {
    nonpayable(&info)?;
    let owner = init_owner::<ContractError>(deps.storage, deps.api, &msg.owner)?;
    let vault = check_contract(deps.api, &deps.querier, "vault", &msg.vault)?;
    let asset = fund_vault::CONFIG
        .query(&deps.querier, vault.clone())?
        .asset;
    let staking = msg
        .staking
        .map(|address| staking_link(deps.as_ref(), &vault, &asset, &address))
        .transpose()?;
    let config = SocializerConfig {
        vault,
        asset,
        staking,
    };
    validate_layers(&msg.layers, config.staking.is_some())?;
    msg.limits.validate()?;
    gov::check_timelock(deps.as_ref(), &config, msg.timelock_seconds)?;
    CONFIG.save(deps.storage, &config)?;
    WATERFALL.save(
        deps.storage,
        &Waterfall {
            layers: msg.layers,
            timelock_seconds: msg.timelock_seconds,
            pending_layers: None,
            pending_timelock: None,
            pause: PauseFlags::default(),
            guardian: None,
            limits: msg.limits,
            pending_limits: None,
            recovery_order: default_recovery_order(),
            pending_recovery_order: None,
        },
    )?;
    for market in msg.markets {
        gov::set_market(deps.storage, deps.api, market, 0)?;
    }
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("owner", owner))
}

/// The staking contract and what it stakes, read with a raw query: the
/// vault's shares or the vault's cw20 asset.
fn staking_link(
    deps: Deps,
    vault: &Addr,
    asset: &AssetInfo,
    address: &str,
) -> ContractResult<StakingLink> {
    let address = check_contract(deps.api, &deps.querier, "staking", address)?;
    let token = staking::compact::staking_token(&deps.querier, deps.api, address.clone())?;
    let token = if token == vault {
        StakedToken::VaultShares
    } else if *asset
        == (AssetInfo::Cw20 {
            address: token.clone(),
        })
    {
        StakedToken::VaultAsset
    } else {
        return Err(ContractError::UnsupportedStakingToken {
            token: token.into_string(),
        });
    };
    Ok(StakingLink { address, token })
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
        ExecuteMsg::ReportShortfall {
            report_id,
            amount,
            total_profit,
            lp_pool_value,
        } => {
            nonpayable(&info)?;
            let input = ShortfallInput {
                amount,
                total_profit,
                lp_pool_value,
            };
            report::report(deps, env, info, report::Report { report_id, input })
        }
        ExecuteMsg::DeclareExposure { amount } => {
            nonpayable(&info)?;
            exposure::declare(deps, &env, &info.sender, amount)
        }
        ExecuteMsg::Recover { market_id } => {
            let amount = must_pay_native(&CONFIG.load(deps.storage)?.asset, &info)?;
            recover::recover(deps, env, info.sender, market_id, amount)
        }
        ExecuteMsg::Receive(wrapper) => {
            nonpayable(&info)?;
            recover::receive(deps, env, info, wrapper)
        }
        ExecuteMsg::SetPause(update) => {
            nonpayable(&info)?;
            stop::pause(deps, &env, &info.sender, update)
        }
        ExecuteMsg::FreezeMarket { id } => {
            nonpayable(&info)?;
            stop::freeze(deps, &info.sender, id)
        }
        ExecuteMsg::Owner(msg) => {
            nonpayable(&info)?;
            owner_sender(deps.storage, &info.sender)?;
            gov::execute_gov(deps, env, *msg)
        }
        ExecuteMsg::UpdateOwnership(action) => {
            nonpayable(&info)?;
            Ok(update_ownership(deps, &env.block, &info.sender, action)?)
        }
    }
}

/// Governance through `MsgSudoContract`: the same actions as
/// `ExecuteMsg::Owner`.
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn sudo(deps: DepsMut, env: Env, msg: GovMsg) -> ContractResult<Response> {
    gov::execute_gov(deps, env, msg)
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
