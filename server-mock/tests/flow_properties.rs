//! The mock moves a session only through core's machine: any sequence of API calls leaves the
//! session's progress where `Progress::apply` takes it (a call it accepts applies the call's event,
//! or is a replay that changes nothing), and a call it refuses changes nothing. Plus one test per
//! refused transition, with its typed error.

mod common;

use activation_core::{
    api::{ApiError, SendCodeRequest, SessionContext, WorkspaceList, WorkspaceState, paths},
    domain::{Identity, WorkspaceId},
    draft::{ActivationDraft, BindAccountDraft, CreateWorkspaceDraft},
    flow::{CreateTab, Event, Progress, Step},
};
use common::{Client, Mock, aws, basic, company, huawei};
use proptest::prelude::*;
use server_mock::store::seed::{BOUND_AWS, BOUND_HUAWEI, DEMO_BILLING};

const DEMO_EMAIL: &str = "demo.billing@example.com";

/// One API call a browser can make that may move its session on.
#[derive(Debug, Clone, Copy)]
enum Call {
    Basic,
    Company,
    Activate,
    BindAccount,
    BindWorkspace,
    Create,
    Done,
    DirectLogin,
}

const CALLS: [Call; 8] = [
    Call::Basic,
    Call::Company,
    Call::Activate,
    Call::BindAccount,
    Call::BindWorkspace,
    Call::Create,
    Call::Done,
    Call::DirectLogin,
];

impl Call {
    /// The event the call stands for, in a session whose progress is `before`.
    fn event(self, before: Progress) -> Event {
        match self {
            Call::Basic => Event::BasicInfoAccepted,
            Call::Company => Event::CompanyInfoAccepted,
            Call::Activate => Event::Activated,
            Call::BindAccount => Event::AccountBound,
            Call::BindWorkspace => Event::WorkspaceBound,
            Call::Create => Event::WorkspaceCreated,
            Call::Done => Event::Done { bound: before.workspaces_bound },
            Call::DirectLogin => Event::DirectLogin,
        }
    }
}

async fn progress(client: &mut Client) -> Progress {
    client.get(paths::SESSION).await.ok::<SessionContext>().progress
}

/// Makes `call` with valid input (a fresh code where one is needed); whether it was accepted.
async fn make(
    mock: &Mock,
    client: &mut Client,
    who: &Identity,
    call: Call,
    n: usize,
) -> Result<(), ApiError> {
    let reply = match call {
        Call::Basic => {
            // One address per session: a session mails codes to at most three (SPEC §6).
            let email = "buyer@example.com".to_owned();
            let request = SendCodeRequest::Register { email: email.clone() };
            client.post(paths::SEND_CODE, &request).await;
            let code = mailed_code(mock, &email);
            client
                .post(paths::REGISTER_BASIC, &basic("cn2", &format!("buyer{n}"), &email, &code))
                .await
        }
        Call::Company => client.post(paths::REGISTER_COMPANY, &company()).await,
        Call::Activate => {
            let mut draft = ActivationDraft {
                workspace_name: format!("Prod {n}"),
                workspace_language: "en".into(),
                ..Default::default()
            };
            if let Identity::Huawei { account_id, .. } = who {
                draft.huawei_account_id = account_id.to_string();
            }
            client.post(paths::REGISTER_ACTIVATE, &draft).await
        }
        Call::BindAccount => {
            let request = SendCodeRequest::BindAccount { username: DEMO_BILLING.into() };
            client.post(paths::SEND_CODE, &request).await;
            let draft = BindAccountDraft {
                username: DEMO_BILLING.into(),
                verification_code: mailed_code(mock, DEMO_EMAIL),
            };
            client.post(paths::BIND_ACCOUNT, &draft).await
        }
        Call::BindWorkspace => {
            let list = client.get(paths::BIND_WORKSPACES).await;
            let id = (list.status == 200)
                .then(|| list.json::<WorkspaceList>().workspaces)
                .and_then(|all| all.into_iter().find(|w| w.state == WorkspaceState::Bindable))
                .map_or_else(|| WorkspaceId::parse("ws-none").unwrap(), |w| w.id);
            client.post(&paths::bind_workspace(&id), &()).await
        }
        Call::Create => {
            let request = SendCodeRequest::CreateWorkspace { email: DEMO_EMAIL.into() };
            client.post(paths::SEND_CODE, &request).await;
            let draft = CreateWorkspaceDraft {
                tab: CreateTab::ExistingAccount,
                workspace_language: "en".into(),
                site: "cn2".into(),
                workspace_name: format!("Ops {n}"),
                email: DEMO_EMAIL.into(),
                verification_code: mailed_code(mock, DEMO_EMAIL),
                agree_terms: true,
                ..Default::default()
            };
            client.post(paths::CREATE_WORKSPACE, &draft).await
        }
        Call::Done => client.post(paths::BIND_DONE, &()).await,
        Call::DirectLogin => client.post(paths::LOGIN_DIRECT, &()).await,
    };
    // A session may send five codes an hour (SPEC §6): the next call is a fifth of an hour later.
    use activation_core::rules::{CODES_PER_SESSION_PER_HOUR, HOUR_SECS};
    mock.advance(u64::from(HOUR_SECS) / CODES_PER_SESSION_PER_HOUR as u64 + 1);
    if (200..300).contains(&reply.status) { Ok(()) } else { Err(reply.error()) }
}

