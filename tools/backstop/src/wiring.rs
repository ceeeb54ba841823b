//! `backstop check-wiring`: every link of a deployment, OK or missing, with
//! the message that fixes it. The links come from the socializer's own
//! `{"wiring":{}}` (the socializer as the vault's claimant and the staking
//! contract's slasher, the staking contract as the vault's slash source,
//! the hook link), and, given the deploy plan, from what its wiring
//! proposal set: each claimant's limits at the vault and each market's
//! registration on the socializer. The state is read from a chain (the
//! embedded VM) or from saved query answers ([`SavedQueries`]).

use std::path::PathBuf;

use backstop_types::fund_vault::{ClaimantLimits, ClaimantsResponse};
use backstop_types::socializer::{MarketLimits, MarketsResponse, WiringResponse};
use cosmwasm_std::Uint128;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use crate::deploy::plan::{Action, Plan};
use crate::engine::Engine;

/// One link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkState {
    /// What it links.
    pub name: String,
    /// Whether it is in place.
    pub ok: bool,
    /// The governance message that puts it in place (empty when OK).
    pub fix: String,
    /// Whether the deployment needs it (an optional link that is missing
    /// does not fail the check).
    pub required: bool,
}

/// Where the contracts' query answers come from.
pub trait Queries {
    /// The answer of `contract` (of `role`) to `query`.
    fn query(&mut self, role: &str, contract: &str, query: &Value) -> Result<Value, String>;
}

/// A chain: smart queries.
pub struct OnChain<'a>(pub &'a mut dyn Engine);

impl Queries for OnChain<'_> {
    fn query(&mut self, _role: &str, contract: &str, query: &Value) -> Result<Value, String> {
        let msg = serde_json::to_vec(query).map_err(|e| e.to_string())?;
        let answer = self.0.query(contract, &msg)?;
        serde_json::from_slice(&answer).map_err(|e| e.to_string())
    }
}

/// Saved query answers in a directory, one file per query (see
/// [`saved_file`]); the output of `wasmd q wasm contract-state smart … -o
/// json` is read as it is (its `data`) or as the bare answer.
pub struct SavedQueries {
    /// The directory.
    pub dir: PathBuf,
}

/// The queries check-wiring makes, the file each answer is saved in, and
/// the contract that answers it.
pub const QUERIES: [(&str, &str, &str); 3] = [
    ("wiring.json", "socializer", r#"{"wiring":{}}"#),
    ("markets.json", "socializer", r#"{"markets":{"limit":30}}"#),
    ("claimants.json", "vault", r#"{"claimants":{"limit":30}}"#),
];

/// The file holding the answer of `role` to `query`.
pub fn saved_file(role: &str, query: &Value) -> Option<&'static str> {
    let key = query.as_object()?.keys().next()?.clone();
    QUERIES
        .iter()
        .find(|(_, r, q)| *r == role && q.contains(&format!("\"{key}\"")))
        .map(|(file, _, _)| *file)
}

impl Queries for SavedQueries {
    fn query(&mut self, role: &str, contract: &str, query: &Value) -> Result<Value, String> {
        let file =
            saved_file(role, query).ok_or_else(|| format!("no saved file answers {query}"))?;
        let path = self.dir.join(file);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            format!(
                "{}: {e}; save it with: wasmd q wasm contract-state smart {contract} '{query}' -o json > {}",
                path.display(),
                path.display()
            )
        })?;
        let v: Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(match v {
            Value::Object(mut o) if o.len() == 1 && o.contains_key("data") => {
                o.remove("data").unwrap_or(Value::Null)
            }
            other => other,
        })
    }
}

fn read<T: DeserializeOwned>(
    q: &mut dyn Queries,
    role: &str,
    contract: &str,
    query: Value,
) -> Result<T, String> {
    let v = q.query(role, contract, &query)?;
    serde_json::from_value(v).map_err(|e| format!("the {role}'s answer to {query}: {e}"))
}

/// The socializer's own links. The hook link is optional unless `hook`.
fn socializer_links(
    q: &mut dyn Queries,
    socializer: &str,
    hook: bool,
) -> Result<Vec<LinkState>, String> {
    let w: WiringResponse = read(q, "socializer", socializer, json!({"wiring": {}}))?;
    Ok(w.links
        .into_iter()
        .map(|l| LinkState {
            required: hook || !l.name.contains("optional"),
            name: l.name,
            ok: l.ok,
            fix: l.fix,
        })
        .collect())
}

/// The fix of a wiring message: the contract and the message.
fn fix(role: &str, contract: &str, msg: &Value) -> String {
    format!("{role} {contract}: {msg}")
}

