//! Oneshot tests of the mock's routing: no sockets.

use activation_core::api::{Health, HealthStatus, paths};
use axum::{body::Body, http::Request, http::StatusCode};
use http_body_util::BodyExt;
use server_mock::{AppState, app};
use tower::ServiceExt;

fn with_dist(dist: &Dist) -> AppState {
    AppState { dist: Some(dist.path().into()), ..AppState::default() }
}

async fn get(state: AppState, uri: &str) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let response =
        app(state).oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, headers, body)
}

#[tokio::test]
async fn health_answers_ok_with_the_shared_type() {
    let (status, _, body) = get(AppState::default(), paths::HEALTH).await;
    assert_eq!(status, StatusCode::OK);
    let health: Health = serde_json::from_slice(&body).unwrap();
    assert_eq!(health.status, HealthStatus::Ok);
    assert_eq!(health.service, "server-mock");
}

#[tokio::test]
async fn an_unknown_api_path_is_a_json_404_not_the_app() {
    let dist = fixture_dist();
    let (status, headers, body) = get(with_dist(&dist), "/api/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(body, br#"{"code":"not_found"}"#);
}

#[tokio::test]
async fn client_side_routes_get_index_html() {
    let dist = fixture_dist();
    let (status, headers, body) = get(with_dist(&dist), "/register/basic").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers["content-type"].to_str().unwrap().starts_with("text/html"));
    let html = String::from_utf8(body).unwrap();
    assert!(html.starts_with("<!doctype html><title>fixture</title>"), "{html}");
}

#[tokio::test]
async fn hidden_files_of_the_app_folder_are_not_served() {
    let dist = fixture_dist();
    std::fs::write(dist.path().join(".trunk-lock"), "LOCK-CONTENTS").unwrap();
    std::fs::create_dir_all(dist.path().join(".git")).unwrap();
    std::fs::write(dist.path().join(".git").join("config"), "GIT-CONTENTS").unwrap();
    for uri in ["/.trunk-lock", "/.git/config", "/%2etrunk-lock", "/split-1/../.trunk-lock"] {
        let (status, _, body) = get(with_dist(&dist), uri).await;
        let body = String::from_utf8_lossy(&body).into_owned();
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}: {body}");
        assert!(!body.contains("CONTENTS"), "{uri}: {body}");
    }
    let (status, _, _) = get(with_dist(&dist), "/app_bg.wasm").await;
    assert_eq!(status, StatusCode::OK, "the app's own files still are");
}

/// A GET of `uri` from `dist`, with `Accept-Encoding: accept` if there is one: the answer's headers
/// and its body as it came (compressed or not).
async fn get_accepting(
    dist: &Dist,
    uri: &str,
    accept: Option<&str>,
) -> (axum::http::HeaderMap, axum::body::Bytes) {
    let mut request = Request::get(uri);
    if let Some(accept) = accept {
        request = request.header("accept-encoding", accept);
    }
    let response =
        app(with_dist(dist)).oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
    let headers = response.headers().clone();
    (headers, response.into_body().collect().await.unwrap().to_bytes())
}

fn content_encoding(headers: &axum::http::HeaderMap) -> Option<&str> {
    headers.get("content-encoding").map(|v| v.to_str().unwrap())
}

/// The nonce `html` carries on its inline scripts, stylesheet and Trunk's preloads, after checking
/// that it is the one the CSP names for scripts and styles.
fn checked_nonce(uri: &str, headers: &axum::http::HeaderMap, html: &str) -> String {
    let nonce =
        html.split("nonce=\"").nth(1).and_then(|rest| rest.split('"').next()).unwrap().to_owned();
    assert!(!html.contains("__TRUNK NONCE__"), "{uri}: placeholder left in {html}");
    assert_eq!(nonce.len(), 32, "{uri}: {nonce}");
    let csp = headers["content-security-policy"].to_str().unwrap();
    // Every element Trunk gave a nonce carries this one, and both directives name it.
    let placeholders = INDEX.matches("nonce=\"{{__TRUNK NONCE__}}\"").count();
    assert_eq!(html.matches("nonce=\"").count(), placeholders, "{uri}: {html}");
    assert_eq!(html.matches(&format!("nonce=\"{nonce}\"")).count(), placeholders, "{uri}: {html}");
    for directive in ["script-src", "style-src"] {
        let sources = csp
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with(directive))
            .unwrap_or_else(|| panic!("{uri}: no {directive} in {csp}"));
        assert!(sources.contains(&format!("'nonce-{nonce}'")), "{uri}: {sources}");
    }
    assert!(!csp.contains("unsafe-inline"), "{uri}: {csp}");
    nonce
}

#[tokio::test]
async fn the_init_script_and_stylesheet_nonce_is_fresh_and_matches_the_csp() {
    let dist = fixture_dist();
    let mut seen = Vec::new();
    for uri in ["/", "/some/client/route"] {
        let (_, headers, body) = get(with_dist(&dist), uri).await;
        seen.push(checked_nonce(uri, &headers, &String::from_utf8(body).unwrap()));
    }
    assert_ne!(seen[0], seen[1], "a nonce must not be reused");
}

