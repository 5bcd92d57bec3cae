//! Cold-cache loads in headless Chromium: the app, the mock's plain simulator page and the two
//! peers (`e2e/peers/`), interleaved in one running browser, by one method, so that their ratios
//! hold whatever the host's speed that minute.
//!
//! One round loads, each in a new tab whose HTTP cache is switched off through DevTools
//! (`Network.setCacheDisabled`): the AWS simulator's page (plain server-rendered HTML, no script:
//! the floor any page has here), aws-sample-like (Bootstrap + jQuery), react-wizard (React 19 +
//! react-router 7) and the app's landing page after an AWS hand-off (made over HTTP; its session
//! cookie given to the browser through DevTools). The new tab matters: it gets a new renderer
//! process. In the same tab, V8 takes the wasm modules from its in-process cache of the run before
//! (a Chromium trace shows `CacheHit` and not one of the ~970 `wasm.CompileLazy` a first visit
//! runs on the main thread), so the page would start sooner than any customer's does.
//!
//! **Ready**, for every page alike, is the moment its first screen's control exists: a script
//! added to the tab before the page's own (`tab::READY`, through `Page.addScriptToEvaluateOnNewDocument`)
//! watches the DOM and notes `performance.now()` when the selector first matches. A **step** is from
//! a click's event time to the moment the next screen's element is in the DOM (`tab::ARM`).
//!
//! Throttled rounds repeat the three apps' loads with the tab's CPU slowed 4× and its network
//! emulated at 150 ms round trip, 1.6 Mbps down and 750 kbps up (DevTools' own emulation).

use anyhow::{Context, Result, ensure};
use e2e::{Client, Mock, browser::Driver, check, find, market};
use rand::Rng;
use serde::Deserialize;
use serde_json::json;

use crate::{
    peers::Peers,
    tab::{Tabs, read_ready, step},
};

/// The app's mark once the first screen is interactive (set by `PageHeading`).
const INTERACTIVE_MARK: &str = "app-interactive";
/// The app's marks when its `main` starts and when its first view is mounted (`main.rs`).
const MARKS: [&str; 2] = ["app-started", "app-mounted"];
/// The app's mark once every page's chunk is in (`app/src/lazy.rs`, after the first screen).
const PREFETCHED_MARK: &str = "app-prefetched";
const CHOOSE: &str = "Activate the Guance Commercial Plan";
/// Choose's first link card: the app's first screen is ready when it exists (the static skeleton
/// has no link).
const APP_READY: &str = "main a[href=\"/activate/register/basic\"]";
/// The simulator page's first button, aws-sample-like's form and react-wizard's Next.
const PLAIN_READY: &str = "main button";
const AWS_SAMPLE_READY: &str = "#register";
const REACT_READY: &str = "#next-1";
/// react-wizard's step: Next on step 1 (pre-filled by `?demo=1`) shows step 2's form.
const REACT_STEP: (&str, &str) = ("#next-1", "#company");
/// The app's first step (the first visit to Basic info: its code's first run), then the later ones;
/// none of them calls the network.
const FIRST_TRANSITION: (&str, &str) = ("Register a new account", "Basic info");
const LATER_TRANSITIONS: [(&str, &str); 4] = [
    ("Back", CHOOSE),
    ("I have a Billing Center account", "Bind your Billing Center account"),
    ("Back", CHOOSE),
    ("Register a new account", "Basic info"),
];

/// How long the buyer reads Choose before the first click, once the pages' chunk is in: far less
/// than anyone takes to read it.
const READING: std::time::Duration = std::time::Duration::from_millis(300);
/// Whether the performance mark `arguments[0]` is set.
const HAS_MARK: &str = "return performance.getEntriesByName(arguments[0]).length > 0;";

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

/// Ready times of one kind of round, in milliseconds from navigation start.
#[derive(Debug, Default)]
pub struct Ready {
    pub plain: Vec<f64>,
    pub aws_sample: Vec<f64>,
    pub react: Vec<f64>,
    pub app: Vec<f64>,
}

