//! The scenario file: a TOML document that sets the deployment, the actors
//! and the timeline (see `docs/simulator.md`). Every table refuses a field
//! it does not know, and every error names the field and its line: `toml`
//! reports what it cannot read, and [`Scenario::parse`] reports what does
//! not fit together (an unknown actor, a timeline that goes back in time)
//! at the line of the offending value.

use std::collections::BTreeSet;
use std::ops::Range;

use backstop_types::{fund_vault, socializer, staking};
use cosmwasm_std::{Decimal, Uint128};
use serde::Deserialize;
use toml::Spanned;

use crate::units::{with_decimals, Amount, Duration, Ratio};

/// Which contracts are deployed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
pub enum Profile {
    /// The fund vault alone: each market is a claimant of the vault.
    #[serde(rename = "vault")]
    Vault,
    /// The vault and the staking contract over its shares (no slashing):
    /// each market is a claimant of the vault.
    #[serde(rename = "vault+staking")]
    VaultStaking,
    /// Vault, staking and loss socializer: markets report through the
    /// waterfall.
    #[serde(rename = "full")]
    Full,
}

impl Profile {
    /// Whether the staking contract is deployed.
    pub fn has_staking(self) -> bool {
        matches!(self, Profile::VaultStaking | Profile::Full)
    }

    /// Whether the loss socializer is deployed.
    pub fn has_socializer(self) -> bool {
        self == Profile::Full
    }

    /// The name used in the file.
    pub fn name(self) -> &'static str {
        match self {
            Profile::Vault => "vault",
            Profile::VaultStaking => "vault+staking",
            Profile::Full => "full",
        }
    }
}

/// The asset the vault holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum AssetKind {
    /// A bank denomination.
    #[default]
    Native,
    /// A cw20-base token deployed with the suite.
    Cw20,
}

/// `[asset]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssetSpec {
    /// `native` or `cw20`.
    #[serde(default)]
    pub kind: AssetKind,
    /// Bank denomination (native only).
    #[serde(default)]
    pub denom: Option<String>,
    /// Ticker shown in tables, and the cw20 token's symbol.
    #[serde(default = "default_symbol")]
    pub symbol: String,
    /// Decimals: amounts in the file are in whole tokens.
    #[serde(default = "default_decimals")]
    pub decimals: u8,
}

fn default_symbol() -> String {
    "USDC".into()
}

fn default_decimals() -> u8 {
    6
}

impl AssetSpec {
    /// The bank denomination of a native asset.
    pub fn denom(&self) -> String {
        self.denom
            .clone()
            .unwrap_or_else(|| format!("u{}", self.symbol.to_lowercase()))
    }
}

/// A claimant's limits at the vault. Caps left out are unlimited.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimantSpec {
    /// The most the claimant can ever be paid.
    #[serde(default)]
    pub lifetime_cap: Option<Amount>,
    /// What it may be paid per window.
    #[serde(default)]
    pub window_cap: Option<Amount>,
    /// The window: an empty bucket refills over this long.
    #[serde(default = "one_day")]
    pub window: Duration,
}

impl Default for ClaimantSpec {
    fn default() -> Self {
        Self {
            lifetime_cap: None,
            window_cap: None,
            window: one_day(),
        }
    }
}

impl ClaimantSpec {
    /// The contract's limits.
    pub fn limits(&self) -> fund_vault::ClaimantLimits {
        fund_vault::ClaimantLimits {
            lifetime_cap: cap(self.lifetime_cap),
            window_cap: cap(self.window_cap),
            window_seconds: self.window.0,
        }
    }
}

fn cap(a: Option<Amount>) -> Uint128 {
    a.map_or(Uint128::MAX, |a| Uint128::new(a.0))
}

fn one_day() -> Duration {
    Duration(86_400)
}

fn one_week() -> Duration {
    Duration(7 * 86_400)
}

/// `[vault]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VaultSpec {
    /// Cooldown of an unlock request.
    #[serde(default = "one_week")]
    pub cooldown: Duration,
    /// How long a released request may be withdrawn before it lapses.
    #[serde(default = "two_days")]
    pub exit_window: Duration,
    /// Open unlock requests per address.
    #[serde(default = "default_open")]
    pub max_open_unlocks: u32,
    /// Largest fraction of the vault's assets one payout may take.
    #[serde(default = "one")]
    pub max_payout_fraction: Ratio,
    /// Assets a payout must leave in the vault.
    #[serde(default = "one_token")]
    pub min_reserve: Amount,
    /// Share token name (default `Backstop <symbol>`).
    #[serde(default)]
    pub share_name: Option<String>,
    /// Share token symbol (default `bs<symbol>`).
    #[serde(default)]
    pub share_symbol: Option<String>,
    /// The socializer's limits as the vault's claimant (full profile), or
    /// each market's when the markets are the vault's claimants.
    #[serde(default)]
    pub claimant: ClaimantSpec,
    /// Whether the vault layer rides on the slash hook (full profile): the
    /// vault names the socializer as its `slash_claimant`.
    #[serde(default = "yes")]
    pub hook: bool,
}

