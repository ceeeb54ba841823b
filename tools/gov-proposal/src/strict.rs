//! Strict reading of a contract message. serde drops a field that a type
//! does not declare unless the type denies unknown fields, and some nested
//! types of the contracts' messages (a waterfall layer, a claimant's
//! limits) do not: the contract would then run the proposal without the
//! misspelled field. Here a message is read, written back, and every key
//! of the input must still be there; the first one that is not is refused,
//! with its path.
//!
//! A key the type reads but never writes back (`skip_serializing_if`)
//! would be refused too: no governance or migrate message has one.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::ProposalError;

/// Reads `json` as a `T`, refusing any field `T` does not declare, at any
/// depth.
pub fn parse<T: DeserializeOwned + Serialize>(json: &str) -> Result<T, ProposalError> {
    let not_msg = |e: serde_json::Error| ProposalError::NotAGovMsg(e.to_string());
    let msg: T = serde_json::from_str(json).map_err(not_msg)?;
    let input: Value = serde_json::from_str(json).map_err(not_msg)?;
    if !input.is_object() {
        // serde reads a struct from an array too; a message is an object
        return Err(ProposalError::NotAGovMsg(
            "a message is a JSON object, as `{...}`".into(),
        ));
    }
    let known = serde_json::to_value(&msg).map_err(not_msg)?;
    match unknown_field(&input, &known, "") {
        Some(path) => Err(ProposalError::UnknownField(path)),
        None => Ok(msg),
    }
}

/// The path of the first key of `input` that `known` (the same message as
/// its type writes it) lacks, as `set_layers.layers[1].vault.max_fractoin`.
pub fn unknown_field(input: &Value, known: &Value, path: &str) -> Option<String> {
    match (input, known) {
        (Value::Object(inp), Value::Object(kn)) => inp.iter().find_map(|(key, value)| {
            let here = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            match kn.get(key) {
                None => Some(here),
                Some(k) => unknown_field(value, k, &here),
            }
        }),
        (Value::Array(inp), Value::Array(kn)) => inp
            .iter()
            .zip(kn)
            .enumerate()
            .find_map(|(i, (value, k))| unknown_field(value, k, &format!("{path}[{i}]"))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use backstop_types::{fund_vault, socializer};

    #[test]
    fn a_misspelled_field_nested_in_a_type_that_accepts_it_is_named_with_its_path() {
        // the vault's ClaimantLimits does not deny unknown fields itself
        let msg = r#"{"set_claimant":{"address":"a","limits":{"lifetime_cap":"1","window_cap":"1","window_seconds":60,"windw":1}}}"#;
        assert_eq!(
            parse::<fund_vault::GovMsg>(msg).map(|_| ()),
            Err(ProposalError::UnknownField(
                "set_claimant.limits.windw".into()
            ))
        );
        let layers = r#"{"set_layers":{"layers":[{"vault":{"max_fraction":"0.5"}},{"lp_haircut":{"max_ratio":"0.1","cap":"1"}}]}}"#;
        assert_eq!(
            parse::<socializer::GovMsg>(layers).map(|_| ()),
            Err(ProposalError::UnknownField(
                "set_layers.layers[1].lp_haircut.cap".into()
            ))
        );
    }

    #[test]
    fn a_message_with_only_known_fields_reads_as_its_type() {
        let msg = r#"{"set_layers":{"layers":[{"vault":{"max_fraction":"0.5"}}]}}"#;
        assert!(parse::<socializer::GovMsg>(msg).is_ok());
        let nulls = r#"{"set_slash_sources":{"addresses":[],"claimant":null}}"#;
        assert!(parse::<fund_vault::GovMsg>(nulls).is_ok());
    }
}
