//! Running commands with a visible step name, timing and a clear failure message.

use std::{process::Command, time::Instant};

use crate::tools::Env;

/// One named step of a command, printed with its duration.
pub struct Step {
    name: &'static str,
    started: Instant,
}

impl Step {
    pub fn new(name: &'static str) -> Step {
        println!("\n==> {name}");
        Step { name, started: Instant::now() }
    }

    /// Runs `command`, failing the step when it exits non-zero.
    pub fn run(self, command: &mut Command) -> Result<(), String> {
        let status = command.status().map_err(|err| {
            format!("{}: cannot start {:?}: {err}", self.name, command.get_program())
        })?;
        if !status.success() {
            return Err(format!("{} failed ({status}): {}", self.name, describe(command)));
        }
        self.done();
        Ok(())
    }

    /// Finishes the step with the result of in-process work.
    pub fn check(self, result: Result<(), String>) -> Result<(), String> {
        result.map_err(|err| format!("{} failed: {err}", self.name))?;
        self.done();
        Ok(())
    }

    fn done(self) {
        println!("    {} took {:.1} s", self.name, self.started.elapsed().as_secs_f64());
    }
}

/// Runs `command` to completion; an error naming it when it cannot start or exits non-zero.
pub fn run(command: &mut Command) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|err| format!("cannot start {:?}: {err}", command.get_program()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(command)))
    }
}

/// `cargo` from the toolchain that runs us, with the tools' PATH.
pub fn cargo(env: &Env) -> Command {
    env.cmd(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// The stdout of a command, if it ran and succeeded.
pub fn output(command: &mut Command) -> Option<String> {
    let out = command.output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The command line, for error messages.
pub fn describe(command: &Command) -> String {
    let mut line = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        line.push(' ');
        line.push_str(&arg.to_string_lossy());
    }
    line
}

/// Replaces this process with `command` (so Ctrl-C reaches it directly).
#[cfg(unix)]
pub fn exec(command: &mut Command) -> Result<(), String> {
    use std::os::unix::process::CommandExt;
    let err = command.exec();
    Err(format!("cannot start {}: {err}", describe(command)))
}

#[cfg(not(unix))]
pub fn exec(command: &mut Command) -> Result<(), String> {
    let status = command.status().map_err(|err| err.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{} exited with {status}", describe(command)))
    }
}

/// Ends the headless Chromium browsers ChromeDriver started and left behind: the wasm test runner
/// stops its ChromeDriver without closing the browser, which then lives on, idle, its parent gone
/// (a dozen processes per `cargo test --target wasm32-unknown-unknown`, and they pile up on a
/// machine that runs the suite again and again, beside what the bench measures). Only orphans
/// (parent 1) started for WebDriver are ended: a browser whose ChromeDriver still runs is left
/// alone. Linux only (`/proc`); elsewhere, nothing.
pub fn end_orphaned_browsers() {
    let Ok(entries) = std::fs::read_dir("/proc") else { return };
    let mut ended = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().filter(|n| n.bytes().all(|b| b.is_ascii_digit())) else {
            continue;
        };
        let dir = entry.path();
        let (Ok(stat), Ok(cmdline)) =
            (std::fs::read_to_string(dir.join("stat")), std::fs::read(dir.join("cmdline")))
        else {
            continue;
        };
        // `pid (comm) state ppid ...`: comm may hold spaces, so read after its closing bracket.
        let ppid = stat.rsplit_once(')').and_then(|(_, rest)| rest.split_whitespace().nth(1));
        let args: Vec<&[u8]> = cmdline.split(|&b| b == 0).collect();
        let chromium = args.first().is_some_and(|program| program.ends_with(b"chromium"));
        let for_webdriver = args.iter().any(|arg| *arg == b"--test-type=webdriver");
        if ppid == Some("1")
            && chromium
            && for_webdriver
            && Command::new("kill").arg(pid).status().is_ok_and(|s| s.success())
        {
            ended += 1;
        }
    }
    if ended > 0 {
        println!("    ended {ended} headless Chromium left behind by ChromeDriver");
    }
}
