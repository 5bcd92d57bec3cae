//! The register path: basic info, company info, activation.

use activation_core::{
    api::{ApiError, Moved, StepAccepted},
    draft::{ActivationDraft, BasicInfoDraft, CompanyDraft},
    flow::Event,
};
use axum::{Json, extract::State, http::HeaderMap, response::Response};

use super::{
    client::{Peer, client_of},
    idempotency::{Fingerprint, idempotent, write_keyed},
    live_session,
};
use crate::{
    AppState,
    access::SessionCookie,
    error::{ApiResult, Body},
    store::{
        self, CodePurpose,
        data::{PendingAccount, PendingCompany},
    },
};

pub async fn basic(
    State(state): State<AppState>,
    SessionCookie(id): SessionCookie,
    peer: Peer,
    Body(draft): Body<BasicInfoDraft>,
) -> ApiResult<Json<StepAccepted>> {
    let now = state.store.now();
    let marketplace =
        state.store.touch(|data| live_session(data, &id, now).map(|s| s.identity.marketplace()))?;
    let info = draft.validate(marketplace)?;
    // Hash before taking the lock: argon2 is the slow part.
    let password_hash = state.store.hash(info.password.expose()).await;
    state.store.write(|data| {
        let next = live_session(data, &id, now)?.next(Event::BasicInfoAccepted)?;
        // "Username taken" and "email taken" tell whether an account exists: limited (SPEC §6).
        let subject = format!("register:{}:{}", info.username.unique_key(), info.email);
        store::charge_lookup(data, &id, &subject, client_of(&peer).as_deref(), now)?;
        // An email of a console account without a Billing Center account is not refused: once the
        // code proves it, the new workspace goes to that account (SPEC §3).
        let owner = store::accounts::registration_owner(data, &info.username, &info.email)?;
        // Back from a later step and Next again: this session has proven the address already (its
        // code is spent), so only a changed email needs a new code.
        let proven =
            live_session(data, &id, now)?.basic.as_ref().is_some_and(|b| b.email == info.email);
        if !proven {
            store::verify_code(
                data,
                &id,
                CodePurpose::Register,
                &info.email,
                info.verification_code.as_str(),
                now,
            )?;
        }
        let session = live_session(data, &id, now)?;
        session.basic = Some(PendingAccount {
            site: info.site,
            username: info.username,
            email: info.email,
            phone: info.phone,
            password_hash,
            guance_owner: owner.clone(),
        });
        session.progress = next;
        let guance_account =
            owner.and_then(|key| data.guance.get(&key)).map(|account| account.username.to_string());
        Ok(Json(StepAccepted { progress: next, guance_account }))
    })
}

pub async fn company(
    State(state): State<AppState>,
    SessionCookie(id): SessionCookie,
    Body(draft): Body<CompanyDraft>,
) -> ApiResult<Json<StepAccepted>> {
    let now = state.store.now();
    let info = draft.validate();
    state.store.write(|data| {
        let session = live_session(data, &id, now)?;
        let next = session.next(Event::CompanyInfoAccepted)?;
        let info = info?;
        session.company = Some(PendingCompany {
            company: info.company_name,
            industry: info.industry,
            contact: info.contact_name,
        });
        session.progress = next;
        Ok(Json(StepAccepted { progress: next, guance_account: None }))
    })
}

pub async fn activate(
    State(state): State<AppState>,
    SessionCookie(id): SessionCookie,
    headers: HeaderMap,
    Body(draft): Body<ActivationDraft>,
) -> ApiResult<Response> {
    let now = state.store.now();
    // Nothing secret in this step's body: all of it is compared.
    let mut fingerprint = Fingerprint::plain(serde_json::to_string(&draft).unwrap_or_default());
    write_keyed(&state.store, &mut fingerprint, |data, fingerprint| {
        idempotent(data, &headers, (&id, now), "activate", fingerprint, |data| {
            let session = live_session(data, &id, now)?;
            // A second click or a reopened link after success gets the same summary.
            if let (true, Some(done)) = (session.progress.activated, &session.finished) {
                return Ok(Moved { answer: done.clone(), progress: session.progress });
            }
            let next = session.next(Event::Activated)?;
            // The machine took the event, so both earlier steps were accepted.
            let (Some(basic), Some(company)) = (session.basic.clone(), session.company.clone())
            else {
                return Err(ApiError::Internal);
            };
            let method = draft.validate(&session.identity)?;
            let account = session.identity.cloud_account();
            let summary = store::accounts::register(data, &basic, &company, method, &account)?;
            // Log in directly may sign the member in only to the console account made here (its
            // password chosen here), never to an existing one whose email a code proved: a bind's
            // "I have a Guance account" proves no more (issue 19, huawei_direct_login.rs).
            let console = basic.username.unique_key();
            let made_here = basic.guance_owner.is_none()
                && data.guance.get(&console).is_some_and(|a| a.email == basic.email);
            if made_here {
                store::partners::link_member(data, &id, &console);
            }
            let session = live_session(data, &id, now)?;
            session.progress = next;
            session.finished = Some(summary.clone());
            Ok(Moved { answer: summary, progress: next })
        })
    })
    .await
}