impl Default for VaultSpec {
    fn default() -> Self {
        Self {
            cooldown: one_week(),
            exit_window: two_days(),
            max_open_unlocks: default_open(),
            max_payout_fraction: one(),
            min_reserve: one_token(),
            share_name: None,
            share_symbol: None,
            claimant: ClaimantSpec::default(),
            hook: true,
        }
    }
}

impl VaultSpec {
    /// The vault's parameters as its instantiate message carries them.
    pub fn params_msg(&self) -> fund_vault::ParamsMsg {
        fund_vault::ParamsMsg {
            cooldown_seconds: self.cooldown.0,
            exit_window_seconds: self.exit_window.0,
            max_open_unlocks: self.max_open_unlocks,
            max_payout_fraction: self.max_payout_fraction.0,
            min_reserve: Uint128::new(self.min_reserve.0),
            notice_seconds: None,
        }
    }
}

fn two_days() -> Duration {
    Duration(2 * 86_400)
}

fn default_open() -> u32 {
    10
}

fn one() -> Ratio {
    Ratio(Decimal::one())
}

fn one_token() -> Amount {
    Amount(10u128.pow(crate::units::current_decimals()))
}

fn yes() -> bool {
    true
}

/// `[staking]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StakingSpec {
    /// Unbonding period.
    #[serde(default = "one_week")]
    pub unbonding: Duration,
    /// The staking contract's own cap on one slash.
    #[serde(default = "thirty_percent")]
    pub max_slash_ratio: Ratio,
    /// Open unbondings per address.
    #[serde(default = "default_open")]
    pub max_open_unbondings: u32,
    /// How long a matured unbonding can be claimed before it lapses and
    /// bonds again.
    #[serde(default = "two_days")]
    pub exit_window: Duration,
}

impl Default for StakingSpec {
    fn default() -> Self {
        Self {
            unbonding: one_week(),
            max_slash_ratio: thirty_percent(),
            max_open_unbondings: default_open(),
            exit_window: two_days(),
        }
    }
}

impl StakingSpec {
    /// The staking contract's parameters as its instantiate message carries
    /// them (no slasher yet: wiring adds the socializer).
    pub fn params_msg(&self) -> staking::ParamsMsg {
        staking::ParamsMsg {
            unbonding_seconds: self.unbonding.0,
            max_slash_ratio: self.max_slash_ratio.0,
            max_open_unbondings: self.max_open_unbondings,
            // the default is left out, so that a release without exit
            // windows (v0.1.0, in the migration test) takes the message
            exit_window_seconds: (self.exit_window.0 != staking::DEFAULT_EXIT_WINDOW_SECONDS)
                .then_some(self.exit_window.0),
            slashers: vec![],
            reward_funders: None,
            guardian: None,
            notice_seconds: None,
        }
    }
}

fn thirty_percent() -> Ratio {
    Ratio(Decimal::percent(30))
}

/// One layer of the waterfall and its cap, as
/// `{ staker_slash = "50%" }`.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum LayerSpec {
    /// Slash stakers, at most this fraction of the stake.
    StakerSlash(Ratio),
    /// Draw on the vault, at most this fraction of its assets.
    Vault(Ratio),
    /// Haircut profitable traders, at most this ratio of their profit.
    TraderProfitHaircut(Ratio),
    /// Haircut the LP pool, at most this ratio of it.
    LpHaircut(Ratio),
}

impl LayerSpec {
    /// The contract's layer.
    pub fn layer(self) -> socializer::Layer {
        use socializer::Layer;
        match self {
            LayerSpec::StakerSlash(r) => Layer::StakerSlash { max_ratio: r.0 },
            LayerSpec::Vault(r) => Layer::Vault { max_fraction: r.0 },
            LayerSpec::TraderProfitHaircut(r) => Layer::TraderProfitHaircut { max_ratio: r.0 },
            LayerSpec::LpHaircut(r) => Layer::LpHaircut { max_ratio: r.0 },
        }
    }
}

/// One market's budgets; each left out is uncapped.
#[derive(Clone, Copy, Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct MarketLimitsSpec {
    /// Lifetime cap on what the vault covers for the market.
    #[serde(default)]
    pub vault_lifetime: Option<Amount>,
    /// What the vault may cover for the market per window.
    #[serde(default)]
    pub vault_per_window: Option<Amount>,
    /// Lifetime cap on what slashing stakers covers for the market.
    #[serde(default)]
    pub slash_lifetime: Option<Amount>,
    /// What slashing stakers may cover per window.
    #[serde(default)]
    pub slash_per_window: Option<Amount>,
    /// Sum of the market's trader haircut ratios per window.
    #[serde(default)]
    pub trader_haircut_per_window: Option<Ratio>,
    /// Sum of the market's LP haircut ratios per window.
    #[serde(default)]
    pub lp_haircut_per_window: Option<Ratio>,
}

