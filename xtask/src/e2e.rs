//! The end-to-end journeys (`e2e/`): the release build in `dist/` (made by the step before), served
//! by the real mock, driven through ChromeDriver in headless Chromium, from each marketplace
//! simulator to the workspace home.

use crate::{
    sh::{cargo, describe},
    tools::Env,
};

/// Journeys at once: each has its own mock, ChromeDriver and Chromium. Measured on 2 cores, more
/// than two in parallel is no faster.
const THREADS: &str = "2";
/// The mock the journeys start, relative to the workspace root.
const MOCK: &str = "target/debug/server-mock";

pub fn journeys(env: &Env) -> Result<(), String> {
    if !env.root.join("dist/index.html").is_file() {
        return Err("no dist/index.html: the release build of the app must come first".to_owned());
    }
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
    let mut run = cargo(env);
    run.args(["test", "-p", "e2e", "--", "--test-threads", THREADS]).env("E2E_MOCK_BIN", MOCK);
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
