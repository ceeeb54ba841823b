//! Every message a Backstop contract receives refuses unknown fields, with a
//! parse error that names the field. cosmwasm-schema 2.1 and later no longer
//! add `deny_unknown_fields` through `#[cw_serde]`, so a misspelled
//! `min_shares` used to deposit with no slippage guard, and a misspelled
//! pause from governance paused nothing and reported success.

use backstop_types::{fund_vault, socializer, staking};
use serde::de::DeserializeOwned;

/// Parses `json` as `T` and asserts the error names `field`.
fn refused<T: DeserializeOwned + std::fmt::Debug>(json: &str, field: &str) {
    let err = cosmwasm_std::from_json::<T>(json).expect_err(json);
    let text = err.to_string();
    assert!(
        text.contains("unknown field") && text.contains(field),
        "{json}: {text}"
    );
}

#[test]
fn the_vault_refuses_unknown_fields_in_every_message_kind() {
    use fund_vault::*;
    refused::<ExecuteMsg>(r#"{"deposit":{"min_share":"5"}}"#, "min_share");
    refused::<ExecuteMsg>(r#"{"unlock":{"shares":"5","now":true}}"#, "now");
    refused::<ReceiveMsg>(
        r#"{"deposit":{"recipient":null,"min_share":"1"}}"#,
        "min_share",
    );
    refused::<ReceiveMsg>(r#"{"add_income":{"from":"x"}}"#, "from");
    refused::<ShareHookMsg>(
        r#"{"redeem_slashed":{"recipient":"a","cover":null,"covr":"1"}}"#,
        "covr",
    );
    refused::<GovMsg>(r#"{"set_pause":{"exit":true}}"#, "exit");
    refused::<GovMsg>(r#"{"update_params":{"cooldown":"1"}}"#, "cooldown");
    refused::<QueryMsg>(r#"{"unlock_requests":{"owner":"a","limt":5}}"#, "limt");
    refused::<MigrateMsg>(r#"{"force":true}"#, "force");
    refused::<InstantiateMsg>(
        r#"{"owner":"a","asset":{"native":{"denom":"u"}},"share_token":{"name":"n","symbol":"sss","decimals":6},
            "params":{"cooldown_seconds":1,"max_open_unlocks":1,"max_payout_fraction":"1","min_reserve":"1","floor":"1"},
            "guardian":null,"claimants":[],"slash_sources":[],"slash_claimant":null}"#,
        "floor",
    );
}

#[test]
fn the_staking_contract_refuses_unknown_fields_in_every_message_kind() {
    use staking::*;
    refused::<ExecuteMsg>(r#"{"unstake":{"amount":"1","all":true}}"#, "all");
    refused::<ExecuteMsg>(
        r#"{"fund_rewards":{"mode":{"stream":{"period":10}}}}"#,
        "period",
    );
    refused::<ReceiveMsg>(r#"{"stake":{"recipient":"a"}}"#, "recipient");
    refused::<ReceiveMsg>(
        r#"{"fund_rewards":{"mode":{"instant":{}},"asset":"x"}}"#,
        "asset",
    );
    refused::<GovMsg>(r#"{"set_pause":{"stake":true}}"#, "stake");
    refused::<GovMsg>(r#"{"update_params":{"max_slash":"0.5"}}"#, "max_slash");
    refused::<QueryMsg>(r#"{"staker":{"address":"a","at":1}}"#, "at");
    refused::<MigrateMsg>(r#"{"force":true}"#, "force");
    refused::<InstantiateMsg>(
        r#"{"owner":"a","staking_token":"t","reward_assets":[],"token":"t",
            "params":{"unbonding_seconds":1,"max_slash_ratio":"0.3","max_open_unbondings":1,"slashers":[],"reward_funders":null,"guardian":null}}"#,
        "token",
    );
}

#[test]
fn the_socializer_refuses_unknown_fields_in_every_message_kind() {
    use socializer::*;
    refused::<ExecuteMsg>(
        r#"{"report_shortfall":{"amount":"1","total_profit":"1","lp_pool_value":"1","id":"x"}}"#,
        "id",
    );
    refused::<ReceiveMsg>(r#"{"recover":{"market":"m"}}"#, "market");
    refused::<GovMsg>(r#"{"set_pause":{"report":true}}"#, "report");
    refused::<GovMsg>(
        r#"{"set_market":{"id":"m","reporter":"r","recipient":"r","cap":"1"}}"#,
        "cap",
    );
    refused::<QueryMsg>(r#"{"market":{"id":"m","seq":1}}"#, "seq");
    refused::<MigrateMsg>(r#"{"force":true}"#, "force");
    refused::<InstantiateMsg>(
        r#"{"owner":"a","vault":"v","staking":null,"layers":[],"timelock_seconds":1,"markets":[],"guardian":"g"}"#,
        "guardian",
    );
}

#[test]
fn an_asset_named_in_a_message_refuses_unknown_fields() {
    refused::<backstop_types::asset::AssetInfoUnchecked>(
        r#"{"native":{"denom":"u","decimals":6}}"#,
        "decimals",
    );
}

#[test]
fn well_formed_messages_still_parse() {
    cosmwasm_std::from_json::<fund_vault::ExecuteMsg>(
        r#"{"deposit":{"recipient":null,"min_shares":"5"}}"#,
    )
    .unwrap();
    cosmwasm_std::from_json::<staking::ReceiveMsg>(r#"{"stake":{}}"#).unwrap();
    cosmwasm_std::from_json::<socializer::GovMsg>(r#"{"set_pause":{"reports":true}}"#).unwrap();
}
