//! `cargo xtask dev`: the frontend developer's loop in one command. The mock with the demo data on
//! the port `Trunk.toml`'s proxies name, and `trunk serve` (the debug build, rebuilt on every save)
//! in front of it, with the tools on PATH. The browser talks to `trunk serve` only: it serves the
//! app and proxies the API, the simulators, the hand-offs and the mailbox to the mock, so the
//! mock's links are printed at `trunk serve`'s address. Ctrl-C stops both; so does either one
//! stopping.

use std::{
    io::{BufRead, BufReader},
    net::TcpListener,
    process::{Child, Stdio},
    thread,
    time::Duration,
};

use crate::{
    sh::{Step, cargo, describe},
    tools::{self, Env},
};

/// The mock's port: the one `Trunk.toml`'s `[[proxy]]` backends name.
const MOCK_PORT: u16 = 8080;
/// `trunk serve`'s port: `Trunk.toml`'s `[serve] port`.
const APP_PORT: u16 = 8081;

/// A child process that is stopped when the loop ends, however it ends.
struct Running {
    name: &'static str,
    child: Child,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn run() -> Result<(), String> {
    let env = tools::ensure()?;
    Step::new("build the mock").run(cargo(&env).args(["build", "-p", "server-mock"]))?;
    for port in [MOCK_PORT, APP_PORT] {
        TcpListener::bind(("127.0.0.1", port)).map_err(|err| {
            format!("port {port} is taken ({err}): is `cargo xtask dev` or `run` already running?")
        })?;
    }
    println!(
        "\nStarting the mock on 127.0.0.1:{MOCK_PORT} and trunk serve on 127.0.0.1:{APP_PORT}, which \
         builds the app (about a minute the first time) and rebuilds it on every save. Open the \
         links below. Ctrl-C stops both.\n"
    );
    let mock = start_mock(&env)?;
    let mut trunk = env.cmd("trunk");
    trunk.arg("serve");
    let trunk = Running {
        name: "trunk serve",
        child: trunk.spawn().map_err(|err| format!("cannot start {}: {err}", describe(&trunk)))?,
    };
    wait_for_either(mock, trunk)
}

/// Starts the mock and prints what it prints, its links at `trunk serve`'s address.
fn start_mock(env: &Env) -> Result<Running, String> {
    let mut command = env.cmd(env.root.join("target/debug/server-mock"));
    command.args(["--port", &MOCK_PORT.to_string(), "--seed", "demo"]).stdout(Stdio::piped());
    let mut child =
        command.spawn().map_err(|err| format!("cannot start {}: {err}", describe(&command)))?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{}", through_trunk(&line));
        }
    });
    Ok(Running { name: "the mock", child })
}

/// A line of the mock's with its links at `trunk serve`'s address, which proxies every one of
/// them; where it listens itself stays as it is, followed by where the app is.
fn through_trunk(line: &str) -> String {
    let mock = format!("http://127.0.0.1:{MOCK_PORT}");
    let app = format!("http://127.0.0.1:{APP_PORT}");
    if line.starts_with("listening on ") {
        format!("mock {line}, behind trunk serve\nopen the console:   {app}/")
    } else {
        line.replace(&mock, &app)
    }
}

/// Waits until one of the two stops, then stops the other.
fn wait_for_either(mut first: Running, mut second: Running) -> Result<(), String> {
    loop {
        for running in [&mut first, &mut second] {
            if let Some(status) = running.child.try_wait().map_err(|err| err.to_string())? {
                return if status.success() {
                    Ok(())
                } else {
                    Err(format!("{} stopped ({status})", running.name))
                };
            }
        }
        thread::sleep(Duration::from_millis(200));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ports here are Trunk.toml's: its proxies go to the mock, its server is the app.
    #[test]
    fn the_ports_are_trunk_tomls() {
        let env = tools::env().unwrap();
        let config = std::fs::read_to_string(env.root.join("Trunk.toml")).unwrap();
        let backends: Vec<&str> =
            config.lines().filter(|line| line.starts_with("backend = ")).collect();
        assert!(!backends.is_empty(), "Trunk.toml has no [[proxy]]");
        for backend in backends {
            assert!(
                backend.starts_with(&format!("backend = \"http://127.0.0.1:{MOCK_PORT}/")),
                "{backend}"
            );
        }
        assert!(config.lines().any(|line| line == format!("port = {APP_PORT}")));
    }

    #[test]
    fn the_mocks_links_are_shown_at_trunk_serves_address() {
        assert_eq!(
            through_trunk("  http://127.0.0.1:8080/marketplace/aws"),
            "  http://127.0.0.1:8081/marketplace/aws"
        );
        assert_eq!(
            through_trunk("mailbox:            http://127.0.0.1:8080/dev/mailbox"),
            "mailbox:            http://127.0.0.1:8081/dev/mailbox"
        );
        assert_eq!(
            through_trunk("listening on http://127.0.0.1:8080"),
            "mock listening on http://127.0.0.1:8080, behind trunk serve\n\
             open the console:   http://127.0.0.1:8081/"
        );
    }
}
