use super::*;

use Event as E;
use Step as S;

const TABS: [CreateTab; 2] = [CreateTab::ExistingAccount, CreateTab::NewAccount];

/// Every step, including each token problem and each create tab.
#[rustfmt::skip]
fn all_steps() -> Vec<Step> {
    let mut steps = vec![
        S::Arrival, S::AlreadyBound, S::Choose, S::RegisterBasic, S::RegisterCompany,
        S::RegisterMethod, S::Activated, S::BindAccount, S::BindWorkspaces, S::Bound, S::Login,
        S::Home,
    ];
    steps.extend(TokenProblem::ALL.map(S::TokenError));
    steps.extend(TABS.map(S::CreateWorkspace));
    // Adding a variant must extend the list above: this match stops compiling until it is.
    for step in &steps {
        match step {
            S::Arrival | S::TokenError(_) | S::AlreadyBound | S::Choose | S::RegisterBasic
            | S::RegisterCompany | S::RegisterMethod | S::Activated | S::BindAccount
            | S::BindWorkspaces | S::CreateWorkspace(_) | S::Bound | S::Login | S::Home => {}
        }
    }
    steps
}

/// Every event variant, with every payload that makes a difference.
#[rustfmt::skip]
fn all_events() -> Vec<Event> {
    let mut events = vec![
        NOT_BOUND, WAS_BOUND, E::ChooseRegister, E::ChooseBind, E::BasicInfoAccepted,
        E::CompanyInfoAccepted, E::Activated, E::AccountBound, E::WorkspaceBound,
        E::WorkspaceCreated, E::Done { bound: 0 }, E::Done { bound: 1 }, E::Done { bound: 7 },
        E::Back, E::GoToLogin, E::DirectLogin, E::LoggedIn,
    ];
    events.extend(TokenProblem::ALL.map(|problem| E::TokenRejected { problem }));
    events.extend(TABS.map(|tab| E::OpenCreate { tab }));
    events.extend(TABS.map(|tab| E::SwitchTab { tab }));
    for event in &events {
        match event {
            E::ContextLoaded { .. } | E::TokenRejected { .. } | E::ChooseRegister | E::ChooseBind
            | E::BasicInfoAccepted | E::CompanyInfoAccepted | E::Activated | E::AccountBound
            | E::WorkspaceBound | E::OpenCreate { .. } | E::SwitchTab { .. }
            | E::WorkspaceCreated | E::Done { .. } | E::Back | E::GoToLogin | E::DirectLogin
            | E::LoggedIn => {}
        }
    }
    events
}

const NOT_BOUND: Event = E::ContextLoaded { bound: false };
const WAS_BOUND: Event = E::ContextLoaded { bound: true };
const EXISTING: CreateTab = CreateTab::ExistingAccount;
const NEW: CreateTab = CreateTab::NewAccount;

fn at(marketplace: Marketplace, step: Step) -> Flow {
    Flow { marketplace, step }
}

fn illegal(step: Step, event: Event) -> Result<Flow, FlowError> {
    Err(FlowError::Illegal { step, event })
}

