//! The figures beside their budgets (issue 14: ratios to what was measured in the same run, and
//! a few ceilings), printed and as JSON.

use serde_json::{Value, json};

use crate::{
    lighthouse::{self, Scores},
    load::Load,
    page::{Pages, Ready},
    sizes::FileSize,
};

/// 1 KB = 1,000 bytes, as the budgets and ../shared/TOOLCHAIN.md count.
const FIRST_LOAD_BROTLI_MAX: u64 = 150_000;
/// One initial TCP congestion window (10 segments).
const FIRST_HTML_MAX: u64 = 14_600;
/// The app's first paint, at most this times the plain page's.
const FIRST_PAINT_MAX_RATIO: f64 = 1.1;
/// The app's first screen ready, at most this times react-wizard's (throttled too).
const READY_MAX_RATIO: f64 = 1.0;
/// The app's later step transitions (the first is judged against react-wizard's step).
const TRANSITION_MAX_MS: f64 = 16.0;
/// Lighthouse's scores on Choose, at least (performance, accessibility, best practices).
const LIGHTHOUSE_MIN: [f64; 3] = [98.0, 100.0, 100.0];
const MOCK_MIN_RPS: f64 = 20_000.0;
const MOCK_P99_MAX_MS: f64 = 5.0;
const MOCK_PEAK_RSS_MAX_KB: u64 = 30 * 1024;

pub struct Report {
    pub runs: usize,
    /// The files fetched until the first screen was interactive: what the budget judges.
    pub files: Vec<FileSize>,
    /// The pages' chunks, fetched after that (`app/src/lazy.rs`).
    pub prefetched: Vec<FileSize>,
    /// In one running browser, a new tab per load, its cache off.
    pub pages: Pages,
    pub lighthouse: Scores,
    pub load: Load,
}

