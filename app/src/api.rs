//! The one typed client of the backend API: core's paths and wire types over gloo-net, with core's
//! error body as the error.

use activation_core::{
    FieldErrors,
    api::{
        Activation, ApiError, BillingAccount, BoundAccount, CLIENT_HEADER, CLIENT_HEADER_VALUE,
        CodeSent, Health, IDEMPOTENCY_KEY, LoggedIn, Moved, SendCodeRequest, SessionContext,
        StepAccepted, Workspace, WorkspaceHome, WorkspaceList, paths,
    },
    domain::WorkspaceId,
    draft::{
        ActivationDraft, BasicInfoDraft, BindAccountDraft, CompanyDraft, CreateWorkspaceDraft,
        LoginDraft,
    },
};
use gloo_net::http::{Request, RequestBuilder, Response};
use leptos::prelude::{expect_context, on_cleanup};
use send_wrapper::SendWrapper;
use serde::{Serialize, de::DeserializeOwned};
use wasm_bindgen::JsCast;

use crate::storage;

/// How long a call may go unanswered before it counts as a network failure.
pub const REQUEST_TIMEOUT_MS: u32 = 30_000;

/// Where the backend lives: empty for the page's own origin (the product), or an absolute origin.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApiBase(pub String);

impl ApiBase {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.0.trim_end_matches('/'))
    }
}

/// The backend as one view uses it (see [`use_api`]).
#[derive(Clone)]
pub struct Api {
    base: ApiBase,
    /// Aborted when the view that asked goes away.
    view: SendWrapper<web_sys::AbortSignal>,
}

/// The backend for the view being built. What the view asks is aborted when it goes away (the
/// user left the page), so an answer that comes later cannot act on a page that is gone: navigate
/// somewhere, say, or show an error.
pub fn use_api() -> Api {
    let base = expect_context::<ApiBase>();
    let controller = web_sys::AbortController::new().expect("the browser has AbortController");
    let view = SendWrapper::new(controller.signal());
    let controller = SendWrapper::new(controller);
    on_cleanup(move || controller.abort());
    Api { base, view }
}

impl Api {
    fn url(&self, path: &str) -> String {
        self.base.url(path)
    }

    /// Cookies go along on every call, also cross-origin (tests run the app on another port); a call
    /// that has no answer after [`REQUEST_TIMEOUT_MS`] is aborted (the page then offers **Try
    /// again** instead of a spinner that never ends), and so is one whose view went away. Every
    /// call carries [`CLIENT_HEADER`], which the backend asks of a state-changing request without
    /// a JSON body (a cross-site page cannot send it).
    fn with_credentials(&self, request: RequestBuilder) -> RequestBuilder {
        let timeout = web_sys::AbortSignal::timeout_with_u32(REQUEST_TIMEOUT_MS);
        let signal = web_sys::AbortSignal::any(&js_sys::Array::of2(&timeout, &self.view));
        let request =
            request.abort_signal(Some(&signal)).header(CLIENT_HEADER, CLIENT_HEADER_VALUE);
        // The language the user reads now: the mails the backend sends are in it.
        let request = request.header("accept-language", crate::i18n::current().tag());
        if self.base.0.is_empty() {
            request
        } else {
            request.credentials(web_sys::RequestCredentials::Include)
        }
    }
}

/// Why a call did not give the expected answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientError {
    /// No HTTP answer at all (offline, refused, timed out).
    Network,
    /// The backend refused, with its error body.
    Api(ApiError),
    /// An answer that is not the contract (a proxy's error page, say), with its status.
    Unexpected(u16),
}

impl ClientError {
    /// The field errors to show next to fields (possibly none).
    pub fn field_errors(&self) -> FieldErrors {
        match self {
            ClientError::Api(error) => error.field_errors(),
            _ => FieldErrors::new(),
        }
    }

    /// Whether "Try again" makes sense: the request may succeed unchanged.
    pub fn is_retryable(&self) -> bool {
        match self {
            ClientError::Network | ClientError::Unexpected(_) => true,
            ClientError::Api(error) => error.is_retryable(),
        }
    }
}