/// The edges of the diagram in flow.rs, written out one by one.
#[rustfmt::skip]
fn diagram(marketplace: Marketplace) -> Vec<(Step, Event, Step)> {
    let mut edges = vec![
        (S::Arrival, WAS_BOUND, S::AlreadyBound),
        (S::Arrival, NOT_BOUND, S::Choose),
        (S::AlreadyBound, E::GoToLogin, S::Login),
        (S::Choose, E::ChooseRegister, S::RegisterBasic),
        (S::Choose, E::ChooseBind, S::BindAccount),
        (S::RegisterBasic, E::BasicInfoAccepted, S::RegisterCompany),
        (S::RegisterBasic, E::Back, S::Choose),
        (S::RegisterCompany, E::CompanyInfoAccepted, S::RegisterMethod),
        (S::RegisterCompany, E::Back, S::RegisterBasic),
        (S::RegisterMethod, E::Activated, S::Activated),
        (S::RegisterMethod, E::Back, S::RegisterCompany),
        (S::Activated, E::GoToLogin, S::Login),
        (S::BindAccount, E::AccountBound, S::BindWorkspaces),
        (S::BindAccount, E::Back, S::Choose),
        (S::BindWorkspaces, E::WorkspaceBound, S::BindWorkspaces),
        (S::BindWorkspaces, E::Done { bound: 1 }, S::Bound),
        (S::BindWorkspaces, E::Done { bound: 7 }, S::Bound),
        (S::Bound, E::GoToLogin, S::Login),
        (S::Login, E::LoggedIn, S::Home),
    ];
    for problem in TokenProblem::ALL {
        edges.push((S::Arrival, E::TokenRejected { problem }, S::TokenError(problem)));
    }
    for tab in TABS {
        edges.push((S::BindWorkspaces, E::OpenCreate { tab }, S::CreateWorkspace(tab)));
        edges.push((S::CreateWorkspace(tab), E::WorkspaceCreated, S::BindWorkspaces));
        edges.push((S::CreateWorkspace(tab), E::Back, S::BindWorkspaces));
        for to in TABS {
            edges.push((S::CreateWorkspace(tab), E::SwitchTab { tab: to }, S::CreateWorkspace(to)));
        }
    }
    if marketplace == Marketplace::Huawei {
        edges.push((S::AlreadyBound, E::DirectLogin, S::Home));
    }
    edges
}

/// Applies `events` from arrival, returning the step after each one.
fn walk(marketplace: Marketplace, events: &[Event]) -> Result<Vec<Step>, FlowError> {
    let mut flow = Flow::arrive(marketplace);
    let mut steps = Vec::new();
    for event in events {
        flow = flow.update(*event)?;
        assert_eq!(flow.marketplace, marketplace, "the marketplace never changes");
        steps.push(flow.step);
    }
    Ok(steps)
}

/// A journey: each event and the step it must lead to.
type Journey = &'static [(Event, Step)];

fn assert_journey(name: &str, journey: Journey) {
    let events: Vec<Event> = journey.iter().map(|(event, _)| *event).collect();
    let expected: Vec<Step> = journey.iter().map(|(_, step)| *step).collect();
    for m in Marketplace::ALL {
        assert_eq!(walk(m, &events), Ok(expected.clone()), "{name} on {m:?}");
    }
}

#[rustfmt::skip]
const REGISTER: Journey = &[
    (NOT_BOUND, S::Choose),
    (E::ChooseRegister, S::RegisterBasic),
    (E::BasicInfoAccepted, S::RegisterCompany),
    (E::CompanyInfoAccepted, S::RegisterMethod),
    (E::Activated, S::Activated),
    (E::GoToLogin, S::Login),
    (E::LoggedIn, S::Home),
];

#[rustfmt::skip]
const BIND: Journey = &[
    (NOT_BOUND, S::Choose),
    (E::ChooseBind, S::BindAccount),
    (E::AccountBound, S::BindWorkspaces),
    (E::WorkspaceBound, S::BindWorkspaces),
    (E::WorkspaceBound, S::BindWorkspaces),
    (E::OpenCreate { tab: EXISTING }, S::CreateWorkspace(EXISTING)),
    (E::SwitchTab { tab: NEW }, S::CreateWorkspace(NEW)),
    (E::SwitchTab { tab: NEW }, S::CreateWorkspace(NEW)),
    (E::WorkspaceCreated, S::BindWorkspaces),
    (E::OpenCreate { tab: NEW }, S::CreateWorkspace(NEW)),
    (E::Back, S::BindWorkspaces),
    (E::Done { bound: 3 }, S::Bound),
    (E::GoToLogin, S::Login),
    (E::LoggedIn, S::Home),
];

#[rustfmt::skip]
const ALREADY_BOUND: Journey = &[
    (WAS_BOUND, S::AlreadyBound),
    (E::GoToLogin, S::Login),
    (E::LoggedIn, S::Home),
];

