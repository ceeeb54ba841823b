//! The staking contract's parameter messages and pause updates, with their
//! validation.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Api, Decimal};

use super::{
    Params, PauseFlags, MAX_ADDRESS_LIST, MAX_OPEN_UNBONDINGS_LIMIT, MAX_UNBONDING_SECONDS,
};
use crate::governance::pause::guarded_by_field;
use crate::params::{
    check_addr, check_addr_list, check_bounded, check_fraction, check_positive, ParamError,
};

/// The full parameter set, as sent at instantiation.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub struct ParamsMsg {
    /// See [`Params::unbonding_seconds`].
    pub unbonding_seconds: u64,
    /// See [`Params::max_slash_ratio`].
    pub max_slash_ratio: Decimal,
    /// See [`Params::max_open_unbondings`].
    pub max_open_unbondings: u32,
    /// See [`Params::exit_window_seconds`] (default two days). Left out
    /// when `None`, so the message also instantiates the v0.1.0 release.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit_window_seconds: Option<u64>,
    /// See [`Params::slashers`].
    pub slashers: Vec<String>,
    /// See [`Params::reward_funders`].
    pub reward_funders: Option<Vec<String>>,
    /// See [`Params::guardian`].
    pub guardian: Option<String>,
    /// See [`Params::notice_seconds`] (default seven days).
    #[serde(default)]
    pub notice_seconds: Option<u64>,
}

/// Who may fund rewards.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub enum FundersUpdate {
    /// Anyone.
    Anyone {},
    /// Only these addresses.
    Only {
        /// The funders.
        addresses: Vec<String>,
    },
}

/// A partial parameter update; fields left `None` keep their value.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[derive(Default)]
pub struct ParamsUpdate {
    /// New unbonding period; applies to requests made from now on.
    pub unbonding_seconds: Option<u64>,
    /// New slash cap per event.
    pub max_slash_ratio: Option<Decimal>,
    /// New bound on open unbondings per address.
    pub max_open_unbondings: Option<u32>,
    /// New exit window; applies to requests made from now on. Left out
    /// when `None`, as releases before exit windows require.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit_window_seconds: Option<u64>,
    /// New slasher list (replaces the old one).
    pub slashers: Option<Vec<String>>,
    /// New funder restriction.
    pub reward_funders: Option<FundersUpdate>,
    /// New notice period for changes that hurt the later layers.
    #[serde(default)]
    pub notice_seconds: Option<u64>,
}

/// Pause switches to flip; fields left `None` keep their value.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[derive(Default)]
pub struct PauseUpdate {
    /// Pause or resume stakes.
    pub stakes: Option<bool>,
    /// Pause or resume unstaking.
    pub unbonding: Option<bool>,
    /// Pause or resume claims.
    pub claims: Option<bool>,
    /// Pause or resume slashing (a report then skips the staker layer).
    #[serde(default)]
    pub slashing: Option<bool>,
}

impl PauseUpdate {
    /// The requested changes, as the pause rule reads them.
    pub fn switches(&self) -> [Option<bool>; 4] {
        [self.stakes, self.unbonding, self.claims, self.slashing]
    }
}

impl PauseFlags {
    /// Whether nothing is paused (then the flags are not even stored).
    pub fn is_clear(&self) -> bool {
        !(self.stakes || self.unbonding || self.claims || self.slashing)
    }

    /// The flags after `update`.
    pub fn apply(self, update: &PauseUpdate) -> PauseFlags {
        PauseFlags {
            stakes: update.stakes.unwrap_or(self.stakes),
            unbonding: update.unbonding.unwrap_or(self.unbonding),
            claims: update.claims.unwrap_or(self.claims),
            slashing: update.slashing.unwrap_or(self.slashing),
        }
    }
}

impl ParamsMsg {
    /// Validates into the stored form.
    pub fn check(self, api: &dyn Api) -> Result<Params, ParamError> {
        let params = Params {
            unbonding_seconds: self.unbonding_seconds,
            max_slash_ratio: self.max_slash_ratio,
            max_open_unbondings: self.max_open_unbondings,
            exit_window_seconds: self
                .exit_window_seconds
                .unwrap_or(super::DEFAULT_EXIT_WINDOW_SECONDS),
            claims_resumed_at: 0,
            slashers: check_addr_list(api, "slashers", &self.slashers, MAX_ADDRESS_LIST)?,
            reward_funders: self
                .reward_funders
                .map(|f| check_addr_list(api, "reward_funders", &f, MAX_ADDRESS_LIST))
                .transpose()?,
            guardian: self
                .guardian
                .map(|g| check_addr(api, "guardian", &g))
                .transpose()?,
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
    /// Checks every invariant: the unbonding period, exit window and entry
    /// bound positive and bounded, the slash ratio in (0, 1).
    pub fn validate(&self) -> Result<(), ParamError> {
        check_bounded(
            "unbonding_seconds",
            self.unbonding_seconds,
            MAX_UNBONDING_SECONDS,
        )?;
        let window = self.exit_window_seconds;
        if !(super::MIN_EXIT_WINDOW_SECONDS..=super::MAX_EXIT_WINDOW_SECONDS).contains(&window) {
            // a window of seconds would let the owner stop exits at once
            return Err(ParamError::OutOfRange {
                name: "exit_window_seconds",
                value: window.into(),
                min: super::MIN_EXIT_WINDOW_SECONDS.into(),
                max: super::MAX_EXIT_WINDOW_SECONDS.into(),
            });
        }
        check_bounded(
            "max_open_unbondings",
            self.max_open_unbondings.into(),
            MAX_OPEN_UNBONDINGS_LIMIT.into(),
        )?;
        crate::governance::timelock::check_notice(self.notice_seconds)?;
        check_positive("max_slash_ratio", self.max_slash_ratio)?;
        check_fraction("max_slash_ratio", self.max_slash_ratio)?;
        if self.max_slash_ratio == Decimal::one() {
            return Err(ParamError::InvalidText {
                name: "max_slash_ratio",
                reason: "must be below 1 so that a slash leaves stake behind",
            });
        }
        Ok(())
    }

    /// Applies a partial update and validates the result.
    pub fn apply(&self, api: &dyn Api, update: ParamsUpdate) -> Result<Params, ParamError> {
        let mut next = self.clone();
        if let Some(v) = update.unbonding_seconds {
            next.unbonding_seconds = v;
        }
        if let Some(v) = update.max_slash_ratio {
            next.max_slash_ratio = v;
        }
        if let Some(v) = update.max_open_unbondings {
            next.max_open_unbondings = v;
        }
        if let Some(v) = update.exit_window_seconds {
            next.exit_window_seconds = v;
        }
        if let Some(v) = update.notice_seconds {
            next.notice_seconds = v;
        }
        if let Some(v) = update.slashers {
            next.slashers = check_addr_list(api, "slashers", &v, MAX_ADDRESS_LIST)?;
        }
        match update.reward_funders {
            Some(FundersUpdate::Anyone {}) => next.reward_funders = None,
            Some(FundersUpdate::Only { addresses }) => {
                next.reward_funders = Some(check_addr_list(
                    api,
                    "reward_funders",
                    &addresses,
                    MAX_ADDRESS_LIST,
                )?)
            }
            None => {}
        }
        next.validate()?;
        Ok(next)
    }

    /// Whether `addr` may fund rewards.
    pub fn may_fund(&self, addr: &Addr) -> bool {
        self.reward_funders
            .as_ref()
            .map_or(true, |f| f.contains(addr))
    }
}
