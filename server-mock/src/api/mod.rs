//! The activation API under `/api/v1`: every rule of SPEC §4 enforced with core's validation, every
//! refusal in core's error body.

mod billing;
mod bind;
mod client;
mod codes;
mod login;
mod offered;
mod recovery;
mod register;
mod session;

pub use login::{LOGIN_WINDOW_SECS, MAX_ADDRESS_FAILURES};

use activation_core::api::{ApiError, IDEMPOTENCY_KEY, paths};
use axum::{
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use serde::Serialize;

use crate::{
    access::Login,
    cookies,
    error::{ApiResult, Failure},
    routes::{Answer, Input, Method, Operation, Part, Serve, schema},
    store::data::{ActivationSession, Data},
};

/// Every `/api/v1` route.
pub const OPERATIONS: &[Operation] = {
    use activation_core::{api as w, draft as d};
    const fn api(
        method: Method,
        path: &'static str,
        summary: &'static str,
        input: Input,
        answer: Answer,
        serve: Serve,
    ) -> Operation {
        Operation::new(Part::Api, method, path, summary, input, answer, serve)
    }
    &[
        api(
            Method::Get,
            paths::SESSION,
            "What the activation session knows",
            Input::Nothing,
            Answer::Json(schema::<w::SessionContext>),
            |method| method.router(session::context),
        )
        .session(),
        api(
            Method::Post,
            paths::SEND_CODE,
            "Email a verification code",
            Input::Json(schema::<w::SendCodeRequest>),
            Answer::Json(schema::<w::CodeSent>),
            |method| method.router(codes::send),
        )
        .mailing()
        .refusing(&[404, 409, 429])
        .session(),
        api(
            Method::Post,
            paths::REGISTER_BASIC,
            "Register step 1: basic info",
            Input::Json(schema::<d::BasicInfoDraft>),
            Answer::Json(schema::<w::StepAccepted>),
            |method| method.router(register::basic),
        )
        .refusing(&[409, 429])
        .session(),
        api(
            Method::Post,
            paths::REGISTER_COMPANY,
            "Register step 2: company info",
            Input::Json(schema::<d::CompanyDraft>),
            Answer::Json(schema::<w::StepAccepted>),
            |method| method.router(register::company),
        )
        .refusing(&[409])
        .session(),
        api(
            Method::Post,
            paths::REGISTER_ACTIVATE,
            "Register step 3: activate",
            Input::Json(schema::<d::ActivationDraft>),
            Answer::Json(schema::<w::Moved<w::Activation>>),
            |method| method.router(register::activate),
        )
        .refusing(&[409])
        .session()
        .keyed(),
        api(
            Method::Get,
            paths::REGISTER_OFFERED,
            "After registering into an existing Guance account: its other workspaces",
            Input::Nothing,
            Answer::Json(schema::<w::WorkspaceList>),
            |method| method.router(offered::list),
        )
        .refusing(&[409])
        .session(),
        api(
            Method::Post,
            paths::REGISTER_BIND_OFFERED,
            "Bind one of them to the new Billing Center account and the cloud account",
            Input::Nothing,
            Answer::Json(schema::<w::Workspace>),
            |method| method.router(offered::bind),
        )
        .refusing(&[404, 409])
        .session(),
        api(
            Method::Post,
            paths::BIND_ACCOUNT,
            "Bind a Billing Center account",
            Input::Json(schema::<d::BindAccountDraft>),
            Answer::Json(schema::<w::Moved<w::BoundAccount>>),
            |method| method.router(bind::account),
        )
        .setting(&[cookies::ACTIVATION])
        .refusing(&[404, 409, 429])
        .session(),
        api(
            Method::Get,
            paths::BIND_WORKSPACES,
            "Workspaces of the bound Billing Center account",
            Input::Nothing,
            Answer::Json(schema::<w::WorkspaceList>),
            |method| method.router(bind::list),
        )
        .refusing(&[409])
        .session(),
        api(
            Method::Post,
            paths::BIND_WORKSPACE,
            "Bind one workspace to the cloud account",
            Input::Nothing,
            Answer::Json(schema::<w::Moved<w::Workspace>>),
            |method| method.router(bind::workspace),
        )
        .refusing(&[404, 409])
        .session()
        .keyed(),
        api(
            Method::Post,
            paths::CREATE_WORKSPACE,
            "Create a workspace and bind it",
            Input::Json(schema::<d::CreateWorkspaceDraft>),
            Answer::Json(schema::<w::Moved<w::Workspace>>),
            |method| method.router(bind::create),
        )
        .refusing(&[409, 429])
        .session()
        .keyed(),
        api(
            Method::Post,
            paths::BIND_DONE,
            "Finish the bind path",
            Input::Nothing,
            Answer::Json(schema::<w::Moved<w::Activation>>),
            |method| method.router(bind::done),
        )
        .refusing(&[409])
        .session(),
        api(
            Method::Post,
            paths::LOGIN,
            "Log in to the console",
            Input::Json(schema::<d::LoginDraft>),
            Answer::Json(schema::<w::LoggedIn>),
            |method| method.router(login::login),
        )
        .setting(&[cookies::CONSOLE])
        .refusing(&[401, 429]),
        api(
            Method::Post,
            paths::LOGIN_DIRECT,
            "Huawei: log in without a password",
            Input::Nothing,
            Answer::Json(schema::<w::LoggedIn>),
            |method| method.router(login::direct),
        )
        .setting(&[cookies::CONSOLE])
        .refusing(&[409])
        .session(),
        api(
            Method::Post,
            paths::LOGOUT,
            "Log out of the console and the Billing Center",
            Input::Nothing,
            Answer::NoContent,
            |method| method.router(login::logout),
        )
        .setting(&[cookies::CONSOLE, cookies::BILLING]),
        api(
            Method::Get,
            paths::WORKSPACE_HOME,
            "The signed-in user's workspace home",
            Input::Nothing,
            Answer::Json(schema::<w::WorkspaceHome>),
            |method| method.router(login::home),
        )
        .refusing(&[404])
        .signed_in(Login::Console),
        api(
            Method::Post,
            paths::BILLING_LOGIN,
            "Log in to the Billing Center",
            Input::Json(schema::<d::LoginDraft>),
            Answer::Json(schema::<w::BillingAccount>),
            |method| method.router(login::billing_login),
        )
        .setting(&[cookies::BILLING])
        .refusing(&[401, 429]),
        api(
            Method::Get,
            paths::BILLING_WORKSPACES,
            "Workspace management: the account's workspaces",
            Input::Nothing,
            Answer::Json(schema::<w::WorkspaceList>),
            |method| method.router(login::billing_workspaces),
        )
        .signed_in(Login::Billing),
        api(
            Method::Post,
            paths::BILLING_SETTLEMENT,
            "Change settlement method of one workspace",
            Input::Json(schema::<activation_core::settlement::SettlementDraft>),
            Answer::Json(schema::<w::Workspace>),
            |method| method.router(billing::settlement),
        )
        .refusing(&[404, 409])
        .signed_in(Login::Billing),
        api(
            Method::Post,
            paths::RECOVERY_CODE,
            "Forgot password?: email a code to the account's address",
            Input::Json(schema::<activation_core::recovery::RecoveryCodeRequest>),
            Answer::Json(schema::<w::CodeSent>),
            |method| method.router(recovery::code),
        )
        .setting(&[cookies::RECOVERY])
        .mailing()
        .refusing(&[404, 429]),
        api(
            Method::Post,
            paths::RECOVERY_PASSWORD,
            "Forgot password?: set a new password with the code, and sign in (its kind's login)",
            Input::Json(schema::<activation_core::recovery::ResetPasswordDraft>),
            Answer::Json(schema::<w::LoggedIn>),
            |method| method.router(recovery::password),
        )
        .setting(&[cookies::CONSOLE, cookies::BILLING, cookies::RECOVERY]),
        api(
            Method::Post,
            paths::RECOVERY_USERNAME,
            "Forgot username?: mail the username to the address, if an account uses it",
            Input::Json(schema::<activation_core::recovery::ForgotUsernameDraft>),
            Answer::Json(schema::<activation_core::recovery::UsernameMailed>),
            |method| method.router(recovery::username),
        )
        .mailing()
        .refusing(&[429]),
    ]
};

/// The live activation session `id`, touched; `SessionExpired` when unknown, idle too long or past
/// its absolute lifetime.
fn live_session<'d>(
    data: &'d mut Data,
    id: &str,
    now: u64,
) -> Result<&'d mut ActivationSession, ApiError> {
    let session = data.sessions.get_mut(id).ok_or(ApiError::SessionExpired)?;
    if session.expired(now) {
        return Err(ApiError::SessionExpired);
    }
    session.last_used = now;
    Ok(session)
}

