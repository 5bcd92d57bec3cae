//! Where a session's links go for what it has done (`Progress::resolve`), and the machine's
//! properties over random walks.

use proptest::prelude::*;

use super::*;

const FRESH: Progress = Progress {
    already_bound: false,
    basic_info_done: false,
    company_info_done: false,
    activated: false,
    account_bound: false,
    workspaces_bound: 0,
    bind_finished: false,
};
const BASIC: Progress = Progress { basic_info_done: true, ..FRESH };
const COMPANY: Progress = Progress { company_info_done: true, ..BASIC };
const ACCOUNT: Progress = Progress { account_bound: true, ..FRESH };

/// A finished session: every link shows `summary`, except login and the workspace home.
fn assert_only_summary_login_and_home(progress: Progress, summary: Step) {
    for step in all_steps() {
        let expected = if matches!(step, S::Login | S::Home) { step } else { summary };
        assert_eq!(progress.resolve(step), expected, "{step:?}");
    }
}

#[test]
fn a_fresh_session_may_open_the_first_step_of_each_path_but_no_later_one() {
    assert_eq!(FRESH, Progress::default());
    for step in all_steps() {
        let expected = match step {
            S::RegisterCompany | S::RegisterMethod | S::Activated => S::RegisterBasic,
            S::BindWorkspaces | S::CreateWorkspace(_) | S::Bound => S::BindAccount,
            S::AlreadyBound => S::Choose,
            other => other,
        };
        assert_eq!(FRESH.resolve(step), expected, "{step:?}");
    }
}

#[test]
fn register_method_without_basic_info_goes_to_register_basic() {
    assert_eq!(FRESH.resolve(S::RegisterMethod), S::RegisterBasic);
}

#[test]
fn register_method_with_basic_info_only_goes_to_register_company() {
    assert_eq!(BASIC.resolve(S::RegisterMethod), S::RegisterCompany);
    assert_eq!(BASIC.resolve(S::Activated), S::RegisterCompany);
    assert_eq!(BASIC.resolve(S::RegisterCompany), S::RegisterCompany);
}

#[test]
fn the_summary_before_activation_goes_to_the_activation_method() {
    assert_eq!(COMPANY.resolve(S::Activated), S::RegisterMethod);
    assert_eq!(COMPANY.resolve(S::RegisterMethod), S::RegisterMethod);
    assert_eq!(COMPANY.resolve(S::RegisterBasic), S::RegisterBasic);
}

#[test]
fn a_link_opened_twice_after_activation_shows_the_summary() {
    assert_only_summary_login_and_home(Progress { activated: true, ..COMPANY }, S::Activated);
}

#[test]
fn bind_workspaces_without_a_bound_account_goes_to_bind_account() {
    assert_eq!(FRESH.resolve(S::BindWorkspaces), S::BindAccount);
    for tab in TABS {
        assert_eq!(FRESH.resolve(S::CreateWorkspace(tab)), S::BindAccount);
    }
}

#[test]
fn a_bound_account_skips_the_bind_account_step_and_cannot_see_bound_before_done() {
    let account = Progress { workspaces_bound: 2, ..ACCOUNT };
    assert_eq!(account.resolve(S::BindAccount), S::BindWorkspaces);
    assert_eq!(account.resolve(S::Bound), S::BindWorkspaces);
    for tab in TABS {
        let create = S::CreateWorkspace(tab);
        assert_eq!(account.resolve(create), create);
    }
}

#[test]
fn a_bound_account_cannot_follow_a_link_back_to_choose_or_register() {
    let account = Progress { account_bound: true, ..COMPANY };
    for step in [S::Choose, S::RegisterBasic, S::RegisterMethod, S::Activated, S::AlreadyBound] {
        assert_eq!(account.resolve(step), S::BindWorkspaces, "{step:?}");
    }
}

#[test]
fn a_finished_bind_only_shows_its_summary() {
    let finished = Progress { workspaces_bound: 1, bind_finished: true, ..ACCOUNT };
    assert_only_summary_login_and_home(finished, S::Bound);
}

#[test]
fn an_already_bound_account_only_sees_already_bound_login_and_home() {
    assert_only_summary_login_and_home(Progress { already_bound: true, ..FRESH }, S::AlreadyBound);
}

/// Every step the flow can reach from `flow` (itself included).
fn reachable(flow: Flow) -> Vec<Step> {
    let mut seen = vec![flow.step];
    let mut todo = vec![flow];
    while let Some(at) = todo.pop() {
        for next in all_events().into_iter().filter_map(|e| at.update(e).ok()) {
            if !seen.contains(&next.step) {
                seen.push(next.step);
                todo.push(next);
            }
        }
    }
    seen
}