impl MarketLimitsSpec {
    /// The contract's limits.
    pub fn limits(&self) -> socializer::MarketLimits {
        let amt = |a: Option<Amount>| a.map(|a| Uint128::new(a.0));
        socializer::MarketLimits {
            vault_lifetime: amt(self.vault_lifetime),
            vault_per_window: amt(self.vault_per_window),
            slash_lifetime: amt(self.slash_lifetime),
            slash_per_window: amt(self.slash_per_window),
            trader_haircut_per_window: self.trader_haircut_per_window.map(|r| r.0),
            lp_haircut_per_window: self.lp_haircut_per_window.map(|r| r.0),
        }
    }
}

/// Caps over all markets together.
#[derive(Clone, Copy, Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct OverallSpec {
    /// Sum of the fractions of the stake slashed per window.
    #[serde(default)]
    pub slash_ratio_per_window: Option<Ratio>,
    /// Trader and LP haircuts per window, in the asset.
    #[serde(default)]
    pub haircut_per_window: Option<Amount>,
}

/// `[socializer.limits]`.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsSpec {
    /// The rate-limit window of every per-window cap.
    #[serde(default = "one_day")]
    pub window: Duration,
    /// Budgets of a market without its own.
    #[serde(default)]
    pub market_defaults: MarketLimitsSpec,
    /// Caps over all markets.
    #[serde(default)]
    pub overall: OverallSpec,
}

impl Default for LimitsSpec {
    fn default() -> Self {
        Self {
            window: one_day(),
            market_defaults: MarketLimitsSpec::default(),
            overall: OverallSpec::default(),
        }
    }
}

impl LimitsSpec {
    /// The contract's limits.
    pub fn limits(&self) -> socializer::RiskLimits {
        socializer::RiskLimits {
            window_seconds: self.window.0,
            market_defaults: self.market_defaults.limits(),
            overall: socializer::OverallLimits {
                slash_ratio_per_window: self.overall.slash_ratio_per_window.map(|r| r.0),
                haircut_per_window: self.overall.haircut_per_window.map(|a| Uint128::new(a.0)),
            },
        }
    }
}

/// `[socializer]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SocializerSpec {
    /// Delay of risk-raising changes (default: the unbonding period).
    #[serde(default)]
    pub timelock: Option<Duration>,
    /// The waterfall, in order.
    #[serde(default = "default_layers")]
    pub layers: Vec<LayerSpec>,
    /// Market budgets, windows and overall caps.
    #[serde(default)]
    pub limits: LimitsSpec,
}

impl Default for SocializerSpec {
    fn default() -> Self {
        Self {
            timelock: None,
            layers: default_layers(),
            limits: LimitsSpec::default(),
        }
    }
}

fn default_layers() -> Vec<LayerSpec> {
    vec![
        LayerSpec::StakerSlash(Ratio(Decimal::percent(50))),
        LayerSpec::Vault(Ratio(Decimal::percent(50))),
        LayerSpec::TraderProfitHaircut(Ratio(Decimal::percent(20))),
        LayerSpec::LpHaircut(Ratio(Decimal::percent(10))),
    ]
}

/// `[[underwriters]]`: one aggregate book of depositors.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnderwriterSpec {
    /// The actor's name.
    pub name: Spanned<String>,
    /// Deposited at the start.
    #[serde(default)]
    pub deposit: Amount,
    /// Wallet balance at the start (default: plenty).
    #[serde(default)]
    pub wallet: Option<Amount>,
}

/// `[[stakers]]`: one aggregate book of stakers of vault shares.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StakerSpec {
    /// The actor's name.
    pub name: Spanned<String>,
    /// Deposited into the vault and staked at the start.
    #[serde(default)]
    pub stake: Amount,
    /// Wallet balance at the start (default: plenty).
    #[serde(default)]
    pub wallet: Option<Amount>,
}

/// `[[markets]]`: an exchange market, with its traders' and LPs' books.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarketSpec {
    /// The market id: 1 to 32 of `a-z`, `0-9`, `-`, `_`.
    pub id: Spanned<String>,
    /// The most exposure the market may declare (default: unlimited).
    #[serde(default)]
    pub exposure_ceiling: Option<Amount>,
    /// The exposure declared at the start (default: the ceiling).
    #[serde(default)]
    pub exposure: Option<Amount>,
    /// Unrealized profit of the market's profitable traders: the base of
    /// the trader haircut.
    #[serde(default)]
    pub traders_profit: Amount,
    /// What the market's liquidity pool holds: the base of the LP haircut.
    #[serde(default)]
    pub lp_pool: Amount,
    /// The market's own budgets in place of the defaults (full profile).
    #[serde(default)]
    pub limits: Option<MarketLimitsSpec>,
    /// Its limits as the vault's claimant (vault profiles; default:
    /// `[vault.claimant]`).
    #[serde(default)]
    pub claimant: Option<ClaimantSpec>,
}