#[test]
fn every_marketplace_can_register_bind_and_log_in_when_already_bound() {
    assert_journey("register", REGISTER);
    assert_journey("bind", BIND);
    assert_journey("already bound", ALREADY_BOUND);
}

#[test]
fn each_token_problem_leads_to_its_own_error_step_and_nowhere_further() {
    for m in Marketplace::ALL {
        for problem in TokenProblem::ALL {
            let flow = Flow::arrive(m).update(E::TokenRejected { problem }).unwrap();
            assert_eq!(flow.step, S::TokenError(problem));
            for event in all_events() {
                assert_eq!(flow.update(event), illegal(flow.step, event));
            }
        }
    }
}

#[test]
fn huawei_buyers_already_bound_log_in_directly() {
    let got = walk(Marketplace::Huawei, &[WAS_BOUND, E::DirectLogin]);
    assert_eq!(got, Ok(vec![S::AlreadyBound, S::Home]));
}

#[test]
fn aws_and_aliyun_buyers_are_not_offered_direct_login() {
    for marketplace in [Marketplace::Aws, Marketplace::Aliyun] {
        let got = walk(marketplace, &[WAS_BOUND, E::DirectLogin]);
        assert_eq!(got, Err(FlowError::DirectLoginNotOffered { marketplace }));
    }
}

#[test]
fn done_with_nothing_bound_is_refused_and_keeps_the_list() {
    for m in Marketplace::ALL {
        let flow = at(m, S::BindWorkspaces);
        assert_eq!(flow.update(E::Done { bound: 0 }), Err(FlowError::NothingBound));
        let done = flow.update(E::Done { bound: 1 });
        assert_eq!(done, Ok(at(m, S::Bound)));
    }
}

#[test]
fn back_goes_where_the_diagram_says_and_is_illegal_elsewhere() {
    for step in all_steps() {
        let expected = match step {
            S::RegisterBasic | S::BindAccount => Some(S::Choose),
            S::RegisterCompany => Some(S::RegisterBasic),
            S::RegisterMethod => Some(S::RegisterCompany),
            S::CreateWorkspace(_) => Some(S::BindWorkspaces),
            _ => None,
        };
        for m in Marketplace::ALL {
            let want = expected.map_or_else(|| illegal(step, E::Back), |to| Ok(at(m, to)));
            assert_eq!(at(m, step).update(E::Back), want, "Back from {step:?}");
        }
    }
}

#[test]
fn activated_from_choose_is_illegal() {
    let got = at(Marketplace::Aws, S::Choose).update(E::Activated);
    assert_eq!(got, illegal(S::Choose, E::Activated));
}

#[test]
fn logging_in_from_choose_is_illegal() {
    let got = at(Marketplace::Aliyun, S::Choose).update(E::LoggedIn);
    assert_eq!(got, illegal(S::Choose, E::LoggedIn));
}

#[test]
fn back_from_arrival_and_from_home_is_illegal() {
    for step in [S::Arrival, S::Home] {
        let got = at(Marketplace::Huawei, step).update(E::Back);
        assert_eq!(got, illegal(step, E::Back));
    }
}

/// Every (step, event) pair: an edge of the diagram gives its target, the two named refusals give
/// theirs, and everything else is `Illegal` with the pair.
#[test]
fn only_the_edges_of_the_diagram_are_legal() {
    for marketplace in Marketplace::ALL {
        let edges = diagram(marketplace);
        for step in all_steps() {
            for event in all_events() {
                let edge = edges.iter().find(|(from, on, _)| (*from, *on) == (step, event));
                let expected = match (edge, step, event) {
                    (Some((_, _, to)), _, _) => Ok(at(marketplace, *to)),
                    (None, S::BindWorkspaces, E::Done { bound: 0 }) => Err(FlowError::NothingBound),
                    (None, S::AlreadyBound, E::DirectLogin) => {
                        Err(FlowError::DirectLoginNotOffered { marketplace })
                    }
                    (None, _, _) => illegal(step, event),
                };
                let got = at(marketplace, step).update(event);
                assert_eq!(got, expected, "{marketplace:?}: {step:?} on {event:?}");
            }
        }
    }
}

