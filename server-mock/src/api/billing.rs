//! The Billing Center's writes: Change settlement method for one workspace.

use activation_core::{api::Workspace, domain::WorkspaceId, settlement::SettlementDraft};
use axum::{
    Json,
    extract::{Path, State},
};

use super::login::signed_in;
use crate::{
    AppState,
    access::LoginCookie,
    error::{ApiResult, Body},
    store,
};

/// `POST /api/v1/billing/workspaces/{id}/settlement`: the workspace, settled as the dialog chose.
pub async fn settlement(
    State(state): State<AppState>,
    cookie: LoginCookie,
    Path(id): Path<String>,
    Body(draft): Body<SettlementDraft>,
) -> ApiResult<Json<Workspace>> {
    let now = state.store.now();
    let id = WorkspaceId::parse(&id).map_err(|_| activation_core::api::ApiError::NotFound)?;
    let settlement = draft.validate();
    state.store.write(|data| {
        let billing = signed_in(data, &cookie, now)?.username_key;
        let settlement = settlement?;
        Ok(Json(store::settlement::change(data, &billing, &id, &settlement)?))
    })
}
