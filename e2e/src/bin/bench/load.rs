//! The mock under load from a separate process: `wrk` (Debian's) with keep-alive connections on
//! `GET /api/v1/session`, the call every activation page makes first (a session cookie looked up,
//! the activation context serialised). Peak memory is the mock's `VmHWM` from `/proc`.

use std::{process::Command, time::Duration};

use activation_core::api::paths;
use anyhow::{Context, Result, bail, ensure};
use e2e::{Mock, http::Request, market};

/// What `wrk` and `/proc` reported.
#[derive(Debug, Clone)]
pub struct Load {
    pub route: &'static str,
    pub connections: u32,
    pub seconds: u64,
    pub requests: u64,
    pub requests_per_sec: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// Socket errors plus answers that were not 2xx/3xx.
    pub errors: u64,
    pub peak_rss_kb: u64,
}

pub async fn measure(mock: &Mock, connections: u32, length: Duration) -> Result<Load> {
    let (cookie, _) = market::aws_session(mock, "210987654321").await?;
    let check = Request::get(&mock.at(paths::SESSION))
        .cookies(std::slice::from_ref(&cookie))
        .send()
        .await?;
    ensure!(check.status == 200, "{} answered {} before the load", paths::SESSION, check.status);

    let seconds = length.as_secs();
    let out = Command::new("wrk")
        .args(["--threads", "2", "--latency"])
        .arg(format!("--connections={connections}"))
        .arg(format!("--duration={seconds}s"))
        .args(["--header", &format!("Cookie: {cookie}")])
        .arg(mock.at(paths::SESSION))
        .output()
        .context("cannot run wrk (apt-get install wrk)")?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    ensure!(out.status.success(), "wrk failed: {text}{}", String::from_utf8_lossy(&out.stderr));
    let parsed = parse_wrk(&text).with_context(|| format!("unexpected wrk output:\n{text}"))?;
    Ok(Load {
        route: paths::SESSION,
        connections,
        seconds,
        requests: parsed.requests,
        requests_per_sec: parsed.requests_per_sec,
        p50_ms: parsed.p50_ms,
        p99_ms: parsed.p99_ms,
        errors: parsed.errors,
        peak_rss_kb: peak_rss_kb(mock.pid())?,
    })
}

#[derive(Debug, PartialEq)]
struct Wrk {
    requests: u64,
    requests_per_sec: f64,
    p50_ms: f64,
    p99_ms: f64,
    errors: u64,
}

fn parse_wrk(text: &str) -> Result<Wrk> {
    let mut wrk = Wrk { requests: 0, requests_per_sec: 0.0, p50_ms: -1.0, p99_ms: -1.0, errors: 0 };
    let mut seen_rate = false;
    for line in text.lines().map(str::trim) {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["50%", value] => wrk.p50_ms = millis(value)?,
            ["99%", value] => wrk.p99_ms = millis(value)?,
            ["Requests/sec:", value] => {
                wrk.requests_per_sec = value.parse()?;
                seen_rate = true;
            }
            [count, "requests", "in", ..] => wrk.requests = count.parse()?,
            ["Non-2xx", "or", "3xx", "responses:", count] => wrk.errors += count.parse::<u64>()?,
            ["Socket", "errors:", rest @ ..] => {
                // "connect 0, read 0, write 0, timeout 0"
                for pair in rest.chunks(2) {
                    if let [_, count] = pair {
                        wrk.errors += count.trim_end_matches(',').parse::<u64>()?;
                    }
                }
            }
            _ => {}
        }
    }
    if !seen_rate || wrk.p50_ms < 0.0 || wrk.p99_ms < 0.0 || wrk.requests == 0 {
        bail!("no requests/s, requests or 50%/99% latency lines");
    }
    Ok(wrk)
}

/// wrk's durations: `812.00us`, `1.23ms`, `2.01s`.
fn millis(value: &str) -> Result<f64> {
    let (number, scale) = if let Some(n) = value.strip_suffix("us") {
        (n, 0.001)
    } else if let Some(n) = value.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = value.strip_suffix('m') {
        (n, 60_000.0)
    } else if let Some(n) = value.strip_suffix('s') {
        (n, 1000.0)
    } else {
        bail!("not a duration: {value}");
    };
    Ok(number.parse::<f64>()? * scale)
}

/// The peak resident set of process `pid`, in KiB (`VmHWM`).
fn peak_rss_kb(pid: u32) -> Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .with_context(|| format!("no /proc/{pid}/status: is the mock still running?"))?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .context("no VmHWM in /proc/PID/status")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "Running 10s test @ http://127.0.0.1:4000/api/v1/session
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.10ms  612.00us  14.20ms   80.00%
    Req/Sec    15.30k     1.20k   18.00k    70.00%
  Latency Distribution
     50%  812.00us
     75%    2.40ms
     90%    2.90ms
     99%    1.02s
  304512 requests in 10.00s, 120.10MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 7
Requests/sec:  30441.12
Transfer/sec:     12.01MB
";

    #[test]
    fn wrk_output_gives_rate_latency_and_every_kind_of_error() {
        let wrk = parse_wrk(SAMPLE).unwrap();
        assert_eq!(wrk.requests, 304_512);
        assert!((wrk.requests_per_sec - 30_441.12).abs() < 1e-6);
        assert!((wrk.p50_ms - 0.812).abs() < 1e-9);
        assert!((wrk.p99_ms - 1020.0).abs() < 1e-9);
        assert_eq!(wrk.errors, 12);
    }

    #[test]
    fn wrk_output_without_a_latency_distribution_is_refused() {
        let without: String = SAMPLE
            .lines()
            .filter(|l| !l.contains('%') || l.contains("Stdev"))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(parse_wrk(&without).is_err());
    }
}
