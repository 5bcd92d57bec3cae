//! An answer checked against the OpenAPI document: its status listed, the headers it requires
//! there present, and every cookie it sets one the document names for that answer.

use axum::http::header;
use serde_json::Value;

use crate::common::Reply;

/// The document the mock serves.
pub fn doc() -> Value {
    server_mock::openapi::document(server_mock::operations())
}

/// Asserts `reply` to `method path` is an answer the document lists, with the headers it requires
/// (and a value among the documented ones), and no `Set-Cookie` the answer does not document (its
/// pattern names the cookies); the documented answer.
pub fn as_documented(doc: &Value, method: &str, path: &str, reply: &Reply) -> Value {
    let answer = doc["paths"][path][method]["responses"][reply.status.to_string()].clone();
    let body = String::from_utf8_lossy(&reply.body);
    assert!(
        answer.is_object(),
        "{method} {path} answered {}, not documented: {body}",
        reply.status
    );
    let headers = answer["headers"].as_object().cloned().unwrap_or_default();
    for (name, header) in &headers {
        let value = reply.headers.get(name).map(|v| v.to_str().unwrap().to_owned());
        if header["required"] == true {
            assert!(value.is_some(), "{method} {path} {}: no {name}", reply.status);
        }
        if let (Some(allowed), Some(value)) = (header["schema"]["enum"].as_array(), &value) {
            assert!(allowed.contains(&value.as_str().into()), "{name}: {value} not in {allowed:?}");
        }
    }
    for cookie in reply.headers.get_all(header::SET_COOKIE) {
        let cookie = cookie.to_str().unwrap();
        let documented = headers.get("Set-Cookie").unwrap_or_else(|| {
            panic!("{method} {path} {}: sets {cookie}, undocumented", reply.status)
        });
        if let Some(pattern) = documented["schema"]["pattern"].as_str() {
            let pattern = regex::Regex::new(pattern).unwrap();
            assert!(pattern.is_match(cookie), "{method} {path}: {cookie} is not {pattern}");
        }
    }
    answer
}
