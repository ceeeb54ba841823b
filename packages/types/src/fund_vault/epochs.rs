//! Share epochs of the vault's share token: how the vault keeps taking
//! deposits at a fair price after payouts drain it to its floor.
//!
//! A payout lowers `total_assets` and leaves the share supply alone, so
//! deep payouts raise the shares per asset unit without bound: an
//! 18-decimal vault of 10⁶ tokens drained to a floor of 1,000 units would
//! mint about 10³⁹ shares for one token, more than a `Uint128` holds. So
//! when, after a payout (or before a deposit, for a vault left that deep by
//! an older release), the vault holds more than [`EPOCH_THRESHOLD`] shares
//! per asset unit, it opens a new *share epoch*: from then on shares are
//! counted in a unit `D = 10^d` times larger, `d` chosen so that the vault
//! holds 10 to 100 shares per unit again ([`VaultState::rollover_due`]).
//!
//! # O(1): nobody's record is rewritten at the rollover
//! - The supply and the escrow become `⌊S / D⌋` and `⌊E / D⌋`
//!   ([`VaultState::open_epoch`]); the assets do not move.
//! - A balance or an allowance converts when it is next read or moved: a
//!   side map tags it with the epoch it is counted in ([`BALANCE_EPOCHS`],
//!   [`ALLOWANCE_EPOCHS`], absent = epoch 0), and [`SHARE_EPOCHS`] keeps the
//!   cumulative exponent at which each epoch opened, so any record converts
//!   with one read: `⌊x / 10^(exp_now − exp_then)⌋` ([`rescale`]). Nested
//!   floors compose (`⌊⌊x / a⌋ / b⌋ = ⌊x / ab⌋`), so a record converted late
//!   equals one converted at every rollover.
//! - Every holder's floor sums to at most the supply's, so no conversion
//!   can underflow a total; the holders' under-one-share remainders stay in
//!   the supply, unowned, like the dead shares (for the pool, a tenth of an
//!   asset unit at most per holder).
//!
//! Contracts that keep books in vault shares must follow: the vault sends
//! its slash sources (the staking contract) [`ShareEpochMsg`] in the same
//! transaction, and any other holder reads [`VaultState::share_epoch`].

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, StdResult, Storage, Uint128};
use cw_storage_plus::Map;

use super::VaultState;
use crate::math::epoch_divisor_exp;

pub use crate::math::{rescale, EPOCH_THRESHOLD};

/// The cumulative divisor exponent at which each epoch opened, by epoch,
/// key `share_epochs`. Epoch 0 (exponent 0) is never stored, and nor is the
/// live epoch's own (it is [`VaultState::epoch_exp`]); only the epochs that
/// records may still be tagged with once they are closed.
pub const SHARE_EPOCHS: Map<u64, u32> = Map::new("share_epochs");

/// The epoch each holder's cw20 balance is counted in, key `balance_epoch`.
/// Absent means epoch 0; nothing is written before the first rollover.
pub const BALANCE_EPOCHS: Map<&Addr, u64> = Map::new("balance_epoch");

/// The epoch each allowance is counted in, keyed by (owner, spender), key
/// `allowance_epoch`. Absent means epoch 0.
pub const ALLOWANCE_EPOCHS: Map<(&Addr, &Addr), u64> = Map::new("allowance_epoch");

/// The message the vault sends each slash source when a share epoch opens
/// (the twin of the staking contract's `ExecuteMsg::ShareEpochOpened`, kept
/// small so the vault does not carry that whole enum's serializer):
/// every vault share that source books is now worth `10^divisor_exp` of
/// the old ones, so its totals divide by that, rounded down.
#[cw_serde]
pub enum ShareEpochMsg {
    /// A new share epoch of the vault's share token.
    ShareEpochOpened {
        /// The epoch opened.
        epoch: u64,
        /// The divisor's exponent: old shares / `10^divisor_exp` = new.
        divisor_exp: u32,
    },
}

impl VaultState {
    /// The divisor exponent of the rollover due, if any: when the vault
    /// holds more than [`EPOCH_THRESHOLD`] shares per asset unit, `d` such
    /// that `shares / 10^d` is 10 to 100 times the assets (at least 6).
    pub fn rollover_due(&self) -> Option<u32> {
        epoch_divisor_exp(self.total_shares, self.total_assets)
    }

