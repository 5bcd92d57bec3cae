//! Console login (with Huawei's direct login), the workspace home, and the Billing Center. Failed
//! logins are limited per account and per client address.

use std::{
    collections::BTreeMap,
    net::{IpAddr, SocketAddr},
};

use activation_core::{
    api::{ApiError, BillingAccount, HomeWorkspace, LoggedIn, WorkspaceHome, WorkspaceList},
    domain::{Username, WorkspaceId},
    draft::LoginDraft,
    flow::Event,
};
use axum::{
    Extension, Json,
    extract::{ConnectInfo, State},
    http::{HeaderMap, header},
    response::{IntoResponse, Response},
};

use super::live_session;
use crate::{
    AppState,
    access::{Login, LoginCookie, SessionCookie},
    cookies,
    error::{ApiResult, Body},
    store::{
        self,
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
const LOGIN_TTL_SECS: u64 = 12 * 60 * 60;

/// The client's address, when the server was started with connect info (`main.rs` does; tests
/// through `oneshot` may add it as a request extension). Without it only the account limit applies.
pub type Peer = Option<Extension<ConnectInfo<SocketAddr>>>;

fn address_of(peer: &Peer) -> Option<String> {
    peer.as_ref().map(|Extension(ConnectInfo(addr))| address_key(addr.ip()))
}

/// What the per-address limit counts under: an IPv4 address, or the /64 network of an IPv6 one.
/// One subscriber gets a whole /64, so counting single IPv6 addresses would let one client
/// rotate through 2^64 of them. An IPv4 address mapped into IPv6 counts as itself.
fn address_key(ip: IpAddr) -> String {
    let v6 = match ip {
        IpAddr::V4(v4) => return v4.to_string(),
        IpAddr::V6(v6) => v6,
    };
    if let Some(v4) = v6.to_ipv4_mapped() {
        return v4.to_string();
    }
    let [a, b, c, d, ..] = v6.segments();
    format!("{a:x}:{b:x}:{c:x}:{d:x}::/64")
}

/// Refuses while `key` has `max` failures within the window (forgetting older ones).
fn under_limit(
    failures: &mut BTreeMap<String, Vec<u64>>,
    key: &str,
    max: usize,
    now: u64,
) -> Result<(), ApiError> {
    let recent = failures.entry(key.to_owned()).or_default();
    recent.retain(|&at| now.saturating_sub(at) < LOGIN_WINDOW_SECS);
    if recent.len() >= max {
        let oldest = recent.iter().min().copied().unwrap_or(now);
        let wait = LOGIN_WINDOW_SECS.saturating_sub(now.saturating_sub(oldest)).max(1);
        return Err(ApiError::RateLimited { retry_after_secs: wait as u32 });
    }
    if recent.is_empty() {
        failures.remove(key);
    }
    Ok(())
}

/// The password hash of `username` in `accounts` (console or Billing Center), checked with the
/// per-address limit and the per-account lockout; returns the account key.
fn check_credentials(
    data: &mut Data,
    draft: &LoginDraft,
    address: Option<&str>,
    now: u64,
    hash_of: impl Fn(&Data, &str) -> Option<String>,
) -> Result<String, ApiError> {
    draft.validate()?;
    // Names that cannot exist still count against the same key, so probing learns nothing.
    let key = Username::parse(&draft.username)
        .map(|u| u.unique_key())
        .unwrap_or_else(|_| draft.username.trim().to_lowercase());
    if let Some(address) = address {
        under_limit(&mut data.login_failures_by_address, address, MAX_ADDRESS_FAILURES, now)?;
    }
    under_limit(&mut data.login_failures, &key, MAX_LOGIN_FAILURES, now)?;
    let ok = hash_of(data, &key).is_some_and(|hash| store::verify_password(&draft.password, &hash));
    if ok {
        // Only the account's count is forgiven: one good password must not reset an address
        // that is guessing at other accounts.
        data.login_failures.remove(&key);
        Ok(key)
    } else {
        data.login_failures.entry(key).or_default().push(now);
        if let Some(address) = address {
            data.login_failures_by_address.entry(address.to_owned()).or_default().push(now);
        }
        Err(ApiError::BadCredentials)
    }
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
    let session = LoginSession { username_key: key, created_at: now, workspace };
    data.logins.insert(token.clone(), session);
    (token, LoggedIn { username })
}

pub async fn login(
    State(state): State<AppState>,
    peer: Peer,
    Body(draft): Body<LoginDraft>,
) -> ApiResult<Response> {
    let now = state.store.now();
    let address = address_of(&peer);
    let (token, body) = state.store.write(|data| {
        let key = check_credentials(data, &draft, address.as_deref(), now, |data, key| {
            data.guance.get(key).map(|a| a.password_hash.clone())
        })?;
        Ok::<_, ApiError>(start_console_session(data, key, None, now))
    })?;
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
        let (owner, workspace) = data
            .workspaces
            .values()
            .find(|w| w.settled_by.as_ref() == Some(&account))
            .map(|w| (w.owner.clone(), w.id.clone()))
            .ok_or(ApiError::NotFound)?;
        Ok::<_, ApiError>(start_console_session(data, owner, Some(workspace), now))
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
    let clear = [
        (header::SET_COOKIE, cookies::set(cookies::CONSOLE, "", 0)),
        (header::SET_COOKIE, cookies::set(cookies::BILLING, "", 0)),
    ];
    (clear, axum::http::StatusCode::NO_CONTENT).into_response()
}

/// The login behind `cookie`, if it is still valid.
fn signed_in<'d>(
    data: &'d Data,
    cookie: &LoginCookie,
    now: u64,
) -> Result<&'d LoginSession, ApiError> {
    let logins = match cookie.login {
        Login::Console => &data.logins,
        Login::Billing => &data.billing_logins,
    };
    logins
        .get(&cookie.token)
        .filter(|l| now.saturating_sub(l.created_at) < LOGIN_TTL_SECS)
        .ok_or(ApiError::Unauthorized)
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
    state.store.read(|data| {
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
    let address = address_of(&peer);
    let (token, body) = state.store.write(|data| {
        let key = check_credentials(data, &draft, address.as_deref(), now, |data, key| {
            data.billing.get(key).map(|a| a.password_hash.clone())
        })?;
        let username = data.billing.get(&key).map(|a| a.username.to_string()).unwrap_or_default();
        let token = store::random_token();
        data.billing_logins.insert(
            token.clone(),
            LoginSession { username_key: key, created_at: now, workspace: None },
        );
        Ok::<_, ApiError>((token, BillingAccount { username }))
    })?;
    Ok(with_cookie(cookies::BILLING, &token, LOGIN_TTL_SECS, Json(body)))
}

pub async fn billing_workspaces(
    State(state): State<AppState>,
    cookie: LoginCookie,
) -> ApiResult<Json<WorkspaceList>> {
    let now = state.store.now();
    state.store.read(|data| {
        let login = signed_in(data, &cookie, now)?;
        Ok(Json(WorkspaceList { workspaces: data.workspaces_of(&login.username_key, None) }))
    })
}

#[cfg(test)]
mod tests {
    use super::address_key;

    #[test]
    fn ipv6_addresses_count_by_their_64_network_and_mapped_ipv4_as_itself() {
        let key = |ip: &str| address_key(ip.parse().unwrap());
        assert_eq!(key("203.0.113.7"), "203.0.113.7");
        assert_eq!(key("::ffff:203.0.113.7"), "203.0.113.7");
        assert_eq!(key("2001:db8:1:2::1"), "2001:db8:1:2::/64");
        assert_eq!(key("2001:db8:1:2:ffff:ffff:ffff:ffff"), "2001:db8:1:2::/64");
        assert_ne!(key("2001:db8:1:3::1"), key("2001:db8:1:2::1"));
    }
}
