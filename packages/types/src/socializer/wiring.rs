//! The links the waterfall depends on, checked from the other contracts'
//! raw state: what makes a layer unable to run, and how to fix each link.
//! A report skips a layer whose link is missing (with an event), instead
//! of failing; the `Wiring` query lists every link.

use cosmwasm_std::Addr;

use super::{StakedToken, StakingLink, WiringLink};
use crate::{fund_vault, staking};

/// Why the staker layer cannot run now, if it cannot: the staking contract
/// would refuse the socializer's slash (not a slasher, or slashing paused),
/// or the vault would refuse the slashed shares (not a slash source, or
/// payouts paused).
pub fn staker_layer_blocked(
    socializer: &Addr,
    link: &StakingLink,
    staking_params: &staking::Params,
    staking_state: &staking::StakingState,
    vault_params: &fund_vault::Params,
) -> Option<&'static str> {
    if !staking_params.slashers.contains(socializer) {
        return Some("the staking contract does not list the socializer as a slasher");
    }
    if staking_state.pause.slashing {
        return Some("slashing is paused in the staking contract");
    }
    if link.token == StakedToken::VaultShares && vault_params.pause.payouts {
        return Some("vault payouts are paused, so slashed shares cannot be redeemed");
    }
    if link.token == StakedToken::VaultShares && !vault_params.slash_sources.contains(&link.address)
    {
        return Some("the vault does not list the staking contract as a slash source");
    }
    None
}

/// The state of one link, for the `Wiring` query.
fn link(name: &str, ok: bool, fix: String) -> WiringLink {
    WiringLink {
        name: name.to_string(),
        ok,
        fix: if ok { String::new() } else { fix },
    }
}

/// Every link of a deployment: the socializer as the vault's claimant, and
/// with a staking contract, the socializer as its slasher, the staking
/// contract as the vault's slash source (when it stakes vault shares) and
/// the hook link that lets the vault layer ride on the slash.
pub fn links(
    socializer: &Addr,
    vault: &Addr,
    vault_params: &fund_vault::Params,
    vault_claimant: bool,
    staking: Option<(&StakingLink, &staking::Params)>,
) -> Vec<WiringLink> {
    let mut out = vec![link(
        "vault claimant",
        vault_claimant,
        format!(
            "vault {vault}: {{\"set_claimant\":{{\"address\":\"{socializer}\",\"limits\":{{...}}}}}}"
        ),
    )];
    let Some((staking_link, staking_params)) = staking else {
        return out;
    };
    let staking_addr = &staking_link.address;
    out.push(link(
        "staking slasher",
        staking_params.slashers.contains(socializer),
        format!(
            "staking {staking_addr}: {{\"update_params\":{{\"slashers\":[\"{socializer}\", ...]}}}}"
        ),
    ));
    if staking_link.token == StakedToken::VaultShares {
        let sources = &vault_params.slash_sources;
        out.push(link(
            "vault slash source",
            sources.contains(staking_addr),
            format!(
                "vault {vault}: {{\"set_slash_sources\":{{\"addresses\":[\"{staking_addr}\"],\"claimant\":\"{socializer}\"}}}}"
            ),
        ));
        out.push(link(
            "vault hook link (optional: saves one vault execution per report)",
            vault_params.slash_claimant.as_ref() == Some(socializer),
            format!(
                "vault {vault}: {{\"set_slash_sources\":{{\"addresses\":[\"{staking_addr}\"],\"claimant\":\"{socializer}\"}}}}"
            ),
        ));
    }
    out
}
