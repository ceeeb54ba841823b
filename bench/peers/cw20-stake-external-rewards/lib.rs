//! cw20-stake-external-rewards 2.6.0: its cosmwasm-std 1.x entry points export themselves.
pub use cw20_stake_external_rewards::contract::*;
