//! Console login (with Huawei's direct login), the workspace home, and the Billing Center. Failed
//! logins are limited per account and per client address.

use std::collections::BTreeMap;

use activation_core::{
    api::{ApiError, BillingAccount, HomeWorkspace, LoggedIn, WorkspaceHome, WorkspaceList},
    domain::{Username, WorkspaceId},
    draft::LoginDraft,
    flow::Event,
};
use axum::{
    Json,
    extract::State,
    http::{HeaderMap, header},
    response::{IntoResponse, Response},
};

use super::{
    client::{Peer, client_of},
    live_session,
};
use crate::{
    AppState,
    access::{Login, LoginCookie, SessionCookie},
    cookies,
    error::{ApiResult, Body},
    store::{
        self, Store,
        data::{Data, LoginSession, Workspace},
    },
};

/// Failed logins allowed per account within the window before it is locked for the rest of it.
const MAX_LOGIN_FAILURES: usize = 5;
/// Failed logins allowed from one client address within the window, whatever accounts it tried:
/// the per-account lockout alone would let one client try five passwords on every account.
pub const MAX_ADDRESS_FAILURES: usize = 20;
/// The window of both limits.
pub const LOGIN_WINDOW_SECS: u64 = 15 * 60;
/// A login cookie lives as long as the login may: its absolute lifetime (the idle one is the store's).
const LOGIN_TTL_SECS: u64 = activation_core::rules::LOGIN_MAX_SECS;

/// Refuses while `key` has `max` failures within the window (forgetting older ones), counting
/// `in_flight` checks under way as failures.
fn under_limit(
    failures: &mut BTreeMap<String, Vec<u64>>,
    key: &str,
    max: usize,
    in_flight: usize,
    now: u64,
) -> Result<(), ApiError> {
    let recent = failures.entry(key.to_owned()).or_default();
    recent.retain(|&at| now.saturating_sub(at) < LOGIN_WINDOW_SECS);
    if recent.len() + in_flight >= max {
        let oldest = recent.iter().min().copied().unwrap_or(now);
        let wait = LOGIN_WINDOW_SECS.saturating_sub(now.saturating_sub(oldest)).max(1);
        return Err(ApiError::RateLimited { retry_after_secs: wait as u32 });
    }
    if recent.is_empty() {
        failures.remove(key);
    }
    Ok(())
}

/// One password check under way, counted in [`Store::checks_in_flight`] against its account and
/// its client address until dropped: when its outcome is recorded, or when the request is dropped
/// (the client went away, and learns nothing).
struct InFlight<'a> {
    store: &'a Store,
    keys: Vec<String>,
}

impl InFlight<'_> {
    fn count(store: &Store, keys: Vec<String>) -> InFlight<'_> {
        let mut flight = store.checks_in_flight();
        for key in &keys {
            *flight.entry(key.clone()).or_default() += 1;
        }
        InFlight { store, keys }
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        let mut flight = self.store.checks_in_flight();
        for key in &self.keys {
            if let Some(n) = flight.get_mut(key) {
                *n -= 1;
                if *n == 0 {
                    flight.remove(key);
                }
            }
        }
    }
}

