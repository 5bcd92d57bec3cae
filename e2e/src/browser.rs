//! ChromeDriver on a free port, and a headless Chromium session through it, with the flags the
//! wasm tests give Chromium (`webdriver.json`, read by wasm-bindgen-test-runner too).

use std::{
    fs::File,
    path::Path,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use anyhow::{Context, Result, bail};
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

use crate::{http::Request, root};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// The journeys' window, on top of `webdriver.json`'s flags.
const WINDOW: &str = "--window-size=1280,900";

/// Chromium's flags: the wasm tests' (`goog:chromeOptions.args` of the workspace's
/// `webdriver.json`: headless, no sandbox, none of the background calls to hosts this network
/// cannot reach), then the journeys' window size.
pub fn chromium_args() -> Result<Vec<String>> {
    let path = root().join("webdriver.json");
    let text = std::fs::read_to_string(&path).with_context(|| path.display().to_string())?;
    let config: serde_json::Value =
        serde_json::from_str(&text).with_context(|| path.display().to_string())?;
    let args = config["goog:chromeOptions"]["args"]
        .as_array()
        .with_context(|| format!("no goog:chromeOptions.args in {}", path.display()))?;
    let mut args: Vec<String> =
        args.iter().filter_map(|arg| arg.as_str().map(str::to_owned)).collect();
    args.push(WINDOW.to_owned());
    Ok(args)
}

/// A running ChromeDriver; stopped when dropped.
pub struct Driver {
    child: Child,
    pub url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Driver {
    /// Starts ChromeDriver on a free port, logging to `dir/chromedriver.log`.
    pub async fn start(dir: &Path) -> Result<Driver> {
        let log = dir.join("chromedriver.log");
        let mut last = String::new();
        // The port is free when we look; another process may take it before ChromeDriver does.
        for _ in 0..3 {
            let port = free_port()?;
            let file = File::create(&log).context("chromedriver log")?;
            let child = Command::new(CHROMEDRIVER)
                .arg(format!("--port={port}"))
                .stdin(Stdio::null())
                .stdout(file.try_clone()?)
                .stderr(file)
                .spawn()
                .with_context(|| {
                    format!("cannot start {CHROMEDRIVER} (apt-get install chromium-driver)")
                })?;
            let driver = Driver { child, url: format!("http://127.0.0.1:{port}") };
            match driver.wait_ready().await {
                Ok(()) => return Ok(driver),
                Err(e) => last = format!("{e:#}"),
            }
        }
        bail!("ChromeDriver did not start: {last} (see {})", log.display())
    }

    async fn wait_ready(&self) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(10);
        let status = format!("{}/status", self.url);
        loop {
            if Request::get(&status).send().await.is_ok_and(|r| r.status == 200) {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!("no answer on {status}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").context("no free port")?;
    Ok(listener.local_addr()?.port())
}

/// A new session: headless Chromium with a fresh profile.
pub async fn connect(driver: &Driver) -> Result<Client> {
    connect_in(driver, None).await
}

/// A new session whose browser prefers `languages` (`zh-CN,zh`: what `navigator.languages` and
/// `Accept-Language` say, as a browser set to them does) when given.
pub async fn connect_in(driver: &Driver, languages: Option<&str>) -> Result<Client> {
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("chrome"));
    let mut args = chromium_args()?;
    let mut options = json!({ "binary": CHROMIUM });
    if let Some(languages) = languages {
        let first = languages.split(',').next().unwrap_or(languages);
        args.push(format!("--lang={first}"));
        options["prefs"] = json!({ "intl": { "accept_languages": languages } });
    }
    options["args"] = json!(args);
    caps.insert("goog:chromeOptions".into(), options);
    let client = ClientBuilder::new(HttpConnector::new())
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .with_context(|| format!("cannot open a Chromium session through {}", driver.url))?;
    Ok(client)
}

/// A Chrome DevTools Protocol command, sent through ChromeDriver's `goog/cdp/execute`.
#[derive(Debug)]
struct Cdp {
    body: String,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/goog/cdp/execute", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (::http::Method, Option<String>) {
        (::http::Method::POST, Some(self.body.clone()))
    }
}

/// Runs the DevTools command `cmd` with `params` in the session's page (e.g.
/// `Network.setCacheDisabled`); its result.
pub async fn cdp(c: &Client, cmd: &str, params: serde_json::Value) -> Result<serde_json::Value> {
    let body = json!({ "cmd": cmd, "params": params }).to_string();
    c.issue_cmd(Cdp { body }).await.with_context(|| format!("the DevTools command {cmd}"))
}
