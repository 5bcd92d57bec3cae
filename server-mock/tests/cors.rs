//! CORS: only the origins given by flag may call the API cross-origin, with cookies.

use axum::{body::Body, http::Request};
use server_mock::{AppState, app};
use tower::ServiceExt;

async fn preflight(state: AppState, origin: &str) -> axum::http::HeaderMap {
    let request = Request::builder()
        .method("OPTIONS")
        .uri("/api/v1/session")
        .header("origin", origin)
        .header("access-control-request-method", "GET")
        .body(Body::empty())
        .unwrap();
    app(state).oneshot(request).await.unwrap().headers().clone()
}

#[tokio::test]
async fn an_allowed_origin_may_call_with_credentials() {
    let state = AppState {
        cors_origins: ["http://127.0.0.1:4000".to_owned()].into(),
        ..AppState::default()
    };
    let headers = preflight(state, "http://127.0.0.1:4000").await;
    assert_eq!(headers["access-control-allow-origin"], "http://127.0.0.1:4000");
    assert_eq!(headers["access-control-allow-credentials"], "true");
}

#[tokio::test]
async fn any_other_origin_gets_no_cors_grant() {
    let state = AppState {
        cors_origins: ["http://127.0.0.1:4000".to_owned()].into(),
        ..AppState::default()
    };
    let headers = preflight(state.clone(), "http://evil.example").await;
    assert!(headers.get("access-control-allow-origin").is_none());
    let headers = preflight(AppState::default(), "http://127.0.0.1:4000").await;
    assert!(headers.get("access-control-allow-origin").is_none(), "no flag: same origin only");
}

#[tokio::test]
async fn without_an_allowed_origin_no_credentials_are_announced() {
    for origin in ["http://127.0.0.1:4000", "https://evil.example"] {
        let headers = preflight(AppState::default(), origin).await;
        assert!(headers.get("access-control-allow-credentials").is_none(), "{origin}");
    }
}
