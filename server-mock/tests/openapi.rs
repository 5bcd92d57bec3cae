//! The OpenAPI document is generated from the route table the router is built from: every route is
//! in it, every schema it references exists, and every documented route is really served.

mod common;

use activation_core::api::{ApiError, paths};
use common::Mock;
use serde_json::Value;
use server_mock::api::OPERATIONS;

async fn document() -> Value {
    let mut client = Mock::new().client();
    let reply = client.get(paths::OPENAPI).await;
    assert_eq!(reply.status, 200);
    reply.json()
}

fn refs(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(target)) = map.get("$ref") {
                found.push(target.clone());
            }
            map.values().for_each(|v| refs(v, found));
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, found)),
        _ => {}
    }
}

#[tokio::test]
async fn every_api_path_is_documented() {
    let doc = document().await;
    assert_eq!(doc["openapi"], "3.0.3");
    for path in paths::ALL.into_iter().filter(|p| *p != paths::OPENAPI) {
        assert!(doc["paths"].get(path).is_some(), "{path} is not in the document");
    }
    for op in OPERATIONS {
        let documented = &doc["paths"][op.path][op.method];
        assert!(documented.is_object(), "{} {} is not documented", op.method, op.path);
        assert!(documented["responses"]["4XX"].is_object(), "{} has no error response", op.path);
        assert_eq!(documented["requestBody"].is_object(), op.request.is_some(), "{}", op.path);
    }
}

#[tokio::test]
async fn every_schema_reference_resolves() {
    let doc = document().await;
    let mut found = Vec::new();
    refs(&doc, &mut found);
    assert!(found.iter().any(|r| r.ends_with("/ApiError")), "{found:?}");
    for target in found {
        let pointer = target.strip_prefix('#').expect("local reference");
        assert!(doc.pointer(pointer).is_some(), "{target} does not resolve");
    }
}

#[tokio::test]
async fn every_documented_route_is_served() {
    let mock = Mock::new();
    for op in OPERATIONS {
        let path = op.path.replace("{id}", "ws_000001");
        let mut client = mock.client();
        let reply = match op.method {
            "get" => client.get(&path).await,
            "post" => client.post_raw(&path, "{}").await,
            other => panic!("unexpected method {other}"),
        };
        let unknown_route = reply.status == 404
            && serde_json::from_slice::<ApiError>(&reply.body).ok() == Some(ApiError::NotFound)
            && !op.path.contains("{id}");
        assert!(!unknown_route, "{} {} is documented but not served", op.method, op.path);
        assert_ne!(reply.status, 405, "{} {} is served with another method", op.method, op.path);
    }
}

#[test]
fn operations_are_unique() {
    let mut seen: Vec<(&str, &str)> = OPERATIONS.iter().map(|op| (op.method, op.path)).collect();
    seen.sort();
    let before = seen.len();
    seen.dedup();
    assert_eq!(seen.len(), before);
}

#[tokio::test]
async fn routes_that_need_a_login_name_its_cookie_as_their_security() {
    // Found by schemathesis: the console home and the Billing Center list answered 401 without
    // their login cookie while the document said they needed nothing.
    let doc = document().await;
    let expected = [
        (paths::WORKSPACE_HOME, "consoleSession", "console_session"),
        (paths::BILLING_WORKSPACES, "billingSession", "billing_session"),
        (paths::SESSION, "activationSession", "activation_session"),
    ];
    for (path, scheme, cookie) in expected {
        let security = &doc["paths"][path]["get"]["security"];
        assert_eq!(security, &serde_json::json!([{ scheme: [] }]), "{path}");
        let defined = &doc["components"]["securitySchemes"][scheme];
        assert_eq!(
            (&defined["in"], &defined["name"]),
            (&"cookie".into(), &cookie.into()),
            "{scheme}"
        );
    }
}
