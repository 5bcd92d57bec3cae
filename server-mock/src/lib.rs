//! The mock backend: plays the activation API and the three marketplaces for local development and
//! the browser tests. A faithful simulator, not a stub: what the real backend would refuse, it refuses,
//! with core's error codes.
//!
//! Routes:
//! - `GET /api/health`: liveness, as [`activation_core::api::Health`].
//! - `GET /api/openapi.json`: the OpenAPI document, generated from the route table and core's types.
//! - `/api/v1/*`: the activation API, paths in [`activation_core::api::paths`].
//! - `GET /marketplace/{aws,aliyun,huawei}`: simulator pages with the marketplace's own buttons.
//! - `/handoff/{aws,aliyun,huawei}`: where a marketplace hands a buyer to us; redeems the token once,
//!   opens an activation session (cookie) and redirects (303) to a clean app URL.
//! - `GET /dev/mailbox` (HTML) and `/dev/mailbox.json`: every email sent, newest first.
//! - `POST /dev/faults`: make the next N API requests fail with 503 (for the UI's Try again), or
//!   carry out the next N creates and binds and then answer 503 (a lost answer, for retries).
//! - everything else: the built app from `--dist` (if given), with every unknown path answered by
//!   `index.html` (with a fresh CSP nonce for its init script) so client-side routes survive a reload.
//!
//! Run it with `cargo run -p server-mock -- --port 8080 --dist dist` (`--help` lists the flags);
//! `cargo xtask run` builds the app first and does exactly that. [`app`] is the test seam: tests call
//! it with `tower::ServiceExt::oneshot`.

pub mod access;
pub mod api;
pub mod clock;
mod cookies;
mod dev;
pub mod error;
mod faults;
mod headers;
mod market;
pub mod openapi;
pub mod origin;
pub mod routes;
mod spa;
pub mod store;

use std::{path::Path, sync::Arc};

use activation_core::api::{ApiError, Health, HealthStatus, paths};
use axum::{Json, Router};
use routes::{Answer, Input, Method, Operation, Part, schema};

pub use faults::Faults;
pub use market::{open_session, simulator_page};
pub use store::Store;

/// Everything the routes share. Cloned for every request (each middleware and handler takes its
/// own copy), so every field is a shared pointer: a clone is a few reference counts, not a copy of
/// the lists and strings.
#[derive(Debug, Clone)]
pub struct AppState {
    pub store: Arc<Store>,
    pub faults: Arc<Faults>,
    /// The folder holding the built app (`index.html`, wasm, JS, CSS); `None` serves only the API.
    pub dist: Option<Arc<Path>>,
    /// Origins allowed to call the API cross-origin (the wasm test runner's).
    pub cors_origins: Arc<[String]>,
    /// The `Host` values the developer pages and simulators answer ([`origin::known_host`]): the
    /// mock's own addresses ([`origin::loopback_hosts`]) and those of `--allow-host`.
    pub hosts: Arc<[String]>,
    /// The secret the Alibaba simulator signs its hand-offs with (`--aliyun-secret`, else random).
    pub aliyun_secret: Arc<str>,
}

impl Default for AppState {
    fn default() -> AppState {
        AppState::new(Store::in_memory())
    }
}

impl AppState {
    /// A state over `store`, without faults, app files or CORS, answering the developer pages and
    /// simulators on the loopback names without a port, with a random Alibaba secret.
    pub fn new(store: Store) -> AppState {
        AppState {
            store: Arc::new(store),
            faults: Arc::new(Faults::default()),
            dist: None,
            cors_origins: Arc::from([]),
            hosts: origin::loopback_hosts(None).into(),
            aliyun_secret: store::random_token().into(),
        }
    }
}

/// The routes about the service itself, which no fault flag slows or fails.
pub const SERVICE: &[Operation] = &[
    Operation::new(
        Part::Api,
        Method::Get,
        paths::HEALTH,
        "Liveness",
        Input::Nothing,
        Answer::Json(schema::<Health>),
        |method| method.router(health),
    ),
    Operation::new(
        Part::Api,
        Method::Get,
        paths::OPENAPI,
        "This document",
        Input::Nothing,
        Answer::Json(schema::<serde_json::Value>),
        |method| method.router(openapi::serve),
    ),
];

/// Every route the mock serves (the built app's files aside), in the document's order: the tables
/// [`app`] serves and [`openapi`] documents.
pub fn operations() -> impl Iterator<Item = &'static Operation> {
    SERVICE.iter().chain(api::OPERATIONS).chain(market::operations()).chain(dev::OPERATIONS)
}

/// Builds the whole router from the route tables ([`operations`]): the API, the marketplaces,
/// the dev pages, then the built app.
pub fn app(state: AppState) -> Router {
    let api = routes::router(api::OPERATIONS)
        .route_layer(axum::middleware::from_fn_with_state(state.clone(), faults::inject))
        .route_layer(axum::middleware::from_fn_with_state(state.clone(), origin::same_origin))
        .merge(routes::router(SERVICE))
        .route("/api/{*rest}", axum::routing::any(api_not_found))
        .method_not_allowed_fallback(api_method_not_allowed)
        .layer(faults::cors(&state.cors_origins))
        .layer(axum::middleware::from_fn(headers::no_store));
    // The pages only a developer on this machine opens; the hand-offs are for any marketplace.
    let local = market::operations().filter(|op| op.part != Part::Handoff).chain(dev::OPERATIONS);
    let handoffs = market::operations().filter(|op| op.part == Part::Handoff);
    let known_host = axum::middleware::from_fn_with_state(state.clone(), origin::known_host);
    let mut router = Router::new()
        .merge(api)
        .merge(routes::router(local).route_layer(known_host))
        .merge(routes::router(handoffs));
    if let Some(dist) = &state.dist {
        router = router.fallback_service(spa::service(dist.to_path_buf()));
    }
    router
        .layer(error::internal_error_on_panic())
        .layer(axum::middleware::from_fn(headers::security_headers))
        .with_state(state)
}

async fn health() -> Json<Health> {
    Json(Health {
        status: HealthStatus::Ok,
        service: env!("CARGO_PKG_NAME").to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
    })
}

async fn api_not_found() -> error::Failure {
    error::Failure(ApiError::NotFound)
}

/// A known API path with a method it does not take: the error body, not axum's empty 405 (axum
/// still adds the `Allow` header).
async fn api_method_not_allowed() -> error::Failure {
    error::Failure(ApiError::MethodNotAllowed)
}
