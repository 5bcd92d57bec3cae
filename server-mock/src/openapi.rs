//! `GET /api/openapi.json`: the OpenAPI 3.0 document of every route the mock serves, generated from
//! the route tables the router is built from ([`crate::operations`]) and the JSON Schemas of core's
//! wire types, which carry core's rules (`activation_core::domain::schema`): a request the document
//! calls valid is one core's `parse` functions accept, apart from the rules a schema cannot state
//! ([`BEYOND_THE_SCHEMA`]).
//!
//! What an operation answers is read off its row ([`Operation`]):
//! - a JSON answer: 200 (or 204) with its type; refusals with core's error body:
//!   - 401 if it needs a cookie ([`Access`]), 422 if it reads a JSON body, 409 and 422 if it honours
//!     an idempotency key, and the row's own [`refusals`](Operation::refusals);
//!   - on `/api/v1`, 503 (the fault switches) and 500 (`internal`), and on its `POST`s 403
//!     (`cross_site`: from another site, or with neither a JSON body nor core's `CLIENT_HEADER`,
//!     a header parameter there); 413 (`too_large`) if it reads a JSON body;
//!   - a 429 or 503 carries `Retry-After`;
//! - a simulator step: its next page (200, on a `GET`) or a 303 to it (on a `POST`), or 422;
//! - a hand-off: a 303 whose `Location` is the app's first page or one of its token-error pages,
//!   whatever the request (so nothing in it is required).

use activation_core::{
    FieldErrors,
    api::{ApiError, CLIENT_HEADER, CLIENT_HEADER_VALUE, IDEMPOTENCY_KEY},
    domain::{Marketplace, WorkspaceId},
    flow::{Step, TokenProblem},
};
use axum::Json;
use schemars::{Schema, SchemaGenerator, generate::SchemaSettings};
use serde_json::{Map, Value, json};

use crate::{
    access::{Access, Login},
    cookies,
    routes::{Answer, Input, Method, Operation, Part},
};

/// A rule core enforces that a JSON Schema cannot state, so a request the document calls valid can
/// still be refused for it (422, `invalid_fields` or a code's refusal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// The verification code: only the mailbox knows it.
    EmailedCode,
    /// Between fields, or with the session: confirmation, password and site.
    CrossField,
    /// The IDs an Alibaba or Huawei buyer types must be the marketplace's.
    MarketplaceIds,
}

impl Rule {
    /// The rule, in the words the document uses.
    pub fn why(self) -> &'static str {
        match self {
            Rule::EmailedCode => {
                "the verification code must be the one `POST /api/v1/codes` (for a new password, \
                 `POST /api/v1/recovery/code`) emailed in the same session (a code belongs to \
                 the session that asked for it), unused and fresh (`code_not_sent`, \
                 `code_wrong`, `code_expired`, `code_locked`)"
            }
            Rule::CrossField => {
                "`confirm_password` must equal `password`; the password must not be a common \
                 one, nor the username or the email; the site must be one the session's \
                 marketplace offers (`invalid_fields`)"
            }
            Rule::MarketplaceIds => {
                "in an Alibaba Cloud or Huawei Cloud session, the typed account and instance IDs \
                 must be the marketplace's; in the Billing Center, an Alibaba Product Instance ID \
                 must be one the marketplace issued to that account (`invalid_fields`)"
            }
        }
    }
}

/// The operations that check a rule beyond their schema: the only ones whose schema-valid
/// requests may be refused with 422. `tests/beyond_the_schema.rs` shows each; a fuzzer's
/// conformance run names these as its only exceptions.
pub const BEYOND_THE_SCHEMA: &[(Method, &str, Rule)] = {
    use activation_core::api::paths;
    &[
        (Method::Post, paths::REGISTER_BASIC, Rule::CrossField),
        (Method::Post, paths::REGISTER_BASIC, Rule::EmailedCode),
        (Method::Post, paths::REGISTER_ACTIVATE, Rule::MarketplaceIds),
        (Method::Post, paths::BILLING_SETTLEMENT, Rule::MarketplaceIds),
        (Method::Post, paths::BIND_ACCOUNT, Rule::EmailedCode),
        (Method::Post, paths::CREATE_WORKSPACE, Rule::CrossField),
        (Method::Post, paths::CREATE_WORKSPACE, Rule::EmailedCode),
        (Method::Post, paths::RECOVERY_PASSWORD, Rule::CrossField),
        (Method::Post, paths::RECOVERY_PASSWORD, Rule::EmailedCode),
    ]
};