#[test]
fn every_step_round_trips_through_its_path() {
    for step in all_steps() {
        assert_eq!(Step::from_path(&step.path()), Some(step), "{}", step.path());
    }
}

#[test]
fn step_paths_are_unique_and_absolute() {
    let paths: Vec<String> = all_steps().into_iter().map(Step::path).collect();
    for (i, path) in paths.iter().enumerate() {
        assert!(path.starts_with('/') && !path.ends_with('/'), "{path}");
        assert!(!paths[i + 1..].contains(path), "{path} is used twice");
    }
}

#[test]
fn a_trailing_slash_query_or_fragment_does_not_change_the_step() {
    for step in all_steps() {
        let path = step.path();
        for suffix in ["/", "?lang=zh", "#main", "/?a=1", "?a=1#b", "/#top", "?to=/x"] {
            let url = format!("{path}{suffix}");
            assert_eq!(Step::from_path(&url), Some(step), "{url}");
        }
    }
}

#[rustfmt::skip]
const UNKNOWN_PATHS: &[&str] = &[
    "", "/", "?x=1", "activate/choose", "/Activate/choose", "/activate/choose/extra",
    "/activate/choose//", "/activate/register", "/activate/error", "/activate/error/",
    "/activate/error/stolen", "/activate/error/Expired", "/activate/bind/workspaces/new",
    "/activate/bind/workspaces/new/", "/activate/bind/workspaces/new/existing_account",
    "/activate/bind/workspaces/new/new-account/x", "/workspace/other", "/login/x",
    "/api/v1/session",
];

#[test]
fn a_token_error_page_names_its_marketplace_and_is_still_its_step() {
    for problem in TokenProblem::ALL {
        for marketplace in Marketplace::ALL {
            let page = problem.page(marketplace);
            assert_eq!(
                page,
                format!("/activate/error/{}?marketplace={}", problem.code(), marketplace.code())
            );
            assert_eq!(Step::from_path(&page), Some(S::TokenError(problem)), "{page}");
        }
    }
}

#[test]
fn unknown_paths_are_no_step() {
    for path in UNKNOWN_PATHS {
        assert_eq!(Step::from_path(path), None, "{path:?}");
    }
}

#[test]
fn the_step_indicator_counts_register_to_four_and_bind_to_three() {
    for step in all_steps() {
        let expected = match step {
            S::RegisterBasic => Some((Path::Register, 1)),
            S::RegisterCompany => Some((Path::Register, 2)),
            S::RegisterMethod => Some((Path::Register, 3)),
            S::Activated => Some((Path::Register, 4)),
            S::BindAccount => Some((Path::Bind, 1)),
            S::BindWorkspaces | S::CreateWorkspace(_) => Some((Path::Bind, 2)),
            S::Bound => Some((Path::Bind, 3)),
            _ => None,
        };
        assert_eq!(step.indicator(), expected, "{step:?}");
    }
}

#[test]
fn steps_and_events_have_a_stable_wire_form() {
    assert_eq!(json(&S::Choose), r#"{"step":"choose"}"#);
    let used = r#"{"step":"token_error","detail":"used"}"#;
    assert_eq!(json(&S::TokenError(TokenProblem::Used)), used);
    let new = r#"{"step":"create_workspace","detail":"new_account"}"#;
    assert_eq!(json(&S::CreateWorkspace(NEW)), new);
    assert_eq!(json(&E::Done { bound: 2 }), r#"{"event":"done","bound":2}"#);
    let error = illegal(S::Home, E::Back).unwrap_err();
    let want = r#"{"kind":"illegal","step":{"step":"home"},"event":{"event":"back"}}"#;
    assert_eq!(json(&error), want);
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

/// Progress: where each link goes for what a session has done, and the properties of the machine.
#[path = "flow_progress_tests.rs"]
mod progress;