/// What the rounds measured, in milliseconds from navigation start (or from the click).
#[derive(Debug, Default)]
pub struct Pages {
    pub ready: Ready,
    /// The same loads, throttled.
    pub throttled: Ready,
    /// First contentful paint of the plain page and of the app.
    pub plain_paint: Vec<f64>,
    pub first_paint: Vec<f64>,
    pub first_contentful_paint: Vec<f64>,
    /// The app's own mark, set once its first screen is interactive.
    pub interactive: Vec<f64>,
    /// Where the app's time goes: the last byte of the document, its parser done
    /// (`domInteractive`), the last byte of the wasm, the app's `main` starting and its first view
    /// mounted, and the session call's start and answer. (The JS glue is in the document.)
    pub document_received: Vec<f64>,
    pub document_parsed: Vec<f64>,
    pub wasm_received: Vec<f64>,
    pub started: Vec<f64>,
    pub mounted: Vec<f64>,
    pub session_sent: Vec<f64>,
    pub session_answered: Vec<f64>,
    pub react_step: Vec<f64>,
    /// The app's first step transition of each run, and the later ones.
    pub first_transition: Vec<f64>,
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

/// Reads the paint entries, the app's marks and the files fetched so far.
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

/// `runs` rounds at full speed, then `throttled_runs` throttled ones, in one browser.
pub async fn measure(
    mock: &Mock,
    peers: &Peers,
    driver: &Driver,
    runs: usize,
    throttled_runs: usize,
) -> Result<Pages> {
    let c = e2e::browser::connect(driver).await?;
    let result = rounds(mock, peers, &c, runs, throttled_runs).await;
    let _ = c.close().await;
    result
}

async fn rounds(
    mock: &Mock,
    peers: &Peers,
    c: &Client,
    runs: usize,
    throttled_runs: usize,
) -> Result<Pages> {
    let mut tabs = Tabs::default();
    let mut pages = Pages::default();
    // One round first, not counted: the browser's own start-up (its processes, fonts) is behind it.
    round(mock, peers, c, &mut tabs, &mut Pages::default(), false)
        .await
        .context("the warm-up round")?;
    for run in 1..=runs {
        round(mock, peers, c, &mut tabs, &mut pages, false)
            .await
            .with_context(|| format!("round {run}"))?;
        progress(run, runs, "");
    }
    for run in 1..=throttled_runs {
        round(mock, peers, c, &mut tabs, &mut pages, true)
            .await
            .with_context(|| format!("throttled round {run}"))?;
        progress(run, throttled_runs, "throttled ");
    }
    Ok(pages)
}

fn progress(run: usize, runs: usize, kind: &str) {
    if run.is_multiple_of(5) || run == runs {
        println!("    {run} of {runs} {kind}rounds");
    }
}

/// One load of each page, each in its own new tab.
async fn round(
    mock: &Mock,
    peers: &Peers,
    c: &Client,
    tabs: &mut Tabs,
    pages: &mut Pages,
    throttled: bool,
) -> Result<()> {
    let ready = if throttled { &mut pages.throttled } else { &mut pages.ready };
    if !throttled {
        tabs.open(c, PLAIN_READY, false).await?;
        c.goto(&mock.at("/marketplace/aws")).await?;
        let (at, paint) = read_ready(c, "the simulator page").await?;
        ready.plain.push(at);
        pages.plain_paint.push(paint);
    }
    let ready = if throttled { &mut pages.throttled } else { &mut pages.ready };
    tabs.open(c, AWS_SAMPLE_READY, throttled).await?;
    c.goto(&format!("{}/?demo=1", peers.aws_sample)).await?;
    ready.aws_sample.push(read_ready(c, "aws-sample-like").await?.0);

    tabs.open(c, REACT_READY, throttled).await?;
    c.goto(&format!("{}/?demo=1", peers.react)).await?;
    ready.react.push(read_ready(c, "react-wizard").await?.0);
    if !throttled {
        let (click, next) = REACT_STEP;
        pages
            .react_step
            .push(step(c, c.find(fantoccini::Locator::Css(click)).await?, next, None).await?);
    }

    tabs.open(c, APP_READY, throttled).await?;
    app(mock, c, pages, throttled).await
}

/// The app's landing page after an AWS hand-off, then its step transitions.
async fn app(mock: &Mock, c: &Client, pages: &mut Pages, throttled: bool) -> Result<()> {
    // The hand-off over HTTP, so the browser's first look at the app is the landing page, cold.
    let (cookie, landing) = market::aws_session(mock, &aws_account()).await?;
    let (name, value) = cookie.split_once('=').context("a name=value cookie")?;
    e2e::browser::cdp(
        c,
        "Network.setCookie",
        json!({ "name": name, "value": value, "url": mock.url(), "path": "/", "secure": true,
                "httpOnly": true, "sameSite": "Lax" }),
    )
    .await?;
    c.goto(&mock.at(&landing)).await?;
    let (ready, _) = read_ready(c, "the app").await?;
    if throttled {
        pages.throttled.app.push(ready);
        return Ok(());
    }
    pages.ready.app.push(ready);
    // The first step once the buyer has read Choose: the pages' chunk is in ([`PREFETCHED_MARK`])
    // and [`READING`] has passed (what the app does meanwhile is its own business).
    check::heading(c, CHOOSE).await?;
    check::until("the pages' chunk", || async {
        let value = c.execute(HAS_MARK, vec![json!(PREFETCHED_MARK)]).await?;
        Ok(if value == json!(true) {
            check::Seen::Yes(())
        } else {
            check::Seen::No(value.to_string())
        })
    })
    .await?;
    tokio::time::sleep(READING).await;
    let (button, heading) = FIRST_TRANSITION;
    pages
        .first_transition
        .push(step(c, find::control(c, button).await?, "main h1", Some(heading)).await?);
    check::heading(c, heading).await?;
    // The chunk is in, so the file list holds the prefetched files too.
    let timings: Timings = check::until("the app's marks and first paint", || async {
        let marks = [INTERACTIVE_MARK, MARKS[0], MARKS[1], PREFETCHED_MARK].map(|m| json!(m));
        let value = c.execute(TIMINGS, marks.to_vec()).await?;
        let timings: Timings = serde_json::from_value(value)?;
        let done = timings.interactive.is_some()
            && timings.prefetched.is_some()
            && timings.first_contentful_paint.is_some();
        Ok(if done { check::Seen::Yes(timings) } else { check::Seen::No(format!("{timings:?}")) })
    })
    .await?;
    // The cache really is off: every file came over the network.
    let cached: Vec<&str> =
        timings.files.iter().filter(|f| f.transfer == 0).map(|f| f.path.as_str()).collect();
    ensure!(cached.is_empty(), "served from the browser's cache: {cached:?}");
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
    for (button, heading) in LATER_TRANSITIONS {
        let took = step(c, find::control(c, button).await?, "main h1", Some(heading)).await?;
        pages.transitions.push(took);
        check::heading(c, heading).await?;
    }
    Ok(())
}

/// A random AWS account ID: a new buyer each run.
pub fn aws_account() -> String {
    let mut rng = rand::rng();
    (0..12).map(|_| char::from(b'0' + rng.random_range(0..10u8))).collect()
}
