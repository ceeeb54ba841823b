//! Writes the socializer's JSON schema (`scripts/schema.sh` collects it),
//! with the hook payloads and response data in `schema/extra`.

use backstop_types::socializer::{
    ExecuteMsg, GovMsg, InstantiateMsg, MigrateMsg, QueryMsg, ReceiveMsg, ShortfallOutcome,
};
use cosmwasm_schema::{export_schema_with_title, schema_for, write_api};

fn main() -> std::io::Result<()> {
    write_api! {
        instantiate: InstantiateMsg,
        execute: ExecuteMsg,
        query: QueryMsg,
        migrate: MigrateMsg,
        sudo: GovMsg,
    }

    // what codegen cannot see from the entry points: the cw20 hook payloads
    // and the execute response data
    let extra = std::path::Path::new("schema/extra");
    std::fs::create_dir_all(extra)?;
    export_schema_with_title(&schema_for!(ReceiveMsg), extra, "cw20_hook");
    export_schema_with_title(
        &schema_for!(ShortfallOutcome),
        extra,
        "report_shortfall_response_data",
    );
    Ok(())
}
