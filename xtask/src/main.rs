//! `cargo xtask`: the two commands of the README, and their parts.
//!
//! ```text
//! cargo xtask run [--port PORT]   install what is missing, build the app (release), serve it with the mock
//! cargo xtask test                install what is missing, then fmt, clippy, host tests, wasm tests,
//!                                 smoke, end-to-end journeys
//! cargo xtask setup               only install what is missing
//! cargo xtask bench [--runs N] [--load-secs S]
//!                                 sizes, browser timings and mock throughput beside their budgets
//! cargo xtask hardening           the slow hardening figures (10,000 cases per property, schemathesis)
//! cargo xtask split               Trunk's post-build hook: the release wasm, cut into chunks
//! ```
//! Std only, so the first `cargo xtask` compiles in seconds.

mod bench;
mod build;
mod e2e;
mod hardening;
mod inline;
mod sh;
mod smoke;
mod split;
mod tools;

use std::process::ExitCode;

use sh::{Step, cargo};

const USAGE: &str = "usage: cargo xtask <run [--port PORT] | test | setup | bench [--runs N] [--load-secs S] | hardening>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("test") => test(),
        Some("setup") => tools::ensure().map(|_| ()),
        Some("bench") => bench::run(&args[1..]),
        Some("hardening") => hardening::run(),
        Some("split") => split::run(),
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Builds the release app and replaces this process with the mock serving it.
fn run(args: &[String]) -> Result<(), String> {
    let port = match args {
        [] => "8080".to_owned(),
        [flag, port] if flag == "--port" => port.clone(),
        _ => return Err(USAGE.to_owned()),
    };
    let env = tools::ensure()?;
    build::app(&env)?;
    Step::new("build the mock").run(cargo(&env).args([
        "build",
        "--release",
        "-p",
        "server-mock",
    ]))?;
    println!("\nStarting the mock on 127.0.0.1:{port}; Ctrl-C stops it.\n");
    sh::exec(
        env.cmd(env.root.join("target/release/server-mock"))
            .args(["--port", &port, "--dist", "dist", "--seed", "demo"]),
    )
}

/// Every check CI runs; stops at the first failure.
fn test() -> Result<(), String> {
    let env = tools::ensure()?;
    let wasm = ["--target", "wasm32-unknown-unknown"];
    Step::new("format").run(cargo(&env).args(["fmt", "--all", "--check"]))?;
    Step::new("clippy (host crates)").run(cargo(&env).args([
        "clippy",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    Step::new("clippy (wasm crates)").run(
        cargo(&env)
            .args(["clippy", "-p", "app", "-p", "browser-tests", "--all-targets"])
            .args(wasm)
            .args(["--", "-D", "warnings"]),
    )?;
    Step::new("host tests").run(cargo(&env).args([
        "test",
        "-p",
        "activation-core",
        "-p",
        "server-mock",
        "-p",
        "xtask",
    ]))?;
    Step::new("API conformance: schemathesis").check(hardening::api_conformance(&env.root))?;
    Step::new("core builds for wasm32")
        .run(cargo(&env).args(["build", "-p", "activation-core"]).args(wasm))?;
    Step::new("no regex in core or app").check(tools::no_forbidden_dependencies(&env))?;
    Step::new("wasm tests in headless Chromium")
        .run(cargo(&env).args(["test", "-p", "app", "-p", "browser-tests"]).args(wasm))?;
    build::app(&env)?;
    Step::new("smoke: the served app renders in headless Chromium")
        .check(smoke::served_app_renders(&env))?;
    Step::new("end-to-end journeys in headless Chromium").check(e2e::journeys(&env))?;
    println!("\nall checks passed");
    Ok(())
}