/// The whole document of `operations`.
pub fn document<'a>(operations: impl IntoIterator<Item = &'a Operation>) -> Value {
    let mut generator = SchemaSettings::openapi3().into_generator();
    let error = generator.subschema_for::<ApiError>().to_value();
    let mut paths_object = Map::new();
    // The types of forms and queries, whose fields are text or absent.
    let mut forms = Vec::new();
    for op in operations {
        if let Input::Query(schema) = op.input {
            forms.push(placed(&mut generator, schema));
        }
        let mut operation = json!({
            "operationId": operation_id(op.method.openapi_name(), op.path),
            "summary": op.summary,
            "tags": [op.part.tag()],
            "parameters": parameters(op, &mut generator),
            "responses": responses(op, &error, &mut generator),
        });
        let body = match op.input {
            Input::Json(schema) => Some(("application/json", placed(&mut generator, schema), true)),
            Input::Form(schema) => {
                let schema = placed(&mut generator, schema);
                forms.push(schema.clone());
                // A form needs a body when it has a required field: a hand-off's does not.
                let required = !required_fields(&generator, &schema).is_empty();
                Some(("application/x-www-form-urlencoded", schema, required))
            }
            Input::Nothing | Input::Query(_) => None,
        };
        if let Some((media, schema, required)) = body {
            operation["requestBody"] = json!({
                "required": required,
                "content": { media: { "schema": schema } }
            });
        }
        let beyond: Vec<&str> = BEYOND_THE_SCHEMA
            .iter()
            .filter(|(method, path, _)| *method == op.method && *path == op.path)
            .map(|(_, _, rule)| rule.why())
            .collect();
        if !beyond.is_empty() {
            let rules = beyond.join("; ");
            operation["description"] = format!(
                "Rules beyond the body's schema (a request that breaks one is refused with 422 \
                 although the schema admits it): {rules}."
            )
            .into();
        }
        if let Some(scheme) = security_scheme(op.access) {
            operation["security"] = json!([{ scheme: [] }]);
        }
        let entry = paths_object.entry(op.path.to_owned()).or_insert_with(|| json!({}));
        entry[op.method.openapi_name()] = operation;
    }
    let mut schemas = definitions(&mut generator);
    for form in forms {
        if let Some(definition) = reference(&form).and_then(|name| schemas.get_mut(name)) {
            strings_or_absent(definition);
        }
    }
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "Marketplace activation console API (mock)",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Every route of the mock: the API the activation console calls (tag `api`), the marketplace simulators' pages (`marketplace`), the hand-offs where a marketplace sends the buyer to us (`handoff`) and the developer pages (`developer`). Generated from the mock's route tables and activation-core's wire types, whose schemas carry core's validation rules: a string is taken with any whitespace around it, which is trimmed."
        },
        "tags": [
            { "name": Part::Api.tag(), "description": "The activation API and the service's own routes." },
            { "name": Part::Marketplace.tag(), "description": "Plain HTML pages with each marketplace's own buttons." },
            { "name": Part::Handoff.tag(), "description": "Verify and redeem a marketplace token once, open an activation session, 303 to the app." },
            { "name": Part::Developer.tag(), "description": "The mock's mailbox and fault switches." },
        ],
        "paths": paths_object,
        "components": {
            "schemas": schemas,
            "securitySchemes": security_schemes(),
        }
    })
}

/// The schema `schema` makes, with the generator's OpenAPI 3.0 transforms applied as they are to
/// the collected definitions (a schema placed inline would otherwise keep JSON Schema's `null`
/// types and `true`).
fn placed(generator: &mut SchemaGenerator, schema: fn(&mut SchemaGenerator) -> Schema) -> Value {
    let mut schema = schema(generator);
    for transform in generator.transforms_mut() {
        transform.transform(&mut schema);
    }
    schema.to_value()
}

/// The definition name `schema` refers to, if it is a reference.
fn reference(schema: &Value) -> Option<&str> {
    schema.get("$ref")?.as_str()?.rsplit('/').next()
}

/// The object schema `schema` is, or refers to (not yet taken from the generator).
fn object<'a>(generator: &'a SchemaGenerator, schema: &'a Value) -> &'a Value {
    reference(schema).and_then(|name| generator.definitions().get(name)).unwrap_or(schema)
}

fn required_fields(generator: &SchemaGenerator, schema: &Value) -> Vec<String> {
    let required = object(generator, schema).get("required").and_then(Value::as_array);
    required.into_iter().flatten().filter_map(|v| v.as_str().map(str::to_owned)).collect()
}

/// A form or query field is text or absent, never `null`: drops what `Option` made nullable.
fn strings_or_absent(schema: &mut Value) {
    let properties = schema.get_mut("properties").and_then(Value::as_object_mut);
    for property in properties.into_iter().flat_map(|p| p.values_mut()) {
        if let Some(property) = property.as_object_mut() {
            property.remove("nullable");
        }
    }
}

