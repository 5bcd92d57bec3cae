//! The checks of `e2e/` that `cargo xtask test` runs, in headless Chromium through ChromeDriver:
//! the dev loop (`trunk serve`'s debug build in front of the mock), then, against the release
//! build in `dist/` served by the real mock, the smoke test and the journeys from each marketplace
//! simulator to the workspace home.

use crate::{
    sh::{Browsers, cargo, describe},
    tools::Env,
};

/// Journeys at once: each has its own mock, ChromeDriver and Chromium. Measured on 2 cores, more
/// than two in parallel is no faster.
const THREADS: &str = "2";
/// The mock the journeys start, relative to the workspace root.
const MOCK: &str = "target/debug/server-mock";

/// Lints the journeys and builds the mock they start.
pub fn prepare(env: &Env) -> Result<(), String> {
    // The host clippy step covers the default members only; the journeys are not one.
    let mut lint = cargo(env);
    lint.args(["clippy", "--quiet", "-p", "e2e", "--all-targets", "--", "-D", "warnings"]);
    if !lint.status().is_ok_and(|s| s.success()) {
        return Err(format!("clippy found problems in the journeys: {}", describe(&lint)));
    }
    let mut build = cargo(env);
    build.args(["build", "--quiet", "-p", "server-mock"]);
    if !build.status().is_ok_and(|s| s.success()) {
        return Err(format!("cannot build the mock: {}", describe(&build)));
    }
    Ok(())
}

/// The frontend developer's loop: each marketplace's hand-off through `trunk serve` (Trunk.toml's
/// proxies, the debug build, which shares its dependencies with the wasm tests' build before it).
pub fn dev_loop(env: &Env, browsers: &Browsers) -> Result<(), String> {
    e2e_tests(env, browsers, &["--test", "dev_loop"])
}

/// The release build renders, served by the mock (`e2e/tests/smoke.rs`).
pub fn smoke(env: &Env, browsers: &Browsers) -> Result<(), String> {
    release_build_first(env)?;
    e2e_tests(env, browsers, &["--test", "smoke"])
}

/// Every journey, with the harness's and the bench's own tests.
pub fn journeys(env: &Env, browsers: &Browsers) -> Result<(), String> {
    release_build_first(env)?;
    e2e_tests(env, browsers, &["--lib", "--bins", "--test", "journeys"])
}

fn release_build_first(env: &Env) -> Result<(), String> {
    if env.root.join("dist/index.html").is_file() {
        Ok(())
    } else {
        Err("no dist/index.html: the release build of the app must come first".to_owned())
    }
}

/// `cargo test -p e2e <targets>`, with the tools on PATH (`trunk serve` needs them).
fn e2e_tests(env: &Env, browsers: &Browsers, targets: &[&str]) -> Result<(), String> {
    let mut run = cargo(env);
    browsers
        .run_in(&mut run)
        .args(["test", "-p", "e2e"])
        .args(targets)
        .args(["--", "--test-threads", THREADS])
        .env("E2E_MOCK_BIN", MOCK);
    let status = run.status().map_err(|err| format!("cannot start cargo: {err}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "{} ({status}); screenshots and page text of failed journeys are in target/e2e-failures/",
            describe(&run)
        ))
    }
}
