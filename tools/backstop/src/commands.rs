//! The deploy kit's subcommands: `deploy` and `check-wiring` (`propose` is
//! `gov_proposal::cli`).

use std::path::{Path, PathBuf};

use backstop::deploy::plan::{Plan, PROPOSAL_FILE};
use backstop::deploy::{self, Chain, DeployFile};
use backstop::scenario::Profile;
use backstop::wiring::{self, OnChain, SavedQueries};

/// Why a command stopped.
pub enum Failure {
    /// The command line is wrong.
    Usage(String),
    /// A file was refused, or the chain said no.
    Refused(String),
    /// The check ran and a link is missing (the report says which).
    Incomplete,
}

/// Options: `--flag value` pairs, `--switch`es and positional arguments.
struct Options {
    values: Vec<(String, String)>,
    switches: Vec<String>,
    positional: Vec<String>,
}

impl Options {
    fn parse(args: &[String], with_value: &[&str], switches: &[&str]) -> Result<Self, Failure> {
        let mut o = Options {
            values: vec![],
            switches: vec![],
            positional: vec![],
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if with_value.contains(&a.as_str()) {
                let v = it
                    .next()
                    .ok_or_else(|| Failure::Usage(format!("{a} needs a value")))?;
                o.values.push((a.clone(), v.clone()));
            } else if switches.contains(&a.as_str()) {
                o.switches.push(a.clone());
            } else if a.starts_with("--") {
                return Err(Failure::Usage(format!("unknown option {a}")));
            } else {
                o.positional.push(a.clone());
            }
        }
        Ok(o)
    }

    fn get(&self, flag: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(f, _)| f == flag)
            .map(|(_, v)| v.as_str())
    }

    fn all(&self, flag: &str) -> Vec<String> {
        self.values
            .iter()
            .filter(|(f, _)| f == flag)
            .map(|(_, v)| v.clone())
            .collect()
    }

    fn has(&self, switch: &str) -> bool {
        self.switches.iter().any(|s| s == switch)
    }
}

fn refused(e: impl ToString) -> Failure {
    Failure::Refused(e.to_string())
}

fn write(path: &Path, text: &str) -> Result<(), Failure> {
    std::fs::write(path, text).map_err(|e| refused(format!("{}: {e}", path.display())))
}

fn parse_profile(text: &str) -> Result<Profile, Failure> {
    serde_json::from_value(serde_json::Value::String(text.into())).map_err(|_| {
        Failure::Usage(format!(
            "--profile {text}: use vault, vault+staking or full"
        ))
    })
}

/// `backstop deploy`.
pub fn deploy(args: &[String]) -> Result<(), Failure> {
    let o = Options::parse(
        args,
        &[
            "--prefix",
            "--profile",
            "--deployer",
            "--authority",
            "--out",
        ],
        &["--check"],
    )?;
    let [path] = o.positional.as_slice() else {
        return Err(Failure::Usage("deploy takes one deploy file".into()));
    };
    let prefix = o
        .get("--prefix")
        .ok_or_else(|| Failure::Usage("deploy needs --prefix (inj, neutron, osmo, ...)".into()))?;
    let chain = Chain {
        prefix: deploy::leak_prefix(prefix),
        authority: o.get("--authority").map(String::from),
        deployer: o.get("--deployer").map(String::from),
        profile: o.get("--profile").map(parse_profile).transpose()?,
    };
    let file = DeployFile::load(Path::new(path)).map_err(|e| refused(format!("{path}: {e}")))?;
    let d = deploy::build(&file, &chain, &backstop::artifacts::dir())
        .map_err(|e| refused(format!("{path}: {e}")))?;
    let plan = Plan::new(&d);
    let out = PathBuf::from(o.get("--out").unwrap_or("backstop-deploy"));
    std::fs::create_dir_all(&out).map_err(|e| refused(format!("{}: {e}", out.display())))?;
    write(&out.join("plan.json"), &plan.to_json())?;
    write(&out.join("plan.md"), &plan.to_markdown())?;
    if let Some(p) = plan.proposal() {
        let text = serde_json::to_string_pretty(p).unwrap_or_default() + "\n";
        write(&out.join(PROPOSAL_FILE), &text)?;
    }
    println!("{}", plan.to_markdown());
    eprintln!(
        "wrote {0}/plan.json, {0}/plan.md and {0}/{PROPOSAL_FILE}",
        out.display()
    );
    if o.has("--check") {
        return check_on_vm(&plan, &[]);
    }
    Ok(())
}

/// Runs `plan` on the embedded VM, leaving out `skip`, and checks it.
fn check_on_vm(plan: &Plan, skip: &[String]) -> Result<(), Failure> {
    let mut engine = deploy::run::execute(plan, skip).map_err(refused)?;
    eprintln!(
        "ran the plan on the embedded VM ({} steps)",
        plan.steps.len()
    );
    let links = wiring::check(&mut OnChain(&mut engine), Some(plan), None).map_err(refused)?;
    print!("{}", wiring::report(&links));
    if wiring::complete(&links) {
        Ok(())
    } else {
        Err(Failure::Incomplete)
    }
}

fn read_plan(path: &str) -> Result<Plan, Failure> {
    let text = std::fs::read_to_string(path).map_err(|e| refused(format!("{path}: {e}")))?;
    Plan::parse(&text).map_err(|e| refused(format!("{path}: {e}")))
}

/// `backstop check-wiring`.
pub fn check_wiring(args: &[String]) -> Result<(), Failure> {
    let o = Options::parse(
        args,
        &["--plan", "--queries", "--socializer", "--skip"],
        &["--vm"],
    )?;
    if let Some(p) = o.positional.first() {
        return Err(Failure::Usage(format!("unexpected argument {p}")));
    }
    let plan = o.get("--plan").map(read_plan).transpose()?;
    let skip = o.all("--skip");
    match (o.has("--vm"), o.get("--queries"), &plan) {
        (true, None, Some(plan)) => {
            if let Some(bad) = skip.iter().find(|s| !wiring::has_step_or_link(plan, s)) {
                return Err(Failure::Usage(format!("--skip {bad}: the plan has no such step or link")));
            }
            check_on_vm(plan, &skip)
        }
        (false, Some(dir), _) if skip.is_empty() => {
            let mut saved = SavedQueries {
                dir: PathBuf::from(dir),
            };
            let links = wiring::check(&mut saved, plan.as_ref(), o.get("--socializer"))
                .map_err(refused)?;
            print!("{}", wiring::report(&links));
            match wiring::complete(&links) {
                true => Ok(()),
                false => Err(Failure::Incomplete),
            }
        }
        _ => Err(Failure::Usage(
            "check-wiring takes --plan FILE --vm [--skip ID]..., or --queries DIR [--plan FILE | --socializer ADDR]".into(),
        )),
    }
}