#[tokio::test]
async fn index_html_is_compressed_for_browsers_that_accept_it_with_its_own_nonce() {
    use std::io::Read;
    let dist = fixture_dist();
    for (accept, encoding) in
        [(Some("gzip, deflate, br"), Some("br")), (Some("gzip"), Some("gzip")), (None, None)]
    {
        let (headers, body) = get_accepting(&dist, "/activate", accept).await;
        assert!(headers["content-type"].to_str().unwrap().starts_with("text/html"), "{accept:?}");
        assert_eq!(content_encoding(&headers), encoding, "{accept:?}");
        assert_eq!(headers["vary"], "accept-encoding", "{accept:?}");
        let mut html = String::new();
        match encoding {
            Some("br") => {
                brotli_decompressor::Decompressor::new(&body[..], 4096).read_to_string(&mut html)
            }
            Some(_) => flate2::read::GzDecoder::new(&body[..]).read_to_string(&mut html),
            None => (&body[..]).read_to_string(&mut html),
        }
        .unwrap();
        assert!(html.starts_with("<!doctype html><title>fixture</title>"), "{accept:?}: {html}");
        checked_nonce(&format!("{accept:?}"), &headers, &html);
    }
}

/// The glue and the chunk loader are module scripts: with `nosniff`, a browser runs them only
/// when they come as JavaScript, from the split's folder as from the top.
#[tokio::test]
async fn the_glue_and_the_loader_are_served_as_javascript_from_their_folder() {
    let dist = fixture_dist();
    for path in ["/split-1/app.js", "/split-1/__wasm_split.js"] {
        let (status, headers, body) = get(with_dist(&dist), path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(headers["content-type"], "text/javascript", "{path}");
        assert_eq!(body, GLUE, "{path}");
    }
}

#[tokio::test]
async fn wasm_is_served_as_application_wasm() {
    let dist = fixture_dist();
    let (status, headers, body) = get(with_dist(&dist), "/app_bg.wasm").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "application/wasm");
    assert_eq!(body, WASM);
}

#[tokio::test]
async fn precompressed_wasm_goes_to_browsers_that_accept_it_still_as_application_wasm() {
    let dist = fixture_dist();
    std::fs::write(dist.path().join("app_bg.wasm.br"), b"brotli bytes").unwrap();
    std::fs::write(dist.path().join("app_bg.wasm.gz"), b"gzip bytes").unwrap();
    for (accept, encoding, body) in [
        (Some("gzip, deflate, br"), Some("br"), &b"brotli bytes"[..]),
        (Some("gzip, deflate"), Some("gzip"), &b"gzip bytes"[..]),
        (None, None, WASM),
    ] {
        let (headers, served) = get_accepting(&dist, "/app_bg.wasm", accept).await;
        assert_eq!(headers["content-type"], "application/wasm", "{accept:?}");
        assert_eq!(content_encoding(&headers), encoding, "{accept:?}");
        assert_eq!(&served[..], body, "{accept:?}");
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let dist = fixture_dist();
    for uri in [
        paths::HEALTH,
        "/api/nope",
        "/api/v1/session",
        "/",
        "/app_bg.wasm",
        "/marketplace/aws",
        "/dev/mailbox",
        "/dev/mailbox.json",
        "/api/openapi.json",
    ] {
        let (_, headers, _) = get(with_dist(&dist), uri).await;
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("'wasm-unsafe-eval'"), "{uri}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{uri}: {csp}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{uri}");
        assert_eq!(headers["referrer-policy"], "no-referrer", "{uri}");
        assert!(!csp.contains("script-src 'self' 'unsafe-inline'"), "{uri}: {csp}");
        // Only the app's page has inline code, so only its answer names a nonce; the others
        // allow no inline script or style at all.
        assert_eq!(csp.contains("'nonce-"), uri == "/", "{uri}: {csp}");
    }
}

/// The shape of the built `index.html` (Trunk's, after the split hook, `xtask/src/split.rs`): an
/// inline script and stylesheet, Trunk's module script and its preloads, each with Trunk's nonce
/// placeholder.
const INDEX: &str = concat!(
    "<!doctype html><title>fixture</title>",
    "<script nonce=\"{{__TRUNK NONCE__}}\">early()</script>",
    "<style nonce=\"{{__TRUNK NONCE__}}\">p{}</style>",
    "<script type=\"module\" nonce=\"{{__TRUNK NONCE__}}\">import init from '/split-1/app.js';</script>",
    "<link rel=\"modulepreload\" nonce=\"{{__TRUNK NONCE__}}\" href=\"/split-1/app.js\" crossorigin=\"anonymous\" integrity=\"sha384-g\">",
    "<link rel=\"preload\" nonce=\"{{__TRUNK NONCE__}}\" href=\"/app_bg.wasm\" crossorigin=\"anonymous\" integrity=\"sha384-w\" as=\"fetch\" type=\"application/wasm\">",
);
const WASM: &[u8] = b"\0asm\x01\0\0\0";
const GLUE: &[u8] = b"export {};";

/// A throwaway `dist/` folder, removed when dropped.
type Dist = tempfile::TempDir;

fn fixture_dist() -> Dist {
    let dist = tempfile::Builder::new().prefix("server-mock-dist-").tempdir().unwrap();
    let dir = dist.path();
    std::fs::write(dir.join("index.html"), INDEX).unwrap();
    std::fs::write(dir.join("app_bg.wasm"), WASM).unwrap();
    std::fs::create_dir_all(dir.join("split-1")).unwrap();
    for script in ["app.js", "__wasm_split.js"] {
        std::fs::write(dir.join("split-1").join(script), GLUE).unwrap();
    }
    dist
}
