//! Checks on funds sent in a contract's asset: native funds with the
//! message, or a cw20 token's `Receive` hook.

use cosmwasm_std::{Addr, MessageInfo, Uint128};
use cw_utils::PaymentError;
use thiserror::Error;

use crate::asset::AssetInfo;

/// Why funds were refused. A contract maps [`FundsError::WrongAsset`] onto
/// its own error, with its own message.
#[derive(Error, Debug, PartialEq)]
pub enum FundsError {
    /// Native funds sent do not match what the message needs.
    #[error("payment: {0}")]
    Payment(#[from] PaymentError),
    /// The asset offered is not the contract's asset.
    #[error("expected {expected}, got {got}")]
    WrongAsset {
        /// The contract's asset.
        expected: String,
        /// What was offered.
        got: String,
    },
}

/// The amount of `asset` sent with `info`: exactly one coin of its denom. A
/// contract whose asset is a cw20 token accepts no native funds.
pub fn must_pay_native(asset: &AssetInfo, info: &MessageInfo) -> Result<Uint128, FundsError> {
    match asset {
        AssetInfo::Native { denom } => Ok(cw_utils::must_pay(info, denom)?),
        AssetInfo::Cw20 { .. } => Err(FundsError::WrongAsset {
            expected: asset.to_string(),
            got: "native funds".to_string(),
        }),
    }
}

/// Checks that a cw20 `Receive` hook comes from `asset`'s own token.
pub fn check_cw20_sender(asset: &AssetInfo, token: &Addr) -> Result<(), FundsError> {
    if !matches!(asset, AssetInfo::Cw20 { address } if address == token) {
        return Err(FundsError::WrongAsset {
            expected: asset.to_string(),
            got: format!("cw20:{token}"),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::{message_info, MockApi};
    use cosmwasm_std::{coin, coins};

    #[test]
    fn native_funds_are_one_coin_of_the_denom() {
        let api = MockApi::default();
        let user = api.addr_make("user");
        let asset = AssetInfo::Native {
            denom: "uusd".into(),
        };
        let paid = must_pay_native(&asset, &message_info(&user, &coins(5, "uusd")));
        assert_eq!(paid, Ok(Uint128::new(5)));
        assert_eq!(
            must_pay_native(&asset, &message_info(&user, &[])),
            Err(FundsError::Payment(PaymentError::NoFunds {}))
        );
        let two = [coin(5, "uusd"), coin(1, "uatom")];
        assert_eq!(
            must_pay_native(&asset, &message_info(&user, &two)),
            Err(FundsError::Payment(PaymentError::MultipleDenoms {}))
        );
    }

    #[test]
    fn a_cw20_asset_takes_no_native_funds_and_only_its_own_hook() {
        let api = MockApi::default();
        let (user, token, other) = (
            api.addr_make("user"),
            api.addr_make("token"),
            api.addr_make("other"),
        );
        let asset = AssetInfo::Cw20 {
            address: token.clone(),
        };
        assert_eq!(
            must_pay_native(&asset, &message_info(&user, &coins(5, "uusd"))),
            Err(FundsError::WrongAsset {
                expected: asset.to_string(),
                got: "native funds".into()
            })
        );
        assert_eq!(check_cw20_sender(&asset, &token), Ok(()));
        assert_eq!(
            check_cw20_sender(&asset, &other),
            Err(FundsError::WrongAsset {
                expected: asset.to_string(),
                got: format!("cw20:{other}")
            })
        );
        let native = AssetInfo::Native {
            denom: "uusd".into(),
        };
        assert!(check_cw20_sender(&native, &token).is_err());
    }
}
