//! Sessions (SPEC §6, issue #13 item 5): `__Host-` cookies, a new activation session ID when the
//! session gains rights, and absolute lifetimes besides the idle ones.

mod common;

use activation_core::{
    api::{ApiError, BoundAccount, SendCodeRequest, Workspace, WorkspaceState, paths},
    draft::{BindAccountDraft, CreateWorkspaceDraft, LoginDraft},
    flow::CreateTab,
    rules,
};
use axum::http::header;
use common::{Client, Mock, Reply, aliyun};
use server_mock::store::seed::{DEMO_BILLING, DEMO_PASSWORD};

const ACTIVATION: &str = "__Host-activation_session";
const DEMO_EMAIL: &str = "demo.billing@example.com";

/// Sends a bind code and binds the demo Billing Center account in `client`'s session: the reply.
async fn bind_demo(mock: &Mock, client: &mut Client) -> Reply {
    let request = SendCodeRequest::BindAccount { username: DEMO_BILLING.into() };
    assert_eq!(client.post(paths::SEND_CODE, &request).await.status, 200);
    let draft = BindAccountDraft {
        username: DEMO_BILLING.into(),
        verification_code: mock.last_code(DEMO_EMAIL),
    };
    client.post(paths::BIND_ACCOUNT, &draft).await
}

/// The value of cookie `name` in `client`'s jar.
fn cookie(client: &Client, name: &str) -> String {
    client.cookies.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).expect(name)
}

/// Every `Set-Cookie` of `reply`.
fn set_cookies(reply: &Reply) -> Vec<String> {
    let all = reply.headers.get_all(header::SET_COOKIE).iter();
    all.map(|v| v.to_str().unwrap().to_owned()).collect()
}

/// Asserts `set` is a `__Host-` cookie a browser keeps: Secure, Path=/, no Domain, HttpOnly, Lax.
fn assert_host_cookie(set: &str) {
    assert!(set.starts_with("__Host-"), "{set}");
    let attributes: Vec<&str> = set.split("; ").skip(1).collect();
    for wanted in ["Secure", "Path=/", "HttpOnly", "SameSite=Lax"] {
        assert!(attributes.contains(&wanted), "{wanted} missing: {set}");
    }
    assert!(!set.to_ascii_lowercase().contains("domain="), "{set}");
}

fn demo_login() -> LoginDraft {
    LoginDraft { username: DEMO_BILLING.into(), password: DEMO_PASSWORD.into() }
}

#[tokio::test]
async fn every_cookie_the_mock_sets_is_a_secure_host_only_cookie() {
    let mock = Mock::seeded();
    let mut buyer = mock.arrive(aliyun("1111222233334444"));
    let mut sets = set_cookies(&bind_demo(&mock, &mut buyer).await);
    let mut user = mock.client();
    sets.extend(set_cookies(&user.post(paths::LOGIN, &demo_login()).await));
    sets.extend(set_cookies(&user.post(paths::BILLING_LOGIN, &demo_login()).await));
    let cleared = set_cookies(&user.post(paths::LOGOUT, &()).await);
    // Logout clears both logins' cookies.
    for name in ["__Host-console_session=;", "__Host-billing_session=;"] {
        assert!(
            cleared.iter().any(|c| c.starts_with(name) && c.contains("Max-Age=0")),
            "{cleared:?}"
        );
    }
    sets.extend(cleared);
    assert_eq!(sets.len(), 5, "{sets:?}");
    for set in &sets {
        assert_host_cookie(set);
    }
}

#[tokio::test]
async fn binding_an_account_gives_the_session_a_new_id_and_the_old_one_stops_working() {
    let mock = Mock::seeded();
    let mut buyer = mock.arrive(aliyun("1111222233334444"));
    let old_id = cookie(&buyer, ACTIVATION);
    let reply = bind_demo(&mock, &mut buyer).await;
    let bound: BoundAccount = reply.ok();
    let new_id = cookie(&buyer, ACTIVATION);
    assert_ne!(new_id, old_id, "the answer set no new session cookie");
    assert!(set_cookies(&reply).iter().any(|c| c.starts_with(&format!("{ACTIVATION}={new_id};"))));

    // Whoever still holds the old ID (planted it, or saw it) gets nothing, and changes nothing.
    let mut stale = mock.client();
    stale.cookies.push((ACTIVATION.into(), old_id.clone()));
    assert_eq!(stale.get(paths::SESSION).await.error(), ApiError::SessionExpired);
    assert_eq!(stale.get(paths::BIND_WORKSPACES).await.error(), ApiError::SessionExpired);
    let bindable = bound
        .workspaces
        .iter()
        .find(|w| w.state == WorkspaceState::Bindable)
        .expect("a bindable demo workspace");
    let path = paths::BIND_WORKSPACE.replace("{id}", bindable.id.as_str());
    let before = mock.store().snapshot();
    assert_eq!(stale.post(&path, &()).await.error(), ApiError::SessionExpired);
    assert_eq!(stale.post(paths::BIND_DONE, &()).await.error(), ApiError::SessionExpired);
    let after = mock.store().snapshot();
    assert!(after.workspaces[&bindable.id].settled_by.is_none(), "the old ID bound a workspace");
    assert_eq!(
        serde_json::to_value(&before.sessions[&new_id]).unwrap()["progress"],
        serde_json::to_value(&after.sessions[&new_id]).unwrap()["progress"]
    );
    assert!(!after.sessions.contains_key(&old_id));

    // The new ID carries on where the old one was.
    let listed: activation_core::api::WorkspaceList = buyer.get(paths::BIND_WORKSPACES).await.ok();
    assert_eq!(listed.workspaces, bound.workspaces);
    assert_eq!(buyer.post(&path, &()).await.ok::<Workspace>().state, WorkspaceState::Bound);
}

