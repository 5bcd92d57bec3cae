//! Developer pages: the mailbox (HTML and JSON, newest first) and the fault switches.

use std::sync::atomic::Ordering;

use axum::{Json, extract::State, response::Html};
use serde::{Deserialize, Serialize};

use activation_core::api::ApiError;

use crate::{
    AppState,
    error::{Body, Failure},
    market::page,
    routes::{Answer, Input, Method, Operation, Part, schema},
    store::data::Mail,
};

pub const OPERATIONS: &[Operation] = &[
    Operation::new(
        Part::Developer,
        Method::Get,
        "/dev/mailbox",
        "Every email the mock sent, newest first, as a page",
        Input::Nothing,
        Answer::Html,
        |method| method.router(mailbox_page),
    ),
    Operation::new(
        Part::Developer,
        Method::Get,
        "/dev/mailbox.json",
        "Every email the mock sent, newest first",
        Input::Nothing,
        Answer::Json(schema::<Vec<Mail>>),
        |method| method.router(mailbox_json),
    ),
    Operation::new(
        Part::Developer,
        Method::Post,
        "/dev/faults",
        "Fail the next API requests, or lose the answers of the next creates and binds",
        Input::Json(schema::<FaultRequest>),
        Answer::Json(schema::<FaultRequest>),
        |method| method.router(set_faults),
    ),
];

fn newest_first(state: &AppState) -> Vec<Mail> {
    state.store.read(|data| data.mailbox.iter().rev().cloned().collect())
}

async fn mailbox_json(State(state): State<AppState>) -> Json<Vec<Mail>> {
    Json(newest_first(&state))
}

async fn mailbox_page(State(state): State<AppState>) -> Html<String> {
    let mails = newest_first(&state);
    let rows: String = mails
        .iter()
        .map(|m| {
            format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td><code data-testid=\"code\">{}</code></td></tr>",
                page::escape(&m.sent_at),
                page::escape(&m.to),
                page::escape(&m.subject),
                page::escape(&m.code)
            )
        })
        .collect();
    let body = if mails.is_empty() {
        "<p>No email has been sent yet. Press <strong>Send code</strong> in the console.</p>"
            .to_owned()
    } else {
        format!(
            "<table><thead><tr><th>Sent at (UTC)</th><th>To</th><th>Subject</th><th>Code</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    };
    Html(page::render("Mock mailbox", "Every email the mock sent, newest first.", &body))
}

/// The most requests one `POST /dev/faults` can make fail: enough for any test, too few to take
/// the mock down until it restarts.
pub const MAX_FAULTS: u32 = 100;

/// `POST /dev/faults`: each counter given is set; the answer is both counters after the change.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(default)]
struct FaultRequest {
    /// The next this-many API requests fail with 503 without being carried out.
    #[schemars(range(max = 100))]
    fail_next: Option<u32>,
    /// The next this-many creates and binds are carried out, then answered 503.
    #[schemars(range(max = 100))]
    drop_next: Option<u32>,
}

async fn set_faults(
    State(state): State<AppState>,
    Body(request): Body<FaultRequest>,
) -> Result<Json<FaultRequest>, Failure> {
    let over = |n: Option<u32>| n.is_some_and(|n| n > MAX_FAULTS);
    if over(request.fail_next) || over(request.drop_next) {
        return Err(Failure(ApiError::MalformedRequest));
    }
    let faults = &state.faults;
    if let Some(n) = request.fail_next {
        faults.fail_next.store(n, Ordering::SeqCst);
    }
    if let Some(n) = request.drop_next {
        faults.drop_next.store(n, Ordering::SeqCst);
    }
    Ok(Json(FaultRequest {
        fail_next: Some(faults.fail_next.load(Ordering::SeqCst)),
        drop_next: Some(faults.drop_next.load(Ordering::SeqCst)),
    }))
}
