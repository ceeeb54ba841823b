//! Compact binary storage for the items every stake, unstake, claim and
//! slash touches. Storage is over 97% of a call's gas on wasmd, at 3 gas per
//! byte read and 30 per byte written, so these items are binary rather than
//! JSON, and the one other contracts read raw ([`STATE`](super::STATE)) is
//! decoded by [`StakingState::decode`] from this crate.
//!
//! # Encoding
//! * An unsigned integer is one length byte `n` (0 to 16) and its `n`
//!   big-endian bytes, leading zero bytes left out: `1,000,000` is
//!   `03 0f 42 40`.
//! * [`StakingState`], key `s`: `total_tokens`, `total_shares`, then one
//!   byte of pause flags (1 stakes, 2 unbonding, 4 claims, 8 slashing) only while
//!   something is paused or the epoch is not zero, then the share epoch
//!   only while it is not zero. A reader that knows only the first three
//!   fields (the v0.1.0 release) still reads them right.
//! * [`Unbonding`], in namespace `u`: `shares`, `release_at`, then its
//!   share epoch while it is not zero or an exit window follows, then its
//!   exit window (absent in entries made before exit windows). Its key is
//!   `u`, the owner's canonical address length (one byte) and bytes, and the
//!   id as 8 big-endian bytes, so one owner's entries are one key range in
//!   id order.
//! * The staking token, key `t`: its canonical address bytes.
//!
//! A decoder ignores bytes after the fields it knows, so a newer layout that
//! appends fields still decodes.

use std::marker::PhantomData;

use cosmwasm_std::{
    Addr, Api, CanonicalAddr, QuerierWrapper, StdError, StdResult, Storage, Uint128,
};

use super::{PauseFlags, StakingState, Unbonding};

/// A value with a compact binary encoding.
pub trait Compact: Sized {
    /// The encoded bytes.
    fn encode(&self) -> Vec<u8>;
    /// Decodes `bytes`, or `None` when they are not a valid encoding.
    fn decode(bytes: &[u8]) -> Option<Self>;
}

/// An item stored in its [`Compact`] encoding under a fixed key: the same
/// calls as `cw_storage_plus::Item`.
pub struct CompactItem<T> {
    key: &'static [u8],
    value: PhantomData<T>,
}

impl<T: Compact> CompactItem<T> {
    /// The item at `key`.
    pub const fn new(key: &'static str) -> Self {
        Self {
            key: key.as_bytes(),
            value: PhantomData,
        }
    }

    /// The storage key.
    pub fn as_slice(&self) -> &[u8] {
        self.key
    }

    /// The stored value, if any.
    pub fn may_load(&self, storage: &dyn Storage) -> StdResult<Option<T>> {
        storage.get(self.key).map(|b| self.decode(&b)).transpose()
    }

    /// The stored value; an error if there is none.
    pub fn load(&self, storage: &dyn Storage) -> StdResult<T> {
        self.may_load(storage)?
            .ok_or_else(|| StdError::not_found(self.name()))
    }

    /// Stores `value`.
    pub fn save(&self, storage: &mut dyn Storage, value: &T) -> StdResult<()> {
        storage.set(self.key, &value.encode());
        Ok(())
    }

    /// Reads the value from `contract`'s storage with a raw query.
    pub fn query(&self, querier: &QuerierWrapper, contract: impl Into<String>) -> StdResult<T> {
        let bytes = querier
            .query_wasm_raw(contract, self.key)?
            .ok_or_else(|| StdError::not_found(self.name()))?;
        self.decode(&bytes)
    }

    fn decode(&self, bytes: &[u8]) -> StdResult<T> {
        T::decode(bytes)
            .ok_or_else(|| StdError::parse_err(self.name(), "not a valid compact encoding"))
    }

    fn name(&self) -> String {
        format!("compact item {}", String::from_utf8_lossy(self.key))
    }
}

/// Appends `v` as a length byte and its big-endian bytes without leading
/// zeros.
pub fn put_uint(out: &mut Vec<u8>, v: u128) {
    let bytes = v.to_be_bytes();
    let skip = bytes.iter().take_while(|b| **b == 0).count();
    out.push((16 - skip) as u8);
    out.extend_from_slice(&bytes[skip..]);
}

/// Reads an integer written by [`put_uint`] at `*pos`, advancing it.
pub fn take_uint(bytes: &[u8], pos: &mut usize) -> Option<u128> {
    let len = usize::from(*bytes.get(*pos)?);
    if len > 16 {
        return None;
    }
    let digits = bytes.get(*pos + 1..*pos + 1 + len)?;
    *pos += 1 + len;
    Some(
        digits
            .iter()
            .fold(0u128, |acc, b| (acc << 8) | u128::from(*b)),
    )
}

