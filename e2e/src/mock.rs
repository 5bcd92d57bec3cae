//! The real `server-mock` binary with `--seed demo` and a state file, serving `dist/` or behind
//! `trunk serve`, and the ways a journey checks what it holds: its mailbox, its state file, its API
//! (as the user would be served). [`Mock::start_api`] is also how the schemathesis run gets its
//! mock: this is the one place that starts one and reads its address.

use std::{
    io::{BufRead, BufReader, Read},
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use activation_core::api::{WorkspaceHome, WorkspaceList};
use anyhow::{Context, Result, bail, ensure};
use serde_json::json;
use server_mock::store::{
    Data,
    data::Mail,
    persist::{load, save},
};

use crate::{check, http::Request, root};

/// The Alibaba simulator's signing secret every mock a journey starts is given (`--aliyun-secret`),
/// so a journey can sign a hand-off of its own ([`crate::market::aliyun_handoff`]).
pub const ALIYUN_SECRET: &str = "e2e-aliyun-simulator-secret";

/// A running mock; killed when dropped.
pub struct Mock {
    child: Mutex<Child>,
    url: String,
    port: u16,
    state: PathBuf,
    args: Vec<String>,
    log: Arc<Mutex<String>>,
}

impl Drop for Mock {
    fn drop(&mut self) {
        let child = self.child.get_mut().unwrap_or_else(|p| p.into_inner());
        let _ = child.kill();
        let _ = child.wait();
    }
}

/// The binary: `E2E_MOCK_BIN`, relative to the workspace root, or `target/debug/server-mock`.
fn binary() -> PathBuf {
    let path = std::env::var("E2E_MOCK_BIN").unwrap_or_else(|_| "target/debug/server-mock".into());
    root().join(path)
}

impl Mock {
    /// Starts the mock on a free port serving the release build (`--dist dist`), with
    /// `--seed demo`, its state in `dir`, plus `extra`.
    pub fn start(dir: &Path, extra: &[&str]) -> Result<Mock> {
        let dist = root().join("dist");
        ensure!(
            dist.join("index.html").is_file(),
            "no {}/index.html (trunk build --release)",
            dist.display()
        );
        let mut args = vec!["--dist".to_owned(), dist.display().to_string()];
        args.extend(extra.iter().map(|a| a.to_string()));
        Mock::launch(dir, 0, args)
    }

    /// Starts the mock without the app (what `trunk serve` proxies to, what schemathesis calls)
    /// on `port` (0: a free one), with `--seed demo`, its state in `dir`, plus `extra`.
    pub fn start_api(dir: &Path, port: u16, extra: &[&str]) -> Result<Mock> {
        Mock::launch(dir, port, extra.iter().map(|a| a.to_string()).collect())
    }

    fn launch(dir: &Path, port: u16, mut args: Vec<String>) -> Result<Mock> {
        let bin = binary();
        ensure!(bin.is_file(), "no mock at {} (cargo build -p server-mock)", bin.display());
        let state = dir.join("state.json");
        args.extend(
            ["--aliyun-secret", ALIYUN_SECRET, "--seed", "demo", "--state"].map(String::from),
        );
        args.push(state.display().to_string());
        let log = Arc::new(Mutex::new(String::new()));
        let (child, url) = spawn(&bin, &port.to_string(), &args, &log)?;
        let port = url.rsplit(':').next().and_then(|p| p.parse().ok()).context("no port")?;
        Ok(Mock { child: Mutex::new(child), url, port, state, args, log })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The absolute URL of `path`.
    pub fn at(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }

    /// The process ID of the mock (for its peak memory, from `/proc`).
    pub fn pid(&self) -> u32 {
        self.child.lock().map_or(0, |child| child.id())
    }

    /// Everything the mock printed so far.
    pub fn log(&self) -> String {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// Every email the mock sent, newest first (`/dev/mailbox.json`).
    pub async fn mailbox(&self) -> Result<Vec<Mail>> {
        Request::get(&self.at("/dev/mailbox.json")).send().await?.json()
    }

    /// The `nth` (1 = first) code mailed to `email`, waiting for it to arrive.
    pub async fn code(&self, email: &str, nth: usize) -> Result<String> {
        check::until(format!("code #{nth} mailed to {email}"), || async {
            Ok(match self.code_now(email, nth).await? {
                Some(code) => check::Seen::Yes(code),
                None => check::Seen::No(format!("no code #{nth} to {email}")),
            })
        })
        .await
    }

    /// The `nth` (1 = first) code mailed to `email`, if it is there now.
    pub async fn code_now(&self, email: &str, nth: usize) -> Result<Option<String>> {
        let email = email.to_lowercase();
        let mut to: Vec<Mail> =
            self.mailbox().await?.into_iter().filter(|m| m.to == email).collect();
        to.reverse();
        Ok(to.get(nth - 1).map(|mail| mail.code.clone()))
    }

    /// Makes the next `n` API requests fail with 503 (`POST /dev/faults`).
    pub async fn fail_next(&self, n: u32) -> Result<()> {
        let reply =
            Request::post_json(&self.at("/dev/faults"), &json!({ "fail_next": n })).send().await?;
        ensure!(reply.status == 200, "POST /dev/faults answered {}", reply.status);
        Ok(())
    }

    /// Makes the next `n` creates and binds happen, then answer 503 as if the answer were lost
    /// (`POST /dev/faults {"drop_next": n}`): what a retry with the same idempotency key must survive.
    pub async fn drop_next(&self, n: u32) -> Result<()> {
        let reply =
            Request::post_json(&self.at("/dev/faults"), &json!({ "drop_next": n })).send().await?;
        ensure!(reply.status == 200, "POST /dev/faults answered {}", reply.status);
        ensure!(reply.body.contains("drop_next"), "this mock cannot drop answers: {}", reply.body);
        Ok(())
    }

    /// Everything the mock holds now, from its state file (rewritten after every change).
    pub fn state(&self) -> Result<Data> {
        load(&self.state).map_err(anyhow::Error::msg)
    }

    /// Stops the mock, changes its state file with `change`, and starts it again on the same port
    /// (pages open in the browser keep working): what a mock restarted much later would hold.
    pub fn restart_with(&self, change: impl FnOnce(&mut Data)) -> Result<()> {
        let mut child = self.child.lock().map_err(|_| anyhow::anyhow!("mock lock poisoned"))?;
        child.kill()?;
        child.wait()?;
        let mut data = self.state()?;
        change(&mut data);
        save(&self.state, &data)?;
        let deadline = Instant::now() + Duration::from_secs(10);
        let port = self.port.to_string();
        *child = loop {
            match spawn(&binary(), &port, &self.args, &self.log) {
                Ok((child, _)) => break child,
                Err(e) if Instant::now() > deadline => return Err(e),
                Err(_) => std::thread::sleep(Duration::from_millis(100)),
            }
        };
        Ok(())
    }

    /// Logs in through the API (`login_path`: the console's `/api/v1/login` or the Billing
    /// Center's `/api/v1/billing/login`); the `name=value` of the session cookies it sets.
    pub async fn log_in(
        &self,
        login_path: &str,
        username: &str,
        password: &str,
    ) -> Result<Vec<String>> {
        let body = json!({ "username": username, "password": password });
        let login = Request::post_json(&self.at(login_path), &body).send().await?;
        ensure!(login.status == 200, "{login_path} as {username}: {} {}", login.status, login.body);
        Ok(login.cookies())
    }

    /// Logs in to the console through the API; returns the workspace home the user would see.
    pub async fn console_home(&self, username: &str, password: &str) -> Result<WorkspaceHome> {
        let cookies = self.log_in("/api/v1/login", username, password).await?;
        let home = Request::get(&self.at("/api/v1/workspace")).cookies(&cookies).send().await?;
        ensure!(home.status == 200, "workspace home of {username}: {} {}", home.status, home.body);
        home.json()
    }

    /// Logs in to the Billing Center through the API; returns its workspace management list.
    pub async fn billing_workspaces(
        &self,
        username: &str,
        password: &str,
    ) -> Result<WorkspaceList> {
        let cookies = self.log_in("/api/v1/billing/login", username, password).await?;
        let list =
            Request::get(&self.at("/api/v1/billing/workspaces")).cookies(&cookies).send().await?;
        ensure!(list.status == 200, "billing workspaces of {username}: {}", list.status);
        list.json()
    }
}

/// Starts the binary on `port` (0: a free one); returns it and the URL from its first line
/// (`listening on http://127.0.0.1:PORT`).
fn spawn(
    bin: &Path,
    port: &str,
    args: &[String],
    log: &Arc<Mutex<String>>,
) -> Result<(Child, String)> {
    let mut child = Command::new(bin)
        .args(["--port", port])
        .args(args)
        .env("RUST_LOG", "server_mock=info")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot start {}", bin.display()))?;
    let mut stdout = BufReader::new(child.stdout.take().context("no stdout")?);
    let mut first = String::new();
    stdout.read_line(&mut first)?;
    let Some(url) = first.trim().strip_prefix("listening on ").map(str::to_owned) else {
        let mut err = String::new();
        if let Some(mut stderr) = child.stderr.take() {
            let _ = stderr.read_to_string(&mut err);
        }
        let _ = child.kill();
        let _ = child.wait();
        bail!("server-mock did not start: {first:?} {err}");
    };
    // Keep draining its output (a full pipe would block it), for the failure report.
    for stream in [
        Box::new(stdout) as Box<dyn Read + Send>,
        Box::new(child.stderr.take().context("no stderr")?),
    ] {
        let log = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if let Ok(mut log) = log.lock() {
                    log.push_str(&line);
                    log.push('\n');
                }
            }
        });
    }
    Ok((child, url))
}
