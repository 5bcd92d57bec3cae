//! Serves the built app: static files from `dist/` (precompressed where a `.br` or `.gz` is beside
//! them), and `index.html` for every other path, compressed as it is sent (each response has its
//! own nonce, so there is no file to precompress).

use std::{convert::Infallible, path::PathBuf};

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
    response::{IntoResponse, Response},
};
use tower::{Layer, ServiceExt, service_fn};
use tower_http::{CompressionLevel, compression::CompressionLayer, services::ServeDir};

use crate::headers::{NONCE_PLACEHOLDER, Nonce};

/// Brotli (or gzip) quality for `index.html`, compressed for each response: a fraction of a
/// millisecond for the page and its inline stylesheet, and within about a tenth of the best ratio
/// (docs/performance.md).
const INDEX_QUALITY: i32 = 5;

/// Files as they are; anything that is not a file gets `index.html`.
pub fn service(
    dist: PathBuf,
) -> impl tower::Service<Request<Body>, Response = Response, Error = Infallible, Future: Send>
+ Clone
+ Send {
    let index = dist.join("index.html");
    // Directories are not listed or mapped to their index: "/" must take the nonce path too.
    // `cargo xtask` writes a `.br` and a `.gz` beside each asset; the browser gets the smallest it
    // accepts, still with the asset's own Content-Type (application/wasm: compiled while it streams).
    let files = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false)
        .fallback(CompressionLayer::new().quality(CompressionLevel::Precise(INDEX_QUALITY)).layer(
            service_fn(move |_: Request<Body>| {
                let index = index.clone();
                async move { Ok::<_, Infallible>(index_html(&index).await) }
            }),
        ))
        .map_response(IntoResponse::into_response);
    // Hidden files of the folder (Trunk's `.trunk-lock`, an editor's leftovers) are not the app's.
    service_fn(move |request: Request<Body>| {
        let files = files.clone();
        async move {
            let hidden = |segment: &str| {
                segment.starts_with('.') || segment.to_ascii_lowercase().starts_with("%2e")
            };
            if request.uri().path().split('/').any(hidden) {
                return Ok((StatusCode::NOT_FOUND, "Not found").into_response());
            }
            files.oneshot(request).await
        }
    })
}

/// `index.html` with the init script's nonce placeholder replaced by a fresh nonce, left in the
/// response's extensions for the security-headers middleware to put into the CSP.
async fn index_html(path: &std::path::Path) -> Response {
    match tokio::fs::read_to_string(path).await {
        Ok(html) => {
            let nonce = Nonce::fresh();
            let html = html.replace(NONCE_PLACEHOLDER, &nonce.0);
            let mut response = (
                [
                    (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                    (header::CACHE_CONTROL, "no-cache"),
                ],
                html,
            )
                .into_response();
            response.extensions_mut().insert(nonce);
            response
        }
        Err(_) => {
            (StatusCode::NOT_FOUND, "index.html is missing from the dist folder").into_response()
        }
    }
}
