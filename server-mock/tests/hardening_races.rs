//! Idempotency and concurrency under real parallelism (a multi-threaded runtime), and answers lost
//! after the change was made (`POST /dev/faults {"drop_next": N}`): a retry with the same key gets
//! the original result, and nothing is made twice.

mod common;

use activation_core::{
    api::{
        Activation, ApiError, BoundAccount, CodeSent, SendCodeRequest, SessionContext,
        StepAccepted, Workspace, WorkspaceState, paths,
    },
    domain::{Email, Site, Username, WorkspaceId, WorkspaceLanguage, WorkspaceName},
    draft::{ActivationDraft, BindAccountDraft, CreateWorkspaceDraft},
    flow::CreateTab,
};
use common::{Client, Mock, aliyun, aws, basic, company};
use server_mock::store::{
    data::{BillingAccount, Workspace as StoredWorkspace},
    seed::DEMO_BILLING,
};

const DEMO_EMAIL: &str = "demo.billing@example.com";

/// Binds Billing Center account `username` (mail to `email`) in `client`'s session.
async fn bind_account(mock: &Mock, client: &mut Client, username: &str, email: &str) {
    let request = SendCodeRequest::BindAccount { username: username.into() };
    client.post(paths::SEND_CODE, &request).await.ok::<CodeSent>();
    let draft =
        BindAccountDraft { username: username.into(), verification_code: mock.last_code(email) };
    client.post(paths::BIND_ACCOUNT, &draft).await.ok::<BoundAccount>();
}

fn create_existing(name: &str, code: &str) -> CreateWorkspaceDraft {
    CreateWorkspaceDraft {
        tab: CreateTab::ExistingAccount,
        site: "cn1".into(),
        workspace_name: name.into(),
        workspace_language: "zh".into(),
        email: DEMO_EMAIL.into(),
        verification_code: code.into(),
        agree_terms: true,
        ..CreateWorkspaceDraft::default()
    }
}

async fn create_code(mock: &Mock, client: &mut Client) -> String {
    mock.advance(60);
    let request = SendCodeRequest::CreateWorkspace { email: DEMO_EMAIL.into() };
    client.post(paths::SEND_CODE, &request).await.ok::<CodeSent>();
    mock.last_code(DEMO_EMAIL)
}

/// A browser sharing `client`'s cookies (another tab, or a retrying request).
fn twin(mock: &Mock, client: &Client) -> Client {
    let mut other = mock.client();
    other.cookies = client.cookies.clone();
    other
}

