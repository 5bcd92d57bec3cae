//! `cargo xtask hardening`: the measured checks of the hardening issue that are too slow for every
//! run, each printing its figure:
//!
//! - core's property tests (every validator) at 10,000 cases each, in release;
//! - the mock's request-body fuzzing (`server-mock/tests/fuzz_bodies.rs`) at 10,000 cases each;
//! - schemathesis against the OpenAPI document of a running mock, with more examples and a fresh
//!   seed ([`api_conformance`] with a fixed seed is also a step of `cargo xtask test`).
//!
//! - the coverage-guided fuzzer: `cargo fuzz` (libFuzzer, installed if missing) on the mock's
//!   request bodies (`fuzz/fuzz_targets/request_bodies.rs`) for [`FUZZ_SECS`] seconds. `-s none`
//!   (no sanitizer: the mock is safe Rust) is what lets it build on the stable toolchain.
//!
//! The token, login-limit, race, lost-answer, authorization and SIGKILL tests are fast enough for
//! `cargo xtask test`.

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::{SocketAddr, TcpStream},
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
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

/// Read by schemathesis (`--config-file`); the `${…}` are set from the logins made before the run.
const CONFIG: &str = r#"# Written by `cargo xtask` (xtask/src/hardening.rs): edit it there.
[auth.openapi.activationSession]
api_key = "${ACTIVATION_SESSION}"
[auth.openapi.consoleSession]
api_key = "${CONSOLE_SESSION}"
[auth.openapi.billingSession]
api_key = "${BILLING_SESSION}"

# Request bodies are drafts: strings as typed, which the JSON Schema cannot judge further. Core's
# rules (formats, confirm password, common passwords, verification codes, steps) then refuse with
# 422 `invalid_fields` and friends, so 422 is an answer to valid JSON too. Every other status a
# schema-valid request can get (400, 405, 415, any 5xx) still fails the run.
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "401", "404", "409", "422", "429"]
"#;

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

/// Kills the mock when dropped, however the check ends.
struct Mock(Child);

impl Drop for Mock {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Builds and starts the mock with the demo data on a free port.
fn start_mock(root: &Path) -> Result<(Mock, SocketAddr), String> {
    let built = cargo(root).args(["build", "--quiet", "-p", "server-mock"]).status();
    if !built.is_ok_and(|s| s.success()) {
        return Err("cannot build server-mock".to_owned());
    }
    let mut child = Command::new(root.join("target/debug/server-mock"))
        .args(["--port", "0", "--seed", "demo"])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|err| format!("cannot start server-mock: {err}"))?;
    let mut stdout = BufReader::new(child.stdout.take().ok_or("no stdout")?);
    let mock = Mock(child);
    let mut first = String::new();
    stdout.read_line(&mut first).map_err(|err| err.to_string())?;
    let addr = first
        .trim()
        .strip_prefix("listening on http://")
        .and_then(|a| a.parse().ok())
        .ok_or_else(|| format!("unexpected first line from server-mock: {first:?}"))?;
    std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    Ok((mock, addr))
}

/// One HTTP/1.1 exchange over a plain socket: the status and the whole answer.
fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    kind: &str,
    body: &str,
) -> Result<(u16, String), String> {
    let exchange = || -> std::io::Result<String> {
        let mut stream = TcpStream::connect(addr)?;
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: {kind}\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )?;
        let mut answer = String::new();
        stream.read_to_string(&mut answer)?;
        Ok(answer)
    };
    let answer = exchange().map_err(|err| format!("{method} {path}: {err}"))?;
    let status = answer.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    Ok((status, answer))
}

/// The value of cookie `name` set by an answer.
fn cookie(answer: &str, name: &str) -> Result<String, String> {
    let prefix = format!("set-cookie: {name}=");
    answer
        .lines()
        .find_map(|line| {
            let lower = line.to_ascii_lowercase();
            lower
                .starts_with(&prefix)
                .then(|| line[prefix.len()..].split(';').next().unwrap_or("").to_owned())
        })
        .ok_or_else(|| format!("no {name} cookie in: {answer}"))
}

