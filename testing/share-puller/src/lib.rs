//! A test-only cw20 consumer, never shipped as an artifact. It speaks only
//! the standard cw20 messages (`cw20::Cw20ExecuteMsg`, `cw20::Cw20QueryMsg`),
//! so a token it works with is a cw20 token to any contract built that way:
//! * `Pull` takes an owner's tokens with `TransferFrom` after the owner's
//!   allowance, as AMM pools and vaults do, and credits the owner in its own
//!   ledger in the same execution (a refused pull leaves no credit);
//! * `Forward` moves an owner's tokens to another contract with `SendFrom`;
//! * its `Receive` hook records every `Send` or `SendFrom` it gets.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    entry_point, to_json_binary, Addr, Binary, Deps, DepsMut, Env, MessageInfo, Response, StdError,
    Uint128, WasmMsg,
};
use cw20::{AllowanceResponse, Cw20ExecuteMsg, Cw20QueryMsg, Cw20ReceiveMsg};
use cw_storage_plus::{Item, Map};
use thiserror::Error;

/// Instantiation.
#[cw_serde]
pub struct InstantiateMsg {
    /// The one cw20 token it takes.
    pub token: String,
}

/// Execute messages.
#[cw_serde]
pub enum ExecuteMsg {
    /// Pulls `amount` of `owner`'s tokens to itself with `TransferFrom`, or
    /// the whole allowance `owner` gave it (read with the cw20 `Allowance`
    /// query) when `amount` is omitted, and credits `owner` with them.
    Pull {
        /// Whose tokens.
        owner: String,
        /// How many; the whole allowance when omitted.
        amount: Option<Uint128>,
    },
    /// Moves `amount` of `owner`'s tokens to `contract` with `SendFrom`.
    Forward {
        /// Whose tokens.
        owner: String,
        /// Receiving contract.
        contract: String,
        /// How many.
        amount: Uint128,
        /// Message for the receiver's hook.
        msg: Binary,
    },
    /// The cw20 hook: records what was sent.
    Receive(Cw20ReceiveMsg),
}

/// Queries.
#[cw_serde]
pub enum QueryMsg {
    /// What `Pull` has credited to `owner` (a `Uint128`).
    Credit {
        /// The owner.
        owner: String,
    },
    /// Every hook received, in order (a `Vec<Cw20ReceiveMsg>`).
    Received {},
}

/// What can go wrong.
#[derive(Error, Debug, PartialEq)]
pub enum PullerError {
    /// Storage, serialization or a query.
    #[error(transparent)]
    Std(#[from] StdError),
    /// A hook from a contract other than the token.
    #[error("{sender} is not the token this puller takes ({token})")]
    WrongToken {
        /// The hook's caller.
        sender: String,
        /// The token.
        token: String,
    },
    /// A pull of the whole allowance when there is none.
    #[error("{owner} gave this puller no allowance to pull")]
    NothingApproved {
        /// The owner.
        owner: String,
    },
}

const TOKEN: Item<Addr> = Item::new("token");
const CREDITS: Map<&Addr, Uint128> = Map::new("credits");
const RECEIVED: Item<Vec<Cw20ReceiveMsg>> = Item::new("received");

/// Stores the token.
#[entry_point]
pub fn instantiate(
    deps: DepsMut,
    _env: Env,
    _info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, PullerError> {
    TOKEN.save(deps.storage, &deps.api.addr_validate(&msg.token)?)?;
    RECEIVED.save(deps.storage, &vec![])?;
    Ok(Response::new())
}

/// Pulls, forwards, or records a hook.
#[entry_point]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, PullerError> {
    let token = TOKEN.load(deps.storage)?;
    match msg {
        ExecuteMsg::Pull { owner, amount } => {
            let owner_addr = deps.api.addr_validate(&owner)?;
            let amount = match amount {
                Some(amount) => amount,
                None => {
                    let allowance: AllowanceResponse = deps.querier.query_wasm_smart(
                        &token,
                        &Cw20QueryMsg::Allowance {
                            owner: owner.clone(),
                            spender: env.contract.address.to_string(),
                        },
                    )?;
                    if allowance.allowance.is_zero() {
                        return Err(PullerError::NothingApproved { owner });
                    }
                    allowance.allowance
                }
            };
            CREDITS.update(deps.storage, &owner_addr, |c| -> Result<_, StdError> {
                Ok(c.unwrap_or_default().checked_add(amount)?)
            })?;
            let pull = WasmMsg::Execute {
                contract_addr: token.to_string(),
                msg: to_json_binary(&Cw20ExecuteMsg::TransferFrom {
                    owner,
                    recipient: env.contract.address.to_string(),
                    amount,
                })?,
                funds: vec![],
            };
            Ok(Response::new()
                .add_attribute("action", "pull")
                .add_attribute("amount", amount)
                .add_message(pull))
        }
        ExecuteMsg::Forward {
            owner,
            contract,
            amount,
            msg,
        } => {
            let forward = WasmMsg::Execute {
                contract_addr: token.to_string(),
                msg: to_json_binary(&Cw20ExecuteMsg::SendFrom {
                    owner,
                    contract,
                    amount,
                    msg,
                })?,
                funds: vec![],
            };
            Ok(Response::new()
                .add_attribute("action", "forward")
                .add_message(forward))
        }
        ExecuteMsg::Receive(hook) => {
            if info.sender != token {
                return Err(PullerError::WrongToken {
                    sender: info.sender.into_string(),
                    token: token.into_string(),
                });
            }
            let mut received = RECEIVED.load(deps.storage)?;
            received.push(hook);
            RECEIVED.save(deps.storage, &received)?;
            Ok(Response::new().add_attribute("action", "receive"))
        }
    }
}

/// Answers a query.
#[entry_point]
pub fn query(deps: Deps, _env: Env, msg: QueryMsg) -> Result<Binary, PullerError> {
    Ok(match msg {
        QueryMsg::Credit { owner } => {
            let owner = deps.api.addr_validate(&owner)?;
            to_json_binary(&CREDITS.may_load(deps.storage, &owner)?.unwrap_or_default())?
        }
        QueryMsg::Received {} => to_json_binary(&RECEIVED.load(deps.storage)?)?,
    })
}
