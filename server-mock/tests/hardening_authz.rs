//! Authorization: a session bound to Billing Center account A cannot list, bind or see account B's
//! workspaces by changing an ID, reusing an idempotency key or naming B's account, on any route
//! that takes an ID or returns workspaces.

mod common;

use activation_core::{
    api::{
        Activation, ApiError, BillingAccount as BillingView, BoundAccount, CodeSent, LoggedIn,
        SendCodeRequest, Workspace, WorkspaceHome, WorkspaceList, paths,
    },
    domain::{
        CloudAccount, Email, HuaweiAccountId, Site, Username, WorkspaceLanguage, WorkspaceName,
    },
    draft::{BindAccountDraft, CreateWorkspaceDraft, LoginDraft},
    flow::CreateTab,
};
use common::{Client, Mock, Reply, aliyun, aws};
use serde_json::Value;
use server_mock::store::{
    self,
    data::{BillingAccount, GuanceAccount, Workspace as StoredWorkspace, cloud_key},
    seed::{DEMO_BILLING, DEMO_PASSWORD},
};

const DEMO_EMAIL: &str = "demo.billing@example.com";
const B: &str = "other_billing";
const B_EMAIL: &str = "other.billing@example.com";

/// Account B: a Billing Center and console account with a bindable workspace and one settled by a
/// Huawei account. Returns B's workspace IDs and names: none may ever reach A.
fn add_account_b(mock: &Mock) -> Vec<String> {
    mock.store().write(|data| {
        let username = Username::parse(B).unwrap();
        let email = Email::parse(B_EMAIL).unwrap();
        let hash = store::hash_password(DEMO_PASSWORD);
        let key = username.unique_key();
        data.billing.insert(
            key.clone(),
            BillingAccount {
                username: username.clone(),
                email: email.clone(),
                password_hash: hash.clone(),
                company: None,
                industry: None,
                contact: None,
            },
        );
        data.guance.insert(
            key.clone(),
            GuanceAccount { username, email, phone: None, password_hash: hash },
        );
        let huawei = CloudAccount::Huawei(
            HuaweiAccountId::parse("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb").unwrap(),
        );
        data.cloud_bindings.insert(cloud_key(&huawei), key.clone());
        let mut secrets = Vec::new();
        for (name, settled_by) in [("B Secret Unbound", None), ("B Secret Settled", Some(huawei))] {
            let id = data.new_workspace_id();
            secrets.extend([id.as_str().to_owned(), name.to_owned()]);
            data.workspaces.insert(
                id.clone(),
                StoredWorkspace {
                    id,
                    name: WorkspaceName::parse(name).unwrap(),
                    site: Site::Cn1,
                    language: WorkspaceLanguage::En,
                    owner: key.clone(),
                    billing: Some(key.clone()),
                    settled_by,
                    datakit_token: "tkn_b_secret".into(),
                    activated: 0,
                },
            );
        }
        secrets
    })
}

fn strings(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::String(text) => found.push(text.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings(v, found)),
        Value::Object(map) => map.values().for_each(|v| strings(v, found)),
        _ => {}
    }
}

/// Asserts the reply names none of B's workspaces (by ID or name) and returns it.
fn no_leak(route: &str, reply: Reply, secrets: &[String]) -> Reply {
    let body: Value = serde_json::from_slice(&reply.body).unwrap_or(Value::Null);
    let mut found = Vec::new();
    strings(&body, &mut found);
    let text = String::from_utf8_lossy(&reply.body);
    for secret in secrets {
        assert!(!found.contains(secret), "{route} shows B's {secret}: {text}");
    }
    assert!(!text.contains("tkn_b_secret"), "{route} shows B's DataKit token");
    reply
}

/// A session of aliyun account `cloud` with Billing Center account A bound.
async fn session_of_a(mock: &Mock, cloud: &str) -> Client {
    let mut client = mock.arrive(aliyun(cloud));
    mock.advance(60);
    let request = SendCodeRequest::BindAccount { username: DEMO_BILLING.into() };
    client.post(paths::SEND_CODE, &request).await.ok::<CodeSent>();
    let draft = BindAccountDraft {
        username: DEMO_BILLING.into(),
        verification_code: mock.last_code(DEMO_EMAIL),
    };
    client.post(paths::BIND_ACCOUNT, &draft).await.ok::<BoundAccount>();
    client
}