/// Refuses a session whose activation is finished (registered, or the bind path done): it sends no
/// more codes and binds nothing more, not even a replayed bind. `wrong_step`, naming the summary.
fn not_finished(session: &ActivationSession) -> Result<(), ApiError> {
    let progress = session.progress;
    if progress.activated || progress.bind_finished {
        let expected = progress.resolve(activation_core::flow::Step::Choose);
        return Err(activation_core::flow::FlowError::NotReached { expected }.into());
    }
    Ok(())
}

/// What a keyed request is told apart by: its body without secrets, and its secrets (passwords,
/// the code) if any, with their argon2 hash. Argon2 is the slow part: the hash is made, and the
/// secrets checked against those remembered under the same key ([`Fingerprint::to_check`],
/// [`Fingerprint::check`]), on blocking threads with the store's lock released.
pub struct Fingerprint {
    public: String,
    secrets: Option<(String, String)>,
    /// The hash of the secrets remembered under this request's key when it was checked, and
    /// whether they matched.
    checked: Option<(String, bool)>,
}

impl Fingerprint {
    /// A request without secrets: all of it is compared as it is.
    pub fn plain(public: impl Into<String>) -> Fingerprint {
        Fingerprint { public: public.into(), secrets: None, checked: None }
    }

    /// A request with `secrets`, compared through their hash (made here).
    pub async fn with_secrets(
        store: &crate::Store,
        public: impl Into<String>,
        secrets: String,
    ) -> Fingerprint {
        let hash = store.hash(&secrets).await;
        Fingerprint { public: public.into(), secrets: Some((secrets, hash)), checked: None }
    }

