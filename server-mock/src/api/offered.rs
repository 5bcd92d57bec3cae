//! After a registration whose email belonged to an existing Guance console account: that account's
//! other workspaces, offered on the Activated screen for binding to the new Billing Center account
//! and the cloud account. Reading and binding them does not move the session (it stays Activated).

use activation_core::{
    api::{ApiError, Workspace, WorkspaceList},
    domain::{CloudAccount, WorkspaceId},
    flow::Step,
};
use axum::{
    Json,
    extract::{Path, State},
};

use super::live_session;
use crate::{
    AppState,
    access::SessionCookie,
    error::ApiResult,
    store::{self, data::ActivationSession},
};

/// Who the offers are for: the console account, the Billing Center account's key, the cloud
/// account and the workspace the registration created; `None` after an ordinary registration.
struct Registered {
    owner: String,
    billing: String,
    account: CloudAccount,
    created: WorkspaceId,
}

fn registered(session: &ActivationSession) -> Result<Option<Registered>, ApiError> {
    session.check(Step::Activated)?;
    let basic = session.basic.as_ref().ok_or(ApiError::Internal)?;
    let Some(owner) = basic.guance_owner.clone() else { return Ok(None) };
    let created = session
        .finished
        .as_ref()
        .and_then(|f| f.workspaces.first())
        .map(|w| w.id.clone())
        .ok_or(ApiError::Internal)?;
    Ok(Some(Registered {
        owner,
        billing: basic.username.unique_key(),
        account: session.identity.cloud_account(),
        created,
    }))
}

pub async fn list(
    State(state): State<AppState>,
    SessionCookie(id): SessionCookie,
) -> ApiResult<Json<WorkspaceList>> {
    let now = state.store.now();
    state.store.touch(|data| {
        let workspaces = match registered(live_session(data, &id, now)?)? {
            Some(r) => store::accounts::offered(data, &r.owner, &r.billing, &r.account, &r.created),
            None => Vec::new(),
        };
        Ok(Json(WorkspaceList { workspaces }))
    })
}

pub async fn bind(
    State(state): State<AppState>,
    SessionCookie(id): SessionCookie,
    Path(workspace_id): Path<String>,
) -> ApiResult<Json<Workspace>> {
    let now = state.store.now();
    let workspace_id = WorkspaceId::parse(&workspace_id).map_err(|_| ApiError::NotFound)?;
    state.store.write(|data| {
        let r = registered(live_session(data, &id, now)?)?.ok_or(ApiError::NotFound)?;
        let view =
            store::accounts::bind_offered(data, &r.owner, &r.billing, &r.account, &workspace_id)?;
        Ok(Json(view))
    })
}
