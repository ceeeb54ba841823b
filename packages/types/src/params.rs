//! Validation shared by every contract's parameters, and by the off-chain
//! proposal tooling, so that an invalid proposal is caught before it is sent.

use cosmwasm_std::{Addr, Api, Decimal, QuerierWrapper};
use thiserror::Error;

pub use crate::governance::pause::may_set_pause;

/// A parameter that failed validation. Every variant names the parameter.
#[derive(Error, Debug, Clone, PartialEq, Eq)]
pub enum ParamError {
    /// A fraction or ratio above one.
    #[error("{name} must be at most 1, got {value}")]
    FractionAboveOne {
        /// The parameter.
        name: &'static str,
        /// The value given.
        value: Decimal,
    },
    /// A duration, count or divisor that must be positive was zero.
    #[error("{name} must be greater than zero")]
    MustBePositive {
        /// The parameter.
        name: &'static str,
    },
    /// A value above its hard upper bound.
    #[error("{name} must be at most {max}, got {value}")]
    AboveMax {
        /// The parameter.
        name: &'static str,
        /// The value given.
        value: u128,
        /// The largest value accepted.
        max: u128,
    },
    /// A value outside its bounds.
    #[error("{name} must be between {min} and {max}, got {value}")]
    OutOfRange {
        /// The parameter.
        name: &'static str,
        /// The value given.
        value: u128,
        /// The smallest value accepted.
        min: u128,
        /// The largest value accepted.
        max: u128,
    },
    /// A native denom that is empty.
    #[error("native denom must not be empty")]
    EmptyDenom,
    /// An address that does not validate on this chain.
    #[error("invalid address for {name}: {address}")]
    InvalidAddress {
        /// The parameter.
        name: &'static str,
        /// The address given.
        address: String,
    },
    /// A list that names the same item twice.
    #[error("{name} lists {item} twice")]
    Duplicate {
        /// The parameter.
        name: &'static str,
        /// The repeated item.
        item: String,
    },
    /// An address that must be a contract (a token, a slash source, a
    /// linked Backstop contract) but is not one.
    #[error("{name} must be a contract, but {address} is not one")]
    NotAContract {
        /// The parameter.
        name: &'static str,
        /// The address given.
        address: String,
    },
    /// A text field that is out of its allowed shape.
    #[error("{name} is invalid: {reason}")]
    InvalidText {
        /// The parameter.
        name: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
}

/// Checks `0 <= value <= 1`.
pub fn check_fraction(name: &'static str, value: Decimal) -> Result<Decimal, ParamError> {
    if value > Decimal::one() {
        return Err(ParamError::FractionAboveOne { name, value });
    }
    Ok(value)
}

/// Checks `value > 0` for durations, counts and divisors.
pub fn check_positive<T: Default + PartialEq>(
    name: &'static str,
    value: T,
) -> Result<T, ParamError> {
    if value == T::default() {
        return Err(ParamError::MustBePositive { name });
    }
    Ok(value)
}

/// Checks `0 < value <= max`.
pub fn check_bounded(name: &'static str, value: u64, max: u64) -> Result<u64, ParamError> {
    check_positive(name, value)?;
    if value > max {
        return Err(ParamError::AboveMax {
            name,
            value: value.into(),
            max: max.into(),
        });
    }
    Ok(value)
}

/// Validates a bech32 address, naming the parameter on failure.
pub fn check_addr(api: &dyn Api, name: &'static str, address: &str) -> Result<Addr, ParamError> {
    api.addr_validate(address)
        .map_err(|_| ParamError::InvalidAddress {
            name,
            address: address.to_string(),
        })
}

/// Validates an address that must be a contract: a wallet in its place
/// (say, as a cw20 token) could claim to hold or send what it never had.
/// Costs one contract-info query: for instantiation and governance only.
pub fn check_contract(
    api: &dyn Api,
    querier: &QuerierWrapper,
    name: &'static str,
    address: &str,
) -> Result<Addr, ParamError> {
    let addr = check_addr(api, name, address)?;
    querier
        .query_wasm_contract_info(&addr)
        .map_err(|_| ParamError::NotAContract {
            name,
            address: addr.to_string(),
        })?;
    Ok(addr)
}

/// [`check_addr_list`] for addresses that must all be contracts.
pub fn check_contract_list(
    api: &dyn Api,
    querier: &QuerierWrapper,
    name: &'static str,
    list: &[String],
    max: usize,
) -> Result<Vec<Addr>, ParamError> {
    let out = check_addr_list(api, name, list, max)?;
    for addr in &out {
        check_contract(api, querier, name, addr.as_str())?;
    }
    Ok(out)
}

/// Validates a list of at most `max` distinct addresses.
pub fn check_addr_list(
    api: &dyn Api,
    name: &'static str,
    list: &[String],
    max: usize,
) -> Result<Vec<Addr>, ParamError> {
    if list.len() > max {
        return Err(ParamError::AboveMax {
            name,
            value: list.len() as u128,
            max: max as u128,
        });
    }
    let mut out: Vec<Addr> = Vec::with_capacity(list.len());
    for a in list {
        let addr = check_addr(api, name, a)?;
        if out.contains(&addr) {
            return Err(ParamError::Duplicate {
                name,
                item: addr.into_string(),
            });
        }
        out.push(addr);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::MockApi;

    #[test]
    fn fractions_above_one_are_rejected_by_name() {
        assert_eq!(check_fraction("f", Decimal::one()), Ok(Decimal::one()));
        assert_eq!(
            check_fraction("f", Decimal::percent(101)),
            Err(ParamError::FractionAboveOne {
                name: "f",
                value: Decimal::percent(101)
            })
        );
    }

    #[test]
    fn zero_and_oversized_bounded_values_are_rejected() {
        assert_eq!(
            check_bounded("n", 0, 5),
            Err(ParamError::MustBePositive { name: "n" })
        );
        assert_eq!(
            check_bounded("n", 6, 5),
            Err(ParamError::AboveMax {
                name: "n",
                value: 6,
                max: 5
            })
        );
        assert_eq!(check_bounded("n", 5, 5), Ok(5));
    }

    #[test]
    fn bad_addresses_name_the_parameter() {
        let api = MockApi::default();
        assert_eq!(
            check_addr(&api, "owner", "not an address"),
            Err(ParamError::InvalidAddress {
                name: "owner",
                address: "not an address".into()
            })
        );
        let good = api.addr_make("gov");
        assert_eq!(check_addr(&api, "owner", good.as_str()), Ok(good));
    }
}