/// A fresh idempotency key for one create or bind (reused by its retries).
pub fn new_idempotency_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("{}", js_sys_random()))
}

/// The idempotency key of one create or activation, kept in sessionStorage under `slot` until
/// [`attempt_done`]: a retry after a reload (the answer was lost, say) sends the same key, so the
/// backend answers with what it did the first time instead of refusing the name it has just taken.
pub fn attempt_key(slot: &str) -> String {
    storage::load::<String>(slot).unwrap_or_else(|| {
        let key = new_idempotency_key();
        storage::save(slot, &key);
        key
    })
}

/// The attempt under `slot` succeeded: the next one is another create.
pub fn attempt_done(slot: &str) {
    storage::remove(slot);
}

fn js_sys_random() -> u64 {
    (leptos::prelude::window().performance().map_or(0.0, |p| p.now()) * 1000.0) as u64
}

/// The one transport every call goes through, deliberately not generic: each wire type adds only its
/// JSON parse, not another copy of the request and response futures (which the wasm pays for).
async fn call(
    base: &Api,
    request: RequestBuilder,
    body: Option<String>,
) -> Result<(u16, String), ClientError> {
    let request = base.with_credentials(request);
    let request = match body {
        Some(body) => request.header("Content-Type", "application/json").body(body),
        None => request.build(),
    };
    let response = request
        .map_err(|_| ClientError::Network)?
        .send()
        .await
        .map_err(|_| ClientError::Network)?;
    read(response).await
}

/// An answer's status and body; a body cut off mid-way is no answer at all.
async fn read(response: Response) -> Result<(u16, String), ClientError> {
    let status = response.status();
    let text = response.text().await.map_err(|_| ClientError::Network)?;
    Ok((status, text))
}

/// The answer as `T` when the call succeeded, else the error body.
fn decode<T: DeserializeOwned>((status, text): (u16, String)) -> Result<T, ClientError> {
    if (200..300).contains(&status) {
        return serde_json::from_str(&text).map_err(|_| ClientError::Unexpected(status));
    }
    Err(refusal(status, &text))
}

fn refusal(status: u16, text: &str) -> ClientError {
    match serde_json::from_str::<ApiError>(text) {
        Ok(error) => ClientError::Api(error),
        Err(_) => ClientError::Unexpected(status),
    }
}

/// A form's draft as a request body.
fn body(draft: &impl Serialize) -> Result<String, ClientError> {
    serde_json::to_string(draft).map_err(|_| ClientError::Network)
}

async fn get<T: DeserializeOwned>(base: &Api, path: &str) -> Result<T, ClientError> {
    decode(call(base, Request::get(&base.url(path)), None).await?)
}

/// `POST` with a JSON body, or none for the routes that take none.
async fn post<T: DeserializeOwned>(
    base: &Api,
    path: &str,
    body: Option<String>,
    idempotency_key: Option<&str>,
) -> Result<T, ClientError> {
    let mut request = Request::post(&base.url(path));
    if let Some(key) = idempotency_key {
        request = request.header(IDEMPOTENCY_KEY, key);
    }
    decode(call(base, request, body).await?)
}

/// `POST` without a body; the answer may be empty (204).
async fn post_empty(base: &Api, path: &str) -> Result<(), ClientError> {
    let (status, text) = call(base, Request::post(&base.url(path)), None).await?;
    if (200..300).contains(&status) { Ok(()) } else { Err(refusal(status, &text)) }
}

pub async fn health(base: &Api) -> Result<Health, ClientError> {
    get(base, paths::HEALTH).await
}

/// The global under which `index.html` starts the session call before the wasm has loaded.
pub const EARLY_SESSION: &str = "__activationSession";
/// The global where `index.html` leaves that call's answer (`[status, body]`) once it is in.
pub const EARLY_SESSION_ANSWER: &str = "__activationSessionAnswer";

