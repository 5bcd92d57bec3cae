//! Serves the release build with the mock and checks, in headless Chromium, that the app renders
//! (not a blank page: the failure mode of a wrong wasm-opt or a CSP that blocks the init script).

use std::{
    io::{BufRead, BufReader},
    process::{Child, Stdio},
};

use crate::{
    sh::{cargo, output},
    tools::Env,
};

/// Kills the mock when the check ends, however it ends.
pub struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the mock on a free port serving `dist/`; returns it and its base URL.
pub fn start_mock(env: &Env) -> Result<(Server, String), String> {
    let built = cargo(env).args(["build", "--quiet", "-p", "server-mock"]).status();
    if !built.is_ok_and(|s| s.success()) {
        return Err("cannot build server-mock".to_owned());
    }
    let mut child = env
        .cmd(env.root.join("target/debug/server-mock"))
        .args(["--port", "0", "--dist", "dist"])
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|err| format!("cannot start server-mock: {err}"))?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let server = Server(child);
    let mut lines = BufReader::new(stdout);
    let mut first = String::new();
    lines.read_line(&mut first).map_err(|err| err.to_string())?;
    // Keep reading what the mock prints: a closed pipe would make its next line fail.
    std::thread::spawn(move || std::io::copy(&mut lines, &mut std::io::sink()));
    let url = first
        .trim()
        .strip_prefix("listening on ")
        .ok_or_else(|| format!("unexpected first line from server-mock: {first:?}"))?
        .to_owned();
    Ok((server, url))
}

pub fn served_app_renders(env: &Env) -> Result<(), String> {
    let (_server, url) = start_mock(env)?;
    let profile = env.root.join("target/chromium-smoke");
    let _ = std::fs::remove_dir_all(&profile);
    let dom = output(
        env.cmd("/usr/bin/chromium")
            .args([
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                "--virtual-time-budget=10000",
                "--dump-dom",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("{url}/"))
            .stderr(Stdio::null()),
    )
    .ok_or("chromium --dump-dom failed")?;
    // The view leaves empty `<!---->` markers beside reactive text; they are not what is shown.
    let rendered = dom.replace("<!---->", "").contains("Activate your Guance Commercial Plan</h1>");
    let skeleton_gone = !dom.contains("id=\"skeleton\"");
    let reached = dom.contains("The service is reachable.");
    if rendered && skeleton_gone && reached {
        println!("    {url}/ rendered the home page and reached the mock");
        Ok(())
    } else {
        let snapshot = env.root.join("target/smoke-dom.html");
        let _ = std::fs::write(&snapshot, &dom);
        Err(format!(
            "the page did not render (heading: {rendered}, skeleton removed: {skeleton_gone}, \
             health shown: {reached}); DOM saved to {}",
            snapshot.display()
        ))
    }
}