/// An actor and an amount.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ByAmount {
    /// The actor.
    pub by: Spanned<String>,
    /// The amount.
    pub amount: Amount,
}

/// An actor alone.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct By {
    /// The actor.
    pub by: Spanned<String>,
}

/// Fee income, or reward funding.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Income {
    /// The amount.
    pub amount: Amount,
    /// Who pays (default `fees` for income, `treasury` otherwise).
    #[serde(default)]
    pub by: Option<Spanned<String>>,
}

/// Part of an actor's position.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Portion {
    /// The actor.
    pub by: Spanned<String>,
    /// Fraction of the position (default: all of it).
    #[serde(default)]
    pub fraction: Option<Ratio>,
}

/// A stake: deposit `amount` into the vault and stake the shares minted, or
/// stake a fraction of the shares held.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StakeSpec {
    /// The actor.
    pub by: Spanned<String>,
    /// Asset deposited and staked.
    #[serde(default)]
    pub amount: Option<Amount>,
    /// Fraction of the shares held to stake.
    #[serde(default)]
    pub fraction: Option<Ratio>,
}

/// Reward funding for stakers, in the vault's asset.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundRewardsSpec {
    /// The amount.
    pub amount: Amount,
    /// Streamed over this long; instant when left out.
    #[serde(default)]
    pub stream: Option<Duration>,
    /// Who pays (default `treasury`).
    #[serde(default)]
    pub by: Option<Spanned<String>>,
}

/// A market's loss.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShortfallSpec {
    /// The market.
    pub market: Spanned<String>,
    /// The bad debt to cover.
    pub amount: Amount,
    /// Traders' unrealized profit now (default: the market's book).
    #[serde(default)]
    pub traders_profit: Option<Amount>,
    /// The LP pool now (default: the market's book).
    #[serde(default)]
    pub lp_pool: Option<Amount>,
    /// The report id (default: one more than the market's last).
    #[serde(default)]
    pub report_id: Option<u64>,
}

/// A market and an amount.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarketAmount {
    /// The market.
    pub market: Spanned<String>,
    /// The amount.
    pub amount: Amount,
    /// Who pays (recoveries; default `treasury`).
    #[serde(default)]
    pub by: Option<Spanned<String>>,
}

/// A market alone.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarketRef {
    /// The market.
    pub market: Spanned<String>,
}

/// New values of a market's books.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookSpec {
    /// The market.
    pub market: Spanned<String>,
    /// Traders' unrealized profit.
    #[serde(default)]
    pub traders_profit: Option<Amount>,
    /// The LP pool.
    #[serde(default)]
    pub lp_pool: Option<Amount>,
}

/// A governance message to one contract, in the contract's own JSON shape
/// (amounts in base units, as strings). A string `"@name"` stands for the
/// address of the actor, market or contract `name`.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum GovSpec {
    /// `fund_vault::GovMsg`.
    Vault(fund_vault::GovMsg),
    /// `staking::GovMsg`.
    Staking(staking::GovMsg),
    /// `socializer::GovMsg`.
    Socializer(socializer::GovMsg),
}

/// Pause switches, set by governance.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum PauseSpec {
    /// The vault's switches.
    Vault(fund_vault::PauseUpdate),
    /// The staking contract's switches.
    Staking(staking::PauseUpdate),
    /// The socializer's switches.
    Socializer(socializer::PauseUpdate),
}

/// Repeats an event.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Repeat {
    /// How many times in all.
    pub times: u32,
    /// Time between two of them.
    #[serde(default)]
    pub every: Duration,
}

