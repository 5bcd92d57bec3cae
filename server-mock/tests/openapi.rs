//! The OpenAPI document is generated from the route tables the router is built from: every route is
//! in it (the API, the marketplace pages, the hand-offs and the developer pages), every schema it
//! references exists, and every documented route is really served.

mod common;

use activation_core::api::{ApiError, paths};
use common::Mock;
use serde_json::Value;
use server_mock::{
    operations,
    routes::{Answer, Input, Method, Part},
};

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
    for op in operations() {
        let documented = &doc["paths"][op.path][op.method.openapi_name()];
        assert!(documented.is_object(), "{:?} {} is not documented", op.method, op.path);
        // Each answer by its status: no `4XX` or `5XX` a client cannot act on.
        let responses = documented["responses"].as_object().unwrap();
        for status in responses.keys() {
            assert!(status.len() == 3 && status.parse::<u16>().is_ok(), "{} {status}", op.path);
        }
        let json_answer = matches!(op.answer, Answer::Json(_) | Answer::NoContent);
        let takes_json = matches!(op.input, Input::Json(_));
        if json_answer {
            assert_eq!(responses.contains_key("422"), takes_json || op.idempotent, "{}", op.path);
        }
        let needs_cookie = op.access != server_mock::access::Access::Open;
        assert!(!needs_cookie || responses.contains_key("401"), "{}", op.path);
        assert!(!json_answer || responses.contains_key("200") || responses.contains_key("204"));
        let body = matches!(op.input, Input::Json(_) | Input::Form(_));
        assert_eq!(documented["requestBody"].is_object(), body, "{}", op.path);
        assert_eq!(documented["tags"][0], op.part.tag(), "{}", op.path);
    }
}

#[tokio::test]
async fn the_simulators_hand_offs_and_dev_pages_are_documented_with_their_parameters() {
    let doc = document().await;
    let paths = &doc["paths"];
    for page in ["/marketplace/aws", "/marketplace/aliyun", "/marketplace/huawei", "/dev/mailbox"] {
        assert!(
            paths[page]["get"]["responses"]["200"]["content"]["text/html"].is_object(),
            "{page}"
        );
    }
    assert!(
        paths["/api/health"]["get"]["responses"]["200"]["content"]["application/json"].is_object()
    );
    let aws = &paths["/handoff/aws"]["post"];
    let form = &aws["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"];
    let target = form["$ref"].as_str().expect("a reference").trim_start_matches('#');
    assert!(doc.pointer(target).unwrap()["properties"]["x-amzn-marketplace-token"].is_object());
    assert!(aws["responses"]["303"]["headers"]["Location"].is_object());
    let names = |path: &str| -> Vec<String> {
        let parameters = paths[path]["get"]["parameters"].as_array().cloned().unwrap_or_default();
        parameters.iter().map(|p| p["name"].as_str().unwrap().to_owned()).collect()
    };
    let mut aliyun = names("/handoff/aliyun");
    aliyun.sort();
    assert_eq!(aliyun, ["action", "instanceId", "timeStamp", "token"]);
    let mut huawei = names("/handoff/huawei");
    huawei.sort();
    assert_eq!(huawei, ["code", "state", "tenant"]);
    assert_eq!(names("/handoff/huawei/start"), ["tenant"]);
    let parts: Vec<Part> = operations().map(|op| op.part).collect();
    for part in [Part::Api, Part::Marketplace, Part::Handoff, Part::Developer] {
        assert!(parts.contains(&part), "no {part:?} route");
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
    for op in operations() {
        let path = op.path.replace("{id}", "ws_000001");
        let mut client = mock.client();
        let reply = match op.method {
            Method::Get => client.get(&path).await,
            Method::Post => client.post_raw(&path, "{}").await,
        };
        // Only a route with an ID may answer 404 (for an unknown ID); outside `/api` an unknown
        // route gets axum's empty 404, so the status alone must tell.
        let unknown_route = reply.status == 404
            && (!op.path.contains("{id}")
                || serde_json::from_slice::<ApiError>(&reply.body).ok()
                    != Some(ApiError::NotFound));
        assert!(!unknown_route, "{:?} {} is documented but not served", op.method, op.path);
        assert_ne!(reply.status, 405, "{:?} {} is served with another method", op.method, op.path);
    }
}

#[test]
fn operations_are_unique() {
    let mut seen: Vec<(Method, &str)> = operations().map(|op| (op.method, op.path)).collect();
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
        (paths::WORKSPACE_HOME, "consoleSession", "__Host-console_session"),
        (paths::BILLING_WORKSPACES, "billingSession", "__Host-billing_session"),
        (paths::SESSION, "activationSession", "__Host-activation_session"),
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
