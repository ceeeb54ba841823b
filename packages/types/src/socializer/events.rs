//! The socializer's typed events.

use cosmwasm_std::{Decimal, Uint128};

use crate::typed_event;

typed_event! {
    /// One shortfall, with every layer's amount.
    ShortfallEvent = "backstop-socializer-shortfall" {
        /// Market id.
        market: String,
        /// Sequence number.
        seq: u64,
        /// The market's report id.
        report_id: u64,
        /// Shortfall accepted (up to the declared exposure).
        amount: Uint128,
        /// Reported above the declared exposure, not covered.
        unbacked: Uint128,
        /// Covered by slashing stakers.
        stakers: Uint128,
        /// Staked tokens slashed.
        slashed_tokens: Uint128,
        /// Covered by the vault.
        vault: Uint128,
        /// Covered by the trader haircut.
        trader_haircut: Uint128,
        /// Trader haircut ratio.
        trader_ratio: Decimal,
        /// Covered by the LP haircut.
        lp_haircut: Uint128,
        /// LP haircut ratio.
        lp_ratio: Decimal,
        /// Left as bad debt.
        residual: Uint128,
        /// Outstanding bad debt after.
        bad_debt: Uint128,
    }
}

typed_event! {
    /// Recovery income applied.
    RecoveryEvent = "backstop-socializer-recovery" {
        /// Market id.
        market: String,
        /// Who paid.
        sender: String,
        /// Repaid bad debt.
        to_debt: Uint128,
        /// Repaid haircut traders.
        to_haircuts: Uint128,
        /// Repaid the liquidity pool.
        to_lps: Uint128,
        /// Paid the vault as income.
        to_vault: Uint128,
        /// Restored to the stakers' pool.
        to_stakers: Uint128,
        /// Refunded to the sender.
        refunded: Uint128,
        /// Outstanding bad debt after.
        bad_debt: Uint128,
        /// Outstanding haircuts after.
        haircut_outstanding: Uint128,
    }
}

typed_event! {
    /// The waterfall changed now.
    LayersSetEvent = "backstop-socializer-layers" {
        /// Layer names in order, comma-separated.
        layers: String,
    }
}

typed_event! {
    /// A change was queued for the timelock.
    ChangeQueuedEvent = "backstop-socializer-queued" {
        /// `layers` or `timelock`.
        what: String,
        /// Block time (seconds) from which it is in force.
        eta: u64,
    }
}

typed_event! {
    /// Queued changes cancelled.
    ChangeCancelledEvent = "backstop-socializer-cancelled" {
        /// Whether a layer change was cancelled.
        layers: bool,
        /// Whether a timelock change was cancelled.
        timelock: bool,
    }
}

typed_event! {
    /// A market registered or changed.
    MarketSetEvent = "backstop-socializer-market" {
        /// Market id.
        id: String,
        /// Reporter.
        reporter: String,
        /// Recipient.
        recipient: String,
    }
}

typed_event! {
    /// Timelock changed now.
    TimelockSetEvent = "backstop-socializer-timelock" {
        /// Seconds.
        seconds: u64,
    }
}

typed_event! {
    /// Pause switches changed.
    PauseEvent = "backstop-socializer-pause" {
        /// Reports paused.
        reports: bool,
        /// Recoveries paused.
        recoveries: bool,
    }
}

typed_event! {
    /// A layer skipped by a report because a link it needs is missing (see
    /// the `Wiring` query); the report goes on with the other layers.
    LayerSkippedEvent = "backstop-socializer-layer-skipped" {
        /// The layer.
        layer: String,
        /// Why.
        reason: String,
    }
}

typed_event! {
    /// A market frozen or unfrozen.
    MarketFrozenEvent = "backstop-socializer-market-frozen" {
        /// Market id.
        id: String,
        /// Frozen now.
        frozen: bool,
        /// Who froze it; `governance` when the owner or a proposal unfroze it.
        sender: String,
    }
}

typed_event! {
    /// A report whose id was already used: nothing changed.
    DuplicateReportEvent = "backstop-socializer-duplicate-report" {
        /// Market id.
        market: String,
        /// The id reported.
        report_id: u64,
        /// The last id accepted.
        last_report_id: u64,
    }
}

typed_event! {
    /// A report above the market's declared exposure, clamped to it.
    ExposureClampedEvent = "backstop-socializer-exposure-clamped" {
        /// Market id.
        market: String,
        /// The market's report id.
        report_id: u64,
        /// What was reported.
        requested: Uint128,
        /// What the exposure accepted.
        accepted: Uint128,
    }
}

typed_event! {
    /// A market declared its exposure.
    ExposureDeclaredEvent = "backstop-socializer-exposure" {
        /// Market id.
        market: String,
        /// The exposure now.
        exposure: Uint128,
        /// Its ceiling.
        ceiling: Uint128,
    }
}
