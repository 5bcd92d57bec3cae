//! End-to-end journeys in headless Chromium: the harness and its fixtures.
//!
//! Every journey gets its own world: the real `server-mock` binary serving the release build in
//! `dist/` (`--port 0 --dist dist --seed demo`, plus a state file the checks read), its own
//! ChromeDriver on a free port and a fresh Chromium profile. Journeys share nothing, so they can run
//! in parallel and in any order. Fixtures are split the way leptos'
//! `examples/todo_app_sqlite_csr/e2e` splits them: [`find`] elements as a user would (label, button
//! text, `data-testid`), [`act`] on them (type, click, keys), [`check`] what the page or the mock
//! shows (polling with a deadline, never a fixed sleep). [`market`] walks the simulators' pages and
//! [`flows`] the screens several journeys cross. [`run_through_trunk_serve`] is the other world:
//! the developer's loop, `trunk serve`'s debug build in front of a mock on Trunk.toml's port
//! ([`trunk`]).
//!
//! The library is also what the tools outside the browser use: [`Mock`] is the one way to start
//! the mock and read its address, [`http`] the one HTTP client, [`browser::chromium_args`] the
//! Chromium flags (the wasm tests' `webdriver.json`). The binaries `bench` and `conformance`
//! (schemathesis) are run by `cargo xtask bench`, `test` and `hardening`.
//!
//! A failed journey leaves `target/e2e-failures/<name>.png` (screenshot) and `<name>.txt` (URL, the
//! page's text, the mock's log, and `trunk serve`'s).
//!
//! ```text
//! trunk build --release && cargo build -p server-mock && cargo test -p e2e   # or: cargo xtask test
//! cargo test -p e2e --test dev_loop         # trunk and wasm-bindgen on PATH, port 8080 free
//! ```
//! Environment: `E2E_MOCK_BIN` (default `target/debug/server-mock`), `E2E_TIMEOUT_SECS` (how long a
//! wait may take, default 20), `E2E_BUILD_SECS` (how long `trunk serve`'s first build may take,
//! default 900).

pub mod act;
pub mod axe;
pub mod browser;
pub mod check;
pub mod find;
pub mod flows;
pub mod http;
pub mod market;
mod mock;
pub mod trunk;

use std::{
    future::Future,
    path::{Path, PathBuf},
    sync::Arc,
    time::Duration,
};

pub use anyhow::{Context, Result, bail, ensure};
pub use fantoccini::{Client, elements::Element, key::Key};
pub use mock::Mock;

/// The workspace root (where `dist/` and `target/` are).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("e2e lives in the workspace").to_owned()
}