impl Compact for StakingState {
    fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(12);
        put_uint(&mut out, self.total_tokens.u128());
        put_uint(&mut out, self.total_shares.u128());
        let flags = u8::from(self.pause.stakes)
            | u8::from(self.pause.unbonding) << 1
            | u8::from(self.pause.claims) << 2
            | u8::from(self.pause.slashing) << 3;
        if flags != 0 || self.epoch != 0 {
            out.push(flags);
        }
        if self.epoch != 0 {
            put_uint(&mut out, self.epoch.into());
        }
        out
    }

    fn decode(bytes: &[u8]) -> Option<Self> {
        let mut pos = 0;
        let total_tokens = Uint128::new(take_uint(bytes, &mut pos)?);
        let total_shares = Uint128::new(take_uint(bytes, &mut pos)?);
        let flags = bytes.get(pos).copied().unwrap_or(0);
        pos += 1;
        let epoch = if pos < bytes.len() {
            u64::try_from(take_uint(bytes, &mut pos)?).ok()?
        } else {
            0
        };
        Some(StakingState {
            epoch,
            total_tokens,
            total_shares,
            pause: PauseFlags {
                stakes: flags & 1 != 0,
                unbonding: flags & 2 != 0,
                claims: flags & 4 != 0,
                slashing: flags & 8 != 0,
            },
        })
    }
}

impl Compact for Unbonding {
    fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(10);
        put_uint(&mut out, self.shares.u128());
        put_uint(&mut out, self.release_at.into());
        if self.epoch != 0 || self.exit_window.is_some() {
            put_uint(&mut out, self.epoch.into());
        }
        if let Some(window) = self.exit_window {
            put_uint(&mut out, window.into());
        }
        out
    }

    fn decode(bytes: &[u8]) -> Option<Self> {
        let mut pos = 0;
        let shares = Uint128::new(take_uint(bytes, &mut pos)?);
        let release_at = u64::try_from(take_uint(bytes, &mut pos)?).ok()?;
        let mut next = || -> Option<Option<u64>> {
            if pos < bytes.len() {
                Some(Some(u64::try_from(take_uint(bytes, &mut pos)?).ok()?))
            } else {
                Some(None)
            }
        };
        let epoch = next()?.unwrap_or(0);
        let exit_window = next()?;
        Some(Unbonding {
            shares,
            release_at,
            epoch,
            exit_window,
        })
    }
}

impl Compact for CanonicalAddr {
    fn encode(&self) -> Vec<u8> {
        self.as_slice().to_vec()
    }

    fn decode(bytes: &[u8]) -> Option<Self> {
        Some(CanonicalAddr::from(bytes))
    }
}

/// The staking token's canonical address, key `t`, read by the socializer
/// with [`staking_token`].
pub const STAKING_TOKEN: CompactItem<CanonicalAddr> = CompactItem::new("t");

/// The staking token of the staking contract at `contract`, read raw.
pub fn staking_token(
    querier: &QuerierWrapper,
    api: &dyn Api,
    contract: impl Into<String>,
) -> StdResult<Addr> {
    api.addr_humanize(&STAKING_TOKEN.query(querier, contract)?)
}

/// Namespace of the unbonding entries.
const UNBONDINGS: u8 = b'u';

/// The key range of `owner`'s unbonding entries: every key starts with it.
pub fn unbonding_prefix(owner: &CanonicalAddr) -> Vec<u8> {
    let owner = owner.as_slice();
    let mut key = Vec::with_capacity(2 + owner.len() + 8);
    key.push(UNBONDINGS);
    // canonical addresses are at most 255 bytes (bech32's limit is lower)
    key.push(owner.len().min(255) as u8);
    key.extend_from_slice(owner);
    key
}

/// The key of `owner`'s unbonding entry `id`.
pub fn unbonding_key(owner: &CanonicalAddr, id: u64) -> Vec<u8> {
    let mut key = unbonding_prefix(owner);
    key.extend_from_slice(&id.to_be_bytes());
    key
}

/// The id in an unbonding key (its last 8 bytes).
pub fn unbonding_id(key: &[u8]) -> Option<u64> {
    let start = key.len().checked_sub(8)?;
    Some(u64::from_be_bytes(key.get(start..)?.try_into().ok()?))
}

/// The exclusive end of the key range that starts with `prefix`.
pub fn prefix_end(prefix: &[u8]) -> Vec<u8> {
    let mut end = prefix.to_vec();
    while let Some(last) = end.pop() {
        if last < u8::MAX {
            end.push(last + 1);
            return end;
        }
    }
    end
}
