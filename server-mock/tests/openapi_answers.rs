//! The answers the OpenAPI document lists are the ones the mock gives: each refusal provoked on
//! the routes that document it (no cookie, a broken body, a key too long, the rate limits, the
//! fault switch, an unknown ID), each with the headers the document requires (`Retry-After`,
//! `Location` among the documented ones), and a hand-off without its token answered 303 as
//! documented. What the document does not list cannot happen here either: no 415 for another
//! media type (`malformed_request`, 422). A body over the limit is `too_large` (413), a cross-site
//! request `cross_site` (403), both documented.

mod common;
#[path = "support/documented.rs"]
mod documented;

use std::sync::atomic::Ordering;

use activation_core::{
    api::{ApiError, IDEMPOTENCY_KEY, SendCodeRequest, paths},
    draft::LoginDraft,
};
use axum::{
    body::Body,
    http::{Request, header},
};
use common::{Client, Mock, Reply, aws};
use documented::{as_documented, doc};
use server_mock::{access::Access, operations, routes::Method};

async fn send(client: &mut Client, method: Method, path: &str) -> Reply {
    match method {
        Method::Get => client.get(path).await,
        Method::Post => client.post_raw(path, "{}").await,
    }
}

fn concrete(path: &str) -> String {
    path.replace("{id}", "ws_000001")
}

#[tokio::test]
async fn a_route_that_needs_a_cookie_answers_401_without_it_as_documented() {
    let (doc, mock) = (doc(), Mock::seeded());
    for op in operations().filter(|op| op.access != Access::Open) {
        let reply = send(&mut mock.client(), op.method, &concrete(op.path)).await;
        assert_eq!(reply.status, 401, "{}", op.path);
        as_documented(&doc, op.method.openapi_name(), op.path, &reply);
    }
}

#[tokio::test]
async fn every_api_route_fails_with_503_and_retry_after_as_documented() {
    let (doc, mock) = (doc(), Mock::seeded());
    for op in operations().filter(|op| op.path.starts_with("/api/v1/")) {
        mock.state.faults.fail_next.store(1, Ordering::SeqCst);
        let reply =
            send(&mut mock.arrive(aws("123456789012")), op.method, &concrete(op.path)).await;
        assert_eq!(reply.status, 503, "{}", op.path);
        as_documented(&doc, op.method.openapi_name(), op.path, &reply);
    }
}

#[tokio::test]
async fn a_body_that_is_not_the_json_a_route_takes_is_a_documented_422() {
    let (doc, mock) = (doc(), Mock::seeded());
    // The routes an activation session may call (a login's are refused before their body is read).
    let json = operations().filter(|op| matches!(op.input, server_mock::routes::Input::Json(_)));
    for op in json.filter(|op| !matches!(op.access, Access::SignedIn(_))) {
        let path = concrete(op.path);
        let mut client = mock.arrive(aws("123456789012"));
        let not_json = Request::post(&path).header(header::CONTENT_TYPE, "text/plain");
        for reply in
            [client.post_raw(&path, "{").await, client.send(not_json, Body::from("{}")).await]
        {
            assert_eq!(reply.error(), ApiError::MalformedRequest, "{path}");
            as_documented(&doc, op.method.openapi_name(), op.path, &reply);
        }
    }
}

#[tokio::test]
async fn a_body_over_the_limit_is_a_documented_413() {
    let (doc, mock) = (doc(), Mock::seeded());
    let over_the_limit = format!("{{\"username\":\"{}\"}}", "a".repeat(3 << 20));
    // The routes an activation session may call (a login's are refused before their body is read).
    let json = operations().filter(|op| matches!(op.input, server_mock::routes::Input::Json(_)));
    for op in json.filter(|op| !matches!(op.access, Access::SignedIn(_))) {
        let path = concrete(op.path);
        let reply = mock.arrive(aws("123456789012")).post_raw(&path, &over_the_limit).await;
        assert_eq!(reply.status, 413, "{path}");
        assert_eq!(reply.error(), ApiError::TooLarge, "{path}");
        as_documented(&doc, op.method.openapi_name(), op.path, &reply);
    }
}

