//! `GET /api/v1/session`: what the activation session knows.

use activation_core::api::{BoundSummary, SessionContext};
use axum::{Json, extract::State};

use super::live_session;
use crate::{AppState, access::SessionCookie, error::ApiResult};

pub async fn context(
    State(state): State<AppState>,
    SessionCookie(id): SessionCookie,
) -> ApiResult<Json<SessionContext>> {
    let now = state.store.now();
    // Only the session's last use changes: not worth a state file write.
    state.store.touch(|data| {
        let session = live_session(data, &id, now)?.clone();
        let marketplace = session.identity.marketplace();
        let account = session.identity.cloud_account();
        let already_bound = session.progress.already_bound.then(|| {
            let billing = data.billing_of(&account).cloned().unwrap_or_default();
            BoundSummary {
                billing_account: activation_core::domain::mask_middle(&billing),
                workspaces: data.settled_by(&account),
            }
        });
        let billing_account = session
            .billing
            .as_ref()
            .and_then(|key| data.billing.get(key))
            .map(|b| b.username.to_string());
        Ok(Json(SessionContext {
            sites: marketplace.sites().to_vec(),
            default_site: marketplace.default_site(),
            identity: session.identity,
            progress: session.progress,
            already_bound,
            billing_account,
            finished: session.finished,
            member: session.member,
        }))
    })
}
