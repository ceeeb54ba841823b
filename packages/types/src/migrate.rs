//! The migration rule every Backstop contract follows: only from the same
//! contract, and never to an older version.

use cosmwasm_std::{StdError, Storage};
use thiserror::Error;

/// Why a migration was refused.
#[derive(Error, Debug, Clone, PartialEq, Eq)]
pub enum MigrateError {
    /// The stored state belongs to another contract.
    #[error("cannot migrate from contract {stored}, expected {expected}")]
    WrongContract {
        /// Contract name stored.
        stored: String,
        /// This contract's name.
        expected: String,
    },
    /// The stored version is newer than this code.
    #[error("cannot migrate from version {stored} down to {new}")]
    Downgrade {
        /// Version stored.
        stored: String,
        /// This code's version.
        new: String,
    },
    /// No cw2 version is stored, or it cannot be read.
    #[error("cannot read the stored contract version: {0}")]
    Unreadable(String),
}

impl From<StdError> for MigrateError {
    fn from(e: StdError) -> Self {
        MigrateError::Unreadable(e.to_string())
    }
}

/// Checks that the stored cw2 version is `name` at a version not above
/// `version`, records `version`, and returns the version migrated from.
pub fn ensure_upgrade(
    storage: &mut dyn Storage,
    name: &str,
    version: &str,
) -> Result<String, MigrateError> {
    let stored = cw2::get_contract_version(storage)?;
    if stored.contract != name {
        return Err(MigrateError::WrongContract {
            stored: stored.contract,
            expected: name.to_string(),
        });
    }
    let downgrade = || MigrateError::Downgrade {
        stored: stored.version.clone(),
        new: version.to_string(),
    };
    let old = semver::Version::parse(&stored.version).map_err(|_| downgrade())?;
    let new = semver::Version::parse(version).map_err(|_| downgrade())?;
    if old > new {
        return Err(downgrade());
    }
    cw2::set_contract_version(storage, name, version)?;
    Ok(stored.version)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::MockStorage;

    #[test]
    fn a_downgrade_is_refused() {
        let mut s = MockStorage::new();
        cw2::set_contract_version(&mut s, "c", "9.0.0").unwrap();
        assert_eq!(
            ensure_upgrade(&mut s, "c", "1.0.0"),
            Err(MigrateError::Downgrade {
                stored: "9.0.0".into(),
                new: "1.0.0".into()
            })
        );
    }

    #[test]
    fn another_contracts_state_is_refused() {
        let mut s = MockStorage::new();
        cw2::set_contract_version(&mut s, "other", "0.1.0").unwrap();
        assert_eq!(
            ensure_upgrade(&mut s, "c", "1.0.0"),
            Err(MigrateError::WrongContract {
                stored: "other".into(),
                expected: "c".into()
            })
        );
    }

    #[test]
    fn an_upgrade_records_the_new_version() {
        let mut s = MockStorage::new();
        cw2::set_contract_version(&mut s, "c", "0.0.1").unwrap();
        assert_eq!(
            ensure_upgrade(&mut s, "c", "0.2.0"),
            Ok("0.0.1".to_string())
        );
        assert_eq!(cw2::get_contract_version(&s).unwrap().version, "0.2.0");
        assert!(matches!(
            ensure_upgrade(&mut MockStorage::new(), "c", "1.0.0"),
            Err(MigrateError::Unreadable(_))
        ));
    }
}