/// The newest code mailed to `email`. Where the session may not send one (a bind after
/// registering, a register after Done) the send is refused and nothing may have been mailed: the
/// call then goes with a code that was never sent, and must be refused.
fn mailed_code(mock: &Mock, email: &str) -> String {
    mock.code_for(email).unwrap_or_else(|| "000000".to_owned())
}

fn identity(choice: u8) -> Identity {
    match choice % 4 {
        0 => aws("210987654321"),
        1 => aws(BOUND_AWS),
        2 => huawei("fedcba9876543210fedcba9876543210"),
        _ => huawei(BOUND_HUAWEI),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn every_accepted_call_applies_its_event_and_every_refused_one_changes_nothing(
        who in any::<u8>(),
        calls in prop::collection::vec(prop::sample::select(CALLS.to_vec()), 1..9),
    ) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let mock = Mock::seeded();
            let identity = identity(who);
            let marketplace = identity.marketplace();
            let mut client = mock.arrive(identity.clone());
            for (n, call) in calls.into_iter().enumerate() {
                let before = progress(&mut client).await;
                let expected = before.apply(marketplace, call.event(before));
                let answer = make(&mock, &mut client, &identity, call, n).await;
                let after = progress(&mut client).await;
                match (answer, expected) {
                    (Ok(()), Ok(next)) => {
                        prop_assert_eq!(after, next, "{:?} accepted from {:?}", call, before);
                    }
                    // Accepted where the machine refuses: only a replay of a step already taken
                    // (a lost answer's retry), which changes nothing.
                    (Ok(()), Err(refusal)) => {
                        prop_assert_eq!(after, before, "{:?} replayed ({:?})", call, refusal);
                    }
                    (Err(error), _) => {
                        prop_assert_eq!(after, before, "{:?} refused ({:?}) changed progress", call, error);
                    }
                }
            }
            Ok(())
        })?;
    }
}

/// A session of `identity` after `calls`, each made (and accepted) in order.
async fn session_after(mock: &Mock, identity: Identity, calls: &[Call]) -> Client {
    let mut client = mock.arrive(identity.clone());
    for (n, call) in calls.iter().enumerate() {
        make(mock, &mut client, &identity, *call, 100 + n)
            .await
            .unwrap_or_else(|e| panic!("{call:?}: {e:?}"));
    }
    client
}

#[tokio::test]
async fn each_refused_transition_answers_its_typed_error() {
    use ApiError as A;
    let fresh = || aws("210987654321");
    let cases: [(&[Call], Identity, Call, ApiError); 9] = [
        (&[], fresh(), Call::Company, A::WrongStep { expected: Step::RegisterBasic }),
        (&[], fresh(), Call::Activate, A::WrongStep { expected: Step::RegisterBasic }),
        (&[Call::Basic], fresh(), Call::Activate, A::WrongStep { expected: Step::RegisterCompany }),
        (&[], fresh(), Call::BindWorkspace, A::WrongStep { expected: Step::BindAccount }),
        (&[], fresh(), Call::Done, A::WrongStep { expected: Step::BindAccount }),
        (
            &[Call::BindAccount],
            fresh(),
            Call::Done,
            A::WrongStep { expected: Step::BindWorkspaces },
        ),
        (
            &[Call::BindAccount],
            fresh(),
            Call::Basic,
            A::WrongStep { expected: Step::BindWorkspaces },
        ),
        (&[], aws(BOUND_AWS), Call::Basic, A::CloudAccountAlreadyBound),
        (&[], aws(BOUND_AWS), Call::DirectLogin, A::Unauthorized),
    ];
    for (done, identity, call, error) in cases {
        let mock = Mock::seeded();
        let mut client = session_after(&mock, identity.clone(), done).await;
        let before = progress(&mut client).await;
        assert_eq!(
            make(&mock, &mut client, &identity, call, 0).await,
            Err(error),
            "{done:?} then {call:?}"
        );
        assert_eq!(progress(&mut client).await, before, "{done:?} then {call:?} changed progress");
    }
}