#[tokio::test]
async fn a_cross_site_request_is_a_documented_403() {
    let (doc, mock) = (doc(), Mock::seeded());
    let posts =
        operations().filter(|op| op.path.starts_with("/api/v1/") && op.method == Method::Post);
    for op in posts {
        let path = concrete(op.path);
        let forged = Request::post(&path)
            .header(header::ORIGIN, "https://evil.example")
            .header("sec-fetch-site", "cross-site")
            .header(header::CONTENT_TYPE, "application/json");
        let reply = mock.arrive(aws("123456789012")).send(forged, Body::from("{}")).await;
        assert_eq!(reply.error(), ApiError::CrossSite, "{path}");
        as_documented(&doc, op.method.openapi_name(), op.path, &reply);
    }
}

#[tokio::test]
async fn an_idempotency_key_is_taken_as_the_document_says() {
    let (doc, mock) = (doc(), Mock::seeded());
    let path = concrete(paths::BIND_WORKSPACE);
    let key = |key: &str| Request::post(&path).header(IDEMPOTENCY_KEY, key);
    let mut client = mock.arrive(aws("123456789012"));
    let longest = "k".repeat(activation_core::api::IDEMPOTENCY_KEY_MAX);
    for fine in [longest.as_str(), "a b\tc", "!~"] {
        let reply = client.send(key(fine), Body::empty()).await;
        assert_ne!(reply.status, 422, "{fine:?}");
        as_documented(&doc, "post", paths::BIND_WORKSPACE, &reply);
    }
    let too_long = "k".repeat(activation_core::api::IDEMPOTENCY_KEY_MAX + 1);
    let not_ascii = Request::post(&path).header(IDEMPOTENCY_KEY, &b"caf\xe9"[..]);
    for reply in [
        client.send(key(&too_long), Body::empty()).await,
        client.send(not_ascii, Body::empty()).await,
    ] {
        assert_eq!(reply.error(), ApiError::MalformedRequest);
        as_documented(&doc, "post", paths::BIND_WORKSPACE, &reply);
    }
}

#[tokio::test]
async fn an_unknown_workspace_is_a_documented_404() {
    let (doc, mock) = (doc(), Mock::seeded());
    let mut client = mock.arrive(aws("123456789012"));
    for id in ["ws_nowhere", "NOT-AN-ID"] {
        let reply = client.post_raw(&paths::BIND_WORKSPACE.replace("{id}", id), "").await;
        assert!(matches!(reply.status, 404 | 409), "{id}: {}", reply.status);
        as_documented(&doc, "post", paths::BIND_WORKSPACE, &reply);
    }
}

#[tokio::test]
async fn the_rate_limits_answer_429_with_retry_after_as_documented() {
    let (doc, mock) = (doc(), Mock::seeded());
    let mut client = mock.arrive(aws("123456789012"));
    let request = SendCodeRequest::Register { email: "ann@example.com".into() };
    assert_eq!(client.post(paths::SEND_CODE, &request).await.status, 200);
    let reply = client.post(paths::SEND_CODE, &request).await;
    assert_eq!(reply.status, 429);
    as_documented(&doc, "post", paths::SEND_CODE, &reply);

    // The two logins share each account's count, so each tries its own account.
    for (path, username) in [(paths::LOGIN, "demo_console"), (paths::BILLING_LOGIN, "demo_billing")]
    {
        let wrong = LoginDraft { username: username.into(), password: "not it".into() };
        let mut replies = Vec::new();
        for _ in 0..6 {
            replies.push(mock.client().post(path, &wrong).await);
        }
        assert_eq!(
            replies.iter().map(|r| r.status).collect::<Vec<_>>(),
            [401, 401, 401, 401, 401, 429]
        );
        for reply in &replies {
            as_documented(&doc, "post", path, reply);
        }
    }
}

