//! The activation API under `/api/v1`: every rule of SPEC §4 enforced with core's validation, every
//! refusal in core's error body.

mod bind;
mod codes;
mod login;
mod register;
mod session;

pub use login::{LOGIN_WINDOW_SECS, MAX_ADDRESS_FAILURES};

use activation_core::api::{ApiError, IDEMPOTENCY_KEY, paths};
use axum::{
    Router,
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::{MethodRouter, get, post},
};
use serde::Serialize;

use crate::{
    AppState, cookies,
    error::{ApiResult, Failure},
    store::data::{ActivationSession, Data},
};

/// Produces the JSON Schema of one body type (for the OpenAPI document).
pub type SchemaFn = fn(&mut schemars::SchemaGenerator) -> schemars::Schema;

fn schema<T: schemars::JsonSchema>(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    generator.subschema_for::<T>()
}

/// One route of the API: how it is served and how it is documented, in one place, so the router
/// and the OpenAPI document cannot drift apart.
pub struct Operation {
    pub method: &'static str,
    pub path: &'static str,
    pub summary: &'static str,
    /// Whether the route reads the activation session cookie.
    pub needs_session: bool,
    /// The login cookie the route needs (console or Billing Center), if any.
    pub login_cookie: Option<&'static str>,
    /// Whether the route honours an `Idempotency-Key` header.
    pub idempotent: bool,
    pub request: Option<SchemaFn>,
    pub response: Option<SchemaFn>,
    pub handler: fn() -> MethodRouter<AppState>,
}

/// Every `/api/v1` route.
pub const OPERATIONS: &[Operation] = {
    use activation_core::{api as w, draft as d};
    const fn op(
        method: &'static str,
        path: &'static str,
        summary: &'static str,
        request: Option<SchemaFn>,
        response: Option<SchemaFn>,
        handler: fn() -> MethodRouter<AppState>,
    ) -> Operation {
        Operation {
            method,
            path,
            summary,
            needs_session: false,
            login_cookie: None,
            idempotent: false,
            request,
            response,
            handler,
        }
    }
    const fn session(op: Operation) -> Operation {
        Operation { needs_session: true, ..op }
    }
    const fn keyed(op: Operation) -> Operation {
        Operation { idempotent: true, ..op }
    }
    const fn signed_in(cookie: &'static str, op: Operation) -> Operation {
        Operation { login_cookie: Some(cookie), ..op }
    }
    &[
        session(op(
            "get",
            paths::SESSION,
            "What the activation session knows",
            None,
            Some(schema::<w::SessionContext>),
            || get(session::context),
        )),
        session(op(
            "post",
            paths::SEND_CODE,
            "Email a verification code",
            Some(schema::<w::SendCodeRequest>),
            Some(schema::<w::CodeSent>),
            || post(codes::send),
        )),
        session(op(
            "post",
            paths::REGISTER_BASIC,
            "Register step 1: basic info",
            Some(schema::<d::BasicInfoDraft>),
            Some(schema::<w::StepAccepted>),
            || post(register::basic),
        )),
        session(op(
            "post",
            paths::REGISTER_COMPANY,
            "Register step 2: company info",
            Some(schema::<d::CompanyDraft>),
            Some(schema::<w::StepAccepted>),
            || post(register::company),
        )),
        keyed(session(op(
            "post",
            paths::REGISTER_ACTIVATE,
            "Register step 3: activate",
            Some(schema::<d::ActivationDraft>),
            Some(schema::<w::Activation>),
            || post(register::activate),
        ))),
        session(op(
            "post",
            paths::BIND_ACCOUNT,
            "Bind a Billing Center account",
            Some(schema::<d::BindAccountDraft>),
            Some(schema::<w::BoundAccount>),
            || post(bind::account),
        )),
        session(op(
            "get",
            paths::BIND_WORKSPACES,
            "Workspaces of the bound Billing Center account",
            None,
            Some(schema::<w::WorkspaceList>),
            || get(bind::list),
        )),
        keyed(session(op(
            "post",
            paths::BIND_WORKSPACE,
            "Bind one workspace to the cloud account",
            None,
            Some(schema::<w::Workspace>),
            || post(bind::workspace),
        ))),
        keyed(session(op(
            "post",
            paths::CREATE_WORKSPACE,
            "Create a workspace and bind it",
            Some(schema::<d::CreateWorkspaceDraft>),
            Some(schema::<w::Workspace>),
            || post(bind::create),
        ))),
        session(op(
            "post",
            paths::BIND_DONE,
            "Finish the bind path",
            None,
            Some(schema::<w::Activation>),
            || post(bind::done),
        )),
        op(
            "post",
            paths::LOGIN,
            "Log in to the console",
            Some(schema::<d::LoginDraft>),
            Some(schema::<w::LoggedIn>),
            || post(login::login),
        ),
        session(op(
            "post",
            paths::LOGIN_DIRECT,
            "Huawei: log in without a password",
            None,
            Some(schema::<w::LoggedIn>),
            || post(login::direct),
        )),
        op(
            "post",
            paths::LOGOUT,
            "Log out of the console and the Billing Center",
            None,
            None,
            || post(login::logout),
        ),
        signed_in(
            cookies::CONSOLE,
            op(
                "get",
                paths::WORKSPACE_HOME,
                "The signed-in user's workspace home",
                None,
                Some(schema::<w::WorkspaceHome>),
                || get(login::home),
            ),
        ),
        op(
            "post",
            paths::BILLING_LOGIN,
            "Log in to the Billing Center",
            Some(schema::<d::LoginDraft>),
            Some(schema::<w::BillingAccount>),
            || post(login::billing_login),
        ),
        signed_in(
            cookies::BILLING,
            op(
                "get",
                paths::BILLING_WORKSPACES,
                "Workspace management: the account's workspaces",
                None,
                Some(schema::<w::WorkspaceList>),
                || get(login::billing_workspaces),
            ),
        ),
    ]
};

