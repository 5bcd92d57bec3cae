//! Faults for frontend developers and tests: added latency, a random failure rate, "fail the next N
//! requests" and "lose the answers to the next N creates and binds" (`POST /dev/faults`); plus CORS
//! for the origins given by flag.

use std::sync::atomic::{AtomicU32, Ordering};

use activation_core::api::ApiError;
use axum::{
    extract::{MatchedPath, Request, State},
    http::{HeaderValue, Method, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use rand::Rng;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::{AppState, api::OPERATIONS, error::Failure};

/// What goes wrong on purpose.
#[derive(Debug, Default)]
pub struct Faults {
    /// Added before every API answer, in milliseconds.
    pub latency_ms: u64,
    /// Probability (0–1) that an API request fails with 503.
    pub fail_rate: f64,
    /// The next this-many API requests fail with 503.
    pub fail_next: AtomicU32,
    /// The next this-many creates and binds (the routes that honour an idempotency key) are
    /// carried out, then answered 503 as if the response were lost on the way: what a client's
    /// retry with the same key must survive.
    pub drop_next: AtomicU32,
}

impl Faults {
    fn should_fail(&self) -> bool {
        let forced = self
            .fail_next
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok();
        forced || (self.fail_rate > 0.0 && rand::rng().random_bool(self.fail_rate.min(1.0)))
    }

    fn should_drop(&self) -> bool {
        self.drop_next
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok()
    }
}

/// Whether `request` goes to a create or bind: a route that honours an idempotency key.
fn creates_or_binds(request: &Request) -> bool {
    let Some(path) = request.extensions().get::<MatchedPath>() else {
        return false;
    };
    OPERATIONS
        .iter()
        .any(|op| op.idempotent && op.path == path.as_str() && op.method.is(request.method()))
}

/// Middleware on the `/api/v1` routes.
pub async fn inject(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let faults = &state.faults;
    if faults.latency_ms > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(faults.latency_ms)).await;
    }
    if faults.should_fail() {
        return Failure(ApiError::Unavailable).into_response();
    }
    let lose_answer = creates_or_binds(&request) && faults.should_drop();
    let response = next.run(request).await;
    if lose_answer {
        tracing::info!(
            status = response.status().as_u16(),
            "fault: answer dropped after the change"
        );
        return Failure(ApiError::Unavailable).into_response();
    }
    response
}

/// CORS for exactly `origins` (none: same-origin only), with credentials so cookies flow; with no
/// origin allowed, no CORS header at all (credentials allowed for nobody are not announced).
pub fn cors(origins: &[String]) -> CorsLayer {
    let origins: Vec<HeaderValue> =
        origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()).collect();
    let credentials = !origins.is_empty();
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([
            header::CONTENT_TYPE,
            header::HeaderName::from_static(activation_core::api::IDEMPOTENCY_KEY),
            header::HeaderName::from_static(activation_core::api::CLIENT_HEADER),
        ])
        .allow_credentials(credentials)
}