/// `[[events]]`: one action, at a time.
#[derive(Clone, Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct EventSpec {
    /// Time from the start; the events' times may not decrease. Left out:
    /// the time of the event before.
    #[serde(default)]
    pub at: Option<Spanned<Duration>>,
    /// Repeats the action.
    #[serde(default)]
    pub repeat: Option<Repeat>,
    /// A label shown in the table.
    #[serde(default)]
    pub note: Option<String>,
    /// An underwriter (or staker) deposits.
    #[serde(default)]
    pub deposit: Option<ByAmount>,
    /// Fee income raises the share price.
    #[serde(default)]
    pub income: Option<Income>,
    /// Escrows shares and starts a cooldown.
    #[serde(default)]
    pub unlock: Option<Portion>,
    /// Withdraws every released unlock request.
    #[serde(default)]
    pub withdraw: Option<By>,
    /// Stakes vault shares.
    #[serde(default)]
    pub stake: Option<StakeSpec>,
    /// Starts unbonding staked shares.
    #[serde(default)]
    pub unstake: Option<Portion>,
    /// Claims matured unbondings (shares come back).
    #[serde(default)]
    pub claim: Option<By>,
    /// Claims staking rewards.
    #[serde(default)]
    pub claim_rewards: Option<By>,
    /// Funds staking rewards.
    #[serde(default)]
    pub fund_rewards: Option<FundRewardsSpec>,
    /// A market reports a loss.
    #[serde(default)]
    pub shortfall: Option<ShortfallSpec>,
    /// A market declares its exposure.
    #[serde(default)]
    pub declare_exposure: Option<MarketAmount>,
    /// Recovery income for a market.
    #[serde(default)]
    pub recover: Option<MarketAmount>,
    /// Changes a market's books.
    #[serde(default)]
    pub book: Option<BookSpec>,
    /// A governance message.
    #[serde(default)]
    pub gov: Option<GovSpec>,
    /// Governance flips pause switches.
    #[serde(default)]
    pub pause: Option<PauseSpec>,
    /// Governance freezes a market.
    #[serde(default)]
    pub freeze: Option<MarketRef>,
    /// Governance unfreezes a market.
    #[serde(default)]
    pub unfreeze: Option<MarketRef>,
    /// Time passes.
    #[serde(default)]
    pub advance: Option<Duration>,
}

/// The scenario file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Title.
    pub name: String,
    /// What it shows, and where its figures come from.
    #[serde(default)]
    pub description: String,
    /// `vault`, `vault+staking` or `full`.
    pub profile: Spanned<Profile>,
    /// The asset.
    #[serde(default = "default_asset")]
    pub asset: AssetSpec,
    /// Vault parameters.
    #[serde(default)]
    pub vault: VaultSpec,
    /// Staking parameters.
    #[serde(default)]
    pub staking: Option<Spanned<StakingSpec>>,
    /// Socializer parameters.
    #[serde(default)]
    pub socializer: Option<Spanned<SocializerSpec>>,
    /// Underwriters.
    #[serde(default)]
    pub underwriters: Vec<UnderwriterSpec>,
    /// Stakers.
    #[serde(default)]
    pub stakers: Vec<StakerSpec>,
    /// Markets.
    #[serde(default)]
    pub markets: Vec<MarketSpec>,
    /// The timeline.
    #[serde(default)]
    pub events: Vec<Spanned<EventSpec>>,
    /// The line of each event in the file (filled by [`Scenario::parse`]).
    #[serde(skip)]
    pub event_lines: Vec<usize>,
}

fn default_asset() -> AssetSpec {
    AssetSpec {
        kind: AssetKind::Native,
        denom: None,
        symbol: default_symbol(),
        decimals: default_decimals(),
    }
}

/// The actors every scenario has besides its own.
pub const BUILTIN_ACTORS: [&str; 3] = ["fees", "treasury", "gov"];

/// What kind of actor a name is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// `[[underwriters]]`.
    Underwriter,
    /// `[[stakers]]`.
    Staker,
    /// `fees`, `treasury` or `gov`.
    Builtin,
}

/// An error in a scenario file, with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioError {
    /// Line (1-based), when known.
    pub line: Option<usize>,
    /// What is wrong, naming the field.
    pub message: String,
}

impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => write!(f, "{}", self.message),
        }
    }
}

impl std::error::Error for ScenarioError {}

/// The line of byte offset `at` in `text`.
pub fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches('\n').count() + 1
}

/// Only `[asset]`, read first for its decimals.
#[derive(Deserialize)]
struct AssetOnly {
    #[serde(default)]
    asset: Option<toml::Value>,
}

/// Names of the actions an event may hold, in `EventSpec`'s order.
pub const ACTIONS: [&str; 18] = [
    "deposit",
    "income",
    "unlock",
    "withdraw",
    "stake",
    "unstake",
    "claim",
    "claim_rewards",
    "fund_rewards",
    "shortfall",
    "declare_exposure",
    "recover",
    "book",
    "gov",
    "pause",
    "freeze",
    "unfreeze",
    "advance",
];

impl EventSpec {
    /// The actions this event holds.
    pub fn actions(&self) -> Vec<&'static str> {
        let set = [
            self.deposit.is_some(),
            self.income.is_some(),
            self.unlock.is_some(),
            self.withdraw.is_some(),
            self.stake.is_some(),
            self.unstake.is_some(),
            self.claim.is_some(),
            self.claim_rewards.is_some(),
            self.fund_rewards.is_some(),
            self.shortfall.is_some(),
            self.declare_exposure.is_some(),
            self.recover.is_some(),
            self.book.is_some(),
            self.gov.is_some(),
            self.pause.is_some(),
            self.freeze.is_some(),
            self.unfreeze.is_some(),
            self.advance.is_some(),
        ];
        ACTIONS
            .iter()
            .zip(set)
            .filter(|(_, s)| *s)
            .map(|(a, _)| *a)
            .collect()
    }
}

