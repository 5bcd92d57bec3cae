//! Lighthouse (`$BENCH_LIGHTHOUSE`: the version `e2e/lighthouse/`'s lockfile pins, installed by
//! `cargo xtask bench`) on the app's first screen, Choose, after an AWS hand-off: its default
//! mobile form factor and simulated throttling, the categories the budgets name, several runs, the
//! median score of each.

use std::{path::Path, process::Command};

use anyhow::{Context, Result, ensure};
use e2e::{Mock, browser, market};
use serde_json::{Value, json};

use crate::report::median_p90;

/// The categories the budgets judge, as Lighthouse names them.
pub const CATEGORIES: [&str; 3] = ["performance", "accessibility", "best-practices"];

/// Each category's median score (0–100) over the runs, and every run's.
#[derive(Debug, Default)]
pub struct Scores {
    pub runs: Vec<[f64; 3]>,
}

impl Scores {
    /// The median of category `i` of [`CATEGORIES`].
    pub fn median(&self, i: usize) -> f64 {
        median_p90(&self.runs.iter().map(|run| run[i]).collect::<Vec<_>>()).0
    }
}

/// `runs` Lighthouse runs on Choose, each in a new session; their reports kept in `work`.
pub async fn measure(mock: &Mock, runs: usize, work: &Path) -> Result<Scores> {
    let lighthouse = std::env::var_os("BENCH_LIGHTHOUSE")
        .context("BENCH_LIGHTHOUSE is not set: run the bench through `cargo xtask bench`")?;
    let chrome_flags = browser::chromium_args()?.join(" ");
    let mut scores = Scores::default();
    for run in 1..=runs {
        let (cookie, landing) = market::aws_session(mock, &crate::page::aws_account()).await?;
        let report = work.join(format!("lighthouse-{run}.json"));
        let output = Command::new(&lighthouse)
            .arg(mock.at(&landing))
            .arg("--quiet")
            .arg(format!("--chrome-flags={chrome_flags}"))
            .arg(format!("--only-categories={}", CATEGORIES.join(",")))
            .arg(format!("--extra-headers={}", json!({ "Cookie": cookie })))
            .args(["--output=json", "--output-path"])
            .arg(&report)
            .env("CHROME_PATH", browser::CHROMIUM)
            .output()
            .context("cannot start Lighthouse")?;
        ensure!(
            output.status.success(),
            "Lighthouse failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        let text = std::fs::read_to_string(&report)?;
        let result: Value = serde_json::from_str(&text)?;
        if let Some(error) = result.get("runtimeError") {
            anyhow::bail!("Lighthouse: {error}");
        }
        let mut run_scores = [0.0; 3];
        for (i, category) in CATEGORIES.iter().enumerate() {
            let score = result["categories"][category]["score"]
                .as_f64()
                .with_context(|| format!("no {category} score in {}", report.display()))?;
            run_scores[i] = (score * 100.0).round();
        }
        println!("    Lighthouse run {run}: {run_scores:?}");
        scores.runs.push(run_scores);
    }
    Ok(scores)
}
