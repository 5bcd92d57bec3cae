//! `conformance`: schemathesis (every check) against the OpenAPI document of a fresh mock with the
//! demo data, signed in the way a buyer is: an AWS hand-off (activation session), then the demo
//! account's console and Billing Center logins. Prints the figure on success; schemathesis's
//! whole report and a non-zero exit on failure.
//!
//! Run through `cargo xtask test` (a fixed seed) or `cargo xtask hardening` (a fresh seed, more
//! examples), which install schemathesis first and pass its `st`.

use std::{path::PathBuf, process::Command, process::ExitCode, time::Instant};

use anyhow::{Context, Result, bail};
use clap::Parser;
use e2e::{Mock, flows, market, root};
use server_mock::openapi::BEYOND_THE_SCHEMA;

/// schemathesis against a fresh mock's OpenAPI document, signed in as a buyer.
#[derive(Parser)]
struct Args {
    /// schemathesis's command-line program
    #[arg(long)]
    st: PathBuf,
    /// Hypothesis's seed, for a repeatable run
    #[arg(long)]
    seed: u64,
    /// Examples generated per operation
    #[arg(long)]
    examples: u32,
}

/// Read by schemathesis (`--config-file`); the `${…}` are set from the logins made before the run.
const CONFIG: &str = r#"# Written by e2e/src/bin/conformance.rs: edit it there.
[auth.openapi.activationSession]
api_key = "${ACTIVATION_SESSION}"
[auth.openapi.consoleSession]
api_key = "${CONSOLE_SESSION}"
[auth.openapi.billingSession]
api_key = "${BILLING_SESSION}"

# A schema-valid request is answered, redirected (simulator steps, hand-offs), or refused only for
# who asks or what exists (the document carries core's rules, issue 24); the operations with rules
# beyond their schema are appended by `config()`, one exception each.
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "401", "404", "409", "429"]

# Huawei's partner services and unified login are Huawei's pages, with Huawei's rules (a unique
# enterprise abbreviation, a member's password, a sign-in our hand-off started): a form the schema
# admits may get its page again with what is wrong (422).
[[operations]]
include-path-regex = "^/marketplace/huawei/(partner|login)"
checks.positive_data_acceptance.expected-statuses = ["2xx", "3xx", "401", "404", "409", "422", "429"]
"#;

/// [`CONFIG`], then one exception per operation that checks a rule its schema cannot state
/// (`server_mock::openapi::BEYOND_THE_SCHEMA`, each shown by server-mock/tests/beyond_the_schema.rs):
/// there, and only there, 422 answers valid JSON.
fn config_text() -> String {
    let mut config = CONFIG.to_owned();
    let mut seen = Vec::new();
    for &(method, path, _) in BEYOND_THE_SCHEMA {
        if seen.contains(&(method, path)) {
            continue;
        }
        seen.push((method, path));
        config.push_str(&format!(
            "\n[[operations]]\ninclude-path = \"{path}\"\ninclude-method = \"{}\"\n\
             checks.positive_data_acceptance.expected-statuses = \
             [\"2xx\", \"3xx\", \"401\", \"404\", \"409\", \"422\", \"429\"]\n",
            method.openapi_name().to_uppercase()
        ));
    }
    config
}

#[tokio::main]
async fn main() -> ExitCode {
    match conformance(&Args::parse()).await {
        Ok(figure) => {
            println!("{figure}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("conformance: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// Runs schemathesis against a fresh mock; the figure, or the failures.
async fn conformance(args: &Args) -> Result<String> {
    let work = root().join("target/conformance");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    let mock = Mock::start_api(&work, 0, &[])?;
    let sessions = sign_in(&mock).await?;
    let config = work.join("schemathesis.toml");
    std::fs::write(&config, config_text()).with_context(|| config.display().to_string())?;
    // schemathesis runs in target/ (its .hypothesis folder): a relative `st` would be looked up there.
    let st = std::path::absolute(&args.st)?;
    let started = Instant::now();
    let run = Command::new(&st)
        .arg("--config-file")
        .arg(&config)
        .args(["run", &mock.at("/api/openapi.json")])
        // One worker: with two, schemathesis 4.32.5 (Python 3.11) sometimes stops on a "Runtime
        // Error: AST constructor recursion depth mismatch" from Python's parser in two threads.
        .args(["--checks", "all", "--workers", "1", "--no-color"])
        // Everything but the developer pages (`/dev/faults` would fail the rest of the run on
        // purpose): the API, the simulator pages and the hand-offs.
        .args(["--exclude-path-regex", "^/dev"])
        .args(["--seed", &args.seed.to_string(), "--max-examples", &args.examples.to_string()])
        .envs(sessions)
        .current_dir(root().join("target"))
        .output()
        .with_context(|| format!("cannot run {}", st.display()))?;
    let text =
        String::from_utf8_lossy(&run.stdout).into_owned() + &String::from_utf8_lossy(&run.stderr);
    let summary =
        text.lines().rev().find(|l| l.contains(" in ") && l.starts_with('=')).unwrap_or("");
    let summary = summary.trim_matches('=').trim();
    if !run.status.success() {
        println!("{text}");
        bail!("schemathesis found failures (seed {}): {summary}", args.seed);
    }
    let cases =
        text.lines().find(|l| l.trim_start().ends_with("generated") || l.contains(" generated, "));
    Ok(format!(
        "all checks, {} examples per operation, seed {}: {} ({summary}; {:.0} s)",
        args.examples,
        args.seed,
        cases.map_or("", str::trim),
        started.elapsed().as_secs_f64()
    ))
}

/// The three sessions schemathesis authenticates with (its config's `${…}`), as values.
async fn sign_in(mock: &Mock) -> Result<[(&'static str, String); 3]> {
    let (activation, _) = market::aws_session(mock, "123456789012").await?;
    let (login, password) = (flows::DEMO_BILLING, flows::DEMO_PASSWORD);
    let console = mock.log_in("/api/v1/login", login, password).await?;
    let billing = mock.log_in("/api/v1/billing/login", login, password).await?;
    let value = |cookies: &[String], name: &str| {
        cookies
            .iter()
            .find_map(|c| c.strip_prefix(&format!("{name}=")).map(str::to_owned))
            .with_context(|| format!("no {name} cookie in {cookies:?}"))
    };
    Ok([
        ("ACTIVATION_SESSION", value(&[activation], "__Host-activation_session")?),
        ("CONSOLE_SESSION", value(&console, "__Host-console_session")?),
        ("BILLING_SESSION", value(&billing, "__Host-billing_session")?),
    ])
}