/// Follows only legal edges from arrival, each picked by one of `choices`, recording progress as the
/// server would; returns where the session is after each step.
fn legal_walk(marketplace: Marketplace, choices: &[prop::sample::Index]) -> Vec<(Flow, Progress)> {
    let (mut flow, mut progress) = (Flow::arrive(marketplace), Progress::default());
    let mut trace = Vec::new();
    for choice in choices {
        let legal: Vec<(Event, Flow)> =
            all_events().into_iter().filter_map(|e| flow.update(e).ok().map(|f| (e, f))).collect();
        if legal.is_empty() {
            break;
        }
        let (event, next) = legal[choice.index(legal.len())];
        // What the server records, through the same machine: every edge the flow takes that
        // changes what a session has done, progress takes too.
        if event.origin().is_some() {
            progress = progress
                .apply(marketplace, event)
                .unwrap_or_else(|e| panic!("{flow:?} took {event:?}, progress refused: {e:?}"));
        }
        flow = next;
        trace.push((flow, progress));
    }
    trace
}

fn arb_marketplace() -> impl Strategy<Value = Marketplace> {
    prop::sample::select(Marketplace::ALL.to_vec())
}

fn arb_event() -> impl Strategy<Value = Event> {
    prop_oneof![
        prop::sample::select(all_events()),
        any::<u32>().prop_map(|bound| E::Done { bound }),
    ]
}

fn arb_step() -> impl Strategy<Value = Step> {
    prop::sample::select(all_steps())
}

fn arb_progress() -> impl Strategy<Value = Progress> {
    (any::<[bool; 6]>(), 0u32..4).prop_map(|(b, workspaces_bound)| Progress {
        already_bound: b[0],
        basic_info_done: b[1],
        company_info_done: b[2],
        activated: b[3],
        account_bound: b[4],
        workspaces_bound,
        bind_finished: b[5],
    })
}

proptest! {
    #[test]
    fn random_events_never_panic_and_every_reached_step_has_a_url(
        marketplace in arb_marketplace(),
        events in prop::collection::vec(arb_event(), 0..60),
    ) {
        let mut flow = Flow::arrive(marketplace);
        for event in events {
            match flow.update(event) {
                Ok(next) => {
                    prop_assert_eq!(next.marketplace, marketplace);
                    prop_assert_eq!(Step::from_path(&next.step.path()), Some(next.step));
                    flow = next;
                }
                Err(FlowError::Illegal { step, event: e }) => {
                    prop_assert_eq!((step, e), (flow.step, event));
                }
                Err(_) => {}
            }
        }
    }

    /// A session that followed the flow is never redirected away from where it is, so a reload
    /// keeps the step.
    #[test]
    fn a_reload_anywhere_along_a_legal_journey_keeps_the_step(
        marketplace in arb_marketplace(),
        choices in prop::collection::vec(any::<prop::sample::Index>(), 0..40),
    ) {
        for (flow, progress) in legal_walk(marketplace, &choices) {
            prop_assert_eq!(progress.resolve(flow.step), flow.step, "{:?}", progress);
        }
    }

    /// A direct link never lands on a step the diagram cannot reach from where the session is
    /// (arrival, token errors, login and home are outside the activation steps).
    #[test]
    fn a_direct_link_only_lands_where_the_flow_can_go(
        marketplace in arb_marketplace(),
        choices in prop::collection::vec(any::<prop::sample::Index>(), 0..20),
        requested in arb_step(),
    ) {
        let outside = |s: Step| matches!(s, S::Arrival | S::TokenError(_) | S::Login | S::Home);
        for (flow, progress) in legal_walk(marketplace, &choices) {
            let resolved = progress.resolve(requested);
            if !outside(flow.step) && !outside(requested) {
                let at = flow.step;
                prop_assert!(reachable(flow).contains(&resolved), "{requested:?} → {resolved:?} at {at:?}");
            }
        }
    }

    #[test]
    fn resolving_twice_is_resolving_once(progress in arb_progress(), step in arb_step()) {
        let once = progress.resolve(step);
        prop_assert_eq!(progress.resolve(once), once);
    }

    #[test]
    fn flows_round_trip_through_serde(marketplace in arb_marketplace(), step in arb_step()) {
        let flow = Flow { marketplace, step };
        let json = serde_json::to_string(&flow).unwrap();
        prop_assert_eq!(serde_json::from_str::<Flow>(&json).unwrap(), flow);
    }
}