/// The links a plan's wiring proposal sets that the socializer's query
/// does not show: claimant limits and markets.
fn plan_links(q: &mut dyn Queries, plan: &Plan) -> Result<Vec<LinkState>, String> {
    let vault = plan.address("vault").unwrap_or_default().to_string();
    let mut out = vec![];
    let Some(messages) = plan.proposal().and_then(|p| p["messages"].as_array()) else {
        return Ok(out);
    };
    let mut claimants: Option<ClaimantsResponse> = None;
    let mut markets: Option<MarketsResponse> = None;
    for m in messages {
        let (contract, msg) = (m["contract"].as_str().unwrap_or_default(), &m["msg"]);
        if let Some(c) = msg.get("set_claimant").filter(|_| contract == vault) {
            let list = match &claimants {
                Some(l) => l,
                None => claimants.insert(read(
                    q,
                    "vault",
                    &vault,
                    json!({"claimants": {"limit": 30}}),
                )?),
            };
            out.push(claimant_link(list, c, &vault, msg));
        } else if let Some(mk) = msg.get("set_market") {
            let list = match &markets {
                Some(l) => l,
                None => markets.insert(read(
                    q,
                    "socializer",
                    contract,
                    json!({"markets": {"limit": 30}}),
                )?),
            };
            out.push(market_link(list, mk, contract, msg));
        }
    }
    Ok(out)
}

fn claimant_link(list: &ClaimantsResponse, c: &Value, vault: &str, msg: &Value) -> LinkState {
    let address = c["address"].as_str().unwrap_or_default();
    let want: Option<ClaimantLimits> = serde_json::from_value(c["limits"].clone()).ok();
    let found = list.claimants.iter().find(|x| x.address == address);
    let ok = matches!((found, &want), (Some(f), Some(w)) if f.limits == *w);
    LinkState {
        name: format!("vault claimant {address} with its limits"),
        ok,
        fix: if ok {
            String::new()
        } else {
            fix("vault", vault, msg)
        },
        required: true,
    }
}

fn market_link(list: &MarketsResponse, mk: &Value, socializer: &str, msg: &Value) -> LinkState {
    let id = mk["id"].as_str().unwrap_or_default();
    let found = list.markets.iter().find(|e| e.id == id).map(|e| &e.market);
    let limits: Option<MarketLimits> = serde_json::from_value(mk["limits"].clone()).ok().flatten();
    let ceiling: Option<Uint128> = serde_json::from_value(mk["exposure_ceiling"].clone()).ok();
    let ok = found.is_some_and(|m| {
        !m.removed
            && m.reporter.as_str() == mk["reporter"].as_str().unwrap_or_default()
            && m.recipient.as_str() == mk["recipient"].as_str().unwrap_or_default()
            && Some(m.exposure_ceiling) == ceiling
            && m.limits == limits
    });
    LinkState {
        name: format!("market {id} registered on the socializer"),
        ok,
        fix: if ok {
            String::new()
        } else {
            fix("socializer", socializer, msg)
        },
        required: true,
    }
}

/// Whether the plan's wiring has the vault layer ride on the slash hook.
fn wants_hook(plan: &Plan) -> bool {
    plan.proposal()
        .and_then(|p| p["messages"].as_array())
        .is_some_and(|ms| {
            ms.iter()
                .any(|m| m["msg"]["set_slash_sources"]["claimant"].is_string())
        })
}

/// Every link of the deployment `plan` describes (or, without a plan, of
/// the socializer at `socializer`).
pub fn check(
    q: &mut dyn Queries,
    plan: Option<&Plan>,
    socializer: Option<&str>,
) -> Result<Vec<LinkState>, String> {
    let socializer = socializer.or_else(|| plan.and_then(|p| p.address("socializer")));
    let mut out = vec![];
    if let Some(soc) = socializer {
        out.extend(socializer_links(q, soc, plan.is_some_and(wants_hook))?);
    }
    if let Some(p) = plan {
        out.extend(plan_links(q, p)?);
    }
    if out.is_empty() {
        return Err("nothing to check: give the plan, or the socializer's address".into());
    }
    Ok(out)
}

/// The report: one line per link, the fix under each missing one.
pub fn report(links: &[LinkState]) -> String {
    let mut out = String::new();
    for l in links {
        let mark = match (l.ok, l.required) {
            (true, _) => "ok     ",
            (false, true) => "MISSING",
            (false, false) => "absent ",
        };
        out += &format!("{mark} {}\n", l.name);
        if !l.ok {
            out += &format!("        fix: {}\n", l.fix);
        }
    }
    let missing = links.iter().filter(|l| !l.ok && l.required).count();
    out += &match missing {
        0 => "every link is in place\n".to_string(),
        n => format!("{n} link(s) missing\n"),
    };
    out
}

/// Whether every required link is in place.
pub fn complete(links: &[LinkState]) -> bool {
    links.iter().all(|l| l.ok || !l.required)
}

/// Whether a plan has a step of this id (for `--skip`).
pub fn has_step_or_link(plan: &Plan, id: &str) -> bool {
    plan.steps.iter().any(|s| {
        s.id == id
            || matches!(&s.action, Action::Proposal { links, .. } if links.iter().any(|l| l.id == id))
    })
}