    /// The secrets' hash remembered under this request's key (for `session`'s `what`), if this
    /// request's secrets have not been checked against it yet: [`Fingerprint::check`] them,
    /// with the store's lock released, before [`idempotent`] compares.
    pub fn to_check(
        &self,
        data: &Data,
        (session, what, headers): (&str, &str, &HeaderMap),
    ) -> Option<String> {
        self.secrets.as_ref()?;
        let key = headers.get(IDEMPOTENCY_KEY)?.to_str().ok()?;
        let theirs = data.idempotency.get(&slot(session, what, key))?.secrets.clone()?;
        let done = self.checked.as_ref().is_some_and(|(checked, _)| *checked == theirs);
        (!done).then_some(theirs)
    }

    /// Checks this request's secrets against the remembered hash `theirs`, on a blocking thread.
    pub async fn check(&mut self, store: &crate::Store, theirs: String) {
        if let Some((plain, _)) = &self.secrets {
            let matched = store.verify(plain, &theirs).await;
            self.checked = Some((theirs, matched));
        }
    }

    /// Whether this is the request `seen` remembers. A record from before secrets were kept
    /// compares by the public part only.
    fn matches(&self, seen: &crate::store::data::Remembered) -> bool {
        seen.request == self.public
            && match (&seen.secrets, &self.secrets) {
                (None, _) => true,
                (Some(hash), Some((plain, _))) => match &self.checked {
                    Some((checked, matched)) if checked == hash => *matched,
                    // Only for a caller that did not check first (`to_check`): under the lock.
                    _ => crate::store::verify_password(plain, hash),
                },
                (Some(_), None) => false,
            }
    }
}

/// Where the answer to `session`'s request to `what` with idempotency key `key` is remembered.
fn slot(session: &str, what: &str, key: &str) -> String {
    format!("{session}\n{what}\n{key}")
}

/// Runs a create or bind (`what`) of `session` at most once per idempotency key: the same key with
/// the same request gets the first success again; with another request (secrets included),
/// `idempotency_conflict`. Without a key, just runs. Either way only while the session is live: an
/// ended or expired one is `session_expired`, and gets no answer replayed.
fn idempotent<T: Serialize>(
    data: &mut Data,
    headers: &HeaderMap,
    (session, now): (&str, u64),
    what: &str,
    request: &Fingerprint,
    run: impl FnOnce(&mut Data) -> Result<T, ApiError>,
) -> ApiResult<Response> {
    live_session(data, session, now)?;
    let Some(key) = headers.get(IDEMPOTENCY_KEY) else {
        return Ok(axum::Json(run(data)?).into_response());
    };
    // A key that is not visible ASCII is a malformed request, not "no key": the client meant one.
    let key = key.to_str().map_err(|_| Failure(ApiError::MalformedRequest))?;
    if key.is_empty() || key.len() > activation_core::api::IDEMPOTENCY_KEY_MAX {
        return Err(Failure(ApiError::MalformedRequest));
    }
    let slot = slot(session, what, key);
    if let Some(seen) = data.idempotency.get(&slot) {
        if !request.matches(seen) {
            return Err(Failure(ApiError::IdempotencyConflict));
        }
        let status = StatusCode::from_u16(seen.status).unwrap_or(StatusCode::OK);
        let body = seen.body.clone();
        return Ok((status, [(axum::http::header::CONTENT_TYPE, "application/json")], body)
            .into_response());
    }
    let value = run(data)?;
    let body = serde_json::to_string(&value).map_err(|_| Failure(ApiError::Internal))?;
    let remembered = crate::store::data::Remembered {
        request: request.public.clone(),
        secrets: request.secrets.as_ref().map(|(_, hash)| hash.clone()),
        status: 200,
        body: body.clone(),
    };
    data.idempotency.insert(slot, remembered);
    Ok(([(axum::http::header::CONTENT_TYPE, "application/json")], body).into_response())
}
