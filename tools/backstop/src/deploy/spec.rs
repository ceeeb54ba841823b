//! The deploy file: which profile, the asset, the three contracts'
//! parameters (the simulator's `[vault]`, `[staking]` and `[socializer]`
//! tables, amounts in whole tokens) and the markets with their addresses on
//! the chain. TOML or JSON; every table refuses a field it does not know.

use serde::Deserialize;

use crate::scenario::{
    ClaimantSpec, MarketLimitsSpec, Profile, SocializerSpec, StakingSpec, VaultSpec,
};
use crate::units::{with_decimals, Amount};

/// `[asset]`: the vault's asset, already on the chain.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeployAsset {
    /// A bank denomination (`inj`, `ibc/…`, `peggy0x…`).
    #[serde(default)]
    pub denom: Option<String>,
    /// Or the address of a cw20 token.
    #[serde(default)]
    pub cw20: Option<String>,
    /// The ticker: the share token is `bs<symbol>` unless `[vault]` says.
    #[serde(default = "usdc")]
    pub symbol: String,
    /// Decimals: amounts in the file are in whole tokens.
    #[serde(default = "six")]
    pub decimals: u8,
}

fn usdc() -> String {
    "USDC".into()
}

fn six() -> u8 {
    6
}

/// `[[markets]]`: a market contract on the chain.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeployMarket {
    /// The market id: 1 to 32 of `a-z`, `0-9`, `-`, `_`.
    pub id: String,
    /// The market's address: it reports to the socializer (full profile)
    /// or claims from the vault (vault profiles).
    pub reporter: String,
    /// Where covered funds go (default: the reporter).
    #[serde(default)]
    pub recipient: Option<String>,
    /// The most exposure the market may declare (default: unlimited).
    #[serde(default)]
    pub exposure_ceiling: Option<Amount>,
    /// The market's own budgets in place of the defaults (full profile).
    #[serde(default)]
    pub limits: Option<MarketLimitsSpec>,
    /// Its limits as the vault's claimant (vault profiles; default:
    /// `[vault.claimant]`).
    #[serde(default)]
    pub claimant: Option<ClaimantSpec>,
}

/// `[proposal]`: the wiring proposal's text and deposit.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProposalSpec {
    /// Title.
    #[serde(default = "wire_title")]
    pub title: String,
    /// Summary.
    #[serde(default = "wire_summary")]
    pub summary: String,
    /// Deposit, as `100000000inj`.
    #[serde(default)]
    pub deposit: String,
}

impl Default for ProposalSpec {
    fn default() -> Self {
        Self {
            title: wire_title(),
            summary: wire_summary(),
            deposit: String::new(),
        }
    }
}

fn wire_title() -> String {
    "Wire the Backstop contracts".into()
}

fn wire_summary() -> String {
    "Links the fund vault, the staking contract and the loss socializer, and registers the markets (written by `backstop deploy`).".into()
}

/// The deploy file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeployFile {
    /// `vault`, `vault+staking` or `full` (or `--profile`).
    #[serde(default)]
    pub profile: Option<Profile>,
    /// The account that stores and instantiates the code (its address
    /// fixes the contracts' addresses); `--deployer` overrides it.
    #[serde(default)]
    pub deployer: Option<String>,
    /// Prefix of the contracts' labels and instantiate2 salts (default
    /// `backstop`): a second deployment by the same account needs another.
    #[serde(default = "default_label")]
    pub label: String,
    /// The asset.
    pub asset: DeployAsset,
    /// Vault parameters.
    #[serde(default)]
    pub vault: VaultSpec,
    /// Staking parameters (profiles with staking).
    #[serde(default)]
    pub staking: Option<StakingSpec>,
    /// Socializer parameters (full profile).
    #[serde(default)]
    pub socializer: Option<SocializerSpec>,
    /// Markets.
    #[serde(default)]
    pub markets: Vec<DeployMarket>,
    /// The wiring proposal.
    #[serde(default)]
    pub proposal: ProposalSpec,
}

