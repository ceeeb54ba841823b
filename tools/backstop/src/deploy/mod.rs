//! `backstop deploy`: the ordered steps that deploy a profile on a chain,
//! from a deploy file, validated with the contracts' own rules before
//! anything is written.
//!
//! Addresses are computed, not awaited: each contract is instantiated with
//! `MsgInstantiateContract2`, whose address is a function of the code's
//! checksum (the artifact's sha256), the deployer's address and a salt
//! (`<label>-<contract>`), so every later message can name it before it
//! exists. Code ids are the one thing a chain assigns: a store step sets a
//! variable (`$FUND_VAULT_CODE_ID`) that the instantiate step references.
//! The gov module account is the contracts' admin and owner; the wiring is
//! one governance proposal of `MsgSudoContract`s, each validated by
//! `gov-proposal`'s rules.

pub mod plan;
pub mod run;
pub mod spec;

use backstop_types::asset::AssetInfoUnchecked;
use backstop_types::params::{check_addr, check_bounded};
use backstop_types::socializer::{validate_layers, MAX_TIMELOCK_SECONDS};
use backstop_types::{fund_vault, socializer, staking};
use cosmwasm_std::testing::MockApi;
use cosmwasm_std::{Api, Checksum, Uint128};
use gov_proposal::{ProposalArgs, Target};
use serde::Serialize;
use serde_json::Value;

use crate::engine::Code;
use crate::scenario::Profile;
pub use spec::{DeployError, DeployFile};

/// Where the deployment goes.
#[derive(Clone, Debug)]
pub struct Chain {
    /// Bech32 prefix (`inj`, `neutron`, `osmo`, ...).
    pub prefix: &'static str,
    /// The gov module account (default: derived from the prefix).
    pub authority: Option<String>,
    /// The account that stores and instantiates (default: the file's
    /// `deployer`).
    pub deployer: Option<String>,
    /// The profile (default: the file's).
    pub profile: Option<Profile>,
}

/// A bech32 prefix as the address helpers take it. Prefixes are few and
/// live as long as the program.
pub fn leak_prefix(prefix: &str) -> &'static str {
    Box::leak(prefix.to_string().into_boxed_str())
}

/// The gov module account on a chain of `prefix`: the first 20 bytes of
/// sha256("gov"), as the Cosmos SDK derives a module's address.
pub fn gov_module_address(prefix: &'static str) -> Result<String, DeployError> {
    let hash = Checksum::generate(b"gov");
    let api = MockApi::default().with_prefix(prefix);
    api.addr_humanize(&hash.as_slice()[..20].into())
        .map(|a| a.into_string())
        .map_err(|e| DeployError::invalid("--prefix", e))
}

/// The address `MsgInstantiateContract2` gives code `checksum`
/// instantiated by `creator` with `salt`.
pub fn predict_address(
    prefix: &'static str,
    checksum: &Checksum,
    creator: &str,
    salt: &str,
) -> Result<String, DeployError> {
    let api = MockApi::default().with_prefix(prefix);
    let canonical = api
        .addr_canonicalize(creator)
        .map_err(|e| DeployError::invalid("deployer", e))?;
    let address =
        cosmwasm_std::instantiate2_address(checksum.as_slice(), &canonical, salt.as_bytes())
            .map_err(|e| DeployError::invalid("label", e))?;
    api.addr_humanize(&address)
        .map(|a| a.into_string())
        .map_err(|e| DeployError::invalid("deployer", e))
}

/// One code to store.
#[derive(Clone, Debug)]
pub struct CodeInfo {
    /// Which contract.
    pub code: Code,
    /// The artifact's name (`fund_vault`).
    pub name: &'static str,
    /// Its sha256: the code hash the chain records.
    pub checksum: Checksum,
}

/// One contract to instantiate.
#[derive(Clone, Debug)]
pub struct Instance {
    /// Its role: `vault`, `staking` or `socializer`.
    pub role: &'static str,
    /// The code it runs.
    pub code: Code,
    /// Its label, also the instantiate2 salt.
    pub label: String,
    /// Its address, computed.
    pub address: String,
    /// The instantiate message.
    pub msg: Value,
}

