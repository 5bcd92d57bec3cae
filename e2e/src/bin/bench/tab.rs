//! One load's tab and how a page is watched in it: a new tab per load, its HTTP cache off, the
//! [`READY`] watch added before the page's own scripts, DevTools' throttling when asked; the ready
//! time read back, and a step timed from a click (`page.rs` runs the rounds).

use std::collections::HashSet;

use anyhow::{Context, Result, bail, ensure};
use e2e::{Client, check};
use serde_json::{Value, json};

/// DevTools' CPU slowdown and network of the throttled rounds.
const CPU_SLOWDOWN: u32 = 4;
const RTT_MS: u32 = 150;
const DOWN_BITS_PER_SEC: u32 = 1_600_000;
const UP_BITS_PER_SEC: u32 = 750_000;

/// Added to a tab before its page's own scripts: notes when `SELECTOR` (replaced by a JSON string)
/// first matches, in `window.__ready`.
const READY: &str = "(() => {
  const selector = SELECTOR;
  const look = () => {
    if (window.__ready === undefined && document.querySelector(selector)) {
      window.__ready = performance.now();
      seen.disconnect();
    }
  };
  const seen = new MutationObserver(look);
  seen.observe(document, { subtree: true, childList: true });
  document.addEventListener('DOMContentLoaded', look);
})();";

/// The ready time, the first contentful paint, once both are there.
const READ_READY: &str = "const p = performance.getEntriesByName('first-contentful-paint')[0];
return window.__ready !== undefined && p ? [window.__ready, p.startTime] : null;";

/// Arms a one-shot timer: from the next click's event time to the moment an element matching
/// `selector` (whose text is `text`, when given) is in the DOM (a MutationObserver sees the
/// change, before the frame is painted).
const ARM: &str = "const [selector, text] = arguments;
window.__transition = new Promise(resolve => {
  document.addEventListener('click', event => {
    const start = event.timeStamp;
    const there = () => [...document.querySelectorAll(selector)]
      .some(e => text === null || e.textContent.trim() === text);
    if (there()) { resolve(-1); return; }
    const seen = new MutationObserver(() => {
      if (there()) { seen.disconnect(); resolve(performance.now() - start); }
    });
    seen.observe(document.body, { subtree: true, childList: true, characterData: true });
  }, { capture: true, once: true });
});";

const AWAIT: &str = "const done = arguments[arguments.length - 1];
window.__transition.then(done);";

/// Clicks `control` and times it until `selector` (with `text`, when given) is in the DOM.
pub async fn step(
    c: &Client,
    control: fantoccini::elements::Element,
    selector: &str,
    text: Option<&str>,
) -> Result<f64> {
    c.execute(ARM, vec![json!(selector), json!(text)]).await?;
    control.click().await?;
    let took = match c.execute_async(AWAIT, vec![]).await? {
        Value::Number(n) => n.as_f64().context("a number")?,
        other => bail!("the step to {selector} {text:?} reported {other}"),
    };
    ensure!(took >= 0.0, "{selector} {text:?} was there before the click");
    Ok(took)
}

/// The page's ready time and first contentful paint, once both are there.
pub async fn read_ready(c: &Client, what: &str) -> Result<(f64, f64)> {
    check::until(format!("{what}: ready and painted"), || async {
        let value = c.execute(READ_READY, vec![]).await?;
        Ok(match serde_json::from_value::<(f64, f64)>(value.clone()) {
            Ok(both) => check::Seen::Yes(both),
            Err(_) => check::Seen::No(value.to_string()),
        })
    })
    .await
}

/// The DevTools targets of every tab so far: a run in a tab an earlier run had would take that
/// run's compiled code.
#[derive(Default)]
pub struct Tabs(HashSet<String>);

impl Tabs {
    /// Opens a new tab, closes the one before, switches this tab's HTTP cache off (a DevTools
    /// setting of the tab, not of the browser), adds the [`READY`] watch for `ready`, and throttles
    /// the tab when asked.
    pub async fn open(&mut self, c: &Client, ready: &str, throttled: bool) -> Result<()> {
        let before = c.window().await?;
        let tab = c.new_window(true).await?.handle;
        c.close_window().await?;
        c.switch_to_window(tab).await?;
        let info = e2e::browser::cdp(c, "Target.getTargetInfo", json!({})).await?;
        let id = info["targetInfo"]["targetId"].as_str().context("Target.getTargetInfo: no id")?;
        ensure!(c.window().await? != before, "still in the tab before");
        ensure!(self.0.insert(id.to_owned()), "tab {id} was an earlier run's");
        e2e::browser::cdp(c, "Network.enable", json!({})).await?;
        e2e::browser::cdp(c, "Network.setCacheDisabled", json!({ "cacheDisabled": true })).await?;
        let source = READY.replace("SELECTOR", &json!(ready).to_string());
        e2e::browser::cdp(c, "Page.enable", json!({})).await?;
        e2e::browser::cdp(c, "Page.addScriptToEvaluateOnNewDocument", json!({ "source": source }))
            .await?;
        if throttled {
            e2e::browser::cdp(c, "Emulation.setCPUThrottlingRate", json!({ "rate": CPU_SLOWDOWN }))
                .await?;
            e2e::browser::cdp(
                c,
                "Network.emulateNetworkConditions",
                json!({
                    "offline": false,
                    "latency": RTT_MS,
                    "downloadThroughput": DOWN_BITS_PER_SEC / 8,
                    "uploadThroughput": UP_BITS_PER_SEC / 8,
                }),
            )
            .await?;
        }
        Ok(())
    }
}