/// A Billing Center account `name` with one bindable workspace; returns the workspace's ID.
fn add_billing_account(mock: &Mock, name: &str) -> WorkspaceId {
    mock.store().write(|data| {
        let username = Username::parse(name).unwrap();
        data.billing.insert(
            username.unique_key(),
            BillingAccount {
                username: username.clone(),
                email: Email::parse(&format!("{name}@example.com")).unwrap(),
                password_hash: "never logs in".into(),
                company: None,
                industry: None,
                contact: None,
            },
        );
        let id = data.new_workspace_id();
        data.workspaces.insert(
            id.clone(),
            StoredWorkspace {
                id: id.clone(),
                name: WorkspaceName::parse(&format!("{name} workspace")).unwrap(),
                site: Site::Cn1,
                language: WorkspaceLanguage::En,
                owner: username.unique_key(),
                billing: Some(username.unique_key()),
                settled_by: None,
                datakit_token: "tkn_test".into(),
                activated: 0,
            },
        );
        id
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_keys_for_one_workspace_name_make_one_workspace() {
    let mock = Mock::seeded();
    let mut client = mock.arrive(aliyun("1111222233334444"));
    bind_account(&mock, &mut client, DEMO_BILLING, DEMO_EMAIL).await;
    let code = create_code(&mock, &mut client).await;
    let draft = create_existing("Raced Name", &code);
    let before = mock.store().read(|d| d.workspaces.len());
    let tasks: Vec<_> = (0..50)
        .map(|i| {
            let mut racer = twin(&mock, &client);
            let draft = draft.clone();
            tokio::spawn(async move {
                racer.post_keyed(paths::CREATE_WORKSPACE, &draft, &format!("key-{i}")).await
            })
        })
        .collect();
    let mut created = Vec::new();
    for task in tasks {
        let reply = task.await.unwrap();
        match reply.status {
            200 => created.push(reply.json::<Workspace>()),
            _ => assert_eq!(reply.error(), ApiError::WorkspaceNameTaken),
        }
    }
    assert_eq!(created.len(), 1, "{created:?}");
    assert_eq!(mock.store().read(|d| d.workspaces.len()), before + 1);
    let context: SessionContext = client.get(paths::SESSION).await.ok();
    assert_eq!(context.progress.workspaces_bound, 1);
}

/// Two (or more) sessions of one cloud account, each with its own Billing Center account, bind a
/// workspace at the same moment: one wins, the others learn the account is taken.
async fn race_for_one_cloud_account(mock: &Mock, cloud_account: &str, racers: usize) {
    let mut contenders = Vec::new();
    for i in 0..racers {
        let name = format!("racer_{cloud_account}_{i}");
        let workspace = add_billing_account(mock, &name);
        let mut client = mock.arrive(aws(cloud_account));
        bind_account(mock, &mut client, &name, &format!("{name}@example.com")).await;
        contenders.push((name, workspace, client));
    }
    let tasks: Vec<_> = contenders
        .into_iter()
        .map(|(name, workspace, mut client)| {
            tokio::spawn(async move {
                let reply = client.post_keyed(&paths::bind_workspace(&workspace), &(), "k").await;
                (name, workspace, reply)
            })
        })
        .collect();
    let mut winners = Vec::new();
    for task in tasks {
        let (name, workspace, reply) = task.await.unwrap();
        if reply.status == 200 {
            assert_eq!(reply.json::<Workspace>().state, WorkspaceState::Bound);
            winners.push((name, workspace));
        } else {
            assert_eq!(reply.error(), ApiError::CloudAccountAlreadyBound);
            let settled = mock.store().read(|d| d.workspaces[&workspace].settled_by.clone());
            assert_eq!(settled, None, "the loser's workspace stays unsettled");
        }
    }
    assert_eq!(winners.len(), 1, "{cloud_account}: {winners:?}");
    let key = format!("aws:{cloud_account}");
    let bound_to = mock.store().read(|d| d.cloud_bindings.get(&key).cloned());
    assert_eq!(bound_to.as_deref(), Some(winners[0].0.as_str()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_billing_center_accounts_binding_one_cloud_account_at_once_one_wins() {
    let mock = Mock::new();
    for round in 0..20 {
        race_for_one_cloud_account(&mock, &format!("{:012}", 500_000_000_000u64 + round), 2).await;
    }
    race_for_one_cloud_account(&mock, "600000000000", 10).await;
}

#[tokio::test]
async fn a_lost_create_answer_is_recovered_by_the_same_key_without_a_second_workspace() {
    let mock = Mock::seeded();
    let mut client = mock.arrive(aliyun("1111222233334444"));
    bind_account(&mock, &mut client, DEMO_BILLING, DEMO_EMAIL).await;
    let code = create_code(&mock, &mut client).await;
    let draft = create_existing("Lost Answer", &code);
    let before = mock.store().snapshot();

    let set = client.post("/dev/faults", &serde_json::json!({ "drop_next": 1 })).await;
    assert_eq!(set.json::<serde_json::Value>()["drop_next"], 1);
    // Reads are not creates or binds: they pass, and the armed fault waits.
    client.get(paths::SESSION).await.ok::<SessionContext>();
    let lost = client.post_keyed(paths::CREATE_WORKSPACE, &draft, "create-1").await;
    assert_eq!(lost.error(), ApiError::Unavailable);
    assert_eq!(lost.headers["retry-after"], "1");
    // ... but the workspace was made.
    let made = mock.store().read(|d| d.workspaces.len());
    assert_eq!(made, before.workspaces.len() + 1);

    let retried: Workspace =
        twin(&mock, &client).post_keyed(paths::CREATE_WORKSPACE, &draft, "create-1").await.ok();
    assert_eq!(retried.name.as_str(), "Lost Answer");
    assert_eq!(retried.state, WorkspaceState::Bound);
    let after = mock.store().snapshot();
    assert_eq!(after.workspaces.len(), made, "the retry made nothing new");
    assert!(after.workspaces.contains_key(&retried.id));
    assert_eq!(after.sessions.values().map(|s| s.progress.workspaces_bound).sum::<u32>(), 1);
    // The fault is spent: a second retry is answered normally too.
    let again: Workspace =
        client.post_keyed(paths::CREATE_WORKSPACE, &draft, "create-1").await.ok();
    assert_eq!(again, retried);
}

#[tokio::test]
async fn a_lost_bind_answer_is_recovered_and_counted_once() {
    let mock = Mock::seeded();
    let mut client = mock.arrive(aliyun("1111222233334444"));
    bind_account(&mock, &mut client, DEMO_BILLING, DEMO_EMAIL).await;
    let production = mock.store().read(|d| {
        d.workspaces.values().find(|w| w.name.as_str() == "Demo Production").unwrap().id.clone()
    });
    client
        .post("/dev/faults", &serde_json::json!({ "drop_next": 2 }))
        .await
        .ok::<serde_json::Value>();
    let path = paths::bind_workspace(&production);
    for _ in 0..2 {
        assert_eq!(client.post_keyed(&path, &(), "bind-1").await.error(), ApiError::Unavailable);
    }
    let settled = mock.store().read(|d| d.workspaces[&production].settled_by.is_some());
    assert!(settled, "the bind was made before the answer was lost");
    let bound: Workspace = client.post_keyed(&path, &(), "bind-1").await.ok();
    assert_eq!((bound.id.clone(), bound.state), (production, WorkspaceState::Bound));
    let context: SessionContext = client.get(paths::SESSION).await.ok();
    assert_eq!(context.progress.workspaces_bound, 1);
    let done: Activation = client.post(paths::BIND_DONE, &()).await.ok();
    assert_eq!(done.workspaces, vec![bound]);
}

#[tokio::test]
async fn a_lost_activation_answer_is_recovered_without_a_second_account() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    let email = "lost.answer@example.com";
    let request = SendCodeRequest::Register { email: email.into() };
    client.post(paths::SEND_CODE, &request).await.ok::<CodeSent>();
    let basic = basic("cn2", "lost_answer", email, &mock.last_code(email));
    client.post(paths::REGISTER_BASIC, &basic).await.ok::<StepAccepted>();
    client.post(paths::REGISTER_COMPANY, &company()).await.ok::<StepAccepted>();
    let method = ActivationDraft {
        workspace_name: "First".into(),
        workspace_language: "en".into(),
        ..ActivationDraft::default()
    };
    client
        .post("/dev/faults", &serde_json::json!({ "drop_next": 1 }))
        .await
        .ok::<serde_json::Value>();
    let lost = client.post_keyed(paths::REGISTER_ACTIVATE, &method, "activate-1").await;
    assert_eq!(lost.error(), ApiError::Unavailable);
    let done: Activation =
        client.post_keyed(paths::REGISTER_ACTIVATE, &method, "activate-1").await.ok();
    assert_eq!(done.billing_account, "lost_answer");
    let data = mock.store().snapshot();
    assert_eq!((data.guance.len(), data.billing.len(), data.workspaces.len()), (1, 1, 1));
}

#[tokio::test]
async fn fail_next_and_drop_next_are_set_independently() {
    let mock = Mock::new();
    let mut client = mock.client();
    let both: serde_json::Value =
        client.post("/dev/faults", &serde_json::json!({ "drop_next": 3 })).await.ok();
    assert_eq!(both, serde_json::json!({ "fail_next": 0, "drop_next": 3 }));
    let both: serde_json::Value =
        client.post("/dev/faults", &serde_json::json!({ "fail_next": 1 })).await.ok();
    assert_eq!(both, serde_json::json!({ "fail_next": 1, "drop_next": 3 }));
}
