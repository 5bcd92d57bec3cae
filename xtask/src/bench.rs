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

pub fn run(args: &[String]) -> Result<(), String> {
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

fn bench(env: &Env, args: &[String]) -> Result<(), String> {
    Step::new("bench")
        .run(env.cmd(env.root.join("target/debug/bench")).args(args).env("E2E_MOCK_BIN", MOCK))
}
