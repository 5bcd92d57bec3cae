//! `cargo xtask hardening`: the measured checks of the hardening issue that are too slow for every
//! run, each printing its figure:
//!
//! - core's property tests (every validator) at 10,000 cases each, in release;
//! - the mock's request-body fuzzing (`server-mock/tests/fuzz_bodies.rs`) at 10,000 cases each;
//! - schemathesis against the OpenAPI document of a running mock, with more examples and a fresh
//!   seed ([`api_conformance`] with a fixed seed is also a step of `cargo xtask test`); xtask
//!   installs it, e2e's `conformance` binary starts the mock, signs in and runs it.
//!
//! - the coverage-guided fuzzer: `cargo fuzz` (libFuzzer, installed if missing) on the mock's
//!   request bodies (`fuzz/fuzz_targets/request_bodies.rs`) for [`FUZZ_SECS`] seconds. `-s none`
//!   (no sanitizer: the mock is safe Rust) is what lets it build on the stable toolchain.
//!
//! The token, login-limit, race, lost-answer, authorization and SIGKILL tests are fast enough for
//! `cargo xtask test`.

use std::{
    path::{Path, PathBuf},
    process::{Command, Stdio},
    time::Instant,
};

use crate::sh::{Step, describe, output};

/// Cases per property in the hardening run (the default run keeps proptest's 256).
const CASES: u32 = 10_000;
/// How long the coverage-guided fuzzer runs.
const FUZZ_SECS: u32 = 60;
/// Pinned like every other tool.
const CARGO_FUZZ: &str = "0.13.2";
/// Pinned like every other tool: a new schemathesis may bring new checks, and so new failures.
const SCHEMATHESIS: &str = "4.32.5";
/// The seed of the schemathesis step of `cargo xtask test`, so that step is repeatable.
const FIXED_SEED: &str = "20261122";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask is in the workspace").to_path_buf()
}

fn cargo(root: &Path) -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(root);
    command
}

