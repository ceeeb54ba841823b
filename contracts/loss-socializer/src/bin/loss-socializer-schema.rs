//! Writes the socializer's JSON schema (`scripts/schema.sh` collects it).

use backstop_types::socializer::{ExecuteMsg, GovMsg, InstantiateMsg, MigrateMsg, QueryMsg};
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
