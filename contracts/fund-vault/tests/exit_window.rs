//! Regression tests for the exit window: a matured unlock request used to
//! stay withdrawable forever, a free option to leave ahead of any loss.

mod suite;

use backstop_types::fund_vault::{
    ExecuteMsg, GovMsg, ParamsUpdate, PauseUpdate, UnlockEvent, UnlockLapsedEvent,
    MAX_EXIT_WINDOW_SECONDS,
};
use backstop_types::params::ParamError;
use fund_vault::ContractError;
use suite::{AssetKind, SuiteBuilder};

const WEEK: u64 = 7 * 24 * 3600;
/// The suite's default exit window.
const WINDOW: u64 = 2 * 24 * 3600;

#[test]
fn a_matured_unlock_lapses_after_its_exit_window_and_its_shares_return() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let alice = s.user(0);
    let shares = s.deposit(&alice, 100_000).u128();
    let id = s.unlock(&alice, shares).id;
    s.advance(WEEK + WINDOW + 1);
    let (before, assets) = (s.asset_balance(&alice), s.total_assets());
    s.try_withdraw(&alice, id).unwrap();
    assert_eq!(
        s.asset_balance(&alice),
        before,
        "a lapsed request pays nothing"
    );
    assert_eq!(s.total_assets(), assets);
    assert_eq!(
        s.shares(&alice),
        shares,
        "its shares are back in the balance"
    );
    assert!(s.unlocks(&alice).requests.is_empty());
}

#[test]
fn an_early_leaver_cannot_hold_a_matured_unlock_open_to_leave_ahead_of_a_loss() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let (alice, bob) = (s.user(0), s.user(1));
    let shares = s.deposit(&alice, 100_000).u128();
    s.deposit(&bob, 100_000);
    // alice asks to leave, then waits well past her cooldown
    let id = s.unlock(&alice, shares).id;
    s.advance(30 * 24 * 3600);
    // a loss becomes visible: alice rushes to leave before it is covered
    let before = s.asset_balance(&alice);
    s.try_withdraw(&alice, id).unwrap();
    // the loss lands: half the fund
    s.cover(100_000);
    // she can only leave through a new cooldown, bearing her part
    let id = s.unlock(&alice, shares).id;
    s.advance(WEEK);
    s.try_withdraw(&alice, id).unwrap();
    let took = s.asset_balance(&alice) - before;
    assert!(took <= 49_500, "the early leaver took {took}");
}

#[test]
fn no_request_lapses_while_exits_are_paused() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let alice = s.user(0);
    let shares = s.deposit(&alice, 100_000).u128();
    let id = s.unlock(&alice, shares).id;
    s.advance(WEEK);
    let guardian = s.guardian.clone();
    let pause = |exits| PauseUpdate {
        exits: Some(exits),
        ..Default::default()
    };
    s.exec(&guardian, &ExecuteMsg::SetPause(pause(true)), &[])
        .unwrap();
    s.advance(WINDOW + 1);
    s.sudo(GovMsg::SetPause(pause(false))).unwrap();
    // a whole window since exits resumed: the request still pays
    s.advance(WINDOW - 1);
    let before = s.asset_balance(&alice);
    let res = s.try_withdraw(&alice, id).unwrap();
    assert!(UnlockLapsedEvent::find(&res.events).is_none());
    assert_eq!(s.asset_balance(&alice) - before, shares);
}

#[test]
fn a_request_keeps_the_window_it_was_made_with() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let alice = s.user(0);
    let shares = s.deposit(&alice, 100_000).u128();
    let res = s.try_unlock(&alice, shares).unwrap();
    let ev = UnlockEvent::find(&res.events).unwrap();
    assert_eq!(ev.expires_at, ev.release_at + WINDOW);
    s.sudo(GovMsg::UpdateParams(ParamsUpdate {
        exit_window_seconds: Some(3_600),
        ..Default::default()
    }))
    .unwrap();
    s.advance(WEEK + 2 * 3_600);
    let view = &s.unlocks(&alice).requests[0];
    assert_eq!((view.expires_at, view.lapsed), (ev.expires_at, false));
    assert_eq!(view.payable_now.u128(), shares);
    s.advance(WINDOW);
    let res = s.try_withdraw(&alice, ev.id).unwrap();
    let lapsed = UnlockLapsedEvent::find(&res.events).unwrap();
    assert_eq!((lapsed.id, lapsed.shares.u128()), (ev.id, shares));
}

#[test]
fn an_exit_window_of_zero_or_above_thirty_days_is_rejected() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    for (window, expected) in [
        (
            0,
            ParamError::MustBePositive {
                name: "exit_window_seconds",
            },
        ),
        (
            MAX_EXIT_WINDOW_SECONDS + 1,
            ParamError::AboveMax {
                name: "exit_window_seconds",
                value: (MAX_EXIT_WINDOW_SECONDS + 1).into(),
                max: MAX_EXIT_WINDOW_SECONDS.into(),
            },
        ),
    ] {
        let owner = s.owner.clone();
        s.assert_rejected(ContractError::Param(expected), |s| {
            s.try_gov(
                &owner,
                GovMsg::UpdateParams(ParamsUpdate {
                    exit_window_seconds: Some(window),
                    ..Default::default()
                }),
            )
        });
    }
}
