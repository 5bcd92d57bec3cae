//! Every kind of answer the mock gives: refusals always carry core's error body (a wrong method,
//! bad JSON to a dev switch, a panicking handler), every kind carries the security headers, and
//! the mailbox is in the shape SPEC §2 names, newest first.

mod common;

use activation_core::api::{ApiError, SendCodeRequest, paths};
use axum::{
    Router,
    body::Body,
    http::{Request, header},
    routing::get,
};
use common::{Mock, Reply, aws};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// The headers every answer carries, whatever its kind.
fn assert_security_headers(what: &str, reply: &Reply) {
    let csp = reply.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("'wasm-unsafe-eval'"), "{what}: {csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    let scripts = csp.split(';').find(|d| d.trim().starts_with("script-src")).unwrap();
    assert!(!scripts.contains("'unsafe-inline'"), "{what}: {csp}");
    assert_eq!(reply.headers["x-content-type-options"], "nosniff", "{what}");
    assert_eq!(reply.headers["referrer-policy"], "no-referrer", "{what}");
}

#[tokio::test]
async fn a_wrong_method_on_an_api_route_is_a_405_with_the_error_body_and_allow() {
    let mock = Mock::new();
    let mut client = mock.client();
    for (method, path) in
        [("GET", paths::LOGIN), ("DELETE", paths::SESSION), ("PUT", paths::SEND_CODE)]
    {
        let reply = client.send(Request::builder().method(method).uri(path), Body::empty()).await;
        assert_eq!(reply.error(), ApiError::MethodNotAllowed, "{method} {path}");
        assert!(reply.headers.contains_key(header::ALLOW), "{method} {path}: no Allow header");
        assert_security_headers(&format!("{method} {path}"), &reply);
    }
}

#[tokio::test]
async fn bad_json_to_the_fault_switch_is_the_error_body_not_plain_text() {
    let mock = Mock::new();
    let mut client = mock.client();
    let reply = client.post_raw("/dev/faults", "{\"fail_next\": \"many\"}").await;
    assert_eq!(reply.error(), ApiError::MalformedRequest);
    // And a good one still works.
    let reply = client.post_raw("/dev/faults", "{\"fail_next\": 0}").await;
    assert_eq!(reply.status, 200);
}

#[tokio::test]
async fn a_panicking_handler_answers_internal_with_the_error_body() {
    async fn boom() -> &'static str {
        panic!("a bug in a handler")
    }
    let router: Router = Router::new()
        .route("/boom", get(boom))
        .layer(server_mock::error::internal_error_on_panic());
    let response =
        router.oneshot(Request::get("/boom").body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(response.status(), 500);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(serde_json::from_slice::<ApiError>(&body).unwrap(), ApiError::Internal);
}

#[tokio::test]
async fn refusals_redirects_and_faults_carry_the_security_headers_too() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    let mut replies = vec![
        ("422 malformed body", client.post_raw(paths::REGISTER_BASIC, "not json").await),
        (
            "303 refused hand-off",
            client
                .send(
                    Request::post("/handoff/aws")
                        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded"),
                    Body::from("x-amzn-marketplace-token=forged"),
                )
                .await,
        ),
        ("401 no session", mock.client().get(paths::SESSION).await),
    ];
    assert_eq!(client.post_raw("/dev/faults", "{\"fail_next\": 1}").await.status, 200);
    replies.push(("503 fault", client.get(paths::SESSION).await));
    let expected = [422, 303, 401, 503];
    for ((what, reply), status) in replies.iter().zip(expected) {
        assert_eq!(reply.status, status, "{what}");
        assert_security_headers(what, reply);
    }
}

#[tokio::test]
async fn the_mailbox_json_lists_to_subject_code_sent_at_newest_first() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    for email in ["first@example.com", "second@example.com"] {
        let request = SendCodeRequest::Register { email: email.into() };
        assert_eq!(client.post(paths::SEND_CODE, &request).await.status, 200);
        mock.advance(1);
    }
    let reply = client.get("/dev/mailbox.json").await;
    let mails: Vec<serde_json::Map<String, serde_json::Value>> = reply.json();
    assert_eq!(mails.len(), 2);
    let to: Vec<&str> = mails.iter().map(|m| m["to"].as_str().unwrap()).collect();
    assert_eq!(to, ["second@example.com", "first@example.com"]);
    for mail in &mails {
        let mut keys: Vec<&str> = mail.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["code", "sent_at", "subject", "to"]);
        let code = mail["code"].as_str().unwrap();
        assert!(code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()), "{code}");
        assert!(mail["sent_at"].as_str().unwrap().ends_with('Z'));
        assert!(!mail["subject"].as_str().unwrap().is_empty());
    }
    assert_eq!(mails[0]["code"].as_str().unwrap(), mock.last_code("second@example.com"));
    // The page shows the same codes, newest first.
    let page = String::from_utf8(client.get("/dev/mailbox").await.body).unwrap();
    let second = page.find(mails[0]["code"].as_str().unwrap()).unwrap();
    let first = page.find(mails[1]["code"].as_str().unwrap()).unwrap();
    assert!(second < first, "the mailbox page is not newest first");
}

#[tokio::test]
async fn every_cookie_the_mock_sets_is_http_only_and_same_site_lax() {
    use activation_core::draft::LoginDraft;
    use server_mock::store::seed::{DEMO_BILLING, DEMO_PASSWORD};
    let mock = Mock::seeded();
    let mut client = mock.client();
    let login = LoginDraft { username: DEMO_BILLING.into(), password: DEMO_PASSWORD.into() };
    let mut replies = vec![
        ("billing login", client.post(paths::BILLING_LOGIN, &login).await),
        ("console login", client.post(paths::LOGIN, &login).await),
    ];
    replies.push(("logout", client.send(Request::post(paths::LOGOUT), Body::empty()).await));
    for (what, reply) in &replies {
        let cookies: Vec<&str> =
            reply.headers.get_all(header::SET_COOKIE).iter().map(|v| v.to_str().unwrap()).collect();
        assert!(!cookies.is_empty(), "{what}: no cookie set");
        for cookie in cookies {
            assert!(
                cookie.contains("; HttpOnly") && cookie.contains("; SameSite=Lax"),
                "{what}: {cookie}"
            );
            assert!(cookie.contains("; Path=/"), "{what}: {cookie}");
        }
        assert_security_headers(what, reply);
    }
}

#[tokio::test]
async fn the_fault_switch_is_bounded() {
    let mock = Mock::new();
    let mut client = mock.client();
    for body in [r#"{"fail_next": 4294967295}"#, r#"{"drop_next": 101}"#] {
        let reply = client.post_raw("/dev/faults", body).await;
        assert_eq!(reply.status, 422, "{body}");
    }
    let both: serde_json::Value = client.post_raw("/dev/faults", "{}").await.json();
    assert_eq!(both, serde_json::json!({ "fail_next": 0, "drop_next": 0 }), "nothing was set");
    assert_eq!(client.post_raw("/dev/faults", r#"{"fail_next": 100}"#).await.status, 200);
    assert_eq!(client.get(paths::SESSION).await.status, 503, "the bound itself is allowed");
}
