//! Writes the vault's JSON schema (`scripts/schema.sh` collects it).

use backstop_types::fund_vault::{ExecuteMsg, GovMsg, InstantiateMsg, MigrateMsg, QueryMsg};
use cosmwasm_schema::write_api;

fn main() {
    write_api! {
        instantiate: InstantiateMsg,
        execute: ExecuteMsg,
        query: QueryMsg,
        migrate: MigrateMsg,
        sudo: GovMsg,
    }
}
