//! Security headers added to every response the mock serves.

use axum::{
    extract::Request,
    http::{HeaderValue, header},
    middleware::Next,
    response::Response,
};
use rand::Rng;

/// What Trunk writes into `<script nonce="…">` and `<style nonce="…">` when `create_nonce` is on.
pub const NONCE_PLACEHOLDER: &str = "{{__TRUNK NONCE__}}";

/// A fresh per-response nonce for the app's inline init script and stylesheet.
#[derive(Debug, Clone, Default)]
pub struct Nonce(pub String);

impl Nonce {
    fn fresh() -> Nonce {
        let bytes: [u8; 16] = rand::rng().random();
        Nonce(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }
}

/// Scripts and styles only from our origin, plus the nonce'd init script and the app's inlined
/// stylesheet (no round trip before the first paint); wasm compilation; no framing.
fn csp(nonce: &Nonce) -> String {
    let nonce = &nonce.0;
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'nonce-{nonce}'; \
         style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Gives the request a nonce, then adds CSP, nosniff, referrer policy and framing protection.
pub async fn security_headers(mut request: Request, next: Next) -> Response {
    let nonce = Nonce::fresh();
    request.extensions_mut().insert(nonce.clone());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&csp(&nonce)) {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// API answers are never cached, by the browser or anything between (a session's context, a
/// DataKit token, a masked email): `Cache-Control: no-store` on every answer under `/api`.
pub async fn no_store(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