/// The session call `index.html` started: answered already, or still under way.
enum Early {
    Answered(js_sys::Array),
    Started(js_sys::Promise),
}

/// The session call `index.html` started, if there is one; taken, so a retry asks again.
fn early_session() -> Option<Early> {
    let window = web_sys::window()?;
    let take = |name: &str| {
        let key = wasm_bindgen::JsValue::from_str(name);
        let value = js_sys::Reflect::get(&window, &key).ok();
        let _ = js_sys::Reflect::delete_property(&window, &key);
        value
    };
    let started = take(EARLY_SESSION)?.dyn_into::<js_sys::Promise>().ok()?;
    Some(match take(EARLY_SESSION_ANSWER).and_then(|answer| answer.dyn_into().ok()) {
        Some(answer) => Early::Answered(answer),
        None => Early::Started(started),
    })
}

/// Waits until the session call `index.html` started has its answer in (or has failed), for at most
/// `limit_ms`; at once when there is no such call or its answer is in already. `main` mounts the
/// app after this, so the first screen renders with the answer instead of a loading card that the
/// answer replaces a moment later (meanwhile the page shows its static skeleton, the same loading
/// card). While the wasm runs, the page's main thread does not get to read that answer's body.
pub async fn early_session_settled(limit_ms: i32) {
    let Some(window) = web_sys::window() else { return };
    let global = |name: &str| {
        js_sys::Reflect::get(&window, &wasm_bindgen::JsValue::from_str(name))
            .ok()
            .filter(|value| !value.is_undefined())
    };
    if global(EARLY_SESSION_ANSWER).is_some() {
        return;
    }
    let Some(started) = global(EARLY_SESSION).and_then(|v| v.dyn_into::<js_sys::Promise>().ok())
    else {
        return;
    };
    let limit = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, limit_ms);
    });
    // Answered, failed or too slow: each is the moment to mount (a failure is the shell's to show).
    let first = js_sys::Promise::race(&js_sys::Array::of2(&started, &limit));
    let _ = wasm_bindgen_futures::JsFuture::from(first).await;
}

/// What the activation session knows. On the product's own origin the first call is already
/// answered, or under way, when the wasm starts: `index.html` sends it with the page and reads its
/// body (`[status, body]`), saving a round trip and a body read before the first activation screen.
/// Already answered, this is ready at its first poll, so the first screen renders with the answer
/// (the shell polls it as it is created: `pages::shell`).
pub async fn session(base: &Api) -> Result<SessionContext, ClientError> {
    if base.base.0.is_empty()
        && let Some(early) = early_session()
    {
        // Rejected: no answer, or a body cut off mid-way, as `read` treats them.
        let answer = match early {
            Early::Answered(answer) => answer,
            Early::Started(started) => wasm_bindgen_futures::JsFuture::from(started)
                .await
                .ok()
                .and_then(|answer| answer.dyn_into::<js_sys::Array>().ok())
                .ok_or(ClientError::Network)?,
        };
        let status = answer.get(0).as_f64().ok_or(ClientError::Network)?;
        let body = answer.get(1).as_string().ok_or(ClientError::Network)?;
        return decode((status as u16, body));
    }
    get(base, paths::SESSION).await
}

pub async fn send_code(base: &Api, request: &SendCodeRequest) -> Result<CodeSent, ClientError> {
    post(base, paths::SEND_CODE, Some(body(request)?), None).await
}

pub async fn register_basic(
    base: &Api,
    draft: &BasicInfoDraft,
) -> Result<StepAccepted, ClientError> {
    post(base, paths::REGISTER_BASIC, Some(body(draft)?), None).await
}

pub async fn register_company(
    base: &Api,
    draft: &CompanyDraft,
) -> Result<StepAccepted, ClientError> {
    post(base, paths::REGISTER_COMPANY, Some(body(draft)?), None).await
}

pub async fn activate(
    base: &Api,
    draft: &ActivationDraft,
    key: &str,
) -> Result<Moved<Activation>, ClientError> {
    post(base, paths::REGISTER_ACTIVATE, Some(body(draft)?), Some(key)).await
}

