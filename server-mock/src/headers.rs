//! Security headers added to every response the mock serves.

use axum::{
    extract::Request,
    http::{HeaderValue, header},
    middleware::Next,
    response::Response,
};

/// What Trunk writes into `<script nonce="…">` and `<style nonce="…">` when `create_nonce` is on.
pub const NONCE_PLACEHOLDER: &str = "{{__TRUNK NONCE__}}";

/// A fresh nonce for one `index.html` response's inline init script and stylesheet: `spa.rs`
/// writes it into the page and leaves it in the response's extensions, where
/// [`security_headers`] finds it for the CSP.
#[derive(Debug, Clone)]
pub struct Nonce(pub String);

impl Nonce {
    pub fn fresh() -> Nonce {
        Nonce(crate::store::random_token())
    }
}

/// The policy's first directives: scripts from our origin, and wasm compilation.
macro_rules! csp_scripts {
    () => {
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"
    };
}
/// The policy's last directives: images, calls, forms and framing.
macro_rules! csp_rest {
    () => {
        "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    };
}

/// The policy of every answer without inline code (the API, the simulators, the assets): scripts
/// and styles from our origin only.
const CSP: &str = concat!(csp_scripts!(), "; style-src 'self'; ", csp_rest!());

/// `index.html`'s policy: [`CSP`] plus its nonce'd init script and inlined stylesheet (no round
/// trip before the first paint).
fn csp_with(nonce: &Nonce) -> String {
    let nonce = &nonce.0;
    format!(
        concat!(
            csp_scripts!(),
            " 'nonce-{nonce}'; style-src 'self' 'nonce-{nonce}'; ",
            csp_rest!()
        ),
        nonce = nonce
    )
}

/// Adds CSP (with the nonce of an `index.html` response), nosniff, referrer policy and framing
/// protection to every answer. Only `index.html` carries inline code, so only it costs a nonce:
/// the API's answers take the static policy.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let csp = match response.extensions_mut().remove::<Nonce>() {
        Some(nonce) => HeaderValue::from_str(&csp_with(&nonce)).ok(),
        None => Some(HeaderValue::from_static(CSP)),
    };
    let headers = response.headers_mut();
    if let Some(value) = csp {
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