struct Checker<'a> {
    text: &'a str,
    actors: Vec<(String, Role)>,
    markets: Vec<String>,
    profile: Profile,
}

impl Checker<'_> {
    fn err(&self, span: Range<usize>, message: String) -> ScenarioError {
        ScenarioError {
            line: Some(line_of(self.text, span.start)),
            message,
        }
    }

    fn actor(&self, field: &str, name: &Spanned<String>) -> Result<Role, ScenarioError> {
        match self.actors.iter().find(|(n, _)| n == name.get_ref()) {
            Some((_, role)) => Ok(*role),
            None => Err(self.err(
                name.span(),
                format!(
                    "{field}: no actor `{}` (actors: {})",
                    name.get_ref(),
                    self.actors
                        .iter()
                        .map(|(n, _)| n.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
        }
    }

    fn holder(&self, field: &str, name: &Spanned<String>) -> Result<(), ScenarioError> {
        match self.actor(field, name)? {
            Role::Builtin if name.get_ref() == "gov" => {
                Err(self.err(name.span(), format!("{field}: `gov` holds no position")))
            }
            _ => Ok(()),
        }
    }

    fn market(&self, field: &str, id: &Spanned<String>) -> Result<(), ScenarioError> {
        if self.markets.iter().any(|m| m == id.get_ref()) {
            Ok(())
        } else {
            Err(self.err(
                id.span(),
                format!(
                    "{field}: no market `{}` (markets: {})",
                    id.get_ref(),
                    if self.markets.is_empty() {
                        "none".to_string()
                    } else {
                        self.markets.join(", ")
                    }
                ),
            ))
        }
    }

    fn needs(
        &self,
        field: &str,
        span: Range<usize>,
        staking: bool,
        socializer: bool,
    ) -> Result<(), ScenarioError> {
        if staking && !self.profile.has_staking() {
            return Err(self.err(
                span,
                format!(
                    "{field}: needs the staking contract, which profile `{}` does not deploy",
                    self.profile.name()
                ),
            ));
        }
        if socializer && !self.profile.has_socializer() {
            return Err(self.err(
                span,
                format!(
                    "{field}: needs the loss socializer, which profile `{}` does not deploy",
                    self.profile.name()
                ),
            ));
        }
        Ok(())
    }
}

impl Scenario {
    /// Reads and checks a scenario; `text` is the file's contents.
    pub fn parse(text: &str) -> Result<Scenario, ScenarioError> {
        let toml_err = |e: toml::de::Error| ScenarioError {
            line: e.span().map(|s| line_of(text, s.start)),
            message: e.message().trim().to_string(),
        };
        // the decimals first, so that amounts parse to base units; a bad
        // `[asset]` is reported with its line by the full parse below
        let first: AssetOnly = toml::from_str(text).map_err(toml_err)?;
        let decimals = first
            .asset
            .and_then(|v| v.try_into::<AssetSpec>().ok())
            .map_or(default_decimals(), |a| a.decimals);
        if decimals > 18 {
            return Err(ScenarioError {
                line: None,
                message: format!("asset.decimals: {decimals} is more than 18"),
            });
        }
        let mut scenario: Scenario =
            with_decimals(decimals.into(), || toml::from_str(text)).map_err(toml_err)?;
        scenario.check(text)?;
        scenario.event_lines = scenario
            .events
            .iter()
            .map(|e| line_of(text, e.span().start))
            .collect();
        Ok(scenario)
    }

    fn check(&self, text: &str) -> Result<(), ScenarioError> {
        let profile = *self.profile.get_ref();
        let mut c = Checker {
            text,
            actors: BUILTIN_ACTORS
                .iter()
                .map(|n| (n.to_string(), Role::Builtin))
                .collect(),
            markets: vec![],
            profile,
        };
        let err = |span: Range<usize>, message: String| ScenarioError {
            line: Some(line_of(text, span.start)),
            message,
        };
        if let Some(s) = &self.staking {
            c.needs("staking", s.span(), true, false)?;
        }
        if let Some(s) = &self.socializer {
            c.needs("socializer", s.span(), false, true)?;
        }
        if self.asset.kind == AssetKind::Cw20 && self.asset.denom.is_some() {
            return Err(ScenarioError {
                line: None,
                message: "asset.denom: a cw20 asset has no bank denomination".into(),
            });
        }
        if !(3..=12).contains(&self.asset.symbol.len())
            || !self.asset.symbol.bytes().all(|b| b.is_ascii_alphabetic())
        {
            return Err(ScenarioError {
                line: None,
                message: format!(
                    "asset.symbol: `{}` must be 3 to 12 letters",
                    self.asset.symbol
                ),
            });
        }
        let mut names = BTreeSet::new();
        for n in BUILTIN_ACTORS {
            names.insert(n.to_string());
        }
        let mut add = |c: &mut Checker, field: &str, name: &Spanned<String>, role: Role| {
            let n = name.get_ref();
            let ok_name = !n.is_empty()
                && n.len() <= 40
                && n.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if !ok_name {
                return Err(err(
                    name.span(),
                    format!("{field}: `{n}` must be 1 to 40 letters, digits, '-' or '_'"),
                ));
            }
            if !names.insert(n.clone()) {
                return Err(err(
                    name.span(),
                    format!(
                        "{field}: the name `{n}` is taken (fees, treasury and gov are built in)"
                    ),
                ));
            }
            c.actors.push((n.clone(), role));
            Ok(())
        };
        for (i, u) in self.underwriters.iter().enumerate() {
            add(
                &mut c,
                &format!("underwriters[{i}].name"),
                &u.name,
                Role::Underwriter,
            )?;
        }
        for (i, s) in self.stakers.iter().enumerate() {
            add(&mut c, &format!("stakers[{i}].name"), &s.name, Role::Staker)?;
            if !profile.has_staking() {
                return Err(err(
                    s.name.span(),
                    format!(
                        "stakers[{i}]: profile `{}` deploys no staking contract",
                        profile.name()
                    ),
                ));
            }
        }
        for (i, m) in self.markets.iter().enumerate() {
            let field = format!("markets[{i}].id");
            if socializer::check_market_id(m.id.get_ref()).is_err() {
                return Err(err(
                    m.id.span(),
                    format!(
                        "{field}: `{}` must be 1 to 32 of a-z, 0-9, '-', '_'",
                        m.id.get_ref()
                    ),
                ));
            }
            if c.markets.contains(m.id.get_ref()) {
                return Err(err(
                    m.id.span(),
                    format!("{field}: market `{}` is defined twice", m.id.get_ref()),
                ));
            }
            if m.limits.is_some() && !profile.has_socializer() {
                return Err(err(
                    m.id.span(),
                    format!(
                        "markets[{i}].limits: budgets are the socializer's, which profile `{}` does not deploy",
                        profile.name()
                    ),
                ));
            }
            if let (Some(e), Some(ceiling)) = (m.exposure, m.exposure_ceiling) {
                if e > ceiling {
                    return Err(err(
                        m.id.span(),
                        format!("markets[{i}].exposure: above the market's exposure_ceiling"),
                    ));
                }
            }
            c.markets.push(m.id.get_ref().clone());
        }
        if profile.has_socializer() {
            let layers = self
                .socializer
                .as_ref()
                .map_or_else(default_layers, |s| s.get_ref().layers.clone());
            if layers.is_empty() {
                return Err(ScenarioError {
                    line: self
                        .socializer
                        .as_ref()
                        .map(|s| line_of(text, s.span().start)),
                    message: "socializer.layers: the waterfall needs at least one layer".into(),
                });
            }
        }

        let mut time = 0u64;
        for (i, ev) in self.events.iter().enumerate() {
            let span = ev.span();
            let e = ev.get_ref();
            let actions = e.actions();
            let field = |a: &str| format!("events[{i}].{a}");
            match actions.len() {
                1 => {}
                0 => {
                    return Err(err(
                        span,
                        format!("events[{i}]: no action; give one of {}", ACTIONS.join(", ")),
                    ))
                }
                _ => {
                    return Err(err(
                        span,
                        format!(
                            "events[{i}]: one action per event, found {}",
                            actions.join(" and ")
                        ),
                    ))
                }
            }
            if let Some(at) = &e.at {
                if at.get_ref().0 < time {
                    return Err(err(
                        at.span(),
                        format!(
                            "events[{i}].at: {} is before the previous event's time {}",
                            crate::units::fmt_time(at.get_ref().0),
                            crate::units::fmt_time(time)
                        ),
                    ));
                }
                time = at.get_ref().0;
            }
            if let Some(r) = &e.repeat {
                if r.times == 0 {
                    return Err(err(
                        span,
                        format!("events[{i}].repeat.times: must be at least 1"),
                    ));
                }
                time = time.saturating_add(r.every.0.saturating_mul(u64::from(r.times - 1)));
            }
            if let Some(d) = &e.advance {
                time = time.saturating_add(d.0);
            }
            let action = actions[0];
            let f = field(action);
            match action {
                "deposit" => {
                    let d = e.deposit.as_ref().expect("deposit");
                    c.holder(&format!("{f}.by"), &d.by)?;
                }
                "income" => {
                    if let Some(by) = &e.income.as_ref().expect("income").by {
                        c.holder(&format!("{f}.by"), by)?;
                    }
                }
                "unlock" => c.holder(&format!("{f}.by"), &e.unlock.as_ref().expect("unlock").by)?,
                "withdraw" => c.holder(
                    &format!("{f}.by"),
                    &e.withdraw.as_ref().expect("withdraw").by,
                )?,
                "stake" => {
                    let s = e.stake.as_ref().expect("stake");
                    c.needs(&f, span.clone(), true, false)?;
                    c.holder(&format!("{f}.by"), &s.by)?;
                    if s.amount.is_some() == s.fraction.is_some() {
                        return Err(err(
                            s.by.span(),
                            format!("{f}: give either `amount` (deposited, then staked) or `fraction` (of the shares held)"),
                        ));
                    }
                }
                "unstake" => {
                    c.needs(&f, span.clone(), true, false)?;
                    c.holder(&format!("{f}.by"), &e.unstake.as_ref().expect("unstake").by)?;
                }
                "claim" => {
                    c.needs(&f, span.clone(), true, false)?;
                    c.holder(&format!("{f}.by"), &e.claim.as_ref().expect("claim").by)?;
                }
                "claim_rewards" => {
                    c.needs(&f, span.clone(), true, false)?;
                    c.holder(
                        &format!("{f}.by"),
                        &e.claim_rewards.as_ref().expect("claim_rewards").by,
                    )?;
                }
                "fund_rewards" => {
                    c.needs(&f, span.clone(), true, false)?;
                    if let Some(by) = &e.fund_rewards.as_ref().expect("fund").by {
                        c.holder(&format!("{f}.by"), by)?;
                    }
                }
                "shortfall" => {
                    let s = e.shortfall.as_ref().expect("shortfall");
                    c.market(&format!("{f}.market"), &s.market)?;
                    if s.amount.0 == 0 {
                        return Err(err(
                            s.market.span(),
                            format!("{f}.amount: must be positive"),
                        ));
                    }
                }
                "declare_exposure" => {
                    c.needs(&f, span.clone(), false, true)?;
                    let d = e.declare_exposure.as_ref().expect("declare");
                    c.market(&format!("{f}.market"), &d.market)?;
                    if d.by.is_some() {
                        return Err(err(
                            d.market.span(),
                            format!("{f}.by: the market declares its own exposure"),
                        ));
                    }
                }
                "recover" => {
                    c.needs(&f, span.clone(), false, true)?;
                    let r = e.recover.as_ref().expect("recover");
                    c.market(&format!("{f}.market"), &r.market)?;
                    if let Some(by) = &r.by {
                        c.holder(&format!("{f}.by"), by)?;
                    }
                }
                "book" => c.market(
                    &format!("{f}.market"),
                    &e.book.as_ref().expect("book").market,
                )?,
                "gov" => {
                    let (staking, soc) = match e.gov.as_ref().expect("gov") {
                        GovSpec::Vault(_) => (false, false),
                        GovSpec::Staking(_) => (true, false),
                        GovSpec::Socializer(_) => (false, true),
                    };
                    c.needs(&f, span.clone(), staking, soc)?;
                }
                "pause" => {
                    let (staking, soc) = match e.pause.as_ref().expect("pause") {
                        PauseSpec::Vault(_) => (false, false),
                        PauseSpec::Staking(_) => (true, false),
                        PauseSpec::Socializer(_) => (false, true),
                    };
                    c.needs(&f, span.clone(), staking, soc)?;
                }
                "freeze" => {
                    c.needs(&f, span.clone(), false, true)?;
                    c.market(
                        &format!("{f}.market"),
                        &e.freeze.as_ref().expect("freeze").market,
                    )?;
                }
                "unfreeze" => {
                    c.needs(&f, span.clone(), false, true)?;
                    c.market(
                        &format!("{f}.market"),
                        &e.unfreeze.as_ref().expect("unfreeze").market,
                    )?;
                }
                "advance" => {}
                other => unreachable!("action {other}"),
            }
        }
        Ok(())
    }

    /// The actors, in order: built-in ones, underwriters, stakers.
    pub fn actors(&self) -> Vec<(String, Role)> {
        let mut out: Vec<(String, Role)> = BUILTIN_ACTORS
            .iter()
            .map(|n| (n.to_string(), Role::Builtin))
            .collect();
        out.extend(
            self.underwriters
                .iter()
                .map(|u| (u.name.get_ref().clone(), Role::Underwriter)),
        );
        out.extend(
            self.stakers
                .iter()
                .map(|s| (s.name.get_ref().clone(), Role::Staker)),
        );
        out
    }

    /// The number of events the timeline expands to (repeats counted).
    pub fn event_count(&self) -> usize {
        self.events
            .iter()
            .map(|e| e.get_ref().repeat.map_or(1, |r| r.times as usize))
            .sum()
    }

    /// The staking parameters in force (defaults when left out).
    pub fn staking_spec(&self) -> StakingSpec {
        self.staking
            .as_ref()
            .map(|s| s.get_ref().clone())
            .unwrap_or_default()
    }

    /// The socializer parameters in force (defaults when left out).
    pub fn socializer_spec(&self) -> SocializerSpec {
        self.socializer
            .as_ref()
            .map(|s| s.get_ref().clone())
            .unwrap_or_default()
    }
}
