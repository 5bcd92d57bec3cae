//! `cargo xtask bench`: builds what customers get (the release app, precompressed) and the release
//! mock, then runs the `bench` binary of `e2e/` (headless Chromium and `wrk`), which prints every
//! figure beside its budget and writes `target/bench.json`. Not part of `cargo xtask test`.

use crate::{
    build,
    sh::{Step, cargo},
    tools::{self, Env},
};

/// The mock the bench starts: release, as it would be measured anywhere.
const MOCK: &str = "target/release/server-mock";

/// `cargo xtask bench`'s flags, passed on to the bench driver (its defaults are its own).
#[derive(clap::Args)]
pub struct Args {
    /// Cold-cache loads in Chromium, of each kind
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    runs: Option<u32>,
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
    Step::new("build the bench driver")
        .run(cargo(&env).args(["build", "-p", "e2e", "--bin", "bench"]))?;
    bench(&env, args)
}

fn bench(env: &Env, args: &Args) -> Result<(), String> {
    let mut command = env.cmd(env.root.join("target/debug/bench"));
    if let Some(runs) = args.runs {
        command.args(["--runs", &runs.to_string()]);
    }
    if let Some(secs) = args.load_secs {
        command.args(["--load-secs", &secs.to_string()]);
    }
    Step::new("bench").run(command.env("E2E_MOCK_BIN", MOCK))
}