/// How long any one wait may take before the journey fails.
pub fn timeout() -> Duration {
    let secs = std::env::var("E2E_TIMEOUT_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(20);
    Duration::from_secs(secs)
}

/// A journey that takes longer than this has hung (each wait inside it is bounded by [`timeout`]).
const JOURNEY_LIMIT: Duration = Duration::from_secs(240);

/// What a journey works with: the browser and the mock.
#[derive(Clone)]
pub struct Journey {
    /// The browser (a WebDriver session).
    pub c: Client,
    pub mock: Arc<Mock>,
    /// Where the browser opens pages: the mock serving the release build, or `trunk serve` in
    /// front of the mock ([`run_through_trunk_serve`]).
    pub origin: String,
}

impl Journey {
    /// Opens `path` (an app route, a simulator page) in the browser.
    pub async fn open(&self, path: &str) -> Result<()> {
        let url = format!("{}{path}", self.origin);
        self.c.goto(&url).await.with_context(|| format!("open {url}"))
    }
}

/// Runs one journey in its own world: a fresh mock (with `--seed demo`), ChromeDriver and Chromium.
pub async fn run<F, Fut>(name: &'static str, body: F)
where
    F: FnOnce(Journey) -> Fut,
    Fut: Future<Output = Result<()>> + Send + 'static,
{
    run_with(name, &[], body).await;
}

/// [`run`], with extra flags for the mock (e.g. `--code-cooldown 2`).
pub async fn run_with<F, Fut>(name: &'static str, mock_args: &[&str], body: F)
where
    F: FnOnce(Journey) -> Fut,
    Fut: Future<Output = Result<()>> + Send + 'static,
{
    let work = work_dir(name);
    let mock = Mock::start(&work, mock_args).unwrap_or_else(|e| panic!("{name}: {e:#}"));
    let origin = mock.url().to_owned();
    journey(name, &work, Arc::new(mock), origin, None, None, body).await;
}

/// [`run`], in a browser whose preferred languages are `languages` (e.g. `zh-CN,zh`).
pub async fn run_in_browser_languages<F, Fut>(name: &'static str, languages: &str, body: F)
where
    F: FnOnce(Journey) -> Fut,
    Fut: Future<Output = Result<()>> + Send + 'static,
{
    let work = work_dir(name);
    let mock = Mock::start(&work, &[]).unwrap_or_else(|e| panic!("{name}: {e:#}"));
    let origin = mock.url().to_owned();
    journey(name, &work, Arc::new(mock), origin, None, Some(languages), body).await;
}

/// [`run`], with the app served by `trunk serve` (its debug build, rebuilt on save) in front of a
/// mock that serves no app, as in the frontend developer's loop: the browser sees only `trunk
/// serve`, which proxies the simulators, hand-offs and API to the mock (`Trunk.toml`). Needs
/// `trunk` and `wasm-bindgen` on PATH, and Trunk.toml's backend port free.
pub async fn run_through_trunk_serve<F, Fut>(name: &'static str, body: F)
where
    F: FnOnce(Journey) -> Fut,
    Fut: Future<Output = Result<()>> + Send + 'static,
{
    let work = work_dir(name);
    let mock = trunk::backend(&work).unwrap_or_else(|e| panic!("{name}: {e:#}"));
    let trunk = trunk::Serve::start(&work).await.unwrap_or_else(|e| panic!("{name}: {e:#}"));
    let origin = trunk.url.clone();
    journey(name, &work, Arc::new(mock), origin, Some(&trunk), None, body).await;
}

/// A fresh folder for the journey's files (the mock's state, ChromeDriver's log).
fn work_dir(name: &str) -> PathBuf {
    let work = root().join("target/e2e-tmp").join(name);
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).expect("cannot create the journey's folder under target/");
    work
}

/// Runs `body` with a fresh ChromeDriver and Chromium against `mock`, the pages opened at
/// `origin`; on failure, saves what the browser shows and panics.
async fn journey<F, Fut>(
    name: &'static str,
    work: &Path,
    mock: Arc<Mock>,
    origin: String,
    trunk: Option<&trunk::Serve>,
    languages: Option<&str>,
    body: F,
) where
    F: FnOnce(Journey) -> Fut,
    Fut: Future<Output = Result<()>> + Send + 'static,
{
    let driver = browser::Driver::start(work).await.unwrap_or_else(|e| panic!("{name}: {e:#}"));
    let c =
        browser::connect_in(&driver, languages).await.unwrap_or_else(|e| panic!("{name}: {e:#}"));
    let journey = Journey { c: c.clone(), mock: mock.clone(), origin };
    // Spawned, so a panic inside the journey (an assert) still leaves us the browser to photograph.
    let mut task = tokio::spawn(body(journey));
    let failure = match tokio::time::timeout(JOURNEY_LIMIT, &mut task).await {
        Ok(Ok(Ok(()))) => None,
        Ok(Ok(Err(error))) => Some(format!("{error:#}")),
        Ok(Err(join)) if join.is_panic() => Some(panic_text(join.into_panic())),
        Ok(Err(join)) => Some(join.to_string()),
        Err(_) => {
            task.abort();
            Some(format!("the journey took longer than {} s", JOURNEY_LIMIT.as_secs()))
        }
    };
    if let Some(failure) = &failure {
        let mut logs = format!("--- mock log ---\n{}", mock.log());
        if let Some(trunk) = trunk {
            logs.push_str(&format!("\n--- trunk serve log ---\n{}", trunk.log()));
        }
        let saved = save_failure(name, &c, failure, &logs).await;
        let _ = c.close().await;
        drop(driver);
        panic!("journey {name} failed: {failure}\n{saved}");
    }
    c.close().await.unwrap_or_else(|e| panic!("{name}: closing the browser: {e}"));
    drop(driver);
    let _ = std::fs::remove_dir_all(work);
    // A failure report from an earlier run would only mislead now.
    for ext in ["png", "txt"] {
        let _ = std::fs::remove_file(root().join(format!("target/e2e-failures/{name}.{ext}")));
    }
}

fn panic_text(payload: Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

/// Saves the screenshot and the page's text; says where.
async fn save_failure(name: &str, c: &Client, failure: &str, logs: &str) -> String {
    let dir = root().join("target/e2e-failures");
    let _ = std::fs::create_dir_all(&dir);
    let png = dir.join(format!("{name}.png"));
    let txt = dir.join(format!("{name}.txt"));
    if let Ok(shot) = c.screenshot().await {
        let _ = std::fs::write(&png, shot);
    }
    let url = c.current_url().await.map(|u| u.to_string()).unwrap_or_default();
    let text = c
        .execute("return document.body ? document.body.innerText : ''", vec![])
        .await
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let report = format!(
        "journey: {name}\nfailure: {failure}\nurl: {url}\n\n--- page text ---\n{text}\n\n{logs}"
    );
    let _ = std::fs::write(&txt, report);
    format!("screenshot: {}\npage text: {}", png.display(), txt.display())
}

/// A short random lower-case hex string, for usernames, emails and workspace names no other
/// journey uses.
pub fn unique() -> String {
    use rand::Rng;
    format!("{:08x}", rand::rng().random::<u32>())
}