/// The path, header and query parameters of `op`.
fn parameters(op: &Operation, generator: &mut SchemaGenerator) -> Vec<Value> {
    let mut parameters = Vec::new();
    if op.path.contains("{id}") {
        let id = placed(generator, |g| g.subschema_for::<WorkspaceId>());
        parameters.push(json!({ "name": "id", "in": "path", "required": true, "schema": id }));
    }
    if changes_state(op) {
        // A JSON body is enough on its own; a route that takes none needs the header.
        let required = !matches!(op.input, Input::Json(_));
        parameters.push(json!({
            "name": CLIENT_HEADER, "in": "header", "required": required,
            "description": format!("Visible ASCII (the app sends `{CLIENT_HEADER_VALUE}`); another value is refused even with a JSON body. A state-changing request needs it or a JSON body, and must come from the console's own origin (`Origin`, `Sec-Fetch-Site`) or one `--cors-origin` allows; otherwise `cross_site` (403) and nothing changes."),
            "schema": { "type": "string", "minLength": 1, "pattern": "^[!-~](?:[\t -~]*[!-~])?$" }
        }));
    }
    if op.idempotent {
        parameters.push(json!({
            "name": IDEMPOTENCY_KEY, "in": "header", "required": false,
            "description": "Same key and body: the first success again. Same key, other body: `idempotency_conflict` (409). Visible ASCII, spaces and tabs only between (else `malformed_request`, 422).",
            "schema": {
                "type": "string", "minLength": 1, "maxLength": activation_core::api::IDEMPOTENCY_KEY_MAX,
                "pattern": "^[!-~](?:[\t -~]*[!-~])?$"
            }
        }));
    }
    if op.mails {
        parameters.push(json!({
            "name": "Accept-Language", "in": "header", "required": false,
            "description": "The UI language (the app sends `en` or `zh-CN`): the mail goes out in the language it prefers of English and Chinese (the highest `q`), English when it names neither.",
            "schema": { "type": "string" }
        }));
    }
    if let Input::Query(schema) = op.input {
        let schema = placed(generator, schema);
        let required = required_fields(generator, &schema);
        let mut query = object(generator, &schema).clone();
        strings_or_absent(&mut query);
        let properties = query.get("properties").and_then(Value::as_object).cloned();
        for (name, mut schema) in properties.unwrap_or_default() {
            if let Ok(mut property) = Schema::try_from(schema.clone()) {
                for transform in generator.transforms_mut() {
                    transform.transform(&mut property);
                }
                schema = property.to_value();
            }
            let required = required.contains(&name);
            parameters.push(
                json!({ "name": name, "in": "query", "required": required, "schema": schema }),
            );
        }
    }
    parameters
}

/// Every status `op` answers, with what it carries.
fn responses(op: &Operation, error: &Value, generator: &mut SchemaGenerator) -> Value {
    let html = json!({ "text/html": { "schema": { "type": "string" } } });
    let location = |schema: Value| json!({ "Location": { "required": true, "schema": schema } });
    match op.answer {
        Answer::Json(_) | Answer::NoContent => {
            let mut answers = Map::new();
            let (status, done) = match op.answer {
                Answer::Json(schema) => (
                    "200",
                    json!({
                        "description": "OK",
                        "content": { "application/json": { "schema": placed(generator, schema) } }
                    }),
                ),
                _ => ("204", json!({ "description": "Done" })),
            };
            let mut done = done;
            if !op.cookies.is_empty() {
                done["headers"] = set_cookie(op.cookies, true);
            }
            answers.insert(status.to_owned(), done);
            for status in refusals(op) {
                answers.insert(status.to_string(), refusal(status, error));
            }
            Value::Object(answers)
        }
        Answer::Html => json!({ "200": { "description": "The page", "content": html } }),
        Answer::Page => {
            let next = match op.method {
                Method::Get => {
                    json!({ "200": { "description": "The next page", "content": html } })
                }
                Method::Post => json!({ "303": {
                    "description": "On to the next page",
                    "headers": location(json!({ "type": "string" }))
                } }),
            };
            let mut answers = next;
            answers["422"] = json!({
                "description": "The page again (the first page, for a wrong account ID), naming what is wrong, everything typed kept",
                "content": html
            });
            answers
        }
        Answer::Handoff => {
            let refused = TokenProblem::ALL.into_iter().flat_map(|problem| {
                Marketplace::ALL.into_iter().map(move |from| problem.page(from))
            });
            let to = std::iter::once(Step::Arrival.path()).chain(refused).collect::<Vec<_>>();
            json!({ "303": {
                "description": "To the app's first step with a new activation session (its cookie), or to its page naming the marketplace and the token's problem: missing (none sent, or the URL asked with the other method), invalid, expired or used",
                "headers": {
                    "Location": { "required": true, "schema": { "type": "string", "enum": to } },
                    // Huawei's callback also clears the sign-in's state cookie.
                    "Set-Cookie": set_cookie(&[cookies::ACTIVATION, cookies::HUAWEI_STATE], false)["Set-Cookie"]
                }
            } })
        }
        Answer::Redirect => json!({
            "303": {
                "description": "On to the unified login, with the state cookie this sign-in needs",
                "headers": {
                    "Location": { "required": true, "schema": { "type": "string" } },
                    "Set-Cookie": set_cookie(&[cookies::HUAWEI_STATE], true)["Set-Cookie"]
                }
            },
            "422": { "description": "No enterprise named: a page saying to start from Use Now", "content": html }
        }),
        Answer::Css => json!({
            "200": { "description": "The stylesheet", "content": { "text/css": { "schema": { "type": "string" } } } }
        }),
    }
}

