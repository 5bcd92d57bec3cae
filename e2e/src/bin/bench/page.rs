//! Cold-cache loads in headless Chromium of the page a buyer lands on: the AWS hand-off is made over
//! HTTP (a server round trip, which the load figures cover), its session cookie given to the
//! browser, then the app URL the hand-off redirects to is opened. Before it, the same browser opens
//! the AWS simulator's page (plain server-rendered HTML, no wasm), whose first paint is the floor
//! any page has here. Then client-side step transitions on the Choose page.
//!
//! Two kinds of browser: [`Browser::Warm`], one running Chromium whose HTTP cache is switched off
//! through DevTools (`Network.setCacheDisabled`), every run in a new tab, so every run fetches,
//! decodes and compiles every file again, as a customer's already open browser does on a first
//! visit; and [`Browser::Fresh`], a new Chromium process with a new profile for every run, whose
//! figures include the browser's own start-up (its first page paints late whatever the page is).
//!
//! The new tab matters: it gets a new renderer process. In the same tab, V8 takes the wasm modules
//! from its in-process cache of the run before (a Chromium trace shows `CacheHit` and not one of
//! the ~970 `wasm.CompileLazy` a first visit runs on the main thread), so the page starts sooner
//! than any customer's does.

use std::collections::HashSet;

use anyhow::{Context, Result, bail, ensure};
use e2e::{Client, Mock, browser::Driver, check, find, market};
use rand::Rng;
use serde::Deserialize;
use serde_json::{Value, json};

/// The app's mark once the first screen is interactive (set by `PageHeading`).
const INTERACTIVE_MARK: &str = "app-interactive";
/// The app's marks when its `main` starts and when its first view is mounted (`main.rs`).
const MARKS: [&str; 2] = ["app-started", "app-mounted"];
/// The app's mark once every page's chunk is in (`app/src/lazy.rs`, after the first screen).
const PREFETCHED_MARK: &str = "app-prefetched";
const CHOOSE: &str = "Activate the Guance Commercial Plan";
/// Each click and the heading of the step it leads to; none of them calls the network.
const TRANSITIONS: [(&str, &str); 4] = [
    ("Register a new account", "Basic info"),
    ("Back", CHOOSE),
    ("I have a Billing Center account", "Bind your Billing Center account"),
    ("Back", CHOOSE),
];

/// How the page itself (index.html as served) is named among the fetched files.
pub const DOCUMENT: &str = "(document)";

/// One file the first load fetched, as Chromium's resource timing saw it.
#[derive(Debug, Clone, Deserialize)]
pub struct Fetched {
    /// The path on the mock ([`DOCUMENT`] for the page itself).
    pub path: String,
    /// Bytes over the wire for the body (after any `Content-Encoding`).
    pub encoded: u64,
    /// Bytes fetched, headers included; 0 when it came from a cache.
    pub transfer: u64,
    /// When the fetch started, in milliseconds from navigation start.
    pub start: f64,
}

/// Which browser the runs load the page in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Browser {
    /// One Chromium for every run, its HTTP cache switched off, each run in a new tab.
    Warm,
    /// A new Chromium process, with a new profile, for every run.
    Fresh,
}

/// What the runs measured, in milliseconds from navigation start (or from the click).
#[derive(Debug, Default)]
pub struct Pages {
    /// First contentful paint of a plain server-rendered page (the AWS simulator), for reference,
    /// and the moment its parser was done (`domInteractive`).
    pub plain_page_paint: Vec<f64>,
    pub plain_page_parsed: Vec<f64>,
    pub first_paint: Vec<f64>,
    pub first_contentful_paint: Vec<f64>,
    pub interactive: Vec<f64>,
    /// Where the time to interactive goes: the last byte of the document, its parser done
    /// (`domInteractive`), the last byte of the wasm, the app's `main` starting and its first view
    /// mounted, and the session call's start and answer. (The JS glue is in the document.)
    pub document_received: Vec<f64>,
    pub document_parsed: Vec<f64>,
    pub wasm_received: Vec<f64>,
    pub started: Vec<f64>,
    pub mounted: Vec<f64>,
    pub session_sent: Vec<f64>,
    pub session_answered: Vec<f64>,
    pub transitions: Vec<f64>,
    /// The files of the first run's load (the same every run): those fetched before the first
    /// screen was interactive.
    pub first_load: Vec<Fetched>,
    /// The files the first run fetched after that: the pages' chunks, prefetched.
    pub prefetched: Vec<Fetched>,
}

#[derive(Debug, Deserialize)]
struct Timings {
    first_paint: Option<f64>,
    first_contentful_paint: Option<f64>,
    interactive: Option<f64>,
    prefetched: Option<f64>,
    document_received: f64,
    document_parsed: f64,
    wasm_received: Option<f64>,
    started: Option<f64>,
    mounted: Option<f64>,
    session: Option<(f64, f64)>,
    files: Vec<Fetched>,
}