/// Signs in the way a buyer does: an AWS hand-off (activation session), then the demo account's
/// console and Billing Center logins. The three cookie values, for schemathesis's auth.
fn sign_in(addr: SocketAddr) -> Result<[(&'static str, String); 3], String> {
    let (_, page) =
        http(addr, "GET", "/marketplace/aws/subscribed?account_id=123456789012", "text/plain", "")?;
    let marker = "name=\"x-amzn-marketplace-token\" value=\"";
    let start = page.find(marker).ok_or("no token on the AWS simulator page")? + marker.len();
    let token = &page[start..start + page[start..].find('"').ok_or("unterminated token")?];
    let form = format!("x-amzn-marketplace-token={token}");
    let (_, handoff) =
        http(addr, "POST", "/handoff/aws", "application/x-www-form-urlencoded", &form)?;
    let login = r#"{"username":"demo_billing","password":"Demo-Activation-2026"}"#;
    let (_, console) = http(addr, "POST", "/api/v1/login", "application/json", login)?;
    let (_, billing) = http(addr, "POST", "/api/v1/billing/login", "application/json", login)?;
    Ok([
        ("ACTIVATION_SESSION", cookie(&handoff, "activation_session")?),
        ("CONSOLE_SESSION", cookie(&console, "console_session")?),
        ("BILLING_SESSION", cookie(&billing, "billing_session")?),
    ])
}

/// Runs schemathesis (every check) against a fresh mock; the figure, or the failures.
fn schemathesis(root: &Path, seed: &str, examples: &str) -> Result<String, String> {
    let st = ensure_schemathesis(root)?;
    let (_mock, addr) = start_mock(root)?;
    let config = root.join("target/schemathesis.toml");
    std::fs::write(&config, CONFIG).map_err(|err| format!("{}: {err}", config.display()))?;
    let started = Instant::now();
    let mut command = Command::new(&st);
    command
        .arg("--config-file")
        .arg(&config)
        .args(["run", &format!("http://{addr}/api/openapi.json")])
        .args(["--checks", "all", "--workers", "2", "--no-color"])
        // The API only. The document also lists the simulators' pages, which answer any input
        // with a page or a 303 by design (so "negative data is rejected" cannot hold), and
        // `/dev/faults`, which would make the rest of the run fail on purpose. Their own tests
        // are server-mock/tests/marketplaces.rs and hardening_tokens.rs.
        .args(["--include-tag", "api"])
        .args(["--seed", seed, "--max-examples", examples])
        .envs(sign_in(addr)?)
        .current_dir(root.join("target"));
    let run = command.output().map_err(|err| format!("cannot run {}: {err}", st.display()))?;
    let text =
        String::from_utf8_lossy(&run.stdout).into_owned() + &String::from_utf8_lossy(&run.stderr);
    let summary =
        text.lines().rev().find(|l| l.contains(" in ") && l.starts_with('=')).unwrap_or("");
    let cases =
        text.lines().find(|l| l.trim_start().ends_with("generated") || l.contains(" generated, "));
    if !run.status.success() {
        println!("{text}");
        return Err(format!(
            "schemathesis found failures (seed {seed}): {}",
            summary.trim_matches('=').trim()
        ));
    }
    Ok(format!(
        "schemathesis {SCHEMATHESIS}, all checks, {examples} examples per operation, seed {seed}: {} ({}; {:.0} s)",
        cases.map_or("", str::trim),
        summary.trim_matches('=').trim(),
        started.elapsed().as_secs_f64()
    ))
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

    #[test]
    fn a_cookie_is_read_from_its_set_cookie_line_whatever_the_case() {
        let answer = "HTTP/1.1 303 See Other\r\nSet-Cookie: activation_session=ab12; Path=/; \
                      HttpOnly\r\nlocation: /activate\r\n\r\n";
        assert_eq!(cookie(answer, "activation_session").unwrap(), "ab12");
        assert!(cookie(answer, "console_session").is_err());
    }
}