/// One governance message of the wiring proposal.
#[derive(Clone, Debug)]
pub struct Wire {
    /// Short id, as `vault-claimant` or `market-btc-perp`.
    pub id: String,
    /// What it links.
    pub title: String,
    /// The contract it changes.
    pub target: Target,
    /// That contract's address.
    pub contract: String,
    /// The `GovMsg`, as validated.
    pub msg: Value,
}

/// A deployment, every message validated.
#[derive(Clone, Debug)]
pub struct Deployment {
    /// The profile.
    pub profile: Profile,
    /// Bech32 prefix.
    pub prefix: &'static str,
    /// The gov module account: admin and owner of every contract.
    pub authority: String,
    /// The account that stores and instantiates.
    pub deployer: String,
    /// A cw20 asset's address, if the asset is a cw20.
    pub asset_cw20: Option<String>,
    /// Codes, in storing order.
    pub codes: Vec<CodeInfo>,
    /// Contracts, in instantiation order.
    pub instances: Vec<Instance>,
    /// The wiring proposal's messages, in order.
    pub wiring: Vec<Wire>,
    /// The wiring proposal's text.
    pub proposal: spec::ProposalSpec,
}

fn to_value<T: Serialize>(msg: &T) -> Value {
    serde_json::to_value(msg).unwrap_or(Value::Null)
}

/// What a deployment is built from.
struct Builder<'a> {
    file: &'a DeployFile,
    api: MockApi,
    prefix: &'static str,
    authority: String,
    deployer: String,
    codes: Vec<CodeInfo>,
}

