//! `GET /api/openapi.json`: the OpenAPI 3.0 document of the API, generated from the route table the
//! router is built from ([`crate::api::OPERATIONS`]) and the JSON Schemas of core's wire types.

use activation_core::api::{ApiError, Health, IDEMPOTENCY_KEY, paths};
use axum::Json;
use schemars::{SchemaGenerator, generate::SchemaSettings};
use serde_json::{Map, Value, json};

use crate::{api::OPERATIONS, cookies};

/// The whole document.
pub fn document() -> Value {
    let mut generator = SchemaSettings::openapi3().into_generator();
    let error = generator.subschema_for::<ApiError>();
    let error_response = json!({
        "description": "Refused: the body names the reason (`code`).",
        "content": { "application/json": { "schema": error } }
    });
    let mut paths_object = Map::new();
    let health = generator.subschema_for::<Health>();
    paths_object.insert(
        paths::HEALTH.to_owned(),
        json!({ "get": {
            "operationId": "health",
            "summary": "Liveness",
            "responses": { "200": { "description": "OK", "content": { "application/json": { "schema": health } } } }
        }}),
    );
    for op in OPERATIONS {
        let mut parameters = Vec::new();
        if op.path.contains("{id}") {
            parameters.push(json!({
                "name": "id", "in": "path", "required": true,
                "schema": { "type": "string", "pattern": "^[a-z0-9_-]{1,64}$" }
            }));
        }
        if op.idempotent {
            parameters.push(json!({
                "name": IDEMPOTENCY_KEY, "in": "header", "required": false,
                "description": "Same key and body: the first success again. Same key, other body: idempotency_conflict.",
                "schema": { "type": "string", "minLength": 1, "maxLength": 128 }
            }));
        }
        let success = match op.response {
            Some(schema) => json!({
                "description": "OK",
                "content": { "application/json": { "schema": schema(&mut generator) } }
            }),
            None => json!({ "description": "Done" }),
        };
        let success_status = if op.response.is_some() { "200" } else { "204" };
        let mut operation = json!({
            "operationId": operation_id(op.method, op.path),
            "summary": op.summary,
            "parameters": parameters,
            "responses": {
                success_status: success,
                "4XX": error_response.clone(),
                "5XX": error_response.clone(),
            }
        });
        if let Some(schema) = op.request {
            operation["requestBody"] = json!({
                "required": true,
                "content": { "application/json": { "schema": schema(&mut generator) } }
            });
        }
        if op.needs_session {
            operation["security"] = json!([{ "activationSession": [] }]);
        }
        if let Some(cookie) = op.login_cookie {
            operation["security"] = json!([{ security_scheme(cookie): [] }]);
        }
        let entry = paths_object.entry(op.path.to_owned()).or_insert_with(|| json!({}));
        entry[op.method] = operation;
    }
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "Marketplace activation console API (mock)",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "The API the activation console calls. Generated from the mock's route table and activation-core's wire types."
        },
        "paths": paths_object,
        "components": {
            "schemas": definitions(&mut generator),
            "securitySchemes": {
                "activationSession": { "type": "apiKey", "in": "cookie", "name": cookies::ACTIVATION },
                security_scheme(cookies::CONSOLE): { "type": "apiKey", "in": "cookie", "name": cookies::CONSOLE },
                security_scheme(cookies::BILLING): { "type": "apiKey", "in": "cookie", "name": cookies::BILLING },
            }
        }
    })
}

/// The security scheme of a login cookie: `consoleSession` or `billingSession`.
fn security_scheme(cookie: &str) -> &'static str {
    if cookie == cookies::BILLING { "billingSession" } else { "consoleSession" }
}

/// `get /api/v1/bind/workspaces/{id}` → `get_bind_workspaces_id`.
fn operation_id(method: &str, path: &str) -> String {
    let mut id = method.to_owned();
    for part in path.trim_start_matches("/api/v1").split(['/', '{', '}']).filter(|p| !p.is_empty())
    {
        id.push('_');
        id.push_str(part);
    }
    id
}

/// The collected schemas, whether the generator nests them under `components/schemas` or not.
fn definitions(generator: &mut SchemaGenerator) -> Value {
    let taken = Value::Object(generator.take_definitions(true));
    taken.pointer("/components/schemas").cloned().unwrap_or(taken)
}

pub async fn serve() -> Json<Value> {
    Json(document())
}