    /// Opens the next share epoch with the divisor `10^exp`: divides the
    /// supply and the escrow (rounded down) and records where the closing
    /// epoch stands in [`SHARE_EPOCHS`].
    pub fn open_epoch(&mut self, storage: &mut dyn Storage, exp: u32) -> StdResult<()> {
        if self.share_epoch > 0 {
            SHARE_EPOCHS.save(storage, self.share_epoch, &self.epoch_exp)?;
        }
        self.total_shares = rescale(self.total_shares, exp);
        self.escrowed_shares = rescale(self.escrowed_shares, exp);
        self.share_epoch += 1;
        self.epoch_exp = self.epoch_exp.saturating_add(exp);
        Ok(())
    }

    /// The exponent that converts shares counted in `epoch` to the live
    /// epoch: one read for a closed epoch other than 0, none otherwise.
    pub fn exp_since(&self, storage: &dyn Storage, epoch: u64) -> StdResult<u32> {
        if epoch == self.share_epoch {
            return Ok(0);
        }
        let then = if epoch == 0 {
            0
        } else {
            SHARE_EPOCHS.may_load(storage, epoch)?.unwrap_or_default()
        };
        Ok(self.epoch_exp.saturating_sub(then))
    }

    /// `shares` counted in `epoch`, in the live epoch's unit.
    pub fn to_live(
        &self,
        storage: &dyn Storage,
        shares: Uint128,
        epoch: u64,
    ) -> StdResult<Uint128> {
        Ok(rescale(shares, self.exp_since(storage, epoch)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::MockStorage;

    fn state(assets: u128, shares: u128) -> VaultState {
        VaultState {
            total_assets: Uint128::new(assets),
            total_shares: Uint128::new(shares),
            ..VaultState::default()
        }
    }

    #[test]
    fn no_rollover_is_due_at_or_below_the_threshold_or_without_assets() {
        assert_eq!(state(1_000, 10_000_000_000).rollover_due(), None);
        assert_eq!(state(0, 10_000_000_000).rollover_due(), None);
        assert_eq!(state(1_000, 10_000_001_000).rollover_due(), Some(6));
    }

    #[test]
    fn a_rollover_leaves_ten_to_a_hundred_shares_per_unit() {
        for (assets, shares) in [(1_000u128, 10u128.pow(30)), (7, 99 * 10u128.pow(20))] {
            let mut s = state(assets, shares);
            let exp = s.rollover_due().unwrap();
            s.open_epoch(&mut MockStorage::new(), exp).unwrap();
            let per_unit = s.total_shares.u128() / assets;
            assert!((10..100).contains(&per_unit), "{per_unit}");
        }
    }

    #[test]
    fn records_of_any_closed_epoch_convert_as_if_divided_at_every_rollover() {
        let mut store = MockStorage::new();
        let mut s = state(1, 10u128.pow(38));
        let x = Uint128::new(123_456_789_012_345_678_901_234_567);
        let mut eager = vec![x];
        for _ in 0..3 {
            let exp = s.rollover_due().unwrap();
            s.open_epoch(&mut store, exp).unwrap();
            let last = *eager.last().unwrap();
            eager.push(rescale(last, exp));
            s.total_shares = Uint128::new(10u128.pow(38));
        }
        assert_eq!(s.share_epoch, 3);
        for (epoch, converted) in eager.iter().enumerate() {
            let lazily = s.to_live(&store, *converted, epoch as u64).unwrap();
            assert_eq!(lazily, *eager.last().unwrap(), "from epoch {epoch}");
        }
    }

    #[test]
    fn the_vaults_notice_is_the_staking_contracts_message() {
        // the vault serializes its own small twin (the staking contract's
        // whole ExecuteMsg would cost it size); the JSON must be the same
        let notice = ShareEpochMsg::ShareEpochOpened {
            epoch: 3,
            divisor_exp: 20,
        };
        let json = cosmwasm_std::to_json_vec(&notice).unwrap();
        let parsed: crate::staking::ExecuteMsg = cosmwasm_std::from_json(&json).unwrap();
        assert_eq!(
            parsed,
            crate::staking::ExecuteMsg::ShareEpochOpened {
                epoch: 3,
                divisor_exp: 20
            }
        );
    }

    #[test]
    fn rescaling_past_every_digit_gives_zero() {
        assert_eq!(rescale(Uint128::MAX, 39), Uint128::zero());
        assert_eq!(rescale(Uint128::MAX, 40), Uint128::zero());
        assert_eq!(rescale(Uint128::new(99), 1), Uint128::new(9));
    }
}