impl Builder<'_> {
    /// The profile, resolved before the builder is made.
    fn profile(&self) -> Profile {
        self.file.profile.unwrap_or(Profile::Full)
    }

    fn checksum(&self, code: Code) -> Result<Checksum, DeployError> {
        self.codes
            .iter()
            .find(|c| c.code == code)
            .map(|c| c.checksum)
            .ok_or_else(|| DeployError::invalid("artifacts", "missing artifact"))
    }

    fn instance(
        &self,
        role: &'static str,
        code: Code,
        msg: Value,
    ) -> Result<Instance, DeployError> {
        let contract = match code {
            Code::Vault => "fund-vault",
            Code::Staking => "staking-rewards",
            Code::Socializer => "loss-socializer",
            Code::Cw20 => "cw20",
        };
        let label = format!("{}-{contract}", self.file.label);
        let address = predict_address(self.prefix, &self.checksum(code)?, &self.deployer, &label)?;
        Ok(Instance {
            role,
            code,
            label,
            address,
            msg,
        })
    }

    fn addr(&self, field: &str, address: &str) -> Result<(), DeployError> {
        check_addr(&self.api, "address", address)
            .map(|_| ())
            .map_err(|e| DeployError::invalid(field, e))
    }

    fn asset(&self) -> Result<AssetInfoUnchecked, DeployError> {
        let a = &self.file.asset;
        let asset =
            match (&a.denom, &a.cw20) {
                (Some(denom), None) => AssetInfoUnchecked::Native {
                    denom: denom.clone(),
                },
                (None, Some(address)) => AssetInfoUnchecked::Cw20 {
                    address: address.clone(),
                },
                _ => return Err(DeployError::invalid(
                    "asset",
                    "give exactly one of `denom` (a bank denomination) or `cw20` (a token address)",
                )),
            };
        let field = if a.cw20.is_some() {
            "asset.cw20"
        } else {
            "asset.denom"
        };
        asset
            .clone()
            .check(&self.api)
            .map_err(|e| DeployError::invalid(field, e))?;
        Ok(asset)
    }

    fn vault(&self, asset: &AssetInfoUnchecked) -> Result<Instance, DeployError> {
        let v = &self.file.vault;
        let symbol = &self.file.asset.symbol;
        let share_token = fund_vault::ShareTokenInfo {
            name: v.share_name.clone().unwrap_or(format!("Backstop {symbol}")),
            symbol: v.share_symbol.clone().unwrap_or(format!("bs{symbol}")),
            decimals: self.file.asset.decimals,
        };
        share_token
            .validate()
            .map_err(|e| DeployError::invalid("vault", e))?;
        let params = v.params_msg();
        params
            .clone()
            .check(None)
            .map_err(|e| DeployError::invalid("vault", e))?;
        let msg = fund_vault::InstantiateMsg {
            owner: self.authority.clone(),
            asset: asset.clone(),
            share_token,
            params,
            guardian: None,
            claimants: vec![],
            slash_sources: vec![],
            slash_claimant: None,
        };
        self.instance("vault", Code::Vault, to_value(&msg))
    }

    fn staking(
        &self,
        vault: &Instance,
        asset: &AssetInfoUnchecked,
    ) -> Result<Instance, DeployError> {
        let st = self.file.staking.clone().unwrap_or_default();
        let params = st.params_msg();
        params
            .clone()
            .check(&self.api)
            .map_err(|e| DeployError::invalid("staking", e))?;
        let msg = staking::InstantiateMsg {
            owner: self.authority.clone(),
            staking_token: vault.address.clone(),
            params,
            reward_assets: vec![asset.clone()],
        };
        self.instance("staking", Code::Staking, to_value(&msg))
    }

    fn socializer(&self, vault: &Instance, staking: &Instance) -> Result<Instance, DeployError> {
        let so = self.file.socializer.clone().unwrap_or_default();
        let unbonding = self.file.staking.clone().unwrap_or_default().unbonding.0;
        let layers: Vec<socializer::Layer> = so.layers.iter().map(|l| l.layer()).collect();
        let invalid = |e| DeployError::invalid("socializer", e);
        validate_layers(&layers, true).map_err(invalid)?;
        let limits = so.limits.limits();
        limits.validate().map_err(invalid)?;
        let timelock = so.timelock.map_or(unbonding, |t| t.0);
        check_bounded("timelock_seconds", timelock, MAX_TIMELOCK_SECONDS).map_err(invalid)?;
        if timelock < unbonding {
            return Err(DeployError::invalid(
                "socializer.timelock",
                format!("{timelock}s is shorter than the staking unbonding period {unbonding}s"),
            ));
        }
        let msg = socializer::InstantiateMsg {
            owner: self.authority.clone(),
            vault: vault.address.clone(),
            staking: Some(staking.address.clone()),
            layers,
            timelock_seconds: timelock,
            limits,
            markets: vec![],
        };
        self.instance("socializer", Code::Socializer, to_value(&msg))
    }

    /// The wiring messages, each validated as a proposal would be.
    fn wiring(&self, instances: &[Instance]) -> Result<Vec<Wire>, DeployError> {
        let find = |role: &str| instances.iter().find(|i| i.role == role);
        let vault = find("vault").map(|i| i.address.clone()).unwrap_or_default();
        let mut out = vec![];
        match (find("staking"), find("socializer")) {
            (Some(st), Some(so)) => {
                let v = &self.file.vault;
                out.push(self.wire(
                    "vault-claimant",
                    "the socializer draws on the vault, within its limits",
                    Target::Vault,
                    &vault,
                    "vault.claimant",
                    &fund_vault::GovMsg::SetClaimant(fund_vault::ClaimantMsg {
                        address: so.address.clone(),
                        limits: v.claimant.limits(),
                    }),
                )?);
                out.push(self.wire(
                    "vault-slash-sources",
                    if v.hook {
                        "the vault redeems shares the staking contract slashes, and the vault layer rides on the slash"
                    } else {
                        "the vault redeems shares the staking contract slashes"
                    },
                    Target::Vault,
                    &vault,
                    "vault.hook",
                    &fund_vault::GovMsg::SetSlashSources {
                        addresses: vec![st.address.clone()],
                        claimant: v.hook.then(|| so.address.clone()),
                    },
                )?);
                out.push(self.wire(
                    "staking-slasher",
                    "the socializer may slash stakers",
                    Target::Staking,
                    &st.address,
                    "staking",
                    &staking::GovMsg::UpdateParams(staking::ParamsUpdate {
                        slashers: Some(vec![so.address.clone()]),
                        ..Default::default()
                    }),
                )?);
                for (i, m) in self.file.markets.iter().enumerate() {
                    out.push(self.market(i, m, &so.address)?);
                }
            }
            _ => {
                for (i, m) in self.file.markets.iter().enumerate() {
                    let limits = m.claimant.unwrap_or(self.file.vault.claimant).limits();
                    out.push(self.wire(
                        &format!("claimant-{}", m.id),
                        &format!("market {} draws on the vault, within its limits", m.id),
                        Target::Vault,
                        &vault,
                        &format!("markets[{i}]"),
                        &fund_vault::GovMsg::SetClaimant(fund_vault::ClaimantMsg {
                            address: m.reporter.clone(),
                            limits,
                        }),
                    )?);
                }
            }
        }
        Ok(out)
    }

    fn market(
        &self,
        i: usize,
        m: &spec::DeployMarket,
        socializer: &str,
    ) -> Result<Wire, DeployError> {
        let field = format!("markets[{i}]");
        let msg = socializer::MarketMsg {
            id: m.id.clone(),
            reporter: m.reporter.clone(),
            recipient: m.recipient.clone().unwrap_or(m.reporter.clone()),
            exposure_ceiling: m
                .exposure_ceiling
                .map_or(Uint128::MAX, |a| Uint128::new(a.0)),
            limits: m.limits.map(|l| l.limits()),
        };
        self.wire(
            &format!("market-{}", m.id),
            &format!("register market {} on the socializer", m.id),
            Target::Socializer,
            socializer,
            &field,
            &socializer::GovMsg::SetMarket(msg),
        )
    }

    /// A wiring message, validated with the proposal writer's rules.
    fn wire<M: Serialize>(
        &self,
        id: &str,
        title: &str,
        target: Target,
        contract: &str,
        field: &str,
        msg: &M,
    ) -> Result<Wire, DeployError> {
        let text = serde_json::to_string(msg).map_err(|e| DeployError::invalid(field, e))?;
        let args = ProposalArgs {
            target,
            prefix: self.prefix,
            contract: contract.to_string(),
            authority: self.authority.clone(),
            has_staking: self.profile().has_staking(),
            unbonding_seconds: None,
            title: String::new(),
            summary: String::new(),
            deposit: String::new(),
        };
        let msg =
            gov_proposal::gov_msg(&args, &text).map_err(|e| DeployError::invalid(field, e))?;
        Ok(Wire {
            id: id.to_string(),
            title: title.to_string(),
            target,
            contract: contract.to_string(),
            msg,
        })
    }

    /// Markets: unique ids and reporters, addresses of this chain.
    fn check_markets(&self) -> Result<(), DeployError> {
        let mut ids = std::collections::BTreeSet::new();
        let mut reporters = std::collections::BTreeSet::new();
        for (i, m) in self.file.markets.iter().enumerate() {
            let field = |f: &str| format!("markets[{i}].{f}");
            socializer::check_market_id(&m.id).map_err(|e| DeployError::invalid(field("id"), e))?;
            if !ids.insert(m.id.clone()) {
                return Err(DeployError::invalid(
                    field("id"),
                    format!("market `{}` is listed twice", m.id),
                ));
            }
            self.addr(&field("reporter"), &m.reporter)?;
            if !reporters.insert(m.reporter.clone()) {
                return Err(DeployError::invalid(
                    field("reporter"),
                    "one address reports for one market only",
                ));
            }
            if let Some(r) = &m.recipient {
                self.addr(&field("recipient"), r)?;
            }
            let full = self.profile().has_socializer();
            if full && m.claimant.is_some() {
                return Err(DeployError::invalid(field("claimant"), "the full profile's markets report to the socializer: their limits are `limits`"));
            }
            if !full && m.limits.is_some() {
                return Err(DeployError::invalid(
                    field("limits"),
                    "markets of a vault profile are claimants: their limits are `claimant`",
                ));
            }
            let claimant_only = "markets of a vault profile are claimants: only `id`, `reporter` and `claimant` apply";
            if !full && m.recipient.is_some() {
                return Err(DeployError::invalid(field("recipient"), claimant_only));
            }
            if !full && m.exposure_ceiling.is_some() {
                return Err(DeployError::invalid(
                    field("exposure_ceiling"),
                    claimant_only,
                ));
            }
        }
        Ok(())
    }

    /// Tables the profile does not deploy are refused, not ignored.
    fn check_profile(&self) -> Result<(), DeployError> {
        let p = self.profile();
        if self.file.staking.is_some() && !p.has_staking() {
            return Err(DeployError::invalid(
                "staking",
                format!("profile `{}` deploys no staking contract", p.name()),
            ));
        }
        if self.file.socializer.is_some() && !p.has_socializer() {
            return Err(DeployError::invalid(
                "socializer",
                format!("profile `{}` deploys no loss socializer", p.name()),
            ));
        }
        if !p.has_socializer() && !self.file.vault.hook {
            return Err(DeployError::invalid(
                "vault.hook",
                "the slash hook needs the full profile",
            ));
        }
        Ok(())
    }
}

