//! `GET /api/openapi.json`: the OpenAPI 3.0 document of every route the mock serves, generated from
//! the route tables the router is built from ([`crate::operations`]) and the JSON Schemas of core's
//! wire types.

use activation_core::api::{ApiError, IDEMPOTENCY_KEY};
use axum::Json;
use schemars::{SchemaGenerator, generate::SchemaSettings};
use serde_json::{Map, Value, json};

use crate::{
    access::{Access, Login},
    routes::{Answer, Input, Operation, Part},
};

/// The whole document of `operations`.
pub fn document<'a>(operations: impl IntoIterator<Item = &'a Operation>) -> Value {
    let mut generator = SchemaSettings::openapi3().into_generator();
    let error = generator.subschema_for::<ApiError>();
    let refusal = json!({
        "description": "Refused: the body names the reason (`code`).",
        "content": { "application/json": { "schema": error } }
    });
    let mut paths_object = Map::new();
    for op in operations {
        let mut operation = json!({
            "operationId": operation_id(op.method.openapi_name(), op.path),
            "summary": op.summary,
            "tags": [op.part.tag()],
            "parameters": parameters(op, &mut generator),
            "responses": responses(op.answer, &refusal, &mut generator),
        });
        if let Some((media, schema)) = match op.input {
            Input::Json(schema) => Some(("application/json", schema)),
            Input::Form(schema) => Some(("application/x-www-form-urlencoded", schema)),
            Input::Nothing | Input::Query(_) => None,
        } {
            operation["requestBody"] = json!({
                "required": true,
                "content": { media: { "schema": schema(&mut generator) } }
            });
        }
        if let Some(scheme) = security_scheme(op.access) {
            operation["security"] = json!([{ scheme: [] }]);
        }
        let entry = paths_object.entry(op.path.to_owned()).or_insert_with(|| json!({}));
        entry[op.method.openapi_name()] = operation;
    }
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "Marketplace activation console API (mock)",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Every route of the mock: the API the activation console calls (tag `api`), the marketplace simulators' pages (`marketplace`), the hand-offs where a marketplace sends the buyer to us (`handoff`) and the developer pages (`developer`). Generated from the mock's route tables and activation-core's wire types."
        },
        "tags": [
            { "name": Part::Api.tag(), "description": "The activation API and the service's own routes." },
            { "name": Part::Marketplace.tag(), "description": "Plain HTML pages with each marketplace's own buttons." },
            { "name": Part::Handoff.tag(), "description": "Verify and redeem a marketplace token once, open an activation session, 303 to the app." },
            { "name": Part::Developer.tag(), "description": "The mock's mailbox and fault switches." },
        ],
        "paths": paths_object,
        "components": {
            "schemas": definitions(&mut generator),
            "securitySchemes": security_schemes(),
        }
    })
}

/// The path, header and query parameters of `op`.
fn parameters(op: &Operation, generator: &mut SchemaGenerator) -> Vec<Value> {
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
    if let Input::Query(schema) = op.input {
        let reference = schema(generator);
        let properties = reference
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|target| target.rsplit('/').next())
            .and_then(|name| generator.definitions().get(name))
            .and_then(|definition| definition.get("properties"))
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        for (name, schema) in properties {
            parameters
                .push(json!({ "name": name, "in": "query", "required": false, "schema": schema }));
        }
    }
    parameters
}

/// The answers `answer` can be, by status.
fn responses(answer: Answer, refusal: &Value, generator: &mut SchemaGenerator) -> Value {
    let html = json!({ "text/html": { "schema": { "type": "string" } } });
    let redirect = |description: &str| {
        json!({
            "description": description,
            "headers": { "Location": { "required": true, "schema": { "type": "string" } } }
        })
    };
    match answer {
        Answer::Json(schema) => json!({
            "200": {
                "description": "OK",
                "content": { "application/json": { "schema": schema(generator) } }
            },
            "4XX": refusal,
            "5XX": refusal,
        }),
        Answer::NoContent => {
            json!({ "204": { "description": "Done" }, "4XX": refusal, "5XX": refusal })
        }
        Answer::Html => json!({ "200": { "description": "The page", "content": html } }),
        Answer::Page => json!({
            "200": { "description": "The next page", "content": html },
            "303": redirect("On to the next page"),
            "422": { "description": "This page again, naming what is wrong with the account ID", "content": html },
        }),
        Answer::Handoff => json!({
            "303": redirect("To the app's next step (with the activation session cookie), or to its page naming the token's problem"),
        }),
        Answer::Css => json!({
            "200": { "description": "The stylesheet", "content": { "text/css": { "schema": { "type": "string" } } } }
        }),
    }
}

/// The security scheme that names the cookie `access` needs, if any.
fn security_scheme(access: Access) -> Option<&'static str> {
    match access {
        Access::Open => None,
        Access::Session => Some("activationSession"),
        Access::SignedIn(Login::Console) => Some("consoleSession"),
        Access::SignedIn(Login::Billing) => Some("billingSession"),
    }
}

/// Every security scheme: a cookie each.
fn security_schemes() -> Value {
    let needed =
        [Access::Session, Access::SignedIn(Login::Console), Access::SignedIn(Login::Billing)];
    let schemes = needed.into_iter().filter_map(|access| {
        let scheme = json!({ "type": "apiKey", "in": "cookie", "name": access.cookie()? });
        Some((security_scheme(access)?.to_owned(), scheme))
    });
    Value::Object(schemes.collect())
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
    Json(document(crate::operations()))
}
