//! Forgot password? and Forgot username? for both logins: the routes over `store::recovery`.
//!
//! `POST /api/v1/recovery/code` looks the account up (limited per recovery and per client) and
//! mails a code to its email, answering where it went, masked; the recovery's ticket is an HttpOnly
//! cookie, so the code verifies only in the browser that asked for it. `POST
//! /api/v1/recovery/password` takes that code and a new password (core's rules, and neither the
//! account's username nor its email), sets it, ends the account's other logins and signs in.
//! `POST /api/v1/recovery/username` mails the username and answers the same whether or not an
//! account uses the address.

use activation_core::{
    FieldErrors, FieldId,
    api::{ApiError, CodeSent, LoggedIn},
    recovery::{AccountKind, ForgotUsernameDraft, RecoveryCodeRequest, ResetPasswordDraft},
};
use axum::{
    Json,
    extract::State,
    http::{HeaderMap, header},
    response::{AppendHeaders, IntoResponse, Response},
};

use super::client::{Peer, client_of};
use crate::{
    AppState, cookies,
    error::{ApiResult, Body},
    store::{
        self, Asker, CodePurpose,
        data::LoginSession,
        recovery::{self, RECOVERY_SECS},
    },
};

pub async fn code(
    State(state): State<AppState>,
    peer: Peer,
    headers: HeaderMap,
    Body(request): Body<RecoveryCodeRequest>,
) -> ApiResult<Response> {
    let name = request.validate().map_err(ApiError::from)?;
    let now = state.store.now();
    let resend_secs = state.store.code_resend_secs();
    let client = client_of(&peer);
    let held = cookies::get(&headers, cookies::RECOVERY);
    let (ticket, sent) = state.store.write(|data| {
        let ticket =
            held.filter(|t| data.recoveries.contains_key(t)).unwrap_or_else(store::random_token);
        let email =
            recovery::look_up(data, &ticket, request.account, &name, client.as_deref(), now)?;
        let lang = store::MailLang::of(&headers);
        let asker = Asker { session: &ticket, client: client.as_deref(), lang };
        let sent =
            store::send_code(data, asker, CodePurpose::ResetPassword, &email, now, resend_secs)?;
        Ok::<(String, CodeSent), ApiError>((ticket, sent))
    })?;
    let cookie = cookies::set(cookies::RECOVERY, &ticket, RECOVERY_SECS);
    Ok(([(header::SET_COOKIE, cookie)], Json(sent)).into_response())
}

pub async fn password(
    State(state): State<AppState>,
    headers: HeaderMap,
    Body(draft): Body<ResetPasswordDraft>,
) -> ApiResult<Response> {
    let valid = draft.validate().map_err(ApiError::from)?;
    let now = state.store.now();
    let ticket = cookies::get(&headers, cookies::RECOVERY).ok_or(ApiError::CodeNotSent)?;
    let (key, username, email) = state
        .store
        .read(|data| recovery::account_of(data, &ticket, draft.account, &valid.name, now))?;
    // The account's own username and email, not only the one typed.
    let check = valid.new_password.check_against(Some(&username), Some(&email));
    check.map_err(|e| ApiError::from(FieldErrors::single(FieldId::Password, e)))?;
    // The slow hash before the store's lock is taken.
    let hash = state.store.hash(valid.new_password.expose()).await;
    let code = valid.verification_code.as_str().to_owned();
    let token = state.store.write(|data| {
        store::verify_code(data, &ticket, CodePurpose::ResetPassword, &email, &code, now)?;
        recovery::set_password(data, &ticket, draft.account, &key, hash);
        let token = store::random_token();
        let login = LoginSession::new(key.clone(), None, now);
        match draft.account {
            AccountKind::Console => data.logins.insert(token.clone(), login),
            AccountKind::BillingCenter => data.billing_logins.insert(token.clone(), login),
        };
        Ok::<String, ApiError>(token)
    })?;
    let login_cookie = match draft.account {
        AccountKind::Console => cookies::CONSOLE,
        AccountKind::BillingCenter => cookies::BILLING,
    };
    // Appended, not inserted: both cookies go.
    let set = AppendHeaders([
        (
            header::SET_COOKIE,
            cookies::set(login_cookie, &token, activation_core::rules::LOGIN_MAX_SECS),
        ),
        (header::SET_COOKIE, cookies::set(cookies::RECOVERY, "", 0)),
    ]);
    Ok((set, Json(LoggedIn { username: username.to_string() })).into_response())
}

pub async fn username(
    State(state): State<AppState>,
    peer: Peer,
    lang: store::MailLang,
    Body(draft): Body<ForgotUsernameDraft>,
) -> ApiResult<Json<activation_core::recovery::UsernameMailed>> {
    let email = draft.validate().map_err(ApiError::from)?;
    let now = state.store.now();
    let client = client_of(&peer);
    state.store.write(|data| {
        recovery::mail_username(data, draft.account, &email, client.as_deref(), lang, now)
    })?;
    Ok(Json(activation_core::recovery::UsernameMailed { sent_to: email.masked() }))
}
