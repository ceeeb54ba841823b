//! The vault's parameter messages and share-token metadata, with their
//! validation.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Api, Decimal, Uint128};

use super::{
    ClaimantLimits, Params, PauseFlags, MAX_COOLDOWN_SECONDS, MAX_EXIT_WINDOW_SECONDS,
    MAX_OPEN_UNLOCKS_LIMIT,
};
use crate::governance::pause::guarded_by_field;
use crate::params::{check_addr, check_bounded, check_fraction, check_positive, ParamError};

/// Cw20 metadata of the vault's share token.
#[cw_serde]
pub struct ShareTokenInfo {
    /// Token name, 3 to 50 characters.
    pub name: String,
    /// Token symbol, 3 to 12 letters, digits or `-`.
    pub symbol: String,
    /// Decimals; the usual choice is the asset's own.
    pub decimals: u8,
}

impl ShareTokenInfo {
    /// Checks the cw20 metadata rules.
    pub fn validate(&self) -> Result<(), ParamError> {
        if !(3..=50).contains(&self.name.len()) {
            return Err(ParamError::InvalidText {
                name: "share_token.name",
                reason: "must be 3 to 50 bytes",
            });
        }
        if !(3..=12).contains(&self.symbol.len())
            || !self
                .symbol
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return Err(ParamError::InvalidText {
                name: "share_token.symbol",
                reason: "must be 3 to 12 letters, digits or '-'",
            });
        }
        if self.decimals > 18 {
            return Err(ParamError::AboveMax {
                name: "share_token.decimals",
                value: self.decimals.into(),
                max: 18,
            });
        }
        Ok(())
    }
}

/// The full parameter set, as sent at instantiation.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub struct ParamsMsg {
    /// See [`Params::cooldown_seconds`].
    pub cooldown_seconds: u64,
    /// See [`Params::exit_window_seconds`]; two days when left out.
    #[serde(default = "super::default_exit_window")]
    pub exit_window_seconds: u64,
    /// See [`Params::max_open_unlocks`].
    pub max_open_unlocks: u32,
    /// See [`Params::max_payout_fraction`].
    pub max_payout_fraction: Decimal,
    /// See [`Params::min_reserve`].
    pub min_reserve: Uint128,
    /// See [`Params::notice_seconds`] (default seven days).
    #[serde(default)]
    pub notice_seconds: Option<u64>,
}

/// A partial parameter update: fields left `None` keep their value.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[derive(Default)]
pub struct ParamsUpdate {
    /// New cooldown; applies to requests made from now on.
    pub cooldown_seconds: Option<u64>,
    /// New exit window; applies to requests made from now on.
    pub exit_window_seconds: Option<u64>,
    /// New bound on open unlock requests per address.
    pub max_open_unlocks: Option<u32>,
    /// New per-payout fraction cap.
    pub max_payout_fraction: Option<Decimal>,
    /// New reserve floor.
    pub min_reserve: Option<Uint128>,
    /// New notice period for changes that hurt parties other than the
    /// underwriters.
    #[serde(default)]
    pub notice_seconds: Option<u64>,
}

/// A claimant and its limits, as sent in messages.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub struct ClaimantMsg {
    /// The claimant's address: a market contract or the loss socializer.
    pub address: String,
    /// Its limits.
    pub limits: ClaimantLimits,
}

/// Switches to flip; fields left `None` keep their value.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[derive(Default)]
pub struct PauseUpdate {
    /// Pause (`true`) or resume deposits and income.
    pub deposits: Option<bool>,
    /// Pause or resume unlocks and withdrawals.
    pub exits: Option<bool>,
    /// Pause or resume payouts.
    pub payouts: Option<bool>,
}

impl ParamsMsg {
    /// Validates the parameters into their stored form.
    pub fn check(self, guardian: Option<Addr>) -> Result<Params, ParamError> {
        let params = Params {
            cooldown_seconds: self.cooldown_seconds,
            exit_window_seconds: self.exit_window_seconds,
            exits_resumed_at: 0,
            max_open_unlocks: self.max_open_unlocks,
            max_payout_fraction: self.max_payout_fraction,
            min_reserve: self.min_reserve,
            guardian,
            slash_sources: vec![],
            slash_claimant: None,
            pause: PauseFlags::default(),
            notice_seconds: self
                .notice_seconds
                .unwrap_or(crate::governance::timelock::DEFAULT_NOTICE_SECONDS),
            exit_horizon: 0,
            pending: None,
        };
        params.validate()?;
        Ok(params)
    }
}

guarded_by_field!(Params);

impl Params {
    /// Checks every invariant: durations and counts positive and bounded,
    /// fractions at most one, a positive reserve floor.
    pub fn validate(&self) -> Result<(), ParamError> {
        check_bounded(
            "cooldown_seconds",
            self.cooldown_seconds,
            MAX_COOLDOWN_SECONDS,
        )?;
        check_bounded(
            "exit_window_seconds",
            self.exit_window_seconds,
            MAX_EXIT_WINDOW_SECONDS,
        )?;
        check_bounded(
            "max_open_unlocks",
            self.max_open_unlocks.into(),
            MAX_OPEN_UNLOCKS_LIMIT.into(),
        )?;
        check_positive("max_payout_fraction", self.max_payout_fraction)?;
        check_fraction("max_payout_fraction", self.max_payout_fraction)?;
        check_positive("min_reserve", self.min_reserve)?;
        crate::governance::timelock::check_notice(self.notice_seconds)?;
        Ok(())
    }

    /// Applies a partial update and validates the result.
    pub fn apply(&self, update: ParamsUpdate) -> Result<Params, ParamError> {
        let mut next = self.clone();
        if let Some(v) = update.cooldown_seconds {
            next.cooldown_seconds = v;
        }
        if let Some(v) = update.exit_window_seconds {
            next.exit_window_seconds = v;
        }
        if let Some(v) = update.notice_seconds {
            next.notice_seconds = v;
        }
        if let Some(v) = update.max_open_unlocks {
            next.max_open_unlocks = v;
        }
        if let Some(v) = update.max_payout_fraction {
            next.max_payout_fraction = v;
        }
        if let Some(v) = update.min_reserve {
            next.min_reserve = v;
        }
        next.validate()?;
        Ok(next)
    }
}

impl PauseUpdate {
    /// The requested changes, as the pause rule reads them.
    pub fn switches(&self) -> [Option<bool>; 3] {
        [self.deposits, self.exits, self.payouts]
    }
}

impl PauseFlags {
    /// The flags after `update`.
    pub fn apply(self, update: &PauseUpdate) -> PauseFlags {
        PauseFlags {
            deposits: update.deposits.unwrap_or(self.deposits),
            exits: update.exits.unwrap_or(self.exits),
            payouts: update.payouts.unwrap_or(self.payouts),
        }
    }
}

impl ClaimantMsg {
    /// Validates the address and the limits.
    pub fn check(self, api: &dyn Api) -> Result<(Addr, ClaimantLimits), ParamError> {
        let address = check_addr(api, "claimant", &self.address)?;
        self.limits.validate()?;
        Ok((address, self.limits))
    }
}