#[tokio::test]
async fn a_session_of_account_a_never_reaches_account_b_workspaces() {
    let mock = Mock::seeded();
    let secrets = add_account_b(&mock);
    let b_before = mock.store().read(|d| serde_json::to_value(&d.workspaces).unwrap());
    let b_ids: Vec<&String> = secrets.iter().filter(|s| s.starts_with("ws_")).collect();

    // Account B's own session uses an idempotency key first; A will reuse it.
    let mut b_session = mock.arrive(aws("222233334444"));
    let request = SendCodeRequest::BindAccount { username: B.into() };
    b_session.post(paths::SEND_CODE, &request).await.ok::<CodeSent>();
    let draft = BindAccountDraft { username: B.into(), verification_code: mock.last_code(B_EMAIL) };
    let seen_by_b: BoundAccount = b_session.post(paths::BIND_ACCOUNT, &draft).await.ok();
    assert_eq!(seen_by_b.workspaces.len(), 2, "the test's own check: B sees its workspaces");

    let mut a = session_of_a(&mock, "1111222233334444").await;
    let list = no_leak("list", a.get(paths::BIND_WORKSPACES).await, &secrets);
    let list: WorkspaceList = list.ok();

    // Binding B's workspaces by ID, with or without a key (B's key too), in any spelling.
    for id in &b_ids {
        let path = format!("/api/v1/bind/workspaces/{id}");
        for key in [None, Some("shared-key"), Some("another")] {
            let reply = match key {
                Some(key) => a.post_keyed(&path, &(), key).await,
                None => a.post(&path, &()).await,
            };
            assert_eq!(no_leak(&path, reply, &secrets).error(), ApiError::NotFound, "{path}");
        }
        for spelling in
            [id.to_uppercase(), format!("{id}%20"), format!("%20{id}"), format!("{id}/")]
        {
            let path = format!("/api/v1/bind/workspaces/{spelling}");
            let reply = no_leak(&path, a.post(&path, &()).await, &secrets);
            assert!(reply.status == 404 || reply.status == 422, "{path}: {}", reply.status);
        }
    }

    // Creating in B's console account needs the code mailed to B: guessing it gets nowhere.
    let create = CreateWorkspaceDraft {
        tab: CreateTab::ExistingAccount,
        site: "cn1".into(),
        workspace_name: "Planted".into(),
        workspace_language: "en".into(),
        email: B_EMAIL.into(),
        verification_code: "000000".into(),
        agree_terms: true,
        ..CreateWorkspaceDraft::default()
    };
    let reply = no_leak(
        "create",
        a.post_keyed(paths::CREATE_WORKSPACE, &create, "shared-key").await,
        &secrets,
    );
    assert!(reply.status == 422, "{}", String::from_utf8_lossy(&reply.body));

    // What A does see: its own, bound, and the summary of only those.
    let own = list.workspaces.iter().find(|w| w.name.as_str() == "Demo Production").unwrap();
    let bound: Workspace = a.post(&paths::bind_workspace(&own.id), &()).await.ok();
    let done = no_leak("done", a.post(paths::BIND_DONE, &()).await, &secrets);
    assert_eq!(done.ok::<Activation>().workspaces, vec![bound]);
    no_leak("session", a.get(paths::SESSION).await, &secrets);

    // Another session of A's side naming B's Billing Center account without B's code is refused.
    let mut c = mock.arrive(aliyun("5555666677778888"));
    let guess = BindAccountDraft { username: B.into(), verification_code: "123456".into() };
    let reply = no_leak("bind account", c.post(paths::BIND_ACCOUNT, &guess).await, &secrets);
    assert_eq!(reply.status, 422, "{}", String::from_utf8_lossy(&reply.body));
    no_leak("list after refusal", c.get(paths::BIND_WORKSPACES).await, &secrets);

    // Signed in as A: the console home and the Billing Center list are A's.
    let login = LoginDraft { username: DEMO_BILLING.into(), password: DEMO_PASSWORD.into() };
    let mut browser = mock.client();
    browser.post(paths::LOGIN, &login).await.ok::<LoggedIn>();
    let home = no_leak("home", browser.get(paths::WORKSPACE_HOME).await, &secrets);
    assert_eq!(home.ok::<WorkspaceHome>().username, DEMO_BILLING);
    browser.post(paths::BILLING_LOGIN, &login).await.ok::<BillingView>();
    let billing = no_leak("billing", browser.get(paths::BILLING_WORKSPACES).await, &secrets);
    assert!(!billing.ok::<WorkspaceList>().workspaces.is_empty());

    // B's workspaces are exactly as they were.
    let b_after = mock.store().read(|d| serde_json::to_value(&d.workspaces).unwrap());
    for id in &b_ids {
        assert_eq!(b_after[id.as_str()], b_before[id.as_str()], "{id} changed");
    }
    assert!(mock.store().read(|d| d.workspaces.values().all(|w| w.name.as_str() != "Planted")));
}

#[tokio::test]
async fn an_idempotency_key_is_scoped_to_its_session() {
    // B binds with a key; A sends the same key to the same path: A must not get B's answer.
    let mock = Mock::seeded();
    let secrets = add_account_b(&mock);
    let unbound = mock.store().read(|d| {
        d.workspaces.values().find(|w| w.name.as_str() == "B Secret Unbound").unwrap().id.clone()
    });
    let mut b_session = mock.arrive(aws("222233334444"));
    let request = SendCodeRequest::BindAccount { username: B.into() };
    b_session.post(paths::SEND_CODE, &request).await.ok::<CodeSent>();
    let draft = BindAccountDraft { username: B.into(), verification_code: mock.last_code(B_EMAIL) };
    b_session.post(paths::BIND_ACCOUNT, &draft).await.ok::<BoundAccount>();
    let path = paths::bind_workspace(&unbound);
    b_session.post_keyed(&path, &(), "same-key").await.ok::<Workspace>();

    let mut a = session_of_a(&mock, "1111222233334444").await;
    let reply = no_leak("replayed key", a.post_keyed(&path, &(), "same-key").await, &secrets);
    assert_eq!(reply.error(), ApiError::NotFound);
}
