//! `cargo xtask bench`: builds what customers get (the release app, precompressed) and the release
//! mock, builds the two peer apps it is measured against (`e2e/peers/`, npm ci and their build,
//! into `target/peers/`) and Lighthouse (`e2e/lighthouse/`, npm ci into `target/tools/`), then runs
//! the `bench` binary of `e2e/` (headless Chromium, Lighthouse and `wrk`), which prints every figure
//! beside its budget and writes `target/bench.json`. Not part of `cargo xtask test`.

use std::path::Path;

use crate::{
    build,
    sh::{self, Browsers, Step, cargo},
    tools::{self, Env},
};

/// The mock the bench starts: release, as it would be measured anywhere.
const MOCK: &str = "target/release/server-mock";
/// The peers' sources, and where they are built (npm writes beside the sources).
const PEERS_SRC: &str = "e2e/peers";
const PEERS: &str = "target/peers";
/// Each peer and its build command (its README's), run after `npm ci`; each writes `dist/`.
const PEER_BUILDS: [(&str, &str, &[&str]); 2] =
    [("aws-sample-like", "sh", &["build.sh"]), ("react-wizard", "npm", &["run", "build"])];
/// Lighthouse's package.json and lockfile, and where npm installs them.
const LIGHTHOUSE_SRC: &str = "e2e/lighthouse";
const LIGHTHOUSE: &str = "target/tools/lighthouse";

/// `cargo xtask bench`'s flags, passed on to the bench driver (its defaults are its own).
#[derive(clap::Args)]
pub struct Args {
    /// Rounds of cold-cache loads in Chromium (each page once per round)
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    runs: Option<u32>,
    /// Throttled rounds (CPU 4×, 150 ms RTT, 1.6 Mbps down, 750 kbps up)
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    throttled_runs: Option<u32>,
    /// Lighthouse runs on Choose
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    lighthouse_runs: Option<u32>,
    /// Seconds of load on the mock
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    load_secs: Option<u32>,
}

pub fn run(args: &Args) -> Result<(), String> {
    let env = tools::ensure()?;
    tools::ensure_bench(&env)?;
    build::app(&env)?;
    Step::new("release build of the mock").run(cargo(&env).args([
        "build",
        "--release",
        "-p",
        "server-mock",
    ]))?;
    Step::new("the peers: npm ci and their builds").check(peers(&env))?;
    Step::new("Lighthouse: npm ci").check(lighthouse(&env))?;
    Step::new("build the bench driver")
        .run(cargo(&env).args(["build", "-p", "e2e", "--bin", "bench"]))?;
    bench(&env, args)
}

fn bench(env: &Env, args: &Args) -> Result<(), String> {
    // Idle browsers an earlier test run left would run beside what is measured.
    let browsers = Browsers::new(env)?;
    let mut command = env.cmd(env.root.join("target/debug/bench"));
    browsers.run_in(&mut command);
    for (flag, value) in [
        ("--runs", args.runs),
        ("--throttled-runs", args.throttled_runs),
        ("--lighthouse-runs", args.lighthouse_runs),
    ] {
        if let Some(value) = value {
            command.args([flag, &value.to_string()]);
        }
    }
    if let Some(secs) = args.load_secs {
        command.args(["--load-secs", &secs.to_string()]);
    }
    Step::new("bench").run(
        command.env("E2E_MOCK_BIN", MOCK).env("BENCH_PEERS", env.root.join(PEERS)).env(
            "BENCH_LIGHTHOUSE",
            env.root.join(LIGHTHOUSE).join("node_modules/.bin/lighthouse"),
        ),
    )
}

/// Copies the peers' sources to `target/peers` and builds each as its README says.
fn peers(env: &Env) -> Result<(), String> {
    let built = env.root.join(PEERS);
    let _ = std::fs::remove_dir_all(&built);
    copy_tree(&env.root.join(PEERS_SRC), &built)
        .map_err(|err| format!("copying the peers: {err}"))?;
    for (peer, program, args) in PEER_BUILDS {
        let dir = built.join(peer);
        sh::run(env.cmd("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(&dir))?;
        sh::run(env.cmd(program).args(args).current_dir(&dir))?;
    }
    Ok(())
}

/// Lighthouse at the version its lockfile pins, into `target/tools/lighthouse`.
fn lighthouse(env: &Env) -> Result<(), String> {
    let dir = env.root.join(LIGHTHOUSE);
    std::fs::create_dir_all(&dir).map_err(|err| err.to_string())?;
    let mut same = true;
    for file in ["package.json", "package-lock.json"] {
        let wanted = std::fs::read(env.root.join(LIGHTHOUSE_SRC).join(file))
            .map_err(|err| err.to_string())?;
        same &= std::fs::read(dir.join(file)).is_ok_and(|have| have == wanted);
        std::fs::write(dir.join(file), wanted).map_err(|err| err.to_string())?;
    }
    if same && dir.join("node_modules/.bin/lighthouse").exists() {
        return Ok(());
    }
    sh::run(env.cmd("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(&dir))
}

/// Copies the files under `from` to `to` (folders made as needed).
fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}