#[tokio::test]
async fn the_account_lookup_limit_answers_429_as_documented_on_every_route_it_guards() {
    let (doc, mock) = (doc(), Mock::seeded());
    let mut client = mock.arrive(aws("123456789012"));
    for i in 0..activation_core::rules::LOOKUPS_PER_SESSION_PER_HOUR {
        let request = SendCodeRequest::BindAccount { username: format!("nobody_{i}") };
        assert_eq!(client.post(paths::SEND_CODE, &request).await.status, 404, "lookup {i}");
    }
    let request = SendCodeRequest::BindAccount { username: "demo_billing".into() };
    let reply = client.post(paths::SEND_CODE, &request).await;
    assert_eq!(reply.status, 429);
    as_documented(&doc, "post", paths::SEND_CODE, &reply);
    let draft = activation_core::draft::BindAccountDraft {
        username: "demo_billing".into(),
        verification_code: "123456".into(),
    };
    let reply = client.post(paths::BIND_ACCOUNT, &draft).await;
    assert_eq!(reply.status, 429);
    as_documented(&doc, "post", paths::BIND_ACCOUNT, &reply);
    let draft = common::basic("cn2", "newname", "n@example.com", "123456");
    let reply = client.post(paths::REGISTER_BASIC, &draft).await;
    assert_eq!(reply.status, 429);
    as_documented(&doc, "post", paths::REGISTER_BASIC, &reply);
}

#[tokio::test]
async fn a_hand_off_without_its_token_is_the_documented_303_to_the_missing_token_page() {
    // Found by schemathesis: the document required the AWS form's token, yet the hand-off answers
    // a request without one 303 (to the app's "missing token" page), which is right.
    let (doc, mock) = (doc(), Mock::new());
    let mut client = mock.client();
    let aws = Request::post("/handoff/aws")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    for (method, path, reply) in [
        ("post", "/handoff/aws", client.send(aws, Body::empty()).await),
        ("post", "/handoff/aws", client.send(Request::post("/handoff/aws"), Body::empty()).await),
        ("get", "/handoff/aliyun", client.get("/handoff/aliyun").await),
        ("get", "/handoff/huawei", client.get("/handoff/huawei?tenant=acme").await),
    ] {
        assert_eq!(reply.status, 303, "{path}");
        let location = reply.headers[header::LOCATION].to_str().unwrap();
        assert!(location.starts_with("/activate/error/missing?marketplace="), "{path}: {location}");
        as_documented(&doc, method, path, &reply);
        let body = &doc["paths"][path][method];
        assert_ne!(body["requestBody"]["required"], true, "{path} documents a required body");
        let parameters = body["parameters"].as_array().cloned().unwrap_or_default();
        assert!(parameters.iter().all(|p| p["required"] == false), "{path}: {parameters:?}");
    }
}

#[tokio::test]
async fn a_simulator_step_answers_its_page_its_redirect_or_422_as_documented() {
    let (doc, mock) = (doc(), Mock::new());
    let mut client = mock.client();
    let form = |path: &str, body: &'static str| {
        let request =
            Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        (request, Body::from(body))
    };
    let cases = [
        ("get", "/marketplace/aws/subscribe", "?account_id=%20123456789012%0A", 200),
        ("get", "/marketplace/aws/subscribe", "", 422),
        ("get", "/marketplace/aws/subscribe", "?account_id=12345", 422),
        (
            "get",
            "/marketplace/huawei/purchased",
            "?account_id=0a1b2c3d4e5f60718293a4b5c6d7e8f9",
            422,
        ),
    ];
    for (method, path, query, status) in cases {
        let reply = client.get(&format!("{path}{query}")).await;
        assert_eq!(reply.status, status, "{path}{query}");
        as_documented(&doc, method, path, &reply);
    }
    let forms = [
        ("/marketplace/aws/subscribe", "account_id=123456789012", 303),
        ("/marketplace/aws/subscribe", "account_id=", 422),
        ("/marketplace/aliyun/activate", "account_id=1234567890123456&agree=yes", 303),
        ("/marketplace/aliyun/activate", "account_id=1234567890123456", 422),
        ("/marketplace/huawei/subscribe", "account_id=0a1b2c3d4e5f60718293a4b5c6d7e8f9", 303),
        ("/marketplace/huawei/use", "account_id=0a1b2c3d4e5f60718293a4b5c6d7e8f9", 422),
    ];
    for (path, body, status) in forms {
        let (request, body_) = form(path, body);
        let reply = client.send(request, body_).await;
        assert_eq!(reply.status, status, "{path} {body}");
        as_documented(&doc, "post", path, &reply);
    }
}

