//! The bind path: Billing Center account, its workspaces, creating one, done.

use activation_core::{
    api::{Activation, ApiError, BoundAccount, Moved, Settlement, Workspace, WorkspaceList},
    domain::{CloudAccount, WorkspaceId},
    draft::{BindAccountDraft, CreateWorkspace, CreateWorkspaceDraft, Owner},
    flow::{CreateTab, Event, Progress, Step},
};
use axum::{
    Json,
    extract::{Path, State},
    http::{HeaderMap, header},
    response::{IntoResponse, Response},
};

use super::{
    client::{Peer, client_of},
    idempotency::{Fingerprint, Keyed, idempotent, write_keyed},
    live_session, not_finished,
};
use crate::{
    AppState,
    access::SessionCookie,
    cookies,
    error::{ApiResult, Body},
    store::{
        self, CodePurpose,
        accounts::{NewWorkspace, add_new_owner, create_workspace, new_workspace_owner, settle},
        data::{ActivationSession, Data},
    },
};

/// The session's bound Billing Center account and cloud account, once the session may be on `step`.
fn bound(session: &ActivationSession, step: Step) -> Result<(String, CloudAccount), ApiError> {
    session.check(step)?;
    let billing = session.billing.clone().ok_or(ApiError::Internal)?;
    Ok((billing, session.identity.cloud_account()))
}

/// Stores the progress the machine gave before the workspace was bound; the answer with it.
fn record_bound(
    data: &mut Data,
    session_id: &str,
    now: u64,
    next: Progress,
    view: Workspace,
) -> Result<Moved<Workspace>, ApiError> {
    live_session(data, session_id, now)?.progress = next;
    Ok(Moved { answer: view, progress: next })
}

pub async fn account(
    State(state): State<AppState>,
    SessionCookie(id): SessionCookie,
    peer: Peer,
    Body(draft): Body<BindAccountDraft>,
) -> ApiResult<Response> {
    let now = state.store.now();
    let form = draft.validate();
    let (new_id, cookie_secs, moved) = state.store.write(|data| {
        let session = live_session(data, &id, now)?;
        let account = session.identity.cloud_account();
        let form = form?;
        let key = form.username.unique_key();
        // This session bound this account already (a retry after a lost answer): its code is
        // spent, and the answer is the same.
        let again = session.billing.as_ref() == Some(&key) && !session.progress.bind_finished;
        let next = if again { session.progress } else { session.next(Event::AccountBound)? };
        // "Unknown account" or not tells whether it exists: limited (SPEC §6).
        store::charge_lookup(
            data,
            &id,
            &format!("billing:{key}"),
            client_of(&peer).as_deref(),
            now,
        )?;
        let email = data.billing.get(&key).ok_or(ApiError::UnknownAccount)?.email.clone();
        if data.billing_of(&account).is_some_and(|bound| bound != &key) {
            return Err(ApiError::CloudAccountAlreadyBound.into());
        }
        if !again {
            store::verify_code(
                data,
                &id,
                CodePurpose::BindAccount,
                &email,
                form.verification_code.as_str(),
                now,
            )?;
        }
        let session = live_session(data, &id, now)?;
        session.billing = Some(key.clone());
        session.progress = next;
        let cookie_secs = session.cookie_secs(now);
        // The session now acts for a Billing Center account: a new ID, the old one ends (SPEC §6).
        let new_id = data.rotate_session(&id).ok_or(ApiError::SessionExpired)?;
        let answer = BoundAccount {
            billing_account: form.username.to_string(),
            workspaces: data.workspaces_of(&key, Some(&account)),
        };
        Ok::<_, crate::error::Failure>((new_id, cookie_secs, Moved { answer, progress: next }))
    })?;
    let cookie = cookies::set(cookies::ACTIVATION, &new_id, cookie_secs);
    Ok(([(header::SET_COOKIE, cookie)], Json(moved)).into_response())
}

pub async fn list(
    State(state): State<AppState>,
    SessionCookie(id): SessionCookie,
) -> ApiResult<Json<WorkspaceList>> {
    let now = state.store.now();
    state.store.touch(|data| {
        let (billing, account) = bound(live_session(data, &id, now)?, Step::BindWorkspaces)?;
        Ok(Json(WorkspaceList { workspaces: data.workspaces_of(&billing, Some(&account)) }))
    })
}