#[tokio::test]
async fn a_keyed_create_replayed_after_the_id_changed_is_not_done_twice() {
    let mock = Mock::seeded();
    let mut buyer = mock.arrive(aliyun("1111222233334444"));
    bind_demo(&mock, &mut buyer).await.ok::<BoundAccount>();
    mock.advance(60);
    let request = SendCodeRequest::CreateWorkspace { email: DEMO_EMAIL.into() };
    assert_eq!(buyer.post(paths::SEND_CODE, &request).await.status, 200);
    let draft = CreateWorkspaceDraft {
        tab: CreateTab::ExistingAccount,
        site: "cn1".into(),
        workspace_name: "Kept Once".into(),
        workspace_language: "zh".into(),
        email: DEMO_EMAIL.into(),
        verification_code: mock.last_code(DEMO_EMAIL),
        agree_terms: true,
        ..CreateWorkspaceDraft::default()
    };
    let first: Workspace = buyer.post_keyed(paths::CREATE_WORKSPACE, &draft, "k1").await.ok();
    // Back, and Bind account again: the session gets another new ID.
    let before = cookie(&buyer, ACTIVATION);
    let again = BindAccountDraft {
        username: DEMO_BILLING.into(),
        verification_code: mock.last_code(DEMO_EMAIL),
    };
    buyer.post(paths::BIND_ACCOUNT, &again).await.ok::<BoundAccount>();
    assert_ne!(cookie(&buyer, ACTIVATION), before);
    // The retry of the create under the new ID gets the first answer, not a second workspace.
    let replayed: Workspace = buyer.post_keyed(paths::CREATE_WORKSPACE, &draft, "k1").await.ok();
    assert_eq!(replayed, first);
    let named = mock
        .store()
        .read(|d| d.workspaces.values().filter(|w| w.name.as_str() == "Kept Once").count());
    assert_eq!(named, 1);
}

#[tokio::test]
async fn an_activation_session_ends_after_eight_hours_however_busy() {
    let mock = Mock::new();
    let mut buyer = mock.arrive(aliyun("1111222233334444"));
    let step = 20 * 60;
    let mut used_for = 0;
    while used_for + step < rules::SESSION_MAX_SECS {
        mock.advance(step);
        used_for += step;
        assert_eq!(buyer.get(paths::SESSION).await.status, 200, "after {used_for} s");
    }
    mock.advance(rules::SESSION_MAX_SECS - used_for);
    assert_eq!(buyer.get(paths::SESSION).await.error(), ApiError::SessionExpired);
}

#[tokio::test]
async fn the_session_cookie_lives_as_long_as_the_session_may() {
    let mock = Mock::seeded();
    let mut buyer = mock.arrive(aliyun("1111222233334444"));
    mock.advance(60 * 60);
    let sets = set_cookies(&bind_demo(&mock, &mut buyer).await);
    let left = rules::SESSION_MAX_SECS - 60 * 60;
    assert!(sets.iter().any(|c| c.contains(&format!("Max-Age={left}"))), "{sets:?}");
}

/// Signs in to the console and the Billing Center: (console, Billing Center) browsers.
async fn both_logins(mock: &Mock) -> (Client, Client) {
    let (mut console, mut billing) = (mock.client(), mock.client());
    assert_eq!(console.post(paths::LOGIN, &demo_login()).await.status, 200);
    assert_eq!(billing.post(paths::BILLING_LOGIN, &demo_login()).await.status, 200);
    (console, billing)
}

#[tokio::test]
async fn console_and_billing_center_logins_end_after_thirty_idle_minutes() {
    let mock = Mock::seeded();
    let (mut console, mut billing) = both_logins(&mock).await;
    // Used within the idle time: still signed in, and the idle time starts again.
    mock.advance(rules::LOGIN_IDLE_SECS - 1);
    assert_eq!(console.get(paths::WORKSPACE_HOME).await.status, 200);
    assert_eq!(billing.get(paths::BILLING_WORKSPACES).await.status, 200);
    mock.advance(rules::LOGIN_IDLE_SECS - 1);
    assert_eq!(console.get(paths::WORKSPACE_HOME).await.status, 200);
    assert_eq!(billing.get(paths::BILLING_WORKSPACES).await.status, 200);
    // Then left alone for the idle time.
    mock.advance(rules::LOGIN_IDLE_SECS);
    assert_eq!(console.get(paths::WORKSPACE_HOME).await.error(), ApiError::Unauthorized);
    assert_eq!(billing.get(paths::BILLING_WORKSPACES).await.error(), ApiError::Unauthorized);
}

#[tokio::test]
async fn logins_used_every_twenty_minutes_still_end_after_twelve_hours() {
    let mock = Mock::seeded();
    let (mut console, mut billing) = both_logins(&mock).await;
    let step = 20 * 60;
    let mut used_for = 0;
    while used_for + step < rules::LOGIN_MAX_SECS {
        mock.advance(step);
        used_for += step;
        assert_eq!(console.get(paths::WORKSPACE_HOME).await.status, 200, "after {used_for} s");
        assert_eq!(billing.get(paths::BILLING_WORKSPACES).await.status, 200);
    }
    mock.advance(rules::LOGIN_MAX_SECS - used_for);
    assert_eq!(console.get(paths::WORKSPACE_HOME).await.error(), ApiError::Unauthorized);
    assert_eq!(billing.get(paths::BILLING_WORKSPACES).await.error(), ApiError::Unauthorized);
}
