//! The staking contract's typed events.

use cosmwasm_std::{Decimal, Uint128};

use crate::typed_event;

typed_event! {
    /// Tokens staked.
    StakeEvent = "backstop-staking-stake" {
        /// The staker.
        staker: String,
        /// Tokens staked.
        amount: Uint128,
        /// Shares minted.
        shares: Uint128,
        /// Pool tokens after.
        total_tokens: Uint128,
    }
}

typed_event! {
    /// Unbonding started.
    UnstakeEvent = "backstop-staking-unstake" {
        /// The staker.
        staker: String,
        /// Entry id.
        id: u64,
        /// Tokens requested.
        amount: Uint128,
        /// Shares moved to unbonding.
        shares: Uint128,
        /// Release time (seconds).
        release_at: u64,
        /// When it lapses unless claimed (seconds).
        expires_at: u64,
    }
}

typed_event! {
    /// Matured unbondings paid out.
    ClaimEvent = "backstop-staking-claim" {
        /// The staker.
        staker: String,
        /// Entries paid.
        entries: u32,
        /// Tokens paid.
        amount: Uint128,
    }
}

typed_event! {
    /// Unbonding entries found past their exit window by a claim: their
    /// shares bond again and earn from now, and nothing is paid for them.
    UnbondingLapsedEvent = "backstop-staking-unbonding-lapsed" {
        /// The staker.
        staker: String,
        /// Entries lapsed.
        entries: u32,
        /// Shares bonded again.
        shares: Uint128,
    }
}

typed_event! {
    /// Rewards paid in one asset.
    RewardClaimEvent = "backstop-staking-reward-claim" {
        /// The staker.
        staker: String,
        /// The asset.
        asset: String,
        /// Amount paid.
        amount: Uint128,
    }
}

typed_event! {
    /// Rewards funded.
    FundEvent = "backstop-staking-fund" {
        /// Who funded.
        funder: String,
        /// The asset.
        asset: String,
        /// Amount funded.
        amount: Uint128,
        /// `instant` or `stream`.
        mode: String,
        /// Stream end after funding (seconds; now for instant).
        period_end: u64,
    }
}

typed_event! {
    /// Stake slashed.
    SlashEvent = "backstop-staking-slash" {
        /// Who slashed.
        slasher: String,
        /// Who received the tokens.
        recipient: String,
        /// Tokens taken.
        amount: Uint128,
        /// Pool tokens after.
        total_tokens: Uint128,
    }
}

typed_event! {
    /// Tokens restored to the pool by a slasher (a recovery repaying
    /// stakers).
    RestoreEvent = "backstop-staking-restore" {
        /// Who restored them.
        sender: String,
        /// Tokens added.
        amount: Uint128,
        /// Pool tokens after.
        total_tokens: Uint128,
    }
}

typed_event! {
    /// Parameters changed.
    ParamsUpdatedEvent = "backstop-staking-params" {
        /// Unbonding period (seconds).
        unbonding_seconds: u64,
        /// Slash cap per event.
        max_slash_ratio: Decimal,
        /// Open unbondings per address.
        max_open_unbondings: u32,
        /// Exit window of new unbondings (seconds).
        exit_window_seconds: u64,
        /// Number of slashers.
        slashers: u32,
        /// Whether funding is restricted.
        funders_restricted: bool,
    }
}

typed_event! {
    /// A reward asset added.
    RewardAssetAddedEvent = "backstop-staking-reward-asset" {
        /// The asset.
        asset: String,
        /// Its position in the index list.
        position: u32,
    }
}

typed_event! {
    /// The guardian changed; empty when cleared.
    GuardianSetEvent = "backstop-staking-guardian" {
        /// The guardian, or empty.
        guardian: String,
    }
}

typed_event! {
    /// Pause switches changed.
    PauseEvent = "backstop-staking-pause" {
        /// Who changed them.
        sender: String,
        /// Stakes paused.
        stakes: bool,
        /// Unstaking paused.
        unbonding: bool,
        /// Claims paused.
        claims: bool,
        /// Slashing paused.
        slashing: bool,
    }
}

typed_event! {
    /// A new share epoch opened: the pool held more than
    /// `EPOCH_THRESHOLD` shares per token.
    EpochEvent = "backstop-staking-epoch" {
        /// The new epoch.
        epoch: u64,
        /// One new share is `10^divisor_exp` old ones.
        divisor_exp: u32,
        /// Pool shares after, in the new unit.
        total_shares: Uint128,
        /// Pool tokens (unchanged).
        total_tokens: Uint128,
    }
}

typed_event! {
    /// The staking token opened a share epoch: the pool's tokens are
    /// counted in its new unit.
    TokenEpochEvent = "backstop-staking-token-epoch" {
        /// The token's new epoch.
        epoch: u64,
        /// The divisor's exponent.
        divisor_exp: u32,
        /// Tokens after, in the new unit.
        total_tokens: Uint128,
    }
}