pub async fn workspace(
    State(state): State<AppState>,
    SessionCookie(id): SessionCookie,
    headers: HeaderMap,
    Path(workspace_id): Path<String>,
) -> ApiResult<Response> {
    let now = state.store.now();
    let workspace_id = WorkspaceId::parse(&workspace_id).map_err(|_| ApiError::NotFound)?;
    let mut fingerprint = Fingerprint::plain(workspace_id.as_str());
    write_keyed(&state.store, &mut fingerprint, |data, fingerprint| {
        not_finished(live_session(data, &id, now)?)?;
        idempotent(data, &headers, (&id, now), "bind", fingerprint, |data| {
            let session = live_session(data, &id, now)?;
            let (billing, account) = bound(session, Step::BindWorkspaces)?;
            let next = session.next(Event::WorkspaceBound)?;
            // Another account's workspace is indistinguishable from none at all.
            let workspace = data
                .workspaces
                .get(&workspace_id)
                .filter(|w| w.billing.as_deref() == Some(billing.as_str()))
                .ok_or(ApiError::NotFound)?;
            match &workspace.settled_by {
                Some(by) if by == &account => {
                    let progress = live_session(data, &id, now)?.progress;
                    let view = data.workspaces[&workspace_id].view(Some(&account));
                    return Ok(Moved { answer: view, progress });
                }
                Some(_) => return Err(ApiError::WorkspaceSettledElsewhere),
                None => {}
            }
            if data.billing_of(&account).is_some_and(|b| b != &billing) {
                return Err(ApiError::CloudAccountAlreadyBound);
            }
            let view = settle(data, &workspace_id, &billing, &account);
            record_bound(data, &id, now, next, view)
        })
    })
    .await
}

pub async fn create(
    State(state): State<AppState>,
    SessionCookie(id): SessionCookie,
    peer: Peer,
    headers: HeaderMap,
    Body(draft): Body<CreateWorkspaceDraft>,
) -> ApiResult<Response> {
    let now = state.store.now();
    let marketplace =
        state.store.touch(|data| live_session(data, &id, now).map(|s| s.identity.marketplace()))?;
    let form = draft.validate(marketplace)?;
    let password_hash = match &form.owner {
        Owner::New { password, .. } => Some(state.store.hash(password.expose()).await),
        Owner::Existing { .. } => None,
    };
    let secrets = [&draft.password, &draft.confirm_password, &draft.verification_code]
        .map(String::as_str)
        .join("\n");
    let public = serde_json::to_string(&draft.without_secrets()).unwrap_or_default();
    let mut fingerprint = Fingerprint::with_secrets(&state.store, &headers, public, secrets).await;
    write_keyed(&state.store, &mut fingerprint, |data, fingerprint| {
        let new_password = password_hash.as_deref();
        create_once(data, (&id, now), &headers, fingerprint, &form, &peer, new_password)
    })
    .await
}

/// Create workspace's change, at most once per idempotency key.
fn create_once(
    data: &mut Data,
    (id, now): (&str, u64),
    headers: &HeaderMap,
    fingerprint: &Fingerprint,
    form: &CreateWorkspace,
    peer: &Peer,
    password_hash: Option<&str>,
) -> ApiResult<Keyed> {
    not_finished(live_session(data, id, now)?)?;
    idempotent(data, headers, (id, now), "create", fingerprint, |data| {
        let session = live_session(data, id, now)?;
        let (billing, account) = bound(session, Step::CreateWorkspace(CreateTab::ExistingAccount))?;
        let next = session.next(Event::WorkspaceCreated)?;
        if data.billing_of(&account).is_some_and(|b| b != &billing) {
            return Err(ApiError::CloudAccountAlreadyBound);
        }
        // Its refusals (username or email taken, no account with that email) tell whether an
        // account exists: limited (SPEC §6).
        let subject = match &form.owner {
            Owner::Existing { email } => format!("owner:{email}"),
            Owner::New { username, email, .. } => {
                format!("new_owner:{}:{email}", username.unique_key())
            }
        };
        store::charge_lookup(data, id, &subject, client_of(peer).as_deref(), now)?;
        let (owner_key, email) = new_workspace_owner(data, &form.owner, &form.workspace_name)?;
        store::verify_code(
            data,
            id,
            CodePurpose::CreateWorkspace,
            &email,
            form.verification_code.as_str(),
            now,
        )?;
        add_new_owner(data, &form.owner, &owner_key, password_hash);
        if password_hash.is_some() {
            store::partners::link_member(data, id, &owner_key);
        }
        let new = NewWorkspace {
            name: form.workspace_name.clone(),
            site: form.site,
            language: form.workspace_language,
        };
        let workspace_id = create_workspace(data, new, &owner_key, &billing);
        let view = settle(data, &workspace_id, &billing, &account);
        record_bound(data, id, now, next, view)
    })
}

pub async fn done(
    State(state): State<AppState>,
    SessionCookie(id): SessionCookie,
) -> ApiResult<Json<Moved<Activation>>> {
    let now = state.store.now();
    state.store.write(|data| {
        let session = live_session(data, &id, now)?;
        if let (true, Some(done)) = (session.progress.bind_finished, &session.finished) {
            return Ok(Json(Moved { answer: done.clone(), progress: session.progress }));
        }
        let next = session.next(Event::Done { bound: session.progress.workspaces_bound })?;
        let (billing, account) = bound(session, Step::BindWorkspaces)?;
        let username =
            data.billing.get(&billing).map(|b| b.username.to_string()).unwrap_or_default();
        let summary = Activation {
            billing_account: username,
            workspaces: data.settled_by(&account),
            settlement: Settlement::of(&account),
        };
        let session = live_session(data, &id, now)?;
        session.progress = next;
        session.finished = Some(summary.clone());
        Ok(Json(Moved { answer: summary, progress: next }))
    })
}