/// Reads the paint entries, the app's mark and the files fetched so far.
const TIMINGS: &str = "const [mark, started, mounted, prefetched] = arguments;
const at = name => { const e = performance.getEntriesByName(name)[0]; return e ? e.startTime : null; };
const paint = Object.fromEntries(performance.getEntriesByType('paint').map(e => [e.name, e.startTime]));
const interactive = performance.getEntriesByName(mark)[0];
const own = e => new URL(e.name).origin === location.origin;
const nav = performance.getEntriesByType('navigation')[0];
const files = [{ path: '(document)', encoded: nav.encodedBodySize, transfer: nav.transferSize, start: 0 }]
  .concat(performance.getEntriesByType('resource').filter(own)
    .map(e => ({ path: new URL(e.name).pathname, encoded: e.encodedBodySize, transfer: e.transferSize, start: e.startTime })));
const entry = test => performance.getEntriesByType('resource').find(e => own(e) && test(new URL(e.name).pathname));
const wasm = entry(p => p.startsWith('/app-') && p.endsWith('.wasm'));
const session = entry(p => p === '/api/v1/session');
return {
  document_received: nav.responseEnd,
  document_parsed: nav.domInteractive,
  wasm_received: wasm ? wasm.responseEnd : null,
  started: at(started),
  mounted: at(mounted),
  session: session ? [session.startTime, session.responseEnd] : null,
  first_paint: paint['first-paint'] ?? null,
  first_contentful_paint: paint['first-contentful-paint'] ?? null,
  interactive: interactive ? interactive.startTime : null,
  prefetched: at(prefetched),
  files,
};";

/// The first contentful paint of the page, once there is one, and when its parser was done.
const PLAIN_PAINT: &str = "const p = performance.getEntriesByName('first-contentful-paint')[0];
return p ? [p.startTime, performance.getEntriesByType('navigation')[0].domInteractive] : null;";

/// Arms a one-shot timer: from the next click's event time to the moment `<main>`'s heading reads
/// the expected text (a MutationObserver sees the DOM change, before the frame is painted).
const ARM: &str = "const [want] = arguments;
window.__transition = new Promise(resolve => {
  document.addEventListener('click', event => {
    const start = event.timeStamp;
    const there = () => { const h = document.querySelector('main h1'); return h && h.textContent.trim() === want; };
    if (there()) { resolve(-1); return; }
    const seen = new MutationObserver(() => {
      if (there()) { seen.disconnect(); resolve(performance.now() - start); }
    });
    seen.observe(document.body, { subtree: true, childList: true, characterData: true });
  }, { capture: true, once: true });
});";

const AWAIT: &str = "const done = arguments[arguments.length - 1];
window.__transition.then(done);";

pub async fn measure(mock: &Mock, driver: &Driver, runs: usize, browser: Browser) -> Result<Pages> {
    let mut pages = Pages::default();
    match browser {
        Browser::Fresh => {
            for run in 1..=runs {
                let c = e2e::browser::connect(driver).await?;
                let result = one_run(mock, &c, &mut pages, browser).await;
                let _ = c.close().await;
                result.with_context(|| format!("run {run} (fresh browser)"))?;
                progress(run, runs);
            }
        }
        Browser::Warm => {
            let c = e2e::browser::connect(driver).await?;
            let result = warm_runs(mock, &c, &mut pages, runs).await;
            let _ = c.close().await;
            result?;
        }
    }
    Ok(pages)
}

fn progress(run: usize, runs: usize) {
    if run.is_multiple_of(5) {
        println!("    {run} of {runs} runs");
    }
}

async fn warm_runs(mock: &Mock, c: &Client, pages: &mut Pages, runs: usize) -> Result<()> {
    let mut tabs = HashSet::new();
    // One run first, not counted: the browser's own start-up (its processes, fonts) is behind it.
    new_tab(c, &mut tabs).await.context("the warm-up run's tab")?;
    one_run(mock, c, &mut Pages::default(), Browser::Warm).await.context("the warm-up run")?;
    for run in 1..=runs {
        new_tab(c, &mut tabs).await.with_context(|| format!("run {run}'s tab"))?;
        one_run(mock, c, pages, Browser::Warm).await.with_context(|| format!("run {run}"))?;
        progress(run, runs);
    }
    Ok(())
}

