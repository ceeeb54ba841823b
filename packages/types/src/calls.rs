//! Outgoing calls: the few execute messages this suite sends to other
//! contracts, each narrowed to the variants actually sent.
//!
//! Each serializes to exactly the JSON of the receiver's own message (the
//! tests below compare bytes), but serializing it links only these
//! variants' code into the sender. Serializing the receiver's whole
//! `ExecuteMsg` instead would link every variant: several KB per artifact.

use cosmwasm_std::{to_json_binary, Binary, CosmosMsg, StdResult, Uint128, WasmMsg};
use serde::Serialize;

/// The cw20 `Transfer` and `Send` messages (`cw20::Cw20ExecuteMsg`).
#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cw20Call {
    /// Cw20 `Transfer`.
    Transfer {
        /// Receiver.
        recipient: String,
        /// Amount.
        amount: Uint128,
    },
    /// Cw20 `Send`, calling the receiving contract's `Receive` hook.
    Send {
        /// Receiving contract.
        contract: String,
        /// Amount.
        amount: Uint128,
        /// Message for the hook.
        msg: Binary,
    },
}

/// The fund vault's `CoverShortfall`, `Deposit` and `AddIncome`
/// ([`crate::fund_vault::ExecuteMsg`]); the same `Deposit` and `AddIncome`
/// JSON is the vault's cw20 hook ([`crate::fund_vault::ReceiveMsg`]).
#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VaultCall {
    /// See [`crate::fund_vault::ExecuteMsg::CoverShortfall`].
    CoverShortfall {
        /// Amount of the shortfall to cover.
        amount: Uint128,
        /// Who receives the payout.
        recipient: String,
    },
    /// See [`crate::fund_vault::ExecuteMsg::Deposit`].
    Deposit {
        /// Who receives the shares.
        recipient: Option<String>,
        /// Fails unless at least this many shares are minted.
        min_shares: Option<Uint128>,
    },
    /// See [`crate::fund_vault::ExecuteMsg::AddIncome`].
    AddIncome {},
}

/// The staking contract's `Restore` hook
/// ([`crate::staking::ReceiveMsg::Restore`]).
#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StakingHook {
    /// See [`crate::staking::ReceiveMsg::Restore`].
    Restore {},
}

/// The staking contract's `Slash` ([`crate::staking::ExecuteMsg::Slash`]).
#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StakingCall {
    /// See [`crate::staking::ExecuteMsg::Slash`].
    Slash {
        /// Tokens to take.
        amount: Uint128,
        /// Who receives them.
        recipient: String,
        /// When set, the tokens go by cw20 `Send` carrying this message.
        msg: Option<Binary>,
    },
}

/// A `WasmMsg::Execute` of `msg` on `contract`, with no funds.
pub fn execute<M: Serialize>(contract: impl Into<String>, msg: &M) -> StdResult<CosmosMsg> {
    Ok(WasmMsg::Execute {
        contract_addr: contract.into(),
        msg: to_json_binary(msg)?,
        funds: vec![],
    }
    .into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{fund_vault, staking};
    use cosmwasm_std::to_json_vec;
    use cw20::Cw20ExecuteMsg;

    fn same<A: Serialize, B: Serialize>(ours: &A, theirs: &B) {
        assert_eq!(
            String::from_utf8(to_json_vec(ours).unwrap()).unwrap(),
            String::from_utf8(to_json_vec(theirs).unwrap()).unwrap()
        );
    }

    #[test]
    fn cw20_calls_serialize_as_the_cw20_messages() {
        let amount = Uint128::new(12_345);
        same(
            &Cw20Call::Transfer {
                recipient: "bob".into(),
                amount,
            },
            &Cw20ExecuteMsg::Transfer {
                recipient: "bob".into(),
                amount,
            },
        );
        same(
            &Cw20Call::Send {
                contract: "pool".into(),
                amount,
                msg: Binary::from(b"{}"),
            },
            &Cw20ExecuteMsg::Send {
                contract: "pool".into(),
                amount,
                msg: Binary::from(b"{}"),
            },
        );
    }

    #[test]
    fn recovery_calls_serialize_as_the_vault_and_staking_messages() {
        let min_shares = Some(Uint128::new(9));
        same(
            &VaultCall::Deposit {
                recipient: None,
                min_shares,
            },
            &fund_vault::ExecuteMsg::Deposit {
                recipient: None,
                min_shares,
            },
        );
        same(
            &VaultCall::Deposit {
                recipient: None,
                min_shares,
            },
            &fund_vault::ReceiveMsg::Deposit {
                recipient: None,
                min_shares,
            },
        );
        same(
            &VaultCall::AddIncome {},
            &fund_vault::ExecuteMsg::AddIncome {},
        );
        same(
            &VaultCall::AddIncome {},
            &fund_vault::ReceiveMsg::AddIncome {},
        );
        same(&StakingHook::Restore {}, &staking::ReceiveMsg::Restore {});
    }

    #[test]
    fn vault_and_staking_calls_serialize_as_their_execute_messages() {
        let amount = Uint128::new(7);
        same(
            &VaultCall::CoverShortfall {
                amount,
                recipient: "market".into(),
            },
            &fund_vault::ExecuteMsg::CoverShortfall {
                amount,
                recipient: "market".into(),
            },
        );
        for msg in [None, Some(Binary::from(b"{\"x\":1}"))] {
            same(
                &StakingCall::Slash {
                    amount,
                    recipient: "vault".into(),
                    msg: msg.clone(),
                },
                &staking::ExecuteMsg::Slash {
                    amount,
                    recipient: "vault".into(),
                    msg,
                },
            );
        }
    }
}
