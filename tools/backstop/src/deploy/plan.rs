//! The deploy plan: the ordered steps, each as the transaction JSON a chain
//! runs and the wasmd command that sends it, written as `plan.json` (what
//! `check-wiring` and the VM run read) and `plan.md` (for people).

use cosmwasm_std::Binary;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{Deployment, Instance};

/// The file the wiring proposal is written to, beside the plan.
pub const PROPOSAL_FILE: &str = "wire-proposal.json";

/// A deploy plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// `vault`, `vault+staking` or `full`.
    pub profile: String,
    /// Bech32 prefix.
    pub prefix: String,
    /// The gov module account: admin and owner of every contract.
    pub authority: String,
    /// The account that stores and instantiates.
    pub deployer: String,
    /// A cw20 asset's address (it must exist before the vault).
    pub asset_cw20: Option<String>,
    /// The contracts, with their computed addresses.
    pub contracts: Vec<Contract>,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

/// A contract of the plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    /// `vault`, `staking` or `socializer`.
    pub role: String,
    /// Its label (and instantiate2 salt).
    pub label: String,
    /// Its address, computed with instantiate2.
    pub address: String,
}

/// One step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// Its number, from 1.
    pub n: usize,
    /// A short id, as `store-fund-vault`.
    pub id: String,
    /// What it does.
    pub title: String,
    /// The wasmd command (any wasmd-based CLI: `injectived`, `neutrond`, ...).
    pub cli: String,
    /// The transaction.
    #[serde(flatten)]
    pub action: Action,
}

/// What a step sends.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Action {
    /// `MsgStoreCode` of an artifact; the chain's code id goes into
    /// `code_id_var`.
    StoreCode {
        /// The artifact, from the repository's root.
        wasm_file: String,
        /// Its sha256 (hex): the code hash the chain records.
        checksum: String,
        /// The variable later steps read the code id from.
        code_id_var: String,
        /// The message (`wasm_byte_code` is the file's content).
        tx: Value,
    },
    /// `MsgInstantiateContract2`: the contract lands at `address`.
    Instantiate2 {
        /// Role of the contract.
        role: String,
        /// The address the chain will give it.
        address: String,
        /// The message.
        tx: Value,
    },
    /// A governance proposal: `messages` run in order when it passes.
    Proposal {
        /// The file the proposal is written to.
        file: String,
        /// What each message of the proposal links, in order.
        links: Vec<Link>,
        /// The proposal, as `submit-proposal` reads it.
        proposal: Value,
    },
}

/// What one message of the wiring proposal links.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// Short id, as `staking-slasher`.
    pub id: String,
    /// What it links.
    pub title: String,
}

/// The code id variable of an artifact (`FUND_VAULT_CODE_ID`).
fn code_id_var(name: &str) -> String {
    format!("{}_CODE_ID", name.to_uppercase())
}

/// `s` single-quoted for a POSIX shell.
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

const TX_FLAGS: &str = "--from $DEPLOYER --gas auto --gas-adjustment 1.3 -y";

impl Plan {
    /// The plan of `d`.
    pub fn new(d: &Deployment) -> Plan {
        let mut steps = vec![];
        for c in &d.codes {
            let var = code_id_var(c.name);
            let file = format!("artifacts/{}.wasm", c.name);
            steps.push((
                format!("store-{}", c.name.replace('_', "-")),
                format!("Store the {} code", c.name),
                format!("wasmd tx wasm store {file} {TX_FLAGS}\n# then: {var}=<the code_id of the store_code event>"),
                Action::StoreCode {
                    wasm_file: file.clone(),
                    checksum: c.checksum.to_hex(),
                    code_id_var: var,
                    tx: json!({
                        "@type": "/cosmwasm.wasm.v1.MsgStoreCode",
                        "sender": d.deployer,
                        "wasm_byte_code": format!("<the bytes of {file}>"),
                        "instantiate_permission": null,
                    }),
                },
            ));
        }
        for i in &d.instances {
            steps.push(instantiate_step(d, i));
        }
        steps.push(proposal_step(d));
        Plan {
            profile: d.profile.name().to_string(),
            prefix: d.prefix.to_string(),
            authority: d.authority.clone(),
            deployer: d.deployer.clone(),
            asset_cw20: d.asset_cw20.clone(),
            contracts: d
                .instances
                .iter()
                .map(|i| Contract {
                    role: i.role.to_string(),
                    label: i.label.clone(),
                    address: i.address.clone(),
                })
                .collect(),
            steps: steps
                .into_iter()
                .enumerate()
                .map(|(n, (id, title, cli, action))| Step {
                    n: n + 1,
                    id,
                    title,
                    cli,
                    action,
                })
                .collect(),
        }
    }

    /// The address of the contract of `role`.
    pub fn address(&self, role: &str) -> Option<&str> {
        self.contracts
            .iter()
            .find(|c| c.role == role)
            .map(|c| c.address.as_str())
    }

    /// The wiring proposal, if the plan has one.
    pub fn proposal(&self) -> Option<&Value> {
        self.steps.iter().find_map(|s| match &s.action {
            Action::Proposal { proposal, .. } => Some(proposal),
            _ => None,
        })
    }

