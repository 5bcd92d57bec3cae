//! `server-mock`: serves the mock API (and, with `--dist`, the built app) on 127.0.0.1.
//!
//! ```text
//! server-mock [--port PORT] [--dist DIR]
//! ```
//! `--port 0` picks a free port. The first line printed is `listening on http://127.0.0.1:PORT`, which
//! scripts read to find the port.

use std::{net::SocketAddr, path::PathBuf, process::ExitCode};

use server_mock::{AppState, app};

struct Args {
    port: u16,
    dist: Option<PathBuf>,
}

const USAGE: &str = "usage: server-mock [--port PORT] [--dist DIR]";

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        port: 8080,
        dist: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || {
            it.next()
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))
        };
        match flag.as_str() {
            "--port" => {
                let v = value()?;
                args.port = v
                    .parse()
                    .map_err(|_| format!("--port: not a port number: {v}"))?;
            }
            "--dist" => args.dist = Some(PathBuf::from(value()?)),
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
    let local = listener
        .local_addr()
        .expect("a bound listener has an address");
    println!("listening on http://{local}");
    if args.dist.is_some() {
        println!("open the console:  http://{local}/");
    }
    let state = AppState { dist: args.dist };
    let served = axum::serve(listener, app(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
            println!("stopping");
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
