//! The state file (SPEC §6, issue #13 item 7): private (`0600`), never written through a planted
//! symlink, pruned of what has expired, and untouched by a simulator page view.

mod common;

use std::{
    os::unix::fs::{PermissionsExt, symlink},
    path::Path,
};

use activation_core::{
    api::{LoggedIn, paths},
    domain::Identity,
    draft::LoginDraft,
    recovery::AccountKind,
};
use common::{Mock, T0, aws};
use server_mock::{
    AppState, Store,
    clock::Clock,
    open_session,
    store::{
        Data,
        data::{CodeSend, IssuedToken, Mail, Remembered},
        persist, prune,
        recovery::Recovery,
        seed,
    },
};

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// A mock over a fresh state file at `path`, on a manual clock at [`T0`].
fn mock_with_file(path: &Path) -> Mock {
    server_mock::store::use_fast_hashes();
    let mut data = Data::default();
    seed::demo(&mut data);
    let clock = Clock::manual(T0);
    let state = AppState::new(Store::new(data, Some(path.to_owned()), clock.clone()));
    Mock { state, clock }
}

#[test]
fn a_new_state_file_is_readable_by_its_owner_only() {
    let (_dir, path) = common::state_file();
    persist::save(&path, &Data::default()).unwrap();
    assert_eq!(mode(&path), 0o600);
    // Saved again, it stays so.
    persist::save(&path, &Data::default()).unwrap();
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn a_state_file_others_could_read_is_made_private_at_start() {
    let (_dir, path) = common::state_file();
    std::fs::write(&path, serde_json::to_vec(&Data::default()).unwrap()).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    persist::load_at_start(&path).unwrap();
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn a_symlink_planted_where_the_temporary_file_goes_is_not_followed() {
    let (_dir, path) = common::state_file();
    let victim = path.with_file_name("victim.txt");
    std::fs::write(&victim, b"precious").unwrap();
    // Where older mocks wrote their temporary file (`NAME.tmp-PID`), and names like it.
    let pid = std::process::id();
    for name in [format!("state.json.tmp-{pid}"), format!("state.json.tmp-{pid}-0")] {
        symlink(&victim, path.with_file_name(name)).unwrap();
    }
    let mut data = Data::default();
    seed::demo(&mut data);
    persist::save(&path, &data).unwrap();
    assert_eq!(std::fs::read(&victim).unwrap(), b"precious", "the symlink's target was written");
    assert!(!std::fs::symlink_metadata(&path).unwrap().file_type().is_symlink());
    assert!(persist::load(&path).unwrap().billing.contains_key(seed::DEMO_BILLING));
}

#[tokio::test]
async fn a_simulator_page_view_writes_nothing_to_the_state_file() {
    let (_dir, path) = common::state_file();
    let mock = mock_with_file(&path);
    mock.store().write(|_| ());
    let saved = std::fs::read(&path).unwrap();
    let mut visitor = mock.client();
    let page = visitor.get("/marketplace/aws/subscribed?account_id=123456789012").await;
    assert_eq!(page.status, 200);
    let page = String::from_utf8(page.body).unwrap();
    assert!(page.contains("x-amzn-marketplace-token"), "no token on the page");
    assert_eq!(std::fs::read(&path).unwrap(), saved, "a page view rewrote the state file");
    // The token it shows still works: it is kept in memory, and saved when it is redeemed.
    let marker = "name=\"x-amzn-marketplace-token\" value=\"";
    let start = page.find(marker).unwrap() + marker.len();
    let token = &page[start..start + page[start..].find('"').unwrap()];
    let request = axum::http::Request::post("/handoff/aws")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", "https://aws.amazon.com");
    let body = axum::body::Body::from(format!("x-amzn-marketplace-token={token}"));
    let handoff = visitor.send(request, body).await;
    assert_eq!(handoff.status, 303);
    let saved = persist::load(&path).unwrap();
    assert!(saved.tokens.get(token).is_some_and(|t| t.redeemed));
    assert_eq!(saved.sessions.len(), 1);
}

#[tokio::test]
async fn expired_sessions_logins_tokens_mails_and_counts_are_pruned_from_the_state_file() {
    let (_dir, path) = common::state_file();
    let mock = mock_with_file(&path);
    // A failure on another account: a success forgives its own account's failures.
    let login =
        LoginDraft { username: "someone_else".into(), password: "Not-The-Password-1".into() };
    let mut user = mock.client();
    assert_eq!(user.post(paths::LOGIN, &login).await.status, 401);
    let login =
        LoginDraft { username: seed::DEMO_BILLING.into(), password: seed::DEMO_PASSWORD.into() };
    user.post(paths::LOGIN, &login).await.ok::<LoggedIn>();
    assert_eq!(user.post(paths::BILLING_LOGIN, &login).await.status, 200);
    mock.store().write(|data| {
        let session = open_session(data, aws("123456789012"), T0);
        let identity: Identity = aws("210987654321");
        data.tokens.insert("tok".into(), IssuedToken { identity, issued_at: T0, redeemed: true });
        data.aliyun_redeemed.insert("sig".into(), T0);
        data.mailbox.push(Mail {
            to: "a@example.com".into(),
            subject: "Your code".into(),
            code: "123456".into(),
            sent_at: server_mock::clock::rfc3339(T0),
        });
        data.code_sends.insert("a@example.com".into(), vec![T0]);
        let send = CodeSend { at: T0, to: "a@example.com".into() };
        data.code_sends_by_client.insert("203.0.113.7".into(), vec![send]);
        data.lookups_by_client.insert("203.0.113.7".into(), vec![T0]);
        let recovery = Recovery {
            kind: AccountKind::Console,
            account: String::new(),
            email: None,
            name: "someone".into(),
            created_at: T0,
            codes: Default::default(),
            lookups: Vec::new(),
        };
        data.recoveries.insert("ticket".into(), recovery);
        let remembered =
            Remembered { request: "{}".into(), secrets: None, status: 200, body: "{}".into() };
        data.idempotency.insert(format!("{session}\ncreate\nk1"), remembered);
    });
    let full = persist::load(&path).unwrap();
    assert_eq!((full.sessions.len(), full.logins.len(), full.billing_logins.len()), (1, 1, 1));
    assert_eq!((full.tokens.len(), full.mailbox.len(), full.idempotency.len()), (1, 1, 1));
    assert!(!full.login_failures.is_empty() && !full.code_sends.is_empty());
    assert_eq!(full.recoveries.len(), 1);

    mock.advance(prune::KEEP_SECS + 1);
    // What is new at that time stays.
    let mut buyer = mock.arrive(aws("123456789012"));
    assert_eq!(buyer.get(paths::SESSION).await.status, 200);
    user.post(paths::LOGIN, &login).await.ok::<LoggedIn>();
    mock.store().write(|_| ());
    let pruned = persist::load(&path).unwrap();
    assert_eq!(pruned.sessions.len(), 1, "sessions kept, or the live one dropped");
    assert_eq!(pruned.logins.len(), 1, "logins kept, or the live one dropped");
    assert!(pruned.billing_logins.is_empty(), "logins kept");
    assert!(pruned.tokens.is_empty() && pruned.aliyun_redeemed.is_empty(), "tokens kept");
    assert!(pruned.mailbox.is_empty(), "mails kept");
    assert!(pruned.idempotency.is_empty(), "idempotency records kept");
    assert!(pruned.code_sends.is_empty() && pruned.login_failures.is_empty(), "counts kept");
    assert!(pruned.login_failures_by_address.is_empty());
    assert!(pruned.code_sends_by_client.is_empty() && pruned.lookups_by_client.is_empty());
    assert!(pruned.recoveries.is_empty(), "password recoveries kept");
    // What lasts stays: accounts, workspaces, bindings.
    assert_eq!(pruned.billing.len(), full.billing.len());
    assert_eq!(pruned.workspaces.len(), full.workspaces.len());
    assert_eq!(pruned.cloud_bindings, full.cloud_bindings);
}