/// The codes a profile stores, with their checksums read from
/// `artifacts` (the files the store steps upload).
pub fn codes(profile: Profile, artifacts: &std::path::Path) -> Result<Vec<CodeInfo>, DeployError> {
    let mut wanted = vec![(Code::Vault, "fund_vault")];
    if profile.has_staking() {
        wanted.push((Code::Staking, "staking_rewards"));
    }
    if profile.has_socializer() {
        wanted.push((Code::Socializer, "loss_socializer"));
    }
    wanted
        .into_iter()
        .map(|(code, name)| {
            let path = artifacts.join(format!("{name}.wasm"));
            let wasm = std::fs::read(&path).map_err(|e| {
                DeployError::Read(format!(
                    "{}: cannot read: {e}; {}",
                    path.display(),
                    crate::artifacts::BUILD_HINT
                ))
            })?;
            Ok(CodeInfo {
                code,
                name,
                checksum: Checksum::generate(&wasm),
            })
        })
        .collect()
}

/// Validates `file` for `chain` and builds every message of the
/// deployment, with the checksums of the artifacts in `artifacts`. Nothing is written: an invalid file is an error naming the
/// field.
pub fn build(
    file: &DeployFile,
    chain: &Chain,
    artifacts: &std::path::Path,
) -> Result<Deployment, DeployError> {
    let mut file = file.clone();
    let profile = file.resolve_profile(chain.profile)?;
    let codes = codes(profile, artifacts)?;
    let file = &file;
    let api = MockApi::default().with_prefix(chain.prefix);
    let authority = match &chain.authority {
        Some(a) => a.clone(),
        None => gov_module_address(chain.prefix)?,
    };
    let deployer = chain
        .deployer
        .clone()
        .or(file.deployer.clone())
        .ok_or_else(|| {
            DeployError::invalid(
                "deployer",
                "name the account that deploys: `deployer` in the file or --deployer",
            )
        })?;
    let b = Builder {
        file,
        api,
        prefix: chain.prefix,
        authority,
        deployer,
        codes,
    };
    b.addr("--authority", &b.authority)?;
    b.addr("deployer", &b.deployer)?;
    b.check_profile()?;
    b.check_markets()?;
    if file.label.is_empty() || file.label.len() > 64 {
        return Err(DeployError::invalid("label", "must be 1 to 64 bytes"));
    }
    let asset = b.asset()?;
    let vault = b.vault(&asset)?;
    let mut instances = vec![vault];
    if profile.has_staking() {
        let st = b.staking(&instances[0], &asset)?;
        instances.push(st);
    }
    if profile.has_socializer() {
        let so = b.socializer(&instances[0], &instances[1])?;
        instances.push(so);
    }
    let wiring = b.wiring(&instances)?;
    Ok(Deployment {
        profile,
        prefix: chain.prefix,
        authority: b.authority.clone(),
        deployer: b.deployer.clone(),
        asset_cw20: file.asset.cw20.clone(),
        codes: b.codes.clone(),
        instances,
        wiring,
        proposal: file.proposal.clone(),
    })
}