#[test]
fn every_code_of_the_error_body_is_named_by_its_status() {
    let doc = doc();
    let variants = doc["components"]["schemas"]["ApiError"]["oneOf"].as_array().unwrap().clone();
    let mut in_schema: Vec<String> = variants
        .iter()
        .map(|v| v["properties"]["code"]["enum"][0].as_str().unwrap().to_owned())
        .collect();
    let mut named: Vec<String> = server_mock::openapi::every_error()
        .iter()
        .map(|e| serde_json::to_value(e).unwrap()["code"].as_str().unwrap().to_owned())
        .collect();
    in_schema.sort();
    named.sort();
    assert_eq!(named, in_schema, "openapi::every_error() misses a code");
}

#[tokio::test]
async fn every_cookie_a_success_sets_or_clears_is_documented_on_its_route() {
    use activation_core::{
        api::{CodeSent, LoggedIn},
        draft::BindAccountDraft,
        recovery::{AccountKind, RecoveryCodeRequest, ResetPasswordDraft},
    };
    use server_mock::store::seed::{DEMO_BILLING, DEMO_PASSWORD};
    const DEMO_EMAIL: &str = "demo.billing@example.com";
    let (doc, mock) = (doc(), Mock::seeded());
    let mut checked = Vec::new();
    let mut check = |path: &'static str, reply: &Reply| {
        assert!((200..300).contains(&reply.status), "{path}: {}", reply.status);
        assert!(reply.headers.contains_key(header::SET_COOKIE), "{path} set no cookie");
        as_documented(&doc, "post", path, reply);
        checked.push(path);
    };

    let mut browser = mock.client();
    let login = LoginDraft { username: DEMO_BILLING.into(), password: DEMO_PASSWORD.into() };
    check(paths::LOGIN, &browser.post(paths::LOGIN, &login).await);
    check(paths::BILLING_LOGIN, &browser.post(paths::BILLING_LOGIN, &login).await);
    check(paths::LOGOUT, &browser.post(paths::LOGOUT, &()).await);

    let mut session = mock.arrive(aws("123456789012"));
    let request = SendCodeRequest::BindAccount { username: DEMO_BILLING.into() };
    session.post(paths::SEND_CODE, &request).await.ok::<CodeSent>();
    let draft = BindAccountDraft {
        username: DEMO_BILLING.into(),
        verification_code: mock.last_code(DEMO_EMAIL),
    };
    check(paths::BIND_ACCOUNT, &session.post(paths::BIND_ACCOUNT, &draft).await);

    let ask = RecoveryCodeRequest {
        account: AccountKind::Console,
        username_or_email: DEMO_BILLING.into(),
    };
    check(paths::RECOVERY_CODE, &browser.post(paths::RECOVERY_CODE, &ask).await);
    let reset = ResetPasswordDraft {
        account: AccountKind::Console,
        username_or_email: DEMO_BILLING.into(),
        verification_code: mock.last_code(DEMO_EMAIL),
        new_password: "Quiet-Meadow-77".into(),
        confirm_password: "Quiet-Meadow-77".into(),
    };
    let reply = browser.post(paths::RECOVERY_PASSWORD, &reset).await;
    reply.ok::<LoggedIn>();
    check(paths::RECOVERY_PASSWORD, &reply);

    // Log in directly's success is checked where its setup is (huawei_direct_login.rs).
    checked.push(paths::LOGIN_DIRECT);
    checked.sort_unstable();
    let mut documented: Vec<_> =
        operations().filter(|op| !op.cookies.is_empty()).map(|op| op.path).collect();
    documented.sort_unstable();
    assert_eq!(checked, documented, "every route documented to set a cookie, checked here");
}
