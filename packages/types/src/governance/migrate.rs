//! The migration rule every Backstop contract follows: only from the same
//! contract, and never to an older version.

use cosmwasm_std::{Response, StdError, Storage};
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

/// `major.minor.patch` as a comparable triple; pre-release and build
/// suffixes (`-rc.1`, `+meta`) are ignored. A small parser keeps the
/// `semver` crate out of every artifact.
pub fn parse_version(v: &str) -> Option<(u64, u64, u64)> {
    let core = v.split(['-', '+']).next()?;
    let mut parts = core.split('.').map(|p| p.parse::<u64>().ok());
    let version = (parts.next()??, parts.next()??, parts.next()??);
    parts.next().is_none().then_some(version)
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
    let old = parse_version(&stored.version).ok_or_else(downgrade)?;
    let new = parse_version(version).ok_or_else(downgrade)?;
    if old > new {
        return Err(downgrade());
    }
    cw2::set_contract_version(storage, name, version)?;
    Ok(stored.version)
}

/// A contract's `migrate`: [`ensure_upgrade`], answered with the versions
/// migrated from and to.
pub fn upgrade(
    storage: &mut dyn Storage,
    name: &str,
    version: &str,
) -> Result<Response, MigrateError> {
    let from = ensure_upgrade(storage, name, version)?;
    Ok(Response::new()
        .add_attribute("action", "migrate")
        .add_attribute("from_version", from)
        .add_attribute("to_version", version))
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::MockStorage;

    #[test]
    fn versions_parse_and_compare_numerically() {
        assert_eq!(parse_version("1.10.0"), Some((1, 10, 0)));
        assert!(parse_version("1.10.0") > parse_version("1.9.9"));
        assert_eq!(parse_version("2.0.0-rc.1"), Some((2, 0, 0)));
        assert_eq!(parse_version("1.2"), None);
        assert_eq!(parse_version("1.2.3.4"), None);
        assert_eq!(parse_version("x.1.2"), None);
    }

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

    #[test]
    fn a_migration_answers_with_both_versions() {
        let mut s = MockStorage::new();
        cw2::set_contract_version(&mut s, "c", "0.0.1").unwrap();
        let res = upgrade(&mut s, "c", "0.2.0").unwrap();
        let attrs: Vec<(&str, &str)> = res
            .attributes
            .iter()
            .map(|a| (a.key.as_str(), a.value.as_str()))
            .collect();
        assert_eq!(
            attrs,
            [
                ("action", "migrate"),
                ("from_version", "0.0.1"),
                ("to_version", "0.2.0")
            ]
        );
        assert!(upgrade(&mut s, "c", "0.1.0").is_err());
    }
}