/// The `Set-Cookie` header of an answer that sets or clears (an empty value, `Max-Age=0`) the
/// cookies `names`: each in a header of its own.
fn set_cookie(names: &[&str], required: bool) -> Value {
    let pattern = format!("^(?:{})=", names.join("|"));
    json!({ "Set-Cookie": {
        "required": required,
        "description": format!("Sets or clears cookies among {} (`Path=/; Secure; HttpOnly; SameSite=Lax`; cleared with an empty value and `Max-Age=0`), one header each: the route's description says which when", names.join(", ")),
        "schema": { "type": "string", "pattern": pattern }
    } })
}

/// The statuses `op` refuses with, in order: what its row implies and what it names.
fn refusals(op: &Operation) -> Vec<u16> {
    let mut statuses = op.refusals.to_vec();
    if op.access != Access::Open {
        statuses.push(401);
    }
    if matches!(op.input, Input::Json(_)) {
        statuses.extend([413, 422]);
    }
    if changes_state(op) {
        statuses.push(403);
    }
    if op.idempotent {
        statuses.extend([409, 422]);
    }
    if op.path.starts_with("/api/v1/") {
        statuses.extend([500, 503]);
    }
    statuses.sort_unstable();
    statuses.dedup();
    statuses
}

/// Whether `op` is an API call that changes something: checked for where it comes from
/// ([`crate::origin::same_origin`]).
fn changes_state(op: &Operation) -> bool {
    op.path.starts_with("/api/v1/") && op.method != Method::Get
}

/// A refusal with `status`: core's error body, the codes it can carry and, for a 429 or 503, how
/// long to wait.
fn refusal(status: u16, error: &Value) -> Value {
    let codes: Vec<String> = every_error()
        .iter()
        .filter(|e| e.status() == status)
        .filter_map(|e| {
            serde_json::to_value(e).ok()?.get("code")?.as_str().map(|c| format!("`{c}`"))
        })
        .collect();
    let mut answer = json!({
        "description": format!("Refused: the body's `code` says why ({}).", codes.join(", ")),
        "content": { "application/json": { "schema": error } }
    });
    if matches!(status, 429 | 503) {
        answer["headers"] = json!({ "Retry-After": {
            "required": true,
            "description": "Seconds to wait before trying again.",
            "schema": { "type": "integer", "minimum": 0 }
        } });
    }
    answer
}

/// One error of each kind, to name the codes of each status. `tests/openapi.rs` checks that it
/// holds every code the error body's schema has.
pub fn every_error() -> Vec<ApiError> {
    use ApiError as E;
    vec![
        E::InvalidFields { fields: FieldErrors::new() },
        E::MalformedRequest,
        E::Token { problem: TokenProblem::Missing },
        E::CodeWrong { tries_left: 1 },
        E::CodeExpired,
        E::CodeLocked,
        E::CodeNotSent,
        E::CodeSentTooRecently { retry_after_secs: 1 },
        E::UsernameTaken,
        E::EmailTaken,
        E::WorkspaceNameTaken,
        E::UnknownAccount,
        E::CloudAccountAlreadyBound,
        E::CloudAccountNotBound,
        E::WorkspaceSettledElsewhere,
        E::WrongStep { expected: Step::Arrival },
        E::NotFound,
        E::MethodNotAllowed,
        E::SessionExpired,
        E::BadCredentials,
        E::Unauthorized,
        E::RateLimited { retry_after_secs: 1 },
        E::IdempotencyConflict,
        E::DirectLoginUnavailable,
        E::Unavailable,
        E::Internal,
        E::CrossSite,
        E::TooLarge,
    ]
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
fn definitions(generator: &mut SchemaGenerator) -> Map<String, Value> {
    let taken = Value::Object(generator.take_definitions(true));
    let schemas = taken.pointer("/components/schemas").cloned().unwrap_or(taken);
    match schemas {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

pub async fn serve() -> Json<Value> {
    Json(document(crate::operations()))
}
