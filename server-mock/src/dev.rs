//! Developer pages: the mailbox (HTML and JSON, newest first) and the fault switch.

use axum::{
    Json, Router,
    extract::State,
    response::Html,
    routing::{get, post},
};
use serde::Deserialize;

use crate::{AppState, market::page, store::data::Mail};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/dev/mailbox", get(mailbox_page))
        .route("/dev/mailbox.json", get(mailbox_json))
        .route("/dev/faults", post(set_faults))
}

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

#[derive(Debug, Deserialize)]
struct FaultRequest {
    fail_next: u32,
}

async fn set_faults(State(state): State<AppState>, Json(request): Json<FaultRequest>) -> Json<u32> {
    state.faults.fail_next.store(request.fail_next, std::sync::atomic::Ordering::SeqCst);
    Json(request.fail_next)
}