/// Every hardening check, in order; stops at the first failure.
pub fn run() -> Result<(), String> {
    let root = root();
    let started = Instant::now();
    let core = property_tests(&root, "activation-core", &["--release", "-p", "activation-core"])?;
    let bodies = property_tests(
        &root,
        "server-mock request bodies",
        &["--release", "-p", "server-mock", "--test", "fuzz_bodies"],
    )?;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    let seed = (now.map_or(0, |d| d.as_nanos()) % 1_000_000_000_000).to_string();
    let api = Step::new("API conformance: schemathesis, 300 examples per operation, fresh seed");
    let conformance = schemathesis(&root, &seed, "300")?;
    api.check(Ok(()))?;
    let fuzz = cargo_fuzz(&root)?;
    println!("\nhardening figures:\n  {core}\n  {bodies}\n  {conformance}\n  {fuzz}");
    println!("  all in {:.0} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// `PROPTEST_CASES=10000 cargo test ARGS`; the figure: properties × cases, and the time.
fn property_tests(root: &Path, what: &'static str, args: &[&str]) -> Result<String, String> {
    let step = Step::new(what);
    let started = Instant::now();
    let mut command = cargo(root);
    command.arg("test").args(args).env("PROPTEST_CASES", CASES.to_string());
    let status = command.status().map_err(|err| format!("{what}: {err}"))?;
    if !status.success() {
        return Err(format!(
            "{what}: failed ({status}): PROPTEST_CASES={CASES} {}",
            describe(&command)
        ));
    }
    let properties = match what {
        "activation-core" => count_properties(&root.join("core/src")),
        _ => count_properties(&root.join("server-mock/tests/fuzz_bodies.rs")),
    };
    let figure = format!(
        "{what}: {properties} properties x {CASES} cases = {} cases, passed in {:.0} s \
         (build included): PROPTEST_CASES={CASES} {}",
        u64::from(CASES) * properties as u64,
        started.elapsed().as_secs_f64(),
        describe(&command)
    );
    step.check(Ok(()))?;
    Ok(figure)
}

/// `cargo fuzz run -s none request_bodies` for [`FUZZ_SECS`] from the seeds; the figure.
fn cargo_fuzz(root: &Path) -> Result<String, String> {
    let step = Step::new("coverage-guided fuzzing of the request bodies (cargo fuzz)");
    let have = output(cargo(root).args(["fuzz", "--version"])).unwrap_or_default();
    if !have.contains(CARGO_FUZZ) {
        println!("    installing cargo-fuzz {CARGO_FUZZ} (about 2 minutes on 2 cores)");
        let mut install = cargo(root);
        install.args(["install", "cargo-fuzz", "--locked", "--version", CARGO_FUZZ]);
        if !install.status().is_ok_and(|s| s.success()) {
            return Err(format!("cannot install cargo-fuzz: {} failed", describe(&install)));
        }
    }
    let corpus = root.join("fuzz/corpus/request_bodies");
    std::fs::create_dir_all(&corpus).map_err(|err| format!("{}: {err}", corpus.display()))?;
    let mut command = cargo(root);
    command
        .args(["fuzz", "run", "-s", "none", "request_bodies"])
        .args(["fuzz/corpus/request_bodies", "fuzz/seeds/request_bodies", "--"])
        .arg(format!("-max_total_time={FUZZ_SECS}"));
    let run = command.output().map_err(|err| format!("cannot run cargo fuzz: {err}"))?;
    let text =
        String::from_utf8_lossy(&run.stdout).into_owned() + &String::from_utf8_lossy(&run.stderr);
    if !run.status.success() {
        println!("{text}");
        return Err(format!("cargo fuzz found a failure ({}): see fuzz/artifacts/", run.status));
    }
    let done = text.lines().rev().find(|l| l.starts_with("Done ")).unwrap_or("Done ? runs");
    let coverage = text
        .lines()
        .rev()
        .find_map(|l| l.split_once(" cov: ").and_then(|(_, rest)| rest.split_whitespace().next()))
        .unwrap_or("?");
    step.check(Ok(()))?;
    Ok(format!(
        "cargo fuzz (libFuzzer), request bodies: {done}, coverage {coverage} edges, no failure: {}",
        describe(&command)
    ))
}

/// The number of test functions inside `proptest! { … }` blocks under `path`.
fn count_properties(path: &Path) -> usize {
    let mut files = vec![path.to_path_buf()];
    let mut count = 0;
    while let Some(path) = files.pop() {
        if let Ok(entries) = std::fs::read_dir(&path) {
            files.extend(entries.flatten().map(|e| e.path()));
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        for block in text.split("proptest! {").skip(1) {
            let mut depth = 1;
            let end = block
                .char_indices()
                .find(|&(_, c)| {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    depth == 0
                })
                .map_or(block.len(), |(at, _)| at);
            count += block[..end].lines().filter(|l| l.trim_start().starts_with("fn ")).count();
        }
    }
    count
}

/// The schemathesis step of `cargo xtask test`: the default examples, a fixed seed.
pub fn api_conformance(root: &Path) -> Result<(), String> {
    schemathesis(root, FIXED_SEED, "100").map(|figure| println!("    {figure}"))
}

/// Installs schemathesis (pinned, in a project-local virtualenv) if missing; its `st`.
fn ensure_schemathesis(root: &Path) -> Result<PathBuf, String> {
    let venv = root.join("target/tools/schemathesis");
    let st = venv.join("bin/st");
    if output(Command::new(&st).arg("--version")).is_some_and(|v| v.contains(SCHEMATHESIS)) {
        return Ok(st);
    }
    println!("    installing schemathesis {SCHEMATHESIS} from PyPI into {}", venv.display());
    let python = ["python3", "python"]
        .into_iter()
        .find(|p| output(Command::new(p).arg("--version")).is_some());
    let python = python.ok_or("schemathesis needs Python 3 with venv and pip: install python3")?;
    for command in [
        Command::new(python).arg("-m").arg("venv").arg(&venv),
        Command::new(venv.join("bin/pip")).args([
            "install",
            "--quiet",
            &format!("schemathesis=={SCHEMATHESIS}"),
        ]),
    ] {
        let ok = command.status().is_ok_and(|s| s.success());
        if !ok {
            return Err(format!("cannot install schemathesis: {} failed", describe(command)));
        }
    }
    Ok(st)
}

/// Runs schemathesis (every check) against a fresh mock, through e2e's `conformance` binary
/// (which starts the mock and signs in); the figure, or the failures.
fn schemathesis(root: &Path, seed: &str, examples: &str) -> Result<String, String> {
    let st = ensure_schemathesis(root)?;
    let build = cargo(root).args(["build", "--quiet", "-p", "server-mock"]).status();
    if !build.is_ok_and(|s| s.success()) {
        return Err("cannot build server-mock".to_owned());
    }
    let mut command = cargo(root);
    command
        .args(["run", "--quiet", "-p", "e2e", "--bin", "conformance", "--"])
        .arg("--st")
        .arg(&st)
        .args(["--seed", seed, "--examples", examples])
        .stderr(Stdio::inherit());
    let run = command.output().map_err(|err| format!("cannot run cargo: {err}"))?;
    let out = String::from_utf8_lossy(&run.stdout);
    if !run.status.success() {
        // schemathesis's report (what went wrong around it is on stderr already).
        print!("{out}");
        return Err(format!("{} failed ({})", describe(&command), run.status));
    }
    let figure = out.lines().last().unwrap_or_default();
    Ok(format!("schemathesis {SCHEMATHESIS}, {figure}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_are_the_functions_inside_proptest_blocks() {
        let dir = std::env::temp_dir().join(format!("xtask-props-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("nested")).unwrap();
        let source = "fn outside() {}\nproptest! {\n    #[test]\n    fn a(x in 0..3u8) {\n        \
                      if x > 1 { prop_assert!(true); }\n    }\n    fn b(s in \".*\") {}\n}\nfn after() {}\n";
        std::fs::write(dir.join("nested/one.rs"), source).unwrap();
        std::fs::write(dir.join("two.rs"), source).unwrap();
        assert_eq!(count_properties(&dir), 4);
        assert_eq!(count_properties(&dir.join("two.rs")), 2);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