fn default_label() -> String {
    "backstop".into()
}

/// Why a deploy file was refused: each names the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeployError {
    /// The file cannot be read.
    Read(String),
    /// The file does not parse: the reader's message names the field, with
    /// its line when known.
    Parse {
        /// Line (1-based), when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A value the contracts would refuse, or that does not fit the rest.
    Invalid {
        /// The field, as `vault.cooldown` or `markets[1].reporter`.
        field: String,
        /// Why, as the contract says it.
        reason: String,
    },
}

impl DeployError {
    /// An invalid `field`.
    pub fn invalid(field: impl Into<String>, reason: impl ToString) -> Self {
        DeployError::Invalid {
            field: field.into(),
            reason: reason.to_string(),
        }
    }
}

impl std::fmt::Display for DeployError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DeployError::Read(e) => write!(f, "{e}"),
            DeployError::Parse {
                line: Some(line),
                message,
            } => write!(f, "line {line}: {message}"),
            DeployError::Parse {
                line: None,
                message,
            } => write!(f, "{message}"),
            DeployError::Invalid { field, reason } => write!(f, "{field}: {reason}"),
        }
    }
}

impl std::error::Error for DeployError {}

/// Only `[asset]`, read first for its decimals.
#[derive(Deserialize)]
struct AssetOnly {
    #[serde(default)]
    asset: Option<serde_json::Value>,
}

/// Whether `text` is JSON (it starts with `{`) rather than TOML.
fn is_json(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

impl DeployFile {
    /// The profile: `--profile` (`cli`) or the file's, which must agree.
    pub fn resolve_profile(&mut self, cli: Option<Profile>) -> Result<Profile, DeployError> {
        let profile =
            match (self.profile, cli) {
                (Some(f), Some(c)) if f != c => {
                    return Err(DeployError::invalid(
                        "profile",
                        format!(
                            "the file says `{}` and --profile says `{}`",
                            f.name(),
                            c.name()
                        ),
                    ))
                }
                (Some(p), _) | (None, Some(p)) => p,
                (None, None) => return Err(DeployError::invalid(
                    "profile",
                    "give the profile: `profile` in the file or --profile vault|vault+staking|full",
                )),
            };
        self.profile = Some(profile);
        Ok(profile)
    }

    /// Reads a deploy file (TOML, or JSON when it starts with `{`).
    pub fn parse(text: &str) -> Result<DeployFile, DeployError> {
        let decimals = Self::decimals(text)?;
        if decimals > 18 {
            return Err(DeployError::invalid(
                "asset.decimals",
                format!("{decimals} is more than 18"),
            ));
        }
        with_decimals(decimals.into(), || {
            if is_json(text) {
                serde_json::from_str(text).map_err(|e| DeployError::Parse {
                    line: Some(e.line()),
                    message: e.to_string(),
                })
            } else {
                toml::from_str(text).map_err(|e| toml_error(text, e))
            }
        })
    }

    /// The asset's decimals, read before the amounts.
    fn decimals(text: &str) -> Result<u8, DeployError> {
        let first: AssetOnly = if is_json(text) {
            serde_json::from_str(text).map_err(|e| DeployError::Parse {
                line: Some(e.line()),
                message: e.to_string(),
            })?
        } else {
            toml::from_str(text).map_err(|e| toml_error(text, e))?
        };
        Ok(first
            .asset
            .and_then(|a| a.get("decimals").and_then(|d| d.as_u64()))
            .map_or(6, |d| d.min(255) as u8))
    }

    /// Reads the deploy file at `path`.
    pub fn load(path: &std::path::Path) -> Result<DeployFile, DeployError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| DeployError::Read(format!("{}: cannot read: {e}", path.display())))?;
        Self::parse(&text)
    }
}

fn toml_error(text: &str, e: toml::de::Error) -> DeployError {
    DeployError::Parse {
        line: e.span().map(|s| crate::scenario::line_of(text, s.start)),
        message: e.message().trim().to_string(),
    }
}
