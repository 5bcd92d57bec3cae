//! The frontend developer's loop under test: `trunk serve` (the debug build, `Trunk.toml`'s
//! proxies) in front of a mock that serves no app, on the port those proxies name.

use std::{
    fs::File,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use anyhow::{Context, Result, bail, ensure};

use crate::{Mock, http::Request, root};

/// The mock's port in `Trunk.toml`'s `[[proxy]]` backends (and `cargo xtask dev`'s).
pub const BACKEND_PORT: u16 = 8080;

/// How long `trunk serve`'s first build may take: the debug app, compiled from cold if the wasm
/// tests have not compiled its dependencies already. `E2E_BUILD_SECS` overrides it.
fn build_limit() -> Duration {
    let secs = std::env::var("E2E_BUILD_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(900);
    Duration::from_secs(secs)
}

/// The mock `trunk serve` proxies to: no app, `--seed demo`, on [`BACKEND_PORT`].
pub fn backend(dir: &Path) -> Result<Mock> {
    let config = std::fs::read_to_string(root().join("Trunk.toml")).context("Trunk.toml")?;
    let backend = format!("backend = \"http://127.0.0.1:{BACKEND_PORT}/");
    ensure!(
        config.lines().any(|line| line.starts_with(&backend)),
        "Trunk.toml's proxies no longer go to 127.0.0.1:{BACKEND_PORT}: change BACKEND_PORT too"
    );
    Mock::start_api(dir, BACKEND_PORT, &[]).with_context(|| {
        format!(
            "the mock must listen on Trunk.toml's backend port {BACKEND_PORT}: \
             is `cargo xtask dev` or `cargo xtask run` using it?"
        )
    })
}

/// A running `trunk serve`; stopped when dropped.
pub struct Serve {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    log: PathBuf,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Serve {
    /// Starts `trunk serve` on a free port, building into `dir/dist` (not `dist/`, which holds
    /// the release build the other journeys use) and logging to `dir/trunk.log`; returns once
    /// it serves the built app.
    pub async fn start(dir: &Path) -> Result<Serve> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let log = dir.join("trunk.log");
        let file = File::create(&log).context("trunk serve's log")?;
        let child = Command::new("trunk")
            .args(["serve", "--port", &port.to_string(), "--dist"])
            .arg(dir.join("dist"))
            .current_dir(root())
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(file.try_clone()?)
            .stderr(file)
            .spawn()
            .context("cannot start trunk: run through `cargo xtask test`, or put trunk, wasm-bindgen and target/tools/node_modules/.bin on PATH (`cargo xtask setup` installs them)")?;
        let mut serve = Serve { child, url: format!("http://127.0.0.1:{port}"), log };
        serve.wait_built().await?;
        Ok(serve)
    }

    /// Waits until the page `trunk serve` answers is the built app (it loads the wasm).
    async fn wait_built(&mut self) -> Result<()> {
        let deadline = Instant::now() + build_limit();
        let page = format!("{}/", self.url);
        loop {
            if let Some(status) = self.child.try_wait()? {
                bail!("trunk serve stopped ({status}):\n{}", self.log());
            }
            let answer = Request::get(&page).send().await;
            if answer.is_ok_and(|a| a.status == 200 && a.body.contains("_bg.wasm")) {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!(
                    "trunk serve built nothing in {} s:\n{}",
                    build_limit().as_secs(),
                    self.log()
                );
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    }

    /// The end of what `trunk serve` printed (its build, its proxy errors).
    pub fn log(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(60)..].join("\n")
    }
}
