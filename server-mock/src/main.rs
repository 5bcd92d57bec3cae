//! `server-mock`: serves the mock API, the marketplace simulators and (with `--dist`) the built app
//! on 127.0.0.1.
//!
//! ```text
//! server-mock [--port PORT] [--dist DIR] [--state FILE] [--seed demo]
//!             [--latency MS] [--fail-rate P] [--cors-origin ORIGIN]... [--code-cooldown SECS]
//! ```
//! `--port 0` picks a free port. The first line printed is `listening on http://127.0.0.1:PORT`, which
//! scripts read to find the port.
//!
//! `--code-cooldown SECS` is for tests only: it replaces SPEC's 60 s between two verification codes
//! to one address (the app counts down what the mock says), so the end-to-end journey "locked out
//! after five wrong codes, then a new code works" need not wait a minute. Without it, 60 s.

use std::{net::SocketAddr, path::PathBuf, process::ExitCode, sync::Arc};

use server_mock::{
    AppState, Faults, Store, app,
    clock::Clock,
    store::{persist, seed},
};

const USAGE: &str = "usage: server-mock [--port PORT] [--dist DIR] [--state FILE] [--seed demo]
                   [--latency MS] [--fail-rate P] [--cors-origin ORIGIN]... [--code-cooldown SECS]";

struct Args {
    port: u16,
    dist: Option<PathBuf>,
    state: Option<PathBuf>,
    seed: bool,
    latency_ms: u64,
    fail_rate: f64,
    cors_origins: Vec<String>,
    code_cooldown_secs: Option<u32>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        port: 8080,
        dist: None,
        state: None,
        seed: false,
        latency_ms: 0,
        fail_rate: 0.0,
        cors_origins: Vec::new(),
        code_cooldown_secs: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"));
        match flag.as_str() {
            "--port" => {
                let v = value()?;
                args.port = v.parse().map_err(|_| format!("--port: not a port number: {v}"))?;
            }
            "--dist" => args.dist = Some(PathBuf::from(value()?)),
            "--state" => args.state = Some(PathBuf::from(value()?)),
            "--seed" => match value()?.as_str() {
                "demo" => args.seed = true,
                other => return Err(format!("--seed: unknown data set {other:?} (known: demo)")),
            },
            "--latency" => {
                let v = value()?;
                args.latency_ms =
                    v.parse().map_err(|_| format!("--latency: not milliseconds: {v}"))?;
            }
            "--fail-rate" => {
                let v = value()?;
                args.fail_rate =
                    v.parse().ok().filter(|p: &f64| (0.0..=1.0).contains(p)).ok_or_else(|| {
                        format!("--fail-rate: not a probability between 0 and 1: {v}")
                    })?;
            }
            "--cors-origin" => args.cors_origins.push(value()?),
            "--code-cooldown" => {
                let v = value()?;
                args.code_cooldown_secs =
                    Some(v.parse().map_err(|_| format!("--code-cooldown: not seconds: {v}"))?);
            }
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument: {other}\n{USAGE}")),
        }
    }
    if let Some(dist) = &args.dist
        && !dist.join("index.html").is_file()
    {
        return Err(format!(
            "--dist {}: no index.html there; build the app first (`trunk build --release`)",
            dist.display()
        ));
    }
    Ok(args)
}

/// `p` (0–1) as a percentage with at most two decimals: 0.07 → "7", 0.125 → "12.5".
fn percent(p: f64) -> String {
    let text = format!("{:.2}", p * 100.0);
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Prints a line of the start-up banner; a closed stdout (the reader went away) is not a reason to die.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "server_mock=info".into()),
        )
        .init();
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let mut data = match &args.state {
        Some(path) => match persist::load_at_start(path) {
            Ok(data) => data,
            Err(message) => {
                eprintln!("--state: {message}");
                return ExitCode::FAILURE;
            }
        },
        None => Default::default(),
    };
    if args.seed && !data.billing.contains_key(seed::DEMO_BILLING) {
        seed::demo(&mut data);
    }
    let addr = SocketAddr::from(([127, 0, 0, 1], args.port));
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!(
                "cannot listen on {addr}: {err} (is another server on that port? try --port 0)"
            );
            return ExitCode::FAILURE;
        }
    };
    let local = listener.local_addr().expect("a bound listener has an address");
    say!("listening on http://{local}");
    if args.dist.is_some() {
        say!("open the console:   http://{local}/");
    }
    say!("marketplace simulators:");
    for market in ["aws", "aliyun", "huawei"] {
        say!("  http://{local}/marketplace/{market}");
    }
    say!("mailbox:            http://{local}/dev/mailbox");
    say!("API document:       http://{local}/api/openapi.json");
    if args.latency_ms > 0 {
        say!("faults: every /api/v1 answer waits {} ms (--latency)", args.latency_ms);
    }
    if args.fail_rate > 0.0 {
        say!(
            "faults: {}% of /api/v1 requests fail with 503 unavailable (--fail-rate)",
            percent(args.fail_rate)
        );
    }
    if args.seed {
        say!("{}", seed::describe());
    }
    let mut store = Store::new(data, args.state, Clock::system());
    if let Some(secs) = args.code_cooldown_secs {
        say!("verification codes can be sent again after {secs} s (--code-cooldown)");
        store = store.with_code_resend_secs(secs);
    }
    let state = AppState {
        store: Arc::new(store),
        faults: Arc::new(Faults {
            latency_ms: args.latency_ms,
            fail_rate: args.fail_rate,
            ..Faults::default()
        }),
        dist: args.dist,
        cors_origins: args.cors_origins,
    };
    // Connect info gives the login routes the client's address, for the per-address limit.
    let service = app(state).into_make_service_with_connect_info::<SocketAddr>();
    let served = axum::serve(listener, service)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
            say!("stopping");
        })
        .await;
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("server error: {err}");
            ExitCode::FAILURE
        }
    }
}
