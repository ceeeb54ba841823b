//! The pause rule every guarded contract follows: the cw-ownable owner may
//! flip any switch; the guardian may only pause.

use cosmwasm_std::{Addr, StdError, StdResult, Storage};
use thiserror::Error;

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

/// [`may_set_pause`] as a check: refuses with [`PauseError::Unauthorized`].
pub fn authorize_pause(
    storage: &dyn Storage,
    sender: &Addr,
    guardian: Option<&Addr>,
    switches: &[Option<bool>],
) -> Result<(), PauseError> {
    if !may_set_pause(storage, sender, guardian, switches)? {
        return Err(PauseError::Unauthorized {
            sender: sender.to_string(),
        });
    }
    Ok(())
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

    #[test]
    fn a_refusal_names_the_sender() {
        let (storage, owner, guardian, _) = setup();
        let g = Some(&guardian);
        assert_eq!(authorize_pause(&storage, &owner, g, &[Some(false)]), Ok(()));
        let refused = authorize_pause(&storage, &guardian, g, &[Some(false)]).unwrap_err();
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
}
