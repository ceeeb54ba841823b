//! `compare A.toml --set key=value ...`: the same scenario under another
//! parameter set. Each setting replaces one value of the scenario's TOML
//! before it is read, so it is checked like the file itself: `vault.cooldown=3d`,
//! `staking.max_slash_ratio="50%"`, `socializer.layers=[{vault="80%"}]`,
//! `markets.0.lp_pool=5_000_000` (a number indexes an array of tables).

use toml_edit::{DocumentMut, Item, Value};

/// A value as TOML reads it (`3`, `"50%"`, `[{ vault = "80%" }]`), or as
/// a string when it is not TOML (`3d`, `50%`).
fn parse_value(text: &str) -> Value {
    format!("v = {text}")
        .parse::<DocumentMut>()
        .ok()
        .and_then(|d| d.get("v").and_then(|v| v.as_value()).cloned())
        .unwrap_or_else(|| Value::from(text))
}

/// What `at` (named `name`) is, to say why a key does not go into it.
fn not_there(at: &Item, name: &str, key: &str) -> String {
    if at.is_array() || at.is_array_of_tables() {
        let len = at
            .as_array()
            .map(|a| a.len())
            .or(at.as_array_of_tables().map(|a| a.len()))
            .unwrap_or(0);
        match key.parse::<usize>() {
            Ok(i) => format!("`{name}` has {len} entries, no `{name}.{i}`"),
            Err(_) => format!("`{name}` is a list: index it with a number, as `{name}.0`"),
        }
    } else {
        format!("`{name}` is a value, not a table")
    }
}

/// The entry `key` of `at`: a number indexes a list.
fn child<'a>(at: &'a mut Item, key: &str) -> Option<&'a mut Item> {
    match key.parse::<usize>() {
        Ok(i) if at.is_array() || at.is_array_of_tables() => at.get_mut(i),
        _ => at.get_mut(key),
    }
}

/// Sets the dotted `path` under `root` to `value`, creating tables on the
/// way; the file's layout and every other line stay as they were.
fn set(root: &mut Item, path: &str, value: Value) -> Result<(), String> {
    let keys: Vec<&str> = path.split('.').collect();
    if keys.iter().any(|k| k.is_empty()) {
        return Err("an empty key".into());
    }
    let (last, init) = keys.split_last().ok_or("an empty key")?;
    let mut at = root;
    let mut name = String::new();
    for key in init {
        if at.is_table_like() && at.get(*key).is_none() {
            at[*key] = toml_edit::table();
        }
        if child(at, key).is_none() {
            return Err(not_there(at, &name, key));
        }
        at = child(at, key).ok_or("unreachable: checked above")?;
        name = if name.is_empty() {
            key.to_string()
        } else {
            format!("{name}.{key}")
        };
    }
    if let Some(t) = at.as_inline_table_mut() {
        t.insert(*last, value);
        return Ok(());
    }
    if at.is_table() {
        at[*last] = Item::Value(value);
        return Ok(());
    }
    match child(at, last) {
        Some(slot) if slot.is_value() => {
            *slot = Item::Value(value);
            Ok(())
        }
        _ => Err(not_there(at, &name, last)),
    }
}

/// `text` (a scenario) with each `key=value` of `sets` applied; the name
/// says which settings changed unless one of them sets it.
pub fn apply(text: &str, sets: &[String]) -> Result<String, String> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| e.message().to_string())?;
    for s in sets {
        let (key, value) = s
            .split_once('=')
            .ok_or_else(|| format!("--set {s}: write it as key=value"))?;
        set(doc.as_item_mut(), key.trim(), parse_value(value.trim()))
            .map_err(|e| format!("--set {s}: {e}"))?;
    }
    if !sets.iter().any(|s| s.trim_start().starts_with("name")) {
        let name = doc
            .get("name")
            .and_then(|n| n.as_str())
            .unwrap_or("scenario");
        let renamed = format!("{name} with {}", sets.join(", "));
        doc["name"] = toml_edit::value(renamed);
    }
    Ok(doc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "name = \"One loss\"\nprofile = \"full\"\n[vault]\ncooldown = \"7d\"\n\
                        [[markets]]\nid = \"btc-perp\"\nlp_pool = 1\n";

    #[test]
    fn a_setting_replaces_one_value_and_names_the_run() {
        let sets = [
            "vault.cooldown=3d".to_string(),
            "markets.0.lp_pool=5_000_000".into(),
            "staking.max_slash_ratio=\"50%\"".into(),
        ];
        let doc: toml::Table = apply(BASE, &sets).unwrap().parse().unwrap();
        assert_eq!(doc["vault"]["cooldown"].as_str(), Some("3d"));
        assert_eq!(doc["markets"][0]["lp_pool"].as_integer(), Some(5_000_000));
        assert_eq!(doc["staking"]["max_slash_ratio"].as_str(), Some("50%"));
        assert_eq!(
            doc["name"].as_str(),
            Some("One loss with vault.cooldown=3d, markets.0.lp_pool=5_000_000, staking.max_slash_ratio=\"50%\"")
        );
    }

    #[test]
    fn a_setting_that_does_not_fit_the_file_says_why() {
        let err = |s: &str| apply(BASE, &[s.to_string()]).unwrap_err();
        assert!(err("markets.lp_pool=1").contains("index it with a number"));
        assert!(err("markets.3.lp_pool=1").contains("has 1 entries"));
        assert!(err("profile.x=1").contains("is a value, not a table"));
        assert!(err("vault.cooldown").contains("key=value"));
    }
}
