//! The two peer apps the bench measures the product against (`e2e/peers/`, built by `cargo xtask
//! bench` into `$BENCH_PEERS`), each served by the peers' own static server (`serve.mjs`: node,
//! keep-alive, no compression) on a free port of 127.0.0.1.

use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use anyhow::{Context, Result, bail};
use e2e::http::Request;

/// Both peers, served; stopped when dropped.
pub struct Peers {
    /// aws-sample-like's origin (Bootstrap + jQuery).
    pub aws_sample: String,
    /// react-wizard's origin (React 19 + react-router 7).
    pub react: String,
    servers: Vec<Child>,
}

impl Drop for Peers {
    fn drop(&mut self) {
        for server in &mut self.servers {
            let _ = server.kill();
            let _ = server.wait();
        }
    }
}

impl Peers {
    /// Serves the built peers under `$BENCH_PEERS` (what `cargo xtask bench` builds).
    pub async fn start() -> Result<Peers> {
        let dir = PathBuf::from(
            std::env::var_os("BENCH_PEERS")
                .context("BENCH_PEERS is not set: run the bench through `cargo xtask bench`")?,
        );
        let mut peers = Peers { aws_sample: String::new(), react: String::new(), servers: vec![] };
        peers.aws_sample = peers.serve(&dir, "aws-sample-like").await?;
        peers.react = peers.serve(&dir, "react-wizard").await?;
        Ok(peers)
    }

    /// Starts `serve.mjs` on `peer`'s `dist/`; its origin once it answers.
    async fn serve(&mut self, dir: &Path, peer: &str) -> Result<String> {
        let dist = dir.join(peer).join("dist");
        if !dist.join("index.html").is_file() {
            bail!("{} is not built: run the bench through `cargo xtask bench`", dist.display());
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let child = Command::new("node")
            .arg(dir.join("serve.mjs"))
            .arg(&dist)
            .arg(port.to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .context("cannot start node (apt-get install nodejs)")?;
        self.servers.push(child);
        let origin = format!("http://127.0.0.1:{port}");
        let health = format!("{origin}/api/health");
        let deadline = Instant::now() + Duration::from_secs(10);
        while !Request::get(&health).send().await.is_ok_and(|r| r.status == 200) {
            if Instant::now() > deadline {
                bail!("{peer}'s server did not answer on {health}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Ok(origin)
    }
}
