//! `cargo xtask`: the two commands of the README, and their parts (`cargo xtask help` lists them).
//!
//! ```text
//! cargo xtask run [--port PORT]   install what is missing, build the app (release), serve it with the mock
//! cargo xtask dev                 the dev loop: the mock and `trunk serve` (debug build, rebuilt on save)
//! cargo xtask test                install what is missing, then fmt, clippy, host tests, schemathesis,
//!                                 wasm tests, the dev loop, smoke, end-to-end journeys
//! cargo xtask setup               only install what is missing
//! cargo xtask bench [--runs N] [--load-secs S]
//!                                 sizes, browser timings and mock throughput beside their budgets
//! cargo xtask hardening           the slow hardening figures (10,000 cases per property, schemathesis)
//! cargo xtask split               Trunk's post-build hook: the release wasm, cut into chunks
//! ```
//! Its dependencies are a few small, well-known crates (clap, sha2, base64, cargo_metadata) and
//! none of the workspace's: it installs the tools and is Trunk's post-build hook, so it has to
//! build while the product does not. What drives a running mock or browser (the dev loop, the
//! smoke test, the journeys, the bench, the schemathesis run) is in `e2e/`, which xtask runs.

mod bench;
mod build;
mod dev;
mod e2e;
mod hardening;
mod sh;
mod split;
mod tools;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use sh::{Browsers, Step, cargo};

#[derive(Parser)]
#[command(bin_name = "cargo xtask", about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Install what is missing, build the app (release) and serve it with the mock
    Run {
        /// The port the mock listens on (127.0.0.1)
        #[arg(long, default_value_t = 8080)]
        port: u16,
    },
    /// The dev loop: the mock (demo data) and `trunk serve` in front of it, rebuilding the app
    /// (debug) on every save
    Dev,
    /// Install what is missing, then every check: fmt, clippy, host tests, schemathesis, wasm
    /// tests, the dev loop, smoke, end-to-end journeys
    Test,
    /// Only install what is missing
    Setup,
    /// Sizes, browser timings and mock throughput beside their budgets
    Bench(bench::Args),
    /// The slow hardening figures (10,000 cases per property, schemathesis, cargo fuzz)
    Hardening,
    /// Trunk's post-build hook: the release wasm, cut into chunks
    Split,
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Run { port } => run(port),
        Command::Dev => dev::run(),
        Command::Test => test(),
        Command::Setup => tools::ensure().map(|_| ()),
        Command::Bench(args) => bench::run(&args),
        Command::Hardening => hardening::run(),
        Command::Split => split::run(),
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
fn run(port: u16) -> Result<(), String> {
    let env = tools::ensure()?;
    build::app(&env)?;
    Step::new("build the mock").run(cargo(&env).args([
        "build",
        "--release",
        "-p",
        "server-mock",
    ]))?;
    println!("\nStarting the mock on 127.0.0.1:{port}; Ctrl-C stops it.\n");
    sh::exec(env.cmd(env.root.join("target/release/server-mock")).args([
        "--port",
        &port.to_string(),
        "--dist",
        "dist",
        "--seed",
        "demo",
    ]))
}

/// Every check CI runs; stops at the first failure.
fn test() -> Result<(), String> {
    let env = tools::ensure()?;
    tools::note_free_disk(&env, tools::TEST_DISK_GIB);
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
    Step::new("e2e: clippy, and the mock the journeys start").check(e2e::prepare(&env))?;
    Step::new("API conformance: schemathesis").check(hardening::api_conformance(&env.root))?;
    Step::new("core builds for wasm32")
        .run(cargo(&env).args(["build", "-p", "activation-core"]).args(wasm))?;
    Step::new("no regex in core or app").check(tools::no_forbidden_dependencies(&env))?;
    let browsers = Browsers::new(&env)?;
    let wasm_tests = Step::new("wasm tests in headless Chromium").run(
        browsers.run_in(cargo(&env).args(["test", "-p", "app", "-p", "browser-tests"]).args(wasm)),
    );
    browsers.end();
    wasm_tests?;
    Step::new("dev loop: the hand-offs through trunk serve's debug build")
        .check(e2e::dev_loop(&env, &browsers))?;
    browsers.end();
    build::app(&env)?;
    Step::new("smoke: the served app renders in headless Chromium")
        .check(e2e::smoke(&env, &browsers))?;
    browsers.end();
    let journeys =
        Step::new("end-to-end journeys in headless Chromium").check(e2e::journeys(&env, &browsers));
    drop(browsers);
    journeys?;
    println!("\nall checks passed");
    Ok(())
}
