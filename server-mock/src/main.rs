//! `server-mock`: serves the mock API, the marketplace simulators and (with `--dist`) the built app
//! on 127.0.0.1. `cargo run -p server-mock -- --help` lists the flags ([`Args`]). `--port 0` picks a
//! free port. The first line printed is `listening on http://127.0.0.1:PORT`, which scripts read to
//! find the port.
//!
//! `--code-cooldown SECS` is for tests only: it replaces SPEC's 60 s between two verification codes
//! to one address (the app counts down what the mock says), so the end-to-end journey "locked out
//! after five wrong codes, then a new code works" need not wait a minute. Without it, 60 s.
//! `--fast-hashes` is for tests only too: argon2id at 1 MiB and one pass instead of OWASP's
//! 19 MiB and two passes (SPEC §6), which the mock uses without it.

use std::{net::SocketAddr, path::PathBuf, process::ExitCode, sync::Arc};

use activation_core::domain::Marketplace;
use clap::{Parser, ValueEnum};
use server_mock::{
    AppState, Faults, Store, app,
    clock::Clock,
    simulator_page,
    store::{persist, seed},
};

/// Plays the activation backend and the three marketplaces for local development and tests.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// Listen on 127.0.0.1:PORT (0: any free port; the first line printed says which).
    #[arg(long, value_name = "PORT", default_value_t = 8080)]
    port: u16,
    /// Also serve the built app from DIR, with index.html for client-side routes.
    #[arg(long, value_name = "DIR", value_parser = app_folder)]
    dist: Option<PathBuf>,
    /// Keep all data in FILE across restarts (written atomically).
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
    /// Add a data set: demo accounts, workspaces and already-bound cloud accounts.
    #[arg(long, value_name = "SET")]
    seed: Option<Seed>,
    /// Make every /api/v1 answer wait MS milliseconds.
    #[arg(long = "latency", value_name = "MS", default_value_t = 0)]
    latency_ms: u64,
    /// Fail this share (0 to 1) of /api/v1 requests with 503 unavailable.
    #[arg(long, value_name = "P", default_value_t = 0.0, value_parser = probability)]
    #[arg(allow_negative_numbers = true)]
    fail_rate: f64,
    /// Allow cross-origin API calls from ORIGIN (repeatable).
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    cors_origins: Vec<String>,
    /// Tests only: wait SECS instead of 60 s between two codes for one step to one address.
    #[arg(long = "code-cooldown", value_name = "SECS")]
    code_cooldown_secs: Option<u32>,
    /// Also answer the developer pages (/dev/*) and the simulators (/marketplace/*) when the
    /// request's Host is HOST[:PORT], exactly (repeatable). Without it only 127.0.0.1 and
    /// localhost (with the port or without, as a proxy such as `trunk serve` sends it) are
    /// answered, against DNS rebinding.
    #[arg(long = "allow-host", value_name = "HOST[:PORT]", value_parser = host_name)]
    allow_hosts: Vec<String>,
    /// The secret the Alibaba simulator signs its hand-offs with (for the simulator only; the
    /// real secret is Alibaba's). Default: a random one, printed at start.
    #[arg(long = "aliyun-secret", value_name = "SECRET", value_parser = secret)]
    aliyun_secret: Option<String>,
    /// Tests only: hash passwords with light argon2id parameters (1 MiB, 1 pass) instead of
    /// OWASP's (19 MiB, 2 passes), so suites that register many accounts stay fast.
    #[arg(long = "fast-hashes")]
    fast_hashes: bool,
}

/// The data sets `--seed` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Seed {
    /// A Billing Center account with workspaces, and one already-bound cloud account per
    /// marketplace (printed at start).
    Demo,
}

/// `--dist DIR`: a folder holding the built app, or a hint to build it first.
fn app_folder(value: &str) -> Result<PathBuf, String> {
    let dist = PathBuf::from(value);
    if dist.join("index.html").is_file() {
        Ok(dist)
    } else {
        Err("no index.html there; build the app first (`trunk build --release`)".to_owned())
    }
}

/// `--allow-host HOST[:PORT]`: a value a `Host` header can have.
fn host_name(value: &str) -> Result<String, String> {
    value
        .parse::<axum::http::uri::Authority>()
        .ok()
        .filter(|a| a.as_str() == value && !value.contains('@'))
        .map(|a| a.as_str().to_owned())
        .ok_or_else(|| "not a host name with an optional port, e.g. dev.example:8080".to_owned())
}

/// `--aliyun-secret SECRET`: not empty, visible ASCII (it goes into the simulator's pages).
fn secret(value: &str) -> Result<String, String> {
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_graphic()) {
        Ok(value.to_owned())
    } else {
        Err("not empty, letters, digits and punctuation only".to_owned())
    }
}

/// `--fail-rate P`: a probability.
fn probability(value: &str) -> Result<f64, String> {
    value
        .parse()
        .ok()
        .filter(|p: &f64| (0.0..=1.0).contains(p))
        .ok_or_else(|| "not a probability between 0 and 1".to_owned())
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
    // A bad flag ends the process here, with clap's message and exit code 2.
    let args = Args::parse();
    if args.fast_hashes {
        // Before any password is hashed.
        server_mock::store::use_fast_hashes();
    }
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
    let seeded = args.seed == Some(Seed::Demo);
    if seeded && !data.billing.contains_key(seed::DEMO_BILLING) {
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
    for marketplace in Marketplace::ALL {
        say!("  http://{local}{}", simulator_page(marketplace));
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
    if seeded {
        say!("{}", seed::describe());
    }
    let aliyun_secret = args.aliyun_secret.unwrap_or_else(server_mock::store::random_token);
    say!("Alibaba simulator's signing secret (for the simulator only): {aliyun_secret}");
    let mut hosts = server_mock::origin::loopback_hosts(Some(local.port()));
    hosts.extend(args.allow_hosts);
    let mut store = Store::new(data, args.state, Clock::system());
    if args.fast_hashes {
        say!("passwords are hashed with light parameters, for tests only (--fast-hashes)");
    }
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
        dist: args.dist.map(Arc::from),
        cors_origins: args.cors_origins.into(),
        hosts: hosts.into(),
        aliyun_secret: aliyun_secret.into(),
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
