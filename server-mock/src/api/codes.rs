//! `POST /api/v1/codes`: email a verification code. The answer may tell whether an account exists
//! (an address taken, bind-account's masked email): each such look is counted against the
//! session's and the client's hourly limit first.

use activation_core::{
    FieldErrors, FieldId,
    api::{ApiError, CodeSent, SendCodeRequest},
    domain::{Email, Username},
};
use axum::{Json, extract::State};

use super::{
    client::{Peer, client_of},
    live_session, not_finished,
};
use crate::{
    AppState,
    access::SessionCookie,
    error::{ApiResult, Body},
    store::{self, Asker, CodePurpose, MailLang},
};

fn email(value: &str) -> Result<Email, ApiError> {
    Email::parse(value).map_err(|e| FieldErrors::single(FieldId::Email, e).into())
}

pub async fn send(
    State(state): State<AppState>,
    SessionCookie(id): SessionCookie,
    peer: Peer,
    lang: MailLang,
    Body(request): Body<SendCodeRequest>,
) -> ApiResult<Json<CodeSent>> {
    let now = state.store.now();
    let resend_secs = state.store.code_resend_secs();
    let client = client_of(&peer);
    let client = client.as_deref();
    state.store.write(|data| {
        not_finished(live_session(data, &id, now)?)?;
        let (purpose, to) = match &request {
            SendCodeRequest::Register { email: typed } => {
                let to = email(typed)?;
                store::charge_lookup(data, &id, &format!("email:{to}"), client, now)?;
                // A console account without a Billing Center account may register (SPEC §3).
                if store::accounts::email_has_billing_account(data, &to) {
                    return Err(ApiError::EmailTaken.into());
                }
                (CodePurpose::Register, to)
            }
            SendCodeRequest::BindAccount { username } => {
                let username = Username::parse(username)
                    .map_err(|e| ApiError::from(FieldErrors::single(FieldId::Username, e)))?;
                let subject = format!("billing:{}", username.unique_key());
                store::charge_lookup(data, &id, &subject, client, now)?;
                let account =
                    data.billing.get(&username.unique_key()).ok_or(ApiError::UnknownAccount)?;
                (CodePurpose::BindAccount, account.email.clone())
            }
            SendCodeRequest::CreateWorkspace { email: typed } => {
                (CodePurpose::CreateWorkspace, email(typed)?)
            }
        };
        let asker = Asker { session: &id, client, lang };
        Ok(Json(store::send_code(data, asker, purpose, &to, now, resend_secs)?))
    })
}
