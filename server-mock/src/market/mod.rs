//! The three marketplaces, simulated: their pages (with their own buttons, in their order) and the
//! hand-off endpoints where they send a buyer to us. A hand-off verifies and redeems the marketplace's
//! token exactly once, opens an activation session (cookie), and redirects (303) to a clean app URL;
//! any problem redirects to the app's error page naming it. Tokens never appear in a URL we redirect
//! to, nor in a log line.

mod aliyun;
mod aws;
mod huawei;
mod huawei_authorize;
mod huawei_login;
mod huawei_members;
mod huawei_partner;
pub mod page;

use activation_core::{
    domain::{Identity, Marketplace},
    flow::{Progress, Step, TokenProblem},
    rules,
};
use axum::{
    http::header,
    response::{IntoResponse, Redirect, Response},
};

use crate::{
    cookies,
    routes::{Answer, Input, Method, Operation, Part},
    store::{
        data::{ActivationSession, Data},
        random_token,
    },
};

const STYLESHEET: &[Operation] = &[Operation::new(
    Part::Marketplace,
    Method::Get,
    "/marketplace/sim.css",
    "The simulator pages' stylesheet",
    Input::Nothing,
    Answer::Css,
    |method| method.router(stylesheet),
)];

/// The simulators' routes: their pages and hand-offs.
pub fn operations() -> impl Iterator<Item = &'static Operation> {
    aws::OPERATIONS
        .iter()
        .chain(aliyun::OPERATIONS)
        .chain(huawei::OPERATIONS)
        .chain(huawei_partner::OPERATIONS)
        .chain(huawei_members::OPERATIONS)
        .chain(huawei_authorize::OPERATIONS)
        .chain(huawei_login::OPERATIONS)
        .chain(STYLESHEET)
}

/// The first simulator page of `marketplace`, where a buyer starts.
pub fn simulator_page(marketplace: Marketplace) -> &'static str {
    match marketplace {
        Marketplace::Aws => aws::FIRST,
        Marketplace::Aliyun => aliyun::FIRST,
        Marketplace::Huawei => huawei::FIRST,
    }
}

/// The simulator pages' stylesheet (the CSP forbids inline styles).
async fn stylesheet() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], page::CSS).into_response()
}

/// Opens an activation session for a redeemed identity; returns its ID.
pub fn open_session(data: &mut Data, identity: Identity, now: u64) -> String {
    let already_bound = data.billing_of(&identity.cloud_account()).is_some();
    let progress = Progress::arrive(identity.marketplace(), already_bound);
    let id = random_token();
    data.sessions.insert(
        id.clone(),
        ActivationSession {
            identity,
            created_at: now,
            last_used: now,
            progress,
            basic: None,
            company: None,
            billing: None,
            finished: None,
            member: None,
            codes: Default::default(),
            lookups: Vec::new(),
        },
    );
    id
}

/// The 303 to the app with the new session's cookie, for a buyer `marketplace` handed to us.
pub fn welcome(marketplace: Marketplace, session_id: &str) -> Response {
    tracing::info!(marketplace = marketplace.code(), "marketplace hand-off accepted");
    let cookie = cookies::set(cookies::ACTIVATION, session_id, rules::SESSION_MAX_SECS);
    ([(header::SET_COOKIE, cookie)], Redirect::to(&Step::Arrival.path())).into_response()
}

/// The 303 to the app's page for a hand-off from `marketplace` refused for `problem`: the page
/// names both (what went wrong, and where to go on that marketplace).
pub fn refuse(marketplace: Marketplace, problem: TokenProblem) -> Response {
    tracing::info!(
        marketplace = marketplace.code(),
        problem = problem.code(),
        "marketplace hand-off refused"
    );
    Redirect::to(&problem.page(marketplace)).into_response()
}

/// A hand-off URL asked with the method its marketplace does not use (a `GET` of AWS's form
/// target from a refresh, a bookmark or the back button; a `POST` to a link): no token came, so
/// it is the "missing token" page, never an empty 405.
pub fn without_token(marketplace: Marketplace) -> Response {
    refuse(marketplace, TokenProblem::Missing)
}
