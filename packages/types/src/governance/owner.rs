//! Ownership: the owner set at instantiation, who may send a governance
//! message, and the cw-ownable `UpdateOwnership` handler.
//!
//! Governance messages reach a contract two ways with the same effect: the
//! owner's `ExecuteMsg::Owner` (the sender must be the owner) and `sudo` (a
//! `MsgSudoContract` proposal, labelled [`SUDO_SENDER`] in events).

use cosmwasm_std::{Addr, Api, BlockInfo, DepsMut, Response, StdError, Storage};
use cw_ownable::{Action, OwnershipError};

use crate::params::{check_addr, ParamError};

/// How events name the sender of a governance message that came by `sudo`.
pub const SUDO_SENDER: &str = "sudo";

/// Validates `owner` and records it as the cw-ownable owner.
pub fn init_owner<E>(storage: &mut dyn Storage, api: &dyn Api, owner: &str) -> Result<Addr, E>
where
    E: From<ParamError> + From<StdError>,
{
    let owner = check_addr(api, "owner", owner)?;
    cw_ownable::initialize_owner(storage, api, Some(owner.as_str()))?;
    Ok(owner)
}

/// Authorizes `ExecuteMsg::Owner`: the sender must be the owner. Returns
/// how events name it.
pub fn owner_sender<'a>(
    storage: &dyn Storage,
    sender: &'a Addr,
) -> Result<&'a str, OwnershipError> {
    cw_ownable::assert_owner(storage, sender)?;
    Ok(sender.as_str())
}

/// `ExecuteMsg::UpdateOwnership`: transfers, accepts or renounces
/// ownership through cw-ownable.
pub fn update_ownership(
    deps: DepsMut,
    block: &BlockInfo,
    sender: &Addr,
    action: Action,
) -> Result<Response, OwnershipError> {
    let ownership = cw_ownable::update_ownership(deps, block, sender, action)?;
    Ok(Response::new()
        .add_attribute("action", "update_ownership")
        .add_attributes(ownership.into_attributes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::governance::test_error::KitError as InitError;
    use cosmwasm_std::testing::{mock_dependencies, mock_env};

    #[test]
    fn only_the_owner_passes_and_is_named_by_address() {
        let mut deps = mock_dependencies();
        let (owner, other) = (deps.api.addr_make("gov"), deps.api.addr_make("x"));
        let api = deps.api;
        let got = init_owner::<InitError>(&mut deps.storage, &api, owner.as_str());
        assert_eq!(got, Ok(owner.clone()));
        assert_eq!(owner_sender(&deps.storage, &owner), Ok(owner.as_str()));
        assert_eq!(
            owner_sender(&deps.storage, &other),
            Err(OwnershipError::NotOwner)
        );
    }

    #[test]
    fn an_invalid_owner_is_refused_by_name() {
        let mut deps = mock_dependencies();
        let api = deps.api;
        let got = init_owner::<InitError>(&mut deps.storage, &api, "not an address");
        assert_eq!(
            got,
            Err(InitError::Param(ParamError::InvalidAddress {
                name: "owner",
                address: "not an address".into()
            }))
        );
    }

    #[test]
    fn an_ownership_transfer_answers_with_its_action_and_new_state() {
        let mut deps = mock_dependencies();
        let (owner, next) = (deps.api.addr_make("gov"), deps.api.addr_make("next"));
        let api = deps.api;
        init_owner::<InitError>(&mut deps.storage, &api, owner.as_str()).unwrap();
        let action = Action::TransferOwnership {
            new_owner: next.to_string(),
            expiry: None,
        };
        let res = update_ownership(deps.as_mut(), &mock_env().block, &owner, action).unwrap();
        assert_eq!(res.attributes[0].key, "action");
        assert_eq!(res.attributes[0].value, "update_ownership");
        assert!(res
            .attributes
            .iter()
            .any(|a| a.key == "pending_owner" && a.value == next.as_str()));
        let refused = update_ownership(
            deps.as_mut(),
            &mock_env().block,
            &next,
            Action::RenounceOwnership,
        );
        assert_eq!(refused, Err(OwnershipError::NotOwner));
    }
}
