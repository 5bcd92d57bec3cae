//! The figures beside their budgets (issue 7), printed and as JSON.

use serde_json::{Value, json};

use crate::{load::Load, page::Pages, sizes::FileSize};

/// 1 KB = 1,000 bytes, as the budgets and ../shared/TOOLCHAIN.md count.
const FIRST_LOAD_BROTLI_MAX: u64 = 120_000;
/// One initial TCP congestion window (10 segments).
const FIRST_HTML_MAX: u64 = 14_600;
const FIRST_PAINT_MAX_MS: f64 = 35.0;
const INTERACTIVE_MAX_MS: f64 = 100.0;
const TRANSITION_MAX_MS: f64 = 16.0;
const MOCK_MIN_RPS: f64 = 20_000.0;
const MOCK_P99_MAX_MS: f64 = 5.0;
const MOCK_PEAK_RSS_MAX_KB: u64 = 30 * 1024;

pub struct Report {
    pub runs: usize,
    /// The files fetched until the first screen was interactive: what the budget judges.
    pub files: Vec<FileSize>,
    /// The pages' chunks, fetched after that (`app/src/lazy.rs`).
    pub prefetched: Vec<FileSize>,
    /// In one running browser with its cache off: the figures the budgets judge.
    pub pages: Pages,
    /// In a new browser process each run, for reference (its start-up included).
    pub fresh: Pages,
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
        let (paint, _) = median_p90(&self.pages.first_paint);
        let (interactive, _) = median_p90(&self.pages.interactive);
        let (transition, _) = median_p90(&self.pages.transitions);
        let load = &self.load;
        vec![
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
                name: "first paint, median",
                figure: format!("{paint:.1} ms"),
                limit: format!("<= {FIRST_PAINT_MAX_MS} ms"),
                pass: paint <= FIRST_PAINT_MAX_MS,
            },
            Budget {
                name: "first screen interactive, median",
                figure: format!("{interactive:.1} ms"),
                limit: format!("<= {INTERACTIVE_MAX_MS} ms"),
                pass: interactive <= INTERACTIVE_MAX_MS,
            },
            Budget {
                name: "step transition, median",
                figure: format!("{transition:.1} ms"),
                limit: format!("<= {TRANSITION_MAX_MS} ms"),
                pass: transition <= TRANSITION_MAX_MS,
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
        ]
    }

    pub fn all_pass(&self) -> bool {
        self.budgets().iter().all(|b| b.pass)
    }

    pub fn print(&self) {
        print_files("first load (bytes)", &self.files);
        print_files("prefetched once interactive", &self.prefetched);
        for (title, pages) in [
            ("one running browser, cache off (budgets)", &self.pages),
            ("a new browser process each run (reference)", &self.fresh),
        ] {
            println!("\nheadless Chromium, {} loads, {title} (ms)   median      p90", self.runs);
            for (name, values) in [
                ("plain page (simulator), first paint", &pages.plain_page_paint),
                ("  its document parsed", &pages.plain_page_parsed),
                ("first paint", &pages.first_paint),
                ("first contentful paint", &pages.first_contentful_paint),
                ("first screen interactive", &pages.interactive),
                ("  of which: document received", &pages.document_received),
                ("  document parsed (DOM interactive)", &pages.document_parsed),
                ("  wasm received", &pages.wasm_received),
                ("  app started (main)", &pages.started),
                ("  first view mounted", &pages.mounted),
                ("  session call sent", &pages.session_sent),
                ("  session call answered", &pages.session_answered),
            ] {
                let (median, p90) = median_p90(values);
                println!("  {name:<40} {median:>7.1} {p90:>8.1}");
            }
            let (median, p90) = median_p90(&pages.transitions);
            let name = format!("step transition ({} clicks)", pages.transitions.len());
            println!("  {name:<40} {median:>7.1} {p90:>8.1}");
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
        let browser = |pages: &Pages| {
            json!({
                "plain_page_first_contentful_paint": stat(&pages.plain_page_paint),
                "plain_page_parsed": stat(&pages.plain_page_parsed),
                "first_paint": stat(&pages.first_paint),
                "first_contentful_paint": stat(&pages.first_contentful_paint),
                "first_screen_interactive": stat(&pages.interactive),
                "document_received": stat(&pages.document_received),
                "document_parsed": stat(&pages.document_parsed),
                "wasm_received": stat(&pages.wasm_received),
                "app_started": stat(&pages.started),
                "first_view_mounted": stat(&pages.mounted),
                "session_call_sent": stat(&pages.session_sent),
                "session_call_answered": stat(&pages.session_answered),
                "step_transition": stat(&pages.transitions),
            })
        };
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
            "browser": browser(&self.pages),
            "fresh_browser": browser(&self.fresh),
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