/// Opens a new tab, closes the one before, and switches this tab's HTTP cache off (a DevTools
/// setting of the tab, not of the browser). `tabs` holds the DevTools target of every tab so far:
/// a run in a tab an earlier run had would take that run's compiled wasm.
async fn new_tab(c: &Client, tabs: &mut HashSet<String>) -> Result<()> {
    let before = c.window().await?;
    let tab = c.new_window(true).await?.handle;
    c.close_window().await?;
    c.switch_to_window(tab).await?;
    let info = e2e::browser::cdp(c, "Target.getTargetInfo", json!({})).await?;
    let id = info["targetInfo"]["targetId"].as_str().context("Target.getTargetInfo: no id")?;
    ensure!(c.window().await? != before, "still in the tab before");
    ensure!(tabs.insert(id.to_owned()), "tab {id} was an earlier run's");
    e2e::browser::cdp(c, "Network.enable", json!({})).await?;
    e2e::browser::cdp(c, "Network.setCacheDisabled", json!({ "cacheDisabled": true })).await?;
    Ok(())
}

async fn one_run(mock: &Mock, c: &Client, pages: &mut Pages, browser: Browser) -> Result<()> {
    let account: String = {
        let mut rng = rand::rng();
        (0..12).map(|_| char::from(b'0' + rng.random_range(0..10u8))).collect()
    };
    // The hand-off over HTTP, so the browser's first look at the app is the landing page, cold.
    let (cookie, landing) = market::aws_session(mock, &account).await?;
    // First the AWS simulator's page (server-rendered, no wasm): what a page costs to paint in this
    // browser at all, the floor under the app's figures. It also puts the browser on our origin.
    c.goto(&mock.at("/marketplace/aws")).await?;
    let floor = check::until("the simulator page's first contentful paint", || async {
        let value = c.execute(PLAIN_PAINT, vec![]).await?;
        Ok(match serde_json::from_value::<(f64, f64)>(value.clone()) {
            Ok(both) => check::Seen::Yes(both),
            Err(_) => check::Seen::No(value.to_string()),
        })
    })
    .await?;
    pages.plain_page_paint.push(floor.0);
    pages.plain_page_parsed.push(floor.1);
    // The mock's own cookie is HttpOnly; this copy carries the same value, which is all it reads.
    c.execute("document.cookie = arguments[0] + '; path=/; SameSite=Lax'", vec![json!(cookie)])
        .await?;
    c.goto(&mock.at(&landing)).await?;
    // Read once every chunk is in, so the file list holds the prefetched ones too and the step
    // transitions below need no network.
    let timings: Timings =
        check::until("the app's interactive and prefetched marks, and first paint", || async {
            let marks = [INTERACTIVE_MARK, MARKS[0], MARKS[1], PREFETCHED_MARK].map(|m| json!(m));
            let value = c.execute(TIMINGS, marks.to_vec()).await?;
            let timings: Timings = serde_json::from_value(value)?;
            let done = timings.interactive.is_some()
                && timings.prefetched.is_some()
                && timings.first_contentful_paint.is_some();
            Ok(if done {
                check::Seen::Yes(timings)
            } else {
                check::Seen::No(format!("{timings:?}"))
            })
        })
        .await?;
    if browser == Browser::Warm {
        // The cache really is off: every file came over the network.
        let cached: Vec<&str> =
            timings.files.iter().filter(|f| f.transfer == 0).map(|f| f.path.as_str()).collect();
        ensure!(cached.is_empty(), "served from the browser's cache: {cached:?}");
    }
    pages.interactive.extend(timings.interactive);
    pages.document_received.push(timings.document_received);
    pages.document_parsed.push(timings.document_parsed);
    pages.wasm_received.extend(timings.wasm_received);
    pages.started.extend(timings.started);
    pages.mounted.extend(timings.mounted);
    if let Some((sent, answered)) = timings.session {
        pages.session_sent.push(sent);
        pages.session_answered.push(answered);
    }
    pages.first_contentful_paint.extend(timings.first_contentful_paint);
    // Headless Chromium reports no separate first paint when it is also the first contentful one.
    pages.first_paint.extend(timings.first_paint.or(timings.first_contentful_paint));
    if pages.first_load.is_empty() {
        let interactive = timings.interactive.unwrap_or(f64::INFINITY);
        (pages.first_load, pages.prefetched) =
            timings.files.into_iter().partition(|f| f.start < interactive);
    }

    check::heading(c, CHOOSE).await?;
    for (button, heading) in TRANSITIONS {
        c.execute(ARM, vec![json!(heading)]).await?;
        find::control(c, button).await?.click().await?;
        let took = c.execute_async(AWAIT, vec![]).await?;
        let took = match took {
            Value::Number(n) => n.as_f64().context("a number")?,
            other => bail!("the transition to {heading:?} reported {other}"),
        };
        ensure!(took >= 0.0, "{heading:?} was on screen before the click on {button:?}");
        pages.transitions.push(took);
        check::heading(c, heading).await?;
    }
    Ok(())
}