pub async fn bind_account(
    base: &Api,
    draft: &BindAccountDraft,
) -> Result<Moved<BoundAccount>, ClientError> {
    post(base, paths::BIND_ACCOUNT, Some(body(draft)?), None).await
}

pub async fn bind_workspaces(base: &Api) -> Result<WorkspaceList, ClientError> {
    get(base, paths::BIND_WORKSPACES).await
}

pub async fn bind_workspace(
    base: &Api,
    id: &WorkspaceId,
    key: &str,
) -> Result<Moved<Workspace>, ClientError> {
    post(base, &paths::bind_workspace(id), None, Some(key)).await
}

pub async fn create_workspace(
    base: &Api,
    draft: &CreateWorkspaceDraft,
    key: &str,
) -> Result<Moved<Workspace>, ClientError> {
    post(base, paths::CREATE_WORKSPACE, Some(body(draft)?), Some(key)).await
}

pub async fn bind_done(base: &Api) -> Result<Moved<Activation>, ClientError> {
    post(base, paths::BIND_DONE, None, None).await
}

pub async fn login(base: &Api, draft: &LoginDraft) -> Result<LoggedIn, ClientError> {
    post(base, paths::LOGIN, Some(body(draft)?), None).await
}

pub async fn login_direct(base: &Api) -> Result<LoggedIn, ClientError> {
    post(base, paths::LOGIN_DIRECT, None, None).await
}

pub async fn logout(base: &Api) -> Result<(), ClientError> {
    post_empty(base, paths::LOGOUT).await
}

pub async fn workspace_home(base: &Api) -> Result<WorkspaceHome, ClientError> {
    get(base, paths::WORKSPACE_HOME).await
}

pub async fn billing_login(base: &Api, draft: &LoginDraft) -> Result<BillingAccount, ClientError> {
    post(base, paths::BILLING_LOGIN, Some(body(draft)?), None).await
}

pub async fn billing_workspaces(base: &Api) -> Result<WorkspaceList, ClientError> {
    get(base, paths::BILLING_WORKSPACES).await
}

/// After registering into an existing Guance account: its other workspaces, offered for binding.
pub async fn offered_workspaces(base: &Api) -> Result<WorkspaceList, ClientError> {
    get(base, paths::REGISTER_OFFERED).await
}

/// Binds one offered workspace to the new Billing Center account and the cloud account.
pub async fn bind_offered(base: &Api, id: &WorkspaceId) -> Result<Workspace, ClientError> {
    post(base, &paths::register_bind_offered(id), None, None).await
}

/// Change settlement method of workspace `id`: the workspace as the list now shows it.
pub async fn change_settlement(
    base: &Api,
    id: &WorkspaceId,
    draft: &activation_core::settlement::SettlementDraft,
) -> Result<Workspace, ClientError> {
    post(base, &paths::billing_settlement(id), Some(body(draft)?), None).await
}

/// Forgot password?: a code to the email of the account named (an HttpOnly cookie keeps the
/// recovery, so the code works only in this browser).
pub async fn recovery_code(
    base: &Api,
    request: &activation_core::recovery::RecoveryCodeRequest,
) -> Result<CodeSent, ClientError> {
    post(base, paths::RECOVERY_CODE, Some(body(request)?), None).await
}

/// Forgot password?: the code and the new password; signed in on success.
pub async fn reset_password(
    base: &Api,
    draft: &activation_core::recovery::ResetPasswordDraft,
) -> Result<LoggedIn, ClientError> {
    post(base, paths::RECOVERY_PASSWORD, Some(body(draft)?), None).await
}

/// Forgot username?: the answer is the same whether or not an account uses the address.
pub async fn forgot_username(
    base: &Api,
    draft: &activation_core::recovery::ForgotUsernameDraft,
) -> Result<activation_core::recovery::UsernameMailed, ClientError> {
    post(base, paths::RECOVERY_USERNAME, Some(body(draft)?), None).await
}
