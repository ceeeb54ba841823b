//! The vault's typed events.

use cosmwasm_std::{Decimal, Uint128};

use crate::typed_event;

typed_event! {
    /// Assets deposited and shares minted.
    DepositEvent = "backstop-vault-deposit" {
        /// Who paid.
        sender: String,
        /// Who received the shares.
        recipient: String,
        /// Assets deposited.
        assets: Uint128,
        /// Shares minted to the recipient.
        shares: Uint128,
        /// Total assets after.
        total_assets: Uint128,
        /// Total shares after.
        total_shares: Uint128,
    }
}

typed_event! {
    /// Income added without minting shares.
    IncomeEvent = "backstop-vault-income" {
        /// Who paid.
        sender: String,
        /// Assets added.
        assets: Uint128,
        /// Total assets after.
        total_assets: Uint128,
    }
}

typed_event! {
    /// Shares escrowed for exit.
    UnlockEvent = "backstop-vault-unlock" {
        /// The owner.
        owner: String,
        /// Request id.
        id: u64,
        /// Shares escrowed.
        shares: Uint128,
        /// Their value now, the most the request can pay.
        assets_at_request: Uint128,
        /// Release time (seconds).
        release_at: u64,
        /// When it lapses unless withdrawn (seconds).
        expires_at: u64,
    }
}

typed_event! {
    /// An unlock request withdrawn after its exit window: nothing paid, its
    /// shares back in the owner's balance.
    UnlockLapsedEvent = "backstop-vault-unlock-lapsed" {
        /// The owner.
        owner: String,
        /// Request id.
        id: u64,
        /// Shares returned to the owner.
        shares: Uint128,
    }
}

typed_event! {
    /// An unlock request paid out and its shares burned.
    WithdrawEvent = "backstop-vault-withdraw" {
        /// The owner.
        owner: String,
        /// Who received the assets.
        recipient: String,
        /// Request id.
        id: u64,
        /// Shares burned.
        shares: Uint128,
        /// Assets paid.
        assets: Uint128,
    }
}

typed_event! {
    /// A shortfall payout.
    CoverShortfallEvent = "backstop-vault-cover-shortfall" {
        /// The claimant.
        claimant: String,
        /// Who received the payout.
        recipient: String,
        /// Amount asked.
        requested: Uint128,
        /// Amount paid.
        paid: Uint128,
        /// Amount left uncovered.
        uncovered: Uint128,
        /// Total assets after.
        total_assets: Uint128,
    }
}

typed_event! {
    /// Slashed shares redeemed at once.
    SlashRedeemEvent = "backstop-vault-slash-redeem" {
        /// The slash source that sent the shares.
        source: String,
        /// Who received the assets.
        recipient: String,
        /// Shares burned.
        shares: Uint128,
        /// Assets paid.
        assets: Uint128,
        /// Total assets after.
        total_assets: Uint128,
    }
}

typed_event! {
    /// Slash sources replaced.
    SlashSourcesSetEvent = "backstop-vault-slash-sources" {
        /// How many there are now.
        count: u32,
        /// The claimant their hooks may draw on, or empty.
        claimant: String,
    }
}

typed_event! {
    /// Parameters changed.
    ParamsUpdatedEvent = "backstop-vault-params" {
        /// Cooldown (seconds).
        cooldown_seconds: u64,
        /// Exit window (seconds).
        exit_window_seconds: u64,
        /// Open unlocks per address.
        max_open_unlocks: u32,
        /// Per-payout fraction cap.
        max_payout_fraction: Decimal,
        /// Reserve floor.
        min_reserve: Uint128,
    }
}

typed_event! {
    /// A claimant registered or its limits changed.
    ClaimantSetEvent = "backstop-vault-claimant-set" {
        /// The claimant.
        claimant: String,
        /// Lifetime cap.
        lifetime_cap: Uint128,
        /// Rate-limit bucket.
        window_cap: Uint128,
        /// Rate-limit refill time.
        window_seconds: u64,
    }
}

typed_event! {
    /// A claimant removed.
    ClaimantRemovedEvent = "backstop-vault-claimant-removed" {
        /// The claimant.
        claimant: String,
    }
}

typed_event! {
    /// The guardian changed; empty when cleared.
    GuardianSetEvent = "backstop-vault-guardian" {
        /// The guardian, or empty.
        guardian: String,
    }
}

typed_event! {
    /// Pause switches changed.
    PauseEvent = "backstop-vault-pause" {
        /// Who changed them.
        sender: String,
        /// Deposits paused.
        deposits: bool,
        /// Exits paused.
        exits: bool,
        /// Payouts paused.
        payouts: bool,
    }
}

typed_event! {
    /// A new share epoch opened: every share is now worth `10^divisor_exp`
    /// of the closing epoch's, and records convert when next touched.
    ShareEpochEvent = "backstop-vault-share-epoch" {
        /// The epoch opened.
        epoch: u64,
        /// The divisor's exponent.
        divisor_exp: u32,
        /// The supply after, in the new unit.
        total_shares: Uint128,
        /// Total assets (unchanged).
        total_assets: Uint128,
    }
}