/// The account key of `draft`'s username once its password is checked against the hash
/// `hash_of` finds (console or Billing Center), within the per-address limit and the per-account
/// lockout.
///
/// The check itself (argon2, tens of milliseconds) runs with the store's lock released, on a
/// blocking thread, so every other request goes on meanwhile. Until its outcome is recorded it
/// counts against both limits as a failure ([`InFlight`]): guesses sent together cannot outrun
/// the lockout.
async fn check_credentials(
    store: &Store,
    draft: &LoginDraft,
    address: Option<&str>,
    now: u64,
    hash_of: impl FnOnce(&Data, &str) -> Option<String>,
) -> Result<String, ApiError> {
    draft.validate()?;
    // Names that cannot exist still count against the same key, so probing learns nothing.
    let key = Username::parse(&draft.username)
        .map(|u| u.unique_key())
        .unwrap_or_else(|_| draft.username.trim().to_lowercase());
    let account_flight = format!("account {key}");
    let address_flight = address.map(|address| format!("address {address}"));
    let (hash, in_flight) = store.touch(|data| {
        let flying = |name: &str| store.checks_in_flight().get(name).copied().unwrap_or(0);
        if let (Some(address), Some(name)) = (address, &address_flight) {
            let failures = &mut data.login_failures_by_address;
            under_limit(failures, address, MAX_ADDRESS_FAILURES, flying(name), now)?;
        }
        let failures = &mut data.login_failures;
        under_limit(failures, &key, MAX_LOGIN_FAILURES, flying(&account_flight), now)?;
        let keys = [Some(account_flight), address_flight].into_iter().flatten().collect();
        Ok::<_, ApiError>((hash_of(data, &key), InFlight::count(store, keys)))
    })?;
    // Unknown or not: one argon2 verification either way.
    let ok = store.check_password(&draft.password, hash).await;
    store.write(|data| {
        if ok {
            // Only the account's count is forgiven: one good password must not reset an address
            // that is guessing at other accounts.
            data.login_failures.remove(&key);
        } else {
            data.login_failures.entry(key.clone()).or_default().push(now);
            if let Some(address) = address {
                data.login_failures_by_address.entry(address.to_owned()).or_default().push(now);
            }
        }
        // In the same lock as the outcome: no moment when this check counts neither way.
        drop(in_flight);
    });
    if ok { Ok(key) } else { Err(ApiError::BadCredentials) }
}

fn with_cookie(name: &str, value: &str, max_age: u64, body: impl IntoResponse) -> Response {
    ([(header::SET_COOKIE, cookies::set(name, value, max_age))], body).into_response()
}

fn start_console_session(
    data: &mut Data,
    key: String,
    workspace: Option<WorkspaceId>,
    now: u64,
) -> (String, LoggedIn) {
    let username = data.guance.get(&key).map(|a| a.username.to_string()).unwrap_or_default();
    let token = store::random_token();
    let session = LoginSession::new(key, workspace, now);
    data.logins.insert(token.clone(), session);
    (token, LoggedIn { username })
}

pub async fn login(
    State(state): State<AppState>,
    peer: Peer,
    Body(draft): Body<LoginDraft>,
) -> ApiResult<Response> {
    let now = state.store.now();
    let address = client_of(&peer);
    let key = check_credentials(&state.store, &draft, address.as_deref(), now, |data, key| {
        data.guance.get(key).map(|a| a.password_hash.clone())
    })
    .await?;
    let (token, body) = state.store.write(|data| start_console_session(data, key, None, now));
    Ok(with_cookie(cookies::CONSOLE, &token, LOGIN_TTL_SECS, Json(body)))
}

/// Huawei KooGallery's unified login already proved who this is: a bound account signs in directly.
pub async fn direct(
    State(state): State<AppState>,
    SessionCookie(id): SessionCookie,
) -> ApiResult<Response> {
    let now = state.store.now();
    let (token, body) = state.store.write(|data| {
        let session = live_session(data, &id, now)?;
        // Only a session that arrived bound, from a marketplace that offers it (core's flow).
        session.next(Event::DirectLogin)?;
        let account = session.identity.cloud_account();
        // Only the Guance account this member made when activating: never the owner of some
        // workspace the cloud account pays for, who may be anyone (issue 19).
        let owner = store::partners::session_member(&session.identity, session.member.as_ref())
            .and_then(|member| data.huawei.links.get(&member))
            .filter(|key| data.guance.contains_key(*key))
            .cloned()
            .ok_or(ApiError::DirectLoginUnavailable)?;
        let mine = data.workspaces.values().filter(|w| w.owner == owner);
        let workspace = mine
            .clone()
            .find(|w| w.settled_by.as_ref() == Some(&account))
            .or_else(|| mine.clone().next())
            .map(|w| w.id.clone());
        Ok::<_, ApiError>(start_console_session(data, owner, workspace, now))
    })?;
    Ok(with_cookie(cookies::CONSOLE, &token, LOGIN_TTL_SECS, Json(body)))
}

pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    state.store.write(|data| {
        if let Some(token) = cookies::get(&headers, cookies::CONSOLE) {
            data.logins.remove(&token);
        }
        if let Some(token) = cookies::get(&headers, cookies::BILLING) {
            data.billing_logins.remove(&token);
        }
    });
    // Appended: an array of header pairs would insert, and keep only the last `Set-Cookie`.
    let clear = axum::response::AppendHeaders([
        (header::SET_COOKIE, cookies::set(cookies::CONSOLE, "", 0)),
        (header::SET_COOKIE, cookies::set(cookies::BILLING, "", 0)),
    ]);
    (clear, axum::http::StatusCode::NO_CONTENT).into_response()
}

/// The login behind `cookie`, if it has not ended (idle or absolute lifetime), marked used.
pub(super) fn signed_in(
    data: &mut Data,
    cookie: &LoginCookie,
    now: u64,
) -> Result<LoginSession, ApiError> {
    let logins = match cookie.login {
        Login::Console => &mut data.logins,
        Login::Billing => &mut data.billing_logins,
    };
    let login =
        logins.get_mut(&cookie.token).filter(|l| !l.expired(now)).ok_or(ApiError::Unauthorized)?;
    login.last_used = now;
    Ok(login.clone())
}

/// The workspaces of console account `key` in the home's order: the one its login is for (Huawei's
/// direct login) first, then the most recently activated or bound, then the rest by name.
fn home_order<'d>(
    data: &'d Data,
    key: &str,
    preferred: Option<&WorkspaceId>,
) -> Vec<&'d Workspace> {
    let mut owned: Vec<&Workspace> = data.workspaces.values().filter(|w| w.owner == key).collect();
    owned.sort_by(|a, b| {
        let first = |w: &Workspace| Some(&w.id) == preferred;
        first(b)
            .cmp(&first(a))
            .then(b.activated.cmp(&a.activated))
            .then_with(|| a.name.as_str().cmp(b.name.as_str()))
    });
    owned
}

pub async fn home(
    State(state): State<AppState>,
    cookie: LoginCookie,
) -> ApiResult<Json<WorkspaceHome>> {
    let now = state.store.now();
    // Only the login's last use changes: not worth a state file write.
    state.store.touch(|data| {
        let login = signed_in(data, &cookie, now)?;
        let key = &login.username_key;
        let account = data.guance.get(key).ok_or(ApiError::Unauthorized)?;
        let workspaces: Vec<HomeWorkspace> = home_order(data, key, login.workspace.as_ref())
            .into_iter()
            .map(|w| HomeWorkspace {
                workspace: w.view(None),
                install_command: w.site.datakit_install_command(&w.datakit_token),
            })
            .collect();
        let first = workspaces.first().ok_or(ApiError::NotFound)?.clone();
        Ok(Json(WorkspaceHome {
            username: account.username.to_string(),
            workspace: first.workspace,
            install_command: first.install_command,
            workspaces,
        }))
    })
}

pub async fn billing_login(
    State(state): State<AppState>,
    peer: Peer,
    Body(draft): Body<LoginDraft>,
) -> ApiResult<Response> {
    let now = state.store.now();
    let address = client_of(&peer);
    let key = check_credentials(&state.store, &draft, address.as_deref(), now, |data, key| {
        data.billing.get(key).map(|a| a.password_hash.clone())
    })
    .await?;
    let (token, body) = state.store.write(|data| {
        let username = data.billing.get(&key).map(|a| a.username.to_string()).unwrap_or_default();
        let token = store::random_token();
        data.billing_logins.insert(token.clone(), LoginSession::new(key, None, now));
        (token, BillingAccount { username })
    });
    Ok(with_cookie(cookies::BILLING, &token, LOGIN_TTL_SECS, Json(body)))
}

pub async fn billing_workspaces(
    State(state): State<AppState>,
    cookie: LoginCookie,
) -> ApiResult<Json<WorkspaceList>> {
    let now = state.store.now();
    // Only the login's last use changes: not worth a state file write.
    state.store.touch(|data| {
        let login = signed_in(data, &cookie, now)?;
        Ok(Json(WorkspaceList { workspaces: data.workspaces_of(&login.username_key, None) }))
    })
}
