//! `bench`: the product measured beside two real alternatives, in one run, by one method (issue
//! 14), each figure printed beside its budget, and all of it written to `target/bench.json`.
//! Absolute times on these machines swing 2× with the host, so the browser budgets are ratios to
//! what was measured in the same run:
//!
//! - in one headless Chromium, `--runs` interleaved rounds of cold-cache loads, each in a new tab
//!   (`page.rs`): the mock's plain simulator page (the floor), the peers aws-sample-like (Bootstrap +
//!   jQuery) and react-wizard (React 19 + react-router 7) from `e2e/peers/`, and the app after an
//!   AWS hand-off; first paint, ready, the first step transition and the later ones; then
//!   `--throttled-runs` rounds with the CPU slowed 4× and a slow network;
//! - Lighthouse on Choose, mobile (`lighthouse.rs`);
//! - the files the first load fetches, raw / gzip -9 / brotli -q 11, and the pages' chunks
//!   prefetched after it;
//! - the release mock under `wrk` (64 keep-alive connections) on `GET /api/v1/session`.
//!
//! Run it through `cargo xtask bench [--runs N] [--throttled-runs N] [--lighthouse-runs N]
//! [--load-secs S]`, which builds the release app, the release mock, the peers and Lighthouse
//! first. Exits non-zero when a budget is missed.

mod lighthouse;
mod load;
mod page;
mod peers;
mod report;
mod sizes;
mod tab;

use std::{process::ExitCode, time::Duration};

use clap::{Parser, builder::RangedU64ValueParser};
use e2e::{Mock, Result, browser, http::Request, root};

use crate::{peers::Peers, report::Report};

/// Rounds of cold-cache loads in Chromium; the issue measured 20.
const DEFAULT_RUNS: usize = 20;
/// Throttled rounds (each load takes seconds).
const DEFAULT_THROTTLED_RUNS: usize = 7;
/// Lighthouse runs on Choose (its score moves a point or two between runs).
const DEFAULT_LIGHTHOUSE_RUNS: usize = 3;
/// Seconds of load on the mock; the issue asks for at least 10.
const DEFAULT_LOAD_SECS: u64 = 10;
/// Keep-alive connections of the load.
const CONNECTIONS: u32 = 64;

/// What a customer's first load costs and how fast the mock answers, each figure beside its
/// budget.
#[derive(Parser)]
struct Args {
    /// Rounds of cold-cache loads in Chromium (each page once per round)
    #[arg(long, default_value_t = DEFAULT_RUNS, value_parser = RangedU64ValueParser::<usize>::new().range(1..))]
    runs: usize,
    /// Throttled rounds (CPU 4×, 150 ms RTT, 1.6 Mbps down, 750 kbps up)
    #[arg(long, default_value_t = DEFAULT_THROTTLED_RUNS, value_parser = RangedU64ValueParser::<usize>::new().range(1..))]
    throttled_runs: usize,
    /// Lighthouse runs on Choose
    #[arg(long, default_value_t = DEFAULT_LIGHTHOUSE_RUNS, value_parser = RangedU64ValueParser::<usize>::new().range(1..))]
    lighthouse_runs: usize,
    /// Seconds of load on the mock
    #[arg(long, default_value_t = DEFAULT_LOAD_SECS, value_parser = clap::value_parser!(u64).range(1..))]
    load_secs: u64,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    match bench(&args).await {
        Ok(report) => {
            report.print();
            let json = root().join("target/bench.json");
            if let Err(err) = std::fs::write(&json, report.json()) {
                eprintln!("cannot write {}: {err}", json.display());
                return ExitCode::FAILURE;
            }
            println!("\nwritten to {}", json.display());
            if report.all_pass() {
                ExitCode::SUCCESS
            } else {
                println!("some budgets are missed (see above)");
                ExitCode::FAILURE
            }
        }
        Err(err) => {
            eprintln!("bench: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn bench(args: &Args) -> Result<Report> {
    let work = root().join("target/bench");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;

    let (pages, lighthouse, served_html) = {
        let mock = Mock::start(&dir(&work, "pages")?, &[])?;
        let peers = Peers::start().await?;
        let driver = browser::Driver::start(&work).await?;
        println!(
            "==> {} rounds and {} throttled ones in one headless Chromium, a new tab for each \
             load, its cache off",
            args.runs, args.throttled_runs
        );
        let pages = page::measure(&mock, &peers, &driver, args.runs, args.throttled_runs).await?;
        println!("==> Lighthouse on Choose, {} runs", args.lighthouse_runs);
        let lighthouse = lighthouse::measure(&mock, args.lighthouse_runs, &work).await?;
        let html = Request::get(&mock.at("/activate")).send().await?;
        (pages, lighthouse, html.body)
    };

    println!("==> the files of the first load, and the chunks prefetched after it, compressed");
    let dist = root().join("dist");
    let files = sizes::measure(&dist, &pages.first_load, &served_html, &work)?;
    let prefetched = sizes::measure(&dist, &pages.prefetched, &served_html, &work)?;

    println!("==> the mock under load: {CONNECTIONS} connections for {} s", args.load_secs);
    let load = {
        let mock = Mock::start(&dir(&work, "load")?, &[])?;
        load::measure(&mock, CONNECTIONS, Duration::from_secs(args.load_secs)).await?
    };

    Ok(Report { runs: args.runs, files, prefetched, pages, lighthouse, load })
}

/// A fresh folder under `work` for one mock's state.
fn dir(work: &std::path::Path, name: &str) -> Result<std::path::PathBuf> {
    let dir = work.join(name);
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