/// The median of `values` (the mean of the middle two when there is an even number of them) and
/// their 90th percentile (nearest rank).
pub fn median_p90(values: &[f64]) -> (f64, f64) {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    if n == 0 {
        return (f64::NAN, f64::NAN);
    }
    let median = if n % 2 == 1 { sorted[n / 2] } else { (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0 };
    let p90 = sorted[((0.9 * n as f64).ceil() as usize).clamp(1, n) - 1];
    (median, p90)
}

/// One budget: what was measured, the limit, and whether it holds.
struct Budget {
    name: &'static str,
    figure: String,
    limit: String,
    pass: bool,
}

/// The sum of one size over `files`.
fn total(files: &[FileSize], size: impl Fn(&FileSize) -> u64) -> u64 {
    files.iter().map(size).sum()
}

/// A table of files with their sizes and a total line.
fn print_files(title: &str, files: &[FileSize]) {
    println!("\n{title:<30} raw      gzip -9   brotli -q 11   on the wire");
    for f in files {
        println!(
            "  {:<26} {:>9} {:>9} {:>12} {:>12}",
            short(&f.path),
            f.raw,
            f.gzip,
            f.brotli,
            f.wire
        );
    }
    println!(
        "  {:<26} {:>9} {:>9} {:>12} {:>12}",
        "total",
        total(files, |f| f.raw),
        total(files, |f| f.gzip),
        total(files, |f| f.brotli),
        total(files, |f| f.wire)
    );
}

fn files_json(files: &[FileSize]) -> Value {
    let list: Vec<Value> = files
        .iter()
        .map(|f| {
            json!({ "path": f.path, "raw": f.raw, "gzip9": f.gzip, "brotli11": f.brotli, "wire": f.wire })
        })
        .collect();
    json!({
        "files": list,
        "total": {
            "raw": total(files, |f| f.raw),
            "gzip9": total(files, |f| f.gzip),
            "brotli11": total(files, |f| f.brotli),
            "wire": total(files, |f| f.wire),
        },
    })
}

impl Report {
    fn total(&self, size: impl Fn(&FileSize) -> u64) -> u64 {
        total(&self.files, size)
    }

    /// The page as it crossed the wire (compressed by the mock) and as it is.
    fn first_html(&self) -> (u64, u64) {
        self.files
            .iter()
            .find(|f| f.path == crate::page::DOCUMENT)
            .map_or((0, 0), |f| (f.wire, f.raw))
    }

    fn budgets(&self) -> Vec<Budget> {
        let brotli = self.total(|f| f.brotli);
        let (html, html_raw) = self.first_html();
        let pages = &self.pages;
        let median = |values: &[f64]| median_p90(values).0;
        let ratio = |name: &'static str, ours: f64, theirs: f64, of: &str, max: f64| {
            let r = ours / theirs;
            Budget {
                name,
                figure: format!("{ours:.1} / {theirs:.1} ms = {r:.2}"),
                limit: format!("<= {max} × {of}"),
                pass: r <= max,
            }
        };
        let load = &self.load;
        let mut budgets = vec![
            ratio(
                "first paint / plain page's",
                median(&pages.first_paint),
                median(&pages.plain_paint),
                "plain",
                FIRST_PAINT_MAX_RATIO,
            ),
            ratio(
                "ready / react-wizard's",
                median(&pages.ready.app),
                median(&pages.ready.react),
                "react",
                READY_MAX_RATIO,
            ),
            ratio(
                "throttled ready / react-wizard's",
                median(&pages.throttled.app),
                median(&pages.throttled.react),
                "react",
                READY_MAX_RATIO,
            ),
            {
                let (ours, theirs) = (median(&pages.first_transition), median(&pages.react_step));
                Budget {
                    name: "first step / react-wizard's step",
                    figure: format!("{ours:.1} / {theirs:.1} ms"),
                    limit: "<= react's".to_owned(),
                    pass: ours <= theirs,
                }
            },
            {
                let later = median(&pages.transitions);
                Budget {
                    name: "later steps, median",
                    figure: format!("{later:.1} ms"),
                    limit: format!("<= {TRANSITION_MAX_MS} ms"),
                    pass: later <= TRANSITION_MAX_MS,
                }
            },
        ];
        for (i, category) in lighthouse::CATEGORIES.iter().enumerate() {
            let score = self.lighthouse.median(i);
            budgets.push(Budget {
                name: match *category {
                    "performance" => "Lighthouse performance",
                    "accessibility" => "Lighthouse accessibility",
                    _ => "Lighthouse best practices",
                },
                figure: format!("{score:.0}"),
                limit: format!(">= {}", LIGHTHOUSE_MIN[i]),
                pass: score >= LIGHTHOUSE_MIN[i],
            });
        }
        budgets.extend([
            Budget {
                name: "first load, brotli",
                figure: format!("{brotli} B"),
                limit: format!("<= {FIRST_LOAD_BROTLI_MAX} B"),
                pass: brotli <= FIRST_LOAD_BROTLI_MAX,
            },
            Budget {
                name: "first HTML, over the wire",
                figure: format!("{html} B ({html_raw} B raw)"),
                limit: format!("<= {FIRST_HTML_MAX} B"),
                pass: html > 0 && html <= FIRST_HTML_MAX,
            },
            Budget {
                name: "mock requests/s",
                figure: format!("{:.0}", load.requests_per_sec),
                limit: format!(">= {MOCK_MIN_RPS:.0}"),
                pass: load.requests_per_sec >= MOCK_MIN_RPS,
            },
            Budget {
                name: "mock p99 latency",
                figure: format!("{:.2} ms", load.p99_ms),
                limit: format!("<= {MOCK_P99_MAX_MS} ms"),
                pass: load.p99_ms <= MOCK_P99_MAX_MS,
            },
            Budget {
                name: "mock errors",
                figure: load.errors.to_string(),
                limit: "0".to_owned(),
                pass: load.errors == 0,
            },
            Budget {
                name: "mock peak RSS",
                figure: format!("{:.1} MiB", load.peak_rss_kb as f64 / 1024.0),
                limit: format!("<= {} MiB", MOCK_PEAK_RSS_MAX_KB / 1024),
                pass: load.peak_rss_kb <= MOCK_PEAK_RSS_MAX_KB,
            },
        ]);
        budgets
    }

    pub fn all_pass(&self) -> bool {
        self.budgets().iter().all(|b| b.pass)
    }

    pub fn print(&self) {
        print_files("first load (bytes)", &self.files);
        print_files("prefetched once interactive", &self.prefetched);
        let pages = &self.pages;
        println!(
            "\nheadless Chromium, {} rounds, a new tab per load, cache off (ms)   median      p90",
            self.runs
        );
        let row = |name: &str, values: &[f64]| {
            let (median, p90) = median_p90(values);
            println!("  {name:<52} {median:>7.1} {p90:>8.1}");
        };
        row("plain page (simulator): first contentful paint", &pages.plain_paint);
        print_ready("", &pages.ready, row);
        row("react-wizard: step 1 -> 2", &pages.react_step);
        row("app: first paint", &pages.first_paint);
        row("app: first contentful paint", &pages.first_contentful_paint);
        row("app: its interactive mark", &pages.interactive);
        row("  of which: document received", &pages.document_received);
        row("  document parsed (DOM interactive)", &pages.document_parsed);
        row("  wasm received", &pages.wasm_received);
        row("  app started (main)", &pages.started);
        row("  first view mounted", &pages.mounted);
        row("  session call sent", &pages.session_sent);
        row("  session call answered", &pages.session_answered);
        row("app: first step (first visit to Basic info)", &pages.first_transition);
        row(&format!("app: later steps ({} clicks)", pages.transitions.len()), &pages.transitions);
        print_ready("throttled ", &pages.throttled, row);
        println!("\nLighthouse on Choose, mobile, {} runs", self.lighthouse.runs.len());
        for (i, category) in lighthouse::CATEGORIES.iter().enumerate() {
            let all: Vec<String> =
                self.lighthouse.runs.iter().map(|run| format!("{:.0}", run[i])).collect();
            println!(
                "  {category:<16} median {:>4.0}   runs {}",
                self.lighthouse.median(i),
                all.join(", ")
            );
        }
        let load = &self.load;
        println!(
            "\nmock: GET {} with {} connections for {} s (wrk): {} requests, {:.0} requests/s, \
             p50 {:.2} ms, p99 {:.2} ms, {} errors, peak RSS {:.1} MiB",
            load.route,
            load.connections,
            load.seconds,
            load.requests,
            load.requests_per_sec,
            load.p50_ms,
            load.p99_ms,
            load.errors,
            load.peak_rss_kb as f64 / 1024.0
        );
        println!("\nbudgets");
        for b in self.budgets() {
            let verdict = if b.pass { "pass" } else { "FAIL" };
            println!("  {:<34} {:>22}   {:<14} {verdict}", b.name, b.figure, b.limit);
        }
    }

    pub fn json(&self) -> String {
        let stat = |values: &[f64]| {
            let (median, p90) = median_p90(values);
            json!({ "runs": values.len(), "median_ms": median, "p90_ms": p90, "all_ms": values })
        };
        let ready = |ready: &Ready| {
            json!({
                "plain_page": stat(&ready.plain),
                "aws_sample_like": stat(&ready.aws_sample),
                "react_wizard": stat(&ready.react),
                "app": stat(&ready.app),
            })
        };
        let pages = &self.pages;
        let browser = json!({
            "ready": ready(&pages.ready),
            "throttled_ready": ready(&pages.throttled),
            "plain_page_first_contentful_paint": stat(&pages.plain_paint),
            "react_wizard_step": stat(&pages.react_step),
            "first_paint": stat(&pages.first_paint),
            "first_contentful_paint": stat(&pages.first_contentful_paint),
            "app_interactive_mark": stat(&pages.interactive),
            "document_received": stat(&pages.document_received),
            "document_parsed": stat(&pages.document_parsed),
            "wasm_received": stat(&pages.wasm_received),
            "app_started": stat(&pages.started),
            "first_view_mounted": stat(&pages.mounted),
            "session_call_sent": stat(&pages.session_sent),
            "session_call_answered": stat(&pages.session_answered),
            "first_step_transition": stat(&pages.first_transition),
            "later_step_transitions": stat(&pages.transitions),
        });
        let lighthouse: Value = lighthouse::CATEGORIES
            .iter()
            .enumerate()
            .map(|(i, category)| {
                let runs: Vec<f64> = self.lighthouse.runs.iter().map(|run| run[i]).collect();
                (
                    (*category).to_owned(),
                    json!({ "median": self.lighthouse.median(i), "runs": runs }),
                )
            })
            .collect::<serde_json::Map<_, _>>()
            .into();
        let load = &self.load;
        let budgets: Vec<Value> = self
            .budgets()
            .iter()
            .map(
                |b| json!({ "name": b.name, "figure": b.figure, "limit": b.limit, "pass": b.pass }),
            )
            .collect();
        let report = json!({
            "first_load": files_json(&self.files),
            "prefetched_once_interactive": files_json(&self.prefetched),
            "browser": browser,
            "lighthouse_choose_mobile": lighthouse,
            "mock_load": {
                "route": load.route,
                "connections": load.connections,
                "seconds": load.seconds,
                "requests": load.requests,
                "requests_per_sec": load.requests_per_sec,
                "p50_ms": load.p50_ms,
                "p99_ms": load.p99_ms,
                "errors": load.errors,
                "peak_rss_kb": load.peak_rss_kb,
            },
            "budgets": budgets,
        });
        serde_json::to_string_pretty(&report).unwrap_or_default()
    }
}

/// The ready rows of one kind of round.
fn print_ready(kind: &str, ready: &Ready, row: impl Fn(&str, &[f64])) {
    if !ready.plain.is_empty() {
        row(&format!("{kind}plain page: ready"), &ready.plain);
    }
    row(&format!("{kind}aws-sample-like: ready"), &ready.aws_sample);
    row(&format!("{kind}react-wizard: ready"), &ready.react);
    row(&format!("{kind}app: ready (Choose's link)"), &ready.app);
}

/// A hashed file name, shortened to fit the table.
fn short(path: &str) -> String {
    if path.chars().count() <= 26 {
        path.to_owned()
    } else {
        format!("…{}", &path[path.len() - 25..])
    }
}

#[cfg(test)]
mod tests {
    use super::median_p90;

    #[test]
    fn the_median_is_the_middle_value_or_the_mean_of_the_middle_two() {
        let values: Vec<f64> = (1..=20).rev().map(f64::from).collect();
        assert_eq!(median_p90(&values), (10.5, 18.0));
        assert_eq!(median_p90(&[3.0, 1.0, 2.0]), (2.0, 3.0));
        assert_eq!(median_p90(&[7.0]), (7.0, 7.0));
        assert!(median_p90(&[]).0.is_nan());
    }
}
