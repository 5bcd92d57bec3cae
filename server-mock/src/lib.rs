//! The mock backend: plays the activation API and the three marketplaces for local development and the
//! browser tests.
//!
//! Routes:
//! - `GET /api/health`: liveness, as [`activation_core::api::Health`].
//! - `/api/*` anything else: a JSON 404.
//! - everything else: the built app from `--dist` (if given), with every unknown path answered by
//!   `index.html` (with a fresh CSP nonce for its init script) so client-side routes survive a reload.
//!
//! Run it with `cargo run -p server-mock -- --port 8080 --dist dist`; `cargo xtask run` builds the app
//! first and does exactly that. [`app`] is the test seam: tests call it with `tower::ServiceExt::oneshot`.

mod headers;
mod spa;

use std::path::PathBuf;

use activation_core::api::{Health, HealthStatus, paths};
use axum::{Json, Router, http::StatusCode, response::IntoResponse, routing::get};

/// Everything the routes share.
#[derive(Debug, Clone, Default)]
pub struct AppState {
    /// The folder holding the built app (`index.html`, wasm, JS, CSS); `None` serves only the API.
    pub dist: Option<PathBuf>,
}

/// Builds the whole router: the API, then the built app as the fallback.
pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .route(paths::HEALTH, get(health))
        .route("/api/{*rest}", get(api_not_found).post(api_not_found));
    let router = match &state.dist {
        Some(dist) => api.fallback_service(spa::service(dist.clone())),
        None => api,
    };
    router.layer(axum::middleware::from_fn(headers::security_headers))
}

async fn health() -> Json<Health> {
    Json(Health {
        status: HealthStatus::Ok,
        service: env!("CARGO_PKG_NAME").to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
    })
}

async fn api_not_found() -> impl IntoResponse {
    (
        StatusCode::NOT_FOUND,
        Json(serde_json::json!({ "code": "not_found" })),
    )
}
