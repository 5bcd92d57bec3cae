//! SPEC §6: no account oracle without a limit. Login takes the same work for unknown and known
//! usernames (one argon2 verification each); the answers that must reveal an account
//! (bind-account's masked email or `unknown_account`, "username taken", "email taken") are limited
//! per session and per client address.

mod common;

use std::net::SocketAddr;

use activation_core::{
    api::{ApiError, CodeSent, SendCodeRequest, paths},
    draft::{BindAccountDraft, LoginDraft},
    rules,
};
use common::{Client, Mock, aws, basic};
use server_mock::store::seed::{DEMO_BILLING, DEMO_PASSWORD};

const HOUR: u32 = rules::HOUR_SECS;

fn at(address: &str) -> SocketAddr {
    format!("{address}:40000").parse().unwrap()
}

fn lookup(username: &str) -> SendCodeRequest {
    SendCodeRequest::BindAccount { username: username.into() }
}

/// `n` bind-account lookups of names nobody has, from `from` if given; each answered
/// `unknown_account`.
async fn probe(client: &mut Client, from: Option<SocketAddr>, n: usize) {
    for i in 0..n {
        let request = lookup(&format!("nobody_{i}"));
        let reply = match from {
            Some(from) => client.post_from(from, paths::SEND_CODE, &request).await,
            None => client.post(paths::SEND_CODE, &request).await,
        };
        assert_eq!(reply.error(), ApiError::UnknownAccount, "lookup {i}");
    }
}

#[tokio::test]
async fn bind_account_lookups_are_limited_per_session() {
    let mock = Mock::seeded();
    let mut client = mock.arrive(aws("123456789012"));
    probe(&mut client, None, rules::LOOKUPS_PER_SESSION_PER_HOUR).await;
    // Then even an account that exists is not named: no masked email, no code.
    let reply = client.post(paths::SEND_CODE, &lookup(DEMO_BILLING)).await;
    assert_eq!(reply.error(), ApiError::RateLimited { retry_after_secs: HOUR });
    // Nor does the bind form itself answer `unknown_account` instead.
    let draft =
        BindAccountDraft { username: "nobody_else".into(), verification_code: "123456".into() };
    let reply = client.post(paths::BIND_ACCOUNT, &draft).await;
    assert!(matches!(reply.error(), ApiError::RateLimited { .. }), "{:?}", reply.error());
    // A fresh session is not held back by it, and after the hour this one is not either.
    let mut fresh = mock.arrive(aws("123456789012"));
    fresh.post(paths::SEND_CODE, &lookup(DEMO_BILLING)).await.ok::<CodeSent>();
    mock.advance(u64::from(HOUR));
    client.post(paths::SEND_CODE, &lookup(DEMO_BILLING)).await.ok::<CodeSent>();
}

#[tokio::test]
async fn bind_account_lookups_are_limited_per_client_address() {
    let mock = Mock::seeded();
    let prober = at("198.51.100.9");
    let sessions = rules::LOOKUPS_PER_CLIENT_PER_HOUR / rules::LOOKUPS_PER_SESSION_PER_HOUR;
    for _ in 0..sessions {
        let mut client = mock.arrive(aws("123456789012"));
        probe(&mut client, Some(prober), rules::LOOKUPS_PER_SESSION_PER_HOUR).await;
    }
    // A new session from the same client gets nothing more.
    let mut client = mock.arrive(aws("123456789012"));
    let reply = client.post_from(prober, paths::SEND_CODE, &lookup(DEMO_BILLING)).await;
    assert_eq!(reply.error(), ApiError::RateLimited { retry_after_secs: HOUR });
    // The same session from another client address is answered.
    let reply = client.post_from(at("203.0.113.7"), paths::SEND_CODE, &lookup(DEMO_BILLING)).await;
    reply.ok::<CodeSent>();
}

#[tokio::test]
async fn username_taken_answers_are_limited_per_session() {
    let mock = Mock::seeded();
    let mut client = mock.arrive(aws("123456789012"));
    for i in 0..rules::LOOKUPS_PER_SESSION_PER_HOUR {
        let draft = basic("cn2", DEMO_BILLING, &format!("new{i}@example.com"), "123456");
        let reply = client.post(paths::REGISTER_BASIC, &draft).await;
        assert_eq!(reply.error(), ApiError::UsernameTaken, "try {i}");
    }
    let draft = basic("cn2", DEMO_BILLING, "last@example.com", "123456");
    let reply = client.post(paths::REGISTER_BASIC, &draft).await;
    assert_eq!(reply.error(), ApiError::RateLimited { retry_after_secs: HOUR });
}

#[tokio::test]
async fn email_taken_answers_to_send_code_count_as_lookups_and_a_repeat_is_free() {
    let mock = Mock::seeded();
    let mut client = mock.arrive(aws("123456789012"));
    let register = |email: &str| SendCodeRequest::Register { email: email.into() };
    let taken = register("demo.billing@example.com");
    assert_eq!(client.post(paths::SEND_CODE, &taken).await.error(), ApiError::EmailTaken);
    // Other addresses, each a new question (most get no code: the session's own code limits).
    for i in 1..rules::LOOKUPS_PER_SESSION_PER_HOUR {
        let reply =
            client.post(paths::SEND_CODE, &register(&format!("probe{i}@example.com"))).await;
        assert_ne!(reply.status, 409, "probe {i}");
    }
    // A new question is refused, even about an address that has an account.
    let other_taken = register(server_mock::store::seed::FREE_EMAIL);
    let reply = client.post(paths::SEND_CODE, &other_taken).await;
    assert_eq!(reply.error(), ApiError::RateLimited { retry_after_secs: HOUR });
    // Asking again what the session was already told teaches it nothing: answered.
    assert_eq!(client.post(paths::SEND_CODE, &taken).await.error(), ApiError::EmailTaken);
}

#[tokio::test]
async fn an_unknown_username_login_verifies_a_password_as_a_known_one_does() {
    let mock = Mock::seeded();
    let mut browser = mock.client();
    let checks = || mock.store().password_checks();
    let attempt =
        |username: &str| LoginDraft { username: username.into(), password: "Wrong-Pass-1".into() };
    let before = checks();
    let reply = browser.post(paths::LOGIN, &attempt(DEMO_BILLING)).await;
    assert_eq!(reply.error(), ApiError::BadCredentials);
    assert_eq!(checks(), before + 1, "a known username's password is verified");
    for (path, username) in [
        (paths::LOGIN, "nobody_here"),
        (paths::BILLING_LOGIN, "nobody_here"),
        // Not even a possible username: the same work.
        (paths::LOGIN, "no"),
    ] {
        let before = checks();
        let reply = browser.post(path, &attempt(username)).await;
        assert_eq!(reply.error(), ApiError::BadCredentials, "{path} {username}");
        assert_eq!(checks(), before + 1, "{path} {username}: no password verified");
    }
    // And the right password still logs in.
    let right = LoginDraft { username: DEMO_BILLING.into(), password: DEMO_PASSWORD.into() };
    assert_eq!(browser.post(paths::BILLING_LOGIN, &right).await.status, 200);
}