/// The `/api/v1` routes, built from [`OPERATIONS`].
pub fn routes() -> Router<AppState> {
    OPERATIONS.iter().fold(Router::new(), |router, op| router.route(op.path, (op.handler)()))
}

/// The activation session ID from the request's cookie.
fn session_id(headers: &HeaderMap) -> Result<String, ApiError> {
    cookies::get(headers, cookies::ACTIVATION).ok_or(ApiError::SessionExpired)
}

/// The live activation session `id`, touched; `SessionExpired` when unknown or idle too long.
fn live_session<'d>(
    data: &'d mut Data,
    id: &str,
    now: u64,
) -> Result<&'d mut ActivationSession, ApiError> {
    let session = data.sessions.get_mut(id).ok_or(ApiError::SessionExpired)?;
    if now.saturating_sub(session.last_used) > activation_core::rules::SESSION_TTL_SECS {
        return Err(ApiError::SessionExpired);
    }
    session.last_used = now;
    Ok(session)
}

/// Runs a create or bind at most once per idempotency key: the same key with the same request gets
/// the first success again; with another request, `idempotency_conflict`. Without a key, just runs.
/// `request` is the whole body as sent, passwords and codes included: only its digest is kept.
fn idempotent<T: Serialize>(
    data: &mut Data,
    headers: &HeaderMap,
    scope: &str,
    request: &str,
    run: impl FnOnce(&mut Data) -> Result<T, ApiError>,
) -> ApiResult<Response> {
    let Some(key) = headers.get(IDEMPOTENCY_KEY).and_then(|v| v.to_str().ok()) else {
        return Ok(axum::Json(run(data)?).into_response());
    };
    if key.is_empty() || key.len() > 128 {
        return Err(Failure(ApiError::MalformedRequest));
    }
    let slot = format!("{scope}\n{key}");
    if data.fingerprint_key.is_empty() {
        data.fingerprint_key = crate::store::random_token();
    }
    let request = crate::store::fingerprint(&data.fingerprint_key, request);
    if let Some(seen) = data.idempotency.get(&slot) {
        if seen.request != request {
            return Err(Failure(ApiError::IdempotencyConflict));
        }
        let status = StatusCode::from_u16(seen.status).unwrap_or(StatusCode::OK);
        let body = seen.body.clone();
        return Ok((status, [(axum::http::header::CONTENT_TYPE, "application/json")], body)
            .into_response());
    }
    let value = run(data)?;
    let body = serde_json::to_string(&value).map_err(|_| Failure(ApiError::Internal))?;
    data.idempotency
        .insert(slot, crate::store::data::Remembered { request, status: 200, body: body.clone() });
    Ok(([(axum::http::header::CONTENT_TYPE, "application/json")], body).into_response())
}
