//! The one asset a vault holds, native or cw20, and how to send it.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Api, BankMsg, Coin, CosmosMsg, QuerierWrapper, StdResult, Uint128};

use crate::calls::{self, Cw20Call};
use crate::params::{check_addr, check_contract, ParamError};
use std::fmt;

/// An asset as written in a message: cw20 addresses are not yet validated.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub enum AssetInfoUnchecked {
    /// A native bank denom, e.g. `uusdc` or an IBC denom.
    Native {
        /// The bank denom.
        denom: String,
    },
    /// A cw20 token contract.
    Cw20 {
        /// The token contract's address.
        address: String,
    },
}

/// A validated asset.
#[cw_serde]
pub enum AssetInfo {
    /// A native bank denom.
    Native {
        /// The bank denom.
        denom: String,
    },
    /// A cw20 token contract.
    Cw20 {
        /// The token contract's address.
        address: Addr,
    },
}

impl AssetInfoUnchecked {
    /// Validates the cw20 address, or that the denom is not empty.
    pub fn check(self, api: &dyn Api) -> Result<AssetInfo, ParamError> {
        Ok(match self {
            Self::Native { denom } => {
                if denom.trim().is_empty() {
                    return Err(ParamError::EmptyDenom);
                }
                AssetInfo::Native { denom }
            }
            Self::Cw20 { address } => AssetInfo::Cw20 {
                address: check_addr(api, "asset", &address)?,
            },
        })
    }
}

impl AssetInfoUnchecked {
    /// [`AssetInfoUnchecked::check`], and for a cw20 asset that the address
    /// is a contract: for an asset that will be held, not one only named.
    pub fn check_deployed(
        self,
        api: &dyn Api,
        querier: &QuerierWrapper,
    ) -> Result<AssetInfo, ParamError> {
        let asset = self.check(api)?;
        if let AssetInfo::Cw20 { address } = &asset {
            check_contract(api, querier, "asset", address.as_str())?;
        }
        Ok(asset)
    }
}

impl AssetInfo {
    /// A message that sends `amount` of this asset from the executing
    /// contract to `recipient`. The caller must not send zero amounts.
    pub fn transfer_msg(&self, recipient: &Addr, amount: Uint128) -> StdResult<CosmosMsg> {
        Ok(match self {
            AssetInfo::Native { denom } => BankMsg::Send {
                to_address: recipient.to_string(),
                amount: vec![Coin::new(amount, denom.clone())],
            }
            .into(),
            AssetInfo::Cw20 { address } => calls::execute(
                address,
                &Cw20Call::Transfer {
                    recipient: recipient.to_string(),
                    amount,
                },
            )?,
        })
    }
}

impl fmt::Display for AssetInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AssetInfo::Native { denom } => write!(f, "native:{denom}"),
            AssetInfo::Cw20 { address } => write!(f, "cw20:{address}"),
        }
    }
}

impl From<AssetInfo> for AssetInfoUnchecked {
    fn from(asset: AssetInfo) -> Self {
        match asset {
            AssetInfo::Native { denom } => Self::Native { denom },
            AssetInfo::Cw20 { address } => Self::Cw20 {
                address: address.into_string(),
            },
        }
    }
}
