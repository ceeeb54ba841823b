//! cw20-stake 2.6.0: its cosmwasm-std 1.x entry points export themselves.
pub use cw20_stake::contract::*;
