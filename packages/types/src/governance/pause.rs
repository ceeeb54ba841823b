//! The pause rule every guarded contract follows: the cw-ownable owner may
//! flip any switch; the guardian, named in the contract's parameters, may
//! only pause.

use cosmwasm_std::{Addr, Api, StdError, StdResult, Storage};
use cw_storage_plus::Item;
use serde::de::DeserializeOwned;
use serde::Serialize;
use thiserror::Error;

use crate::params::{check_addr, ParamError};

/// Parameters that name a guardian.
pub trait Guarded {
    /// The guardian, if any.
    fn guardian(&self) -> Option<&Addr>;
    /// Replaces the guardian (`None` clears it).
    fn set_guardian(&mut self, guardian: Option<Addr>);
}

/// Implements [`Guarded`] for parameters with a `guardian: Option<Addr>`
/// field.
macro_rules! guarded_by_field {
    ($params:ty) => {
        impl $crate::governance::Guarded for $params {
            fn guardian(&self) -> Option<&::cosmwasm_std::Addr> {
                self.guardian.as_ref()
            }

            fn set_guardian(&mut self, guardian: Option<::cosmwasm_std::Addr>) {
                self.guardian = guardian;
            }
        }
    };
}
pub(crate) use guarded_by_field;

/// Why a pause change was refused.
#[derive(Error, Debug, PartialEq)]
pub enum PauseError {
    /// The owner could not be read.
    #[error(transparent)]
    Std(#[from] StdError),
    /// The sender is neither the owner nor the guardian pausing only.
    #[error("{sender} may not change these pause switches: the guardian can only pause")]
    Unauthorized {
        /// The caller.
        sender: String,
    },
}

/// Whether `sender` may make the changes in `switches` (`Some(true)`
/// pauses, `Some(false)` resumes, `None` leaves a switch as it is): the
/// owner may make any, the guardian only pauses.
pub fn may_set_pause(
    storage: &dyn Storage,
    sender: &Addr,
    guardian: Option<&Addr>,
    switches: &[Option<bool>],
) -> StdResult<bool> {
    let only_pauses = switches.iter().all(|v| *v != Some(false));
    Ok(cw_ownable::is_owner(storage, sender)? || guardian == Some(sender) && only_pauses)
}

/// [`may_set_pause`] as a check, with the guardian read from `params`:
/// refuses with [`PauseError::Unauthorized`].
pub fn authorize_pause<P>(
    storage: &dyn Storage,
    params: &Item<P>,
    sender: &Addr,
    switches: &[Option<bool>],
) -> Result<(), PauseError>
where
    P: Guarded + Serialize + DeserializeOwned,
{
    let guardian = params.load(storage)?.guardian().cloned();
    if !may_set_pause(storage, sender, guardian.as_ref(), switches)? {
        return Err(PauseError::Unauthorized {
            sender: sender.to_string(),
        });
    }
    Ok(())
}

/// `GovMsg::SetGuardian`: validates the new guardian (`None` clears it) and
/// stores it in `params`. Returns it for the event: empty when cleared.
pub fn set_guardian<P, E>(
    storage: &mut dyn Storage,
    api: &dyn Api,
    params: &Item<P>,
    address: Option<String>,
) -> Result<String, E>
where
    P: Guarded + Serialize + DeserializeOwned,
    E: From<ParamError> + From<StdError>,
{
    let guardian = address
        .map(|a| check_addr(api, "guardian", &a))
        .transpose()?;
    let mut p = params.load(storage)?;
    p.set_guardian(guardian.clone());
    params.save(storage, &p)?;
    Ok(guardian.map(Into::into).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::{MockApi, MockStorage};

    fn setup() -> (MockStorage, Addr, Addr, Addr) {
        let api = MockApi::default();
        let mut storage = MockStorage::new();
        let (owner, guardian, other) = (
            api.addr_make("gov"),
            api.addr_make("guard"),
            api.addr_make("x"),
        );
        cw_ownable::initialize_owner(&mut storage, &api, Some(owner.as_str())).unwrap();
        (storage, owner, guardian, other)
    }

    #[test]
    fn the_owner_may_flip_any_switch_and_the_guardian_may_only_pause() {
        let (storage, owner, guardian, other) = setup();
        let g = Some(&guardian);
        assert!(may_set_pause(&storage, &owner, g, &[Some(false)]).unwrap());
        assert!(may_set_pause(&storage, &guardian, g, &[Some(true), None]).unwrap());
        assert!(!may_set_pause(&storage, &guardian, g, &[Some(true), Some(false)]).unwrap());
        assert!(!may_set_pause(&storage, &other, g, &[Some(true)]).unwrap());
        assert!(!may_set_pause(&storage, &guardian, None, &[Some(true)]).unwrap());
    }

    #[derive(serde::Serialize, serde::Deserialize)]
    struct TestParams {
        guardian: Option<Addr>,
    }

    guarded_by_field!(TestParams);

    const PARAMS: Item<TestParams> = Item::new("params");

    #[test]
    fn a_refusal_names_the_sender() {
        let (mut storage, owner, guardian, _) = setup();
        let guarded = TestParams {
            guardian: Some(guardian.clone()),
        };
        PARAMS.save(&mut storage, &guarded).unwrap();
        let pause = |sender: &Addr, switches: &[Option<bool>]| {
            authorize_pause(&storage, &PARAMS, sender, switches)
        };
        assert_eq!(pause(&owner, &[Some(false)]), Ok(()));
        assert_eq!(pause(&guardian, &[Some(true)]), Ok(()));
        let refused = pause(&guardian, &[Some(false)]).unwrap_err();
        assert_eq!(
            refused,
            PauseError::Unauthorized {
                sender: guardian.to_string()
            }
        );
        assert_eq!(
            refused.to_string(),
            format!("{guardian} may not change these pause switches: the guardian can only pause")
        );
    }

    #[test]
    fn a_guardian_is_validated_stored_and_cleared() {
        let (mut storage, _, guardian, _) = setup();
        let api = MockApi::default();
        PARAMS
            .save(&mut storage, &TestParams { guardian: None })
            .unwrap();
        let set = |storage: &mut MockStorage, a: Option<String>| {
            set_guardian::<_, crate::governance::test_error::KitError>(storage, &api, &PARAMS, a)
        };
        assert_eq!(
            set(&mut storage, Some(guardian.to_string())),
            Ok(guardian.to_string())
        );
        assert_eq!(PARAMS.load(&storage).unwrap().guardian, Some(guardian));
        assert_eq!(set(&mut storage, None), Ok(String::new()));
        assert_eq!(PARAMS.load(&storage).unwrap().guardian, None);
        assert!(set(&mut storage, Some("not an address".into())).is_err());
    }
}