    /// The plan as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// Reads a plan written by [`Plan::to_json`].
    pub fn parse(text: &str) -> Result<Plan, String> {
        serde_json::from_str(text).map_err(|e| format!("not a deploy plan: {e}"))
    }
}

type StepParts = (String, String, String, Action);

fn instantiate_step(d: &Deployment, i: &Instance) -> StepParts {
    let code = d
        .codes
        .iter()
        .find(|c| c.code == i.code)
        .map_or("", |c| c.name);
    let var = code_id_var(code);
    let msg = serde_json::to_string(&i.msg).unwrap_or_default();
    (
        format!("instantiate-{}", i.role),
        format!(
            "Instantiate the {} (admin and owner: the gov module)",
            i.role
        ),
        format!(
            "wasmd tx wasm instantiate2 ${var} {} {} --label {} --admin {} {TX_FLAGS}",
            shell_quote(&msg),
            shell_quote(&i.label),
            shell_quote(&i.label),
            d.authority
        ),
        Action::Instantiate2 {
            role: i.role.to_string(),
            address: i.address.clone(),
            tx: json!({
                "@type": "/cosmwasm.wasm.v1.MsgInstantiateContract2",
                "sender": d.deployer,
                "admin": d.authority,
                "code_id": format!("${var}"),
                "label": i.label,
                "msg": i.msg,
                "funds": [],
                "salt": Binary::from(i.label.as_bytes()).to_base64(),
                "fix_msg": false,
            }),
        },
    )
}

fn proposal_step(d: &Deployment) -> StepParts {
    let messages: Vec<Value> = d
        .wiring
        .iter()
        .map(|w| {
            json!({
                "@type": "/cosmwasm.wasm.v1.MsgSudoContract",
                "authority": d.authority,
                "contract": w.contract,
                "msg": w.msg,
            })
        })
        .collect();
    let p = &d.proposal;
    (
        "wire".to_string(),
        format!("Wire the contracts: one governance proposal of {} messages", messages.len()),
        format!("wasmd tx gov submit-proposal {PROPOSAL_FILE} {TX_FLAGS}\n# vote; once it passes, check: backstop check-wiring --plan plan.json --queries DIR"),
        Action::Proposal {
            file: PROPOSAL_FILE.to_string(),
            links: d
                .wiring
                .iter()
                .map(|w| Link {
                    id: w.id.clone(),
                    title: w.title.clone(),
                })
                .collect(),
            proposal: json!({
                "messages": messages,
                "metadata": "",
                "deposit": p.deposit,
                "title": p.title,
                "summary": p.summary,
                "expedited": false,
            }),
        },
    )
}

/// `v` as pretty JSON.
fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

impl Plan {
    /// The plan for people: the addresses, then each step's command and
    /// transaction.
    pub fn to_markdown(&self) -> String {
        let mut out = format!(
            "# Deploy plan: profile `{}`\n\nWritten by `backstop deploy`. Chain prefix `{}`; deployer \
             `{}` (sends steps 1 to {}: store and instantiate); admin and owner of every contract: the \
             gov module `{}`.\n\nThe addresses are computed with instantiate2 (the code's sha256, the \
             deployer, the salt = the label), so they hold only when the deployer sends the \
             instantiate steps with these exact artifacts. Code ids are assigned by the chain: set \
             each `$…_CODE_ID` from its store step.\n\n| contract | label | address |\n|---|---|---|\n",
            self.profile,
            self.prefix,
            self.deployer,
            self.steps.len().saturating_sub(1),
            self.authority
        );
        for c in &self.contracts {
            out += &format!("| {} | `{}` | `{}` |\n", c.role, c.label, c.address);
        }
        if let Some(token) = &self.asset_cw20 {
            out += &format!("\nThe asset is the cw20 token `{token}`, which must exist first.\n");
        }
        for s in &self.steps {
            out += &format!(
                "\n## {}. {} (`{}`)\n\n```sh\n{}\n```\n",
                s.n, s.title, s.id, s.cli
            );
            out += &match &s.action {
                Action::StoreCode { checksum, tx, .. } => format!(
                    "\nChecksum (sha256): `{checksum}`.\n\n```json\n{}\n```\n",
                    pretty(tx)
                ),
                Action::Instantiate2 { address, tx, .. } => {
                    format!("\nLands at `{address}`.\n\n```json\n{}\n```\n", pretty(tx))
                }
                Action::Proposal {
                    file,
                    links,
                    proposal,
                } => {
                    let mut list = String::from("\nIts messages, in order (each a `MsgSudoContract` from the gov module):\n\n");
                    for (i, l) in links.iter().enumerate() {
                        list += &format!("{}. `{}`: {}\n", i + 1, l.id, l.title);
                    }
                    format!("{list}\n`{file}`:\n\n```json\n{}\n```\n", pretty(proposal))
                }
            };
        }
        if let Some(soc) = self.address("socializer") {
            out += &format!(
                "\n## Check\n\n```sh\nwasmd q wasm contract-state smart {soc} '{{\"wiring\":{{}}}}'\n```\n\n\
                 Every link must be `ok`; `backstop check-wiring` reads it with the markets and the \
                 vault's claimants and names the message that fixes each missing link.\n"
            );
        }
        out
    }
}
