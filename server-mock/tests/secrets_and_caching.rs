//! SPEC §6: nothing secret in a log line (codes, passwords, session ids), and API answers are
//! never cached.

mod common;

use activation_core::api::{SendCodeRequest, paths};
use axum::http::header;
use common::{Logs, Mock, PASSWORD, aws, basic};

#[tokio::test]
async fn no_code_password_or_session_id_appears_in_a_log_line() {
    let (logs, _capture) = Logs::capture();
    let mock = Mock::new();
    let mut client = mock.arrive(aws("210987654321"));
    let email = "logs@example.com";
    let request = SendCodeRequest::Register { email: email.into() };
    assert_eq!(client.post(paths::SEND_CODE, &request).await.status, 200);
    let code = mock.last_code(email);
    let draft = basic("cn2", "logwatch", email, &code);
    assert_eq!(client.post(paths::REGISTER_BASIC, &draft).await.status, 200);
    let session = mock.store().read(|data| data.sessions.keys().next().cloned().unwrap());
    let text = logs.text();
    assert!(text.contains("verification code sent"), "the send is logged: {text}");
    for (what, secret) in [("code", code.as_str()), ("password", PASSWORD), ("session", &session)] {
        assert!(!text.contains(secret), "the {what} is in the log: {text}");
    }
}

#[tokio::test]
async fn every_api_answer_says_no_store() {
    let mock = Mock::seeded();
    let mut anonymous = mock.client();
    let mut buyer = mock.arrive(aws("210987654321"));
    for reply in [
        buyer.get(paths::SESSION).await,
        anonymous.get(paths::SESSION).await,
        anonymous.get(paths::WORKSPACE_HOME).await,
        anonymous.get(paths::HEALTH).await,
        anonymous.get("/api/v1/nothing-here").await,
        anonymous.post(paths::SEND_CODE, &"not a request").await,
    ] {
        let cache = reply.headers.get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok());
        assert_eq!(cache, Some("no-store"), "status {}", reply.status);
    }
}
