//! Running commands with a visible step name, timing and a clear failure message.

use std::{
    path::{Path, PathBuf},
    process::Command,
    time::Instant,
};

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

/// Where the headless browsers of `cargo xtask test` and `bench` keep their profiles, and their end.
///
/// ChromeDriver gives each Chromium a fresh profile in `$TMPDIR` (up to about 90 MB) and deletes
/// it when the session is closed. The wasm test runner (wasm-bindgen-test-runner 0.2.130) closes the
/// window but never the session, then stops its ChromeDriver: every wasm test binary left a profile
/// in `/tmp` and an idle browser, 13 a run, and a machine that ran the suite again and again ran out
/// of disk. The commands that start browsers get `TMPDIR` set to a folder of this run's own,
/// `target/browsers/PID` (a bench started beside a test run does not touch the test run's), which
/// `end` (and drop) empties once the browsers left behind have exited.
pub struct Browsers {
    dir: PathBuf,
}

impl Browsers {
    /// This run's empty folder under `target/browsers`; the folders of runs that have ended, and
    /// the browsers they left, are removed first.
    pub fn new(env: &Env) -> Result<Browsers, String> {
        let parent = env.root.join("target/browsers");
        end_orphaned_browsers();
        remove_folders_of_ended_runs(&parent);
        Browsers::in_dir(parent.join(std::process::id().to_string()))
    }

    fn in_dir(dir: PathBuf) -> Result<Browsers, String> {
        std::fs::create_dir_all(&dir)
            .map_err(|err| format!("cannot create {}: {err}", dir.display()))?;
        Ok(Browsers { dir })
    }

    /// `command`, with its browsers' temporary files in this folder.
    pub fn run_in<'c>(&self, command: &'c mut Command) -> &'c mut Command {
        command.env("TMPDIR", &self.dir)
    }

    /// Ends the browsers left behind, waits for them to exit, and empties the folder.
    pub fn end(&self) {
        self.remove();
        let _ = std::fs::create_dir_all(&self.dir);
    }

    fn remove(&self) {
        end_orphaned_browsers();
        if let Err(err) = std::fs::remove_dir_all(&self.dir)
            && err.kind() != std::io::ErrorKind::NotFound
        {
            println!("    warning: cannot remove {}: {err}", self.dir.display());
        }
    }
}

impl Drop for Browsers {
    fn drop(&mut self) {
        self.remove();
    }
}

/// Removes what is in `parent` but the folders of runs still going (named by a live process ID).
fn remove_folders_of_ended_runs(parent: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let running = process_id(&name).is_some_and(|pid| Path::new("/proc").join(pid).exists());
        if !running {
            let path = entry.path();
            let _ = std::fs::remove_dir_all(&path).or_else(|_| std::fs::remove_file(&path));
        }
    }
}

/// `name` when it is a process ID: the name of a process's folder in `/proc`, and of a run's folder
/// under `target/browsers`.
fn process_id(name: &std::ffi::OsStr) -> Option<&str> {
    name.to_str().filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Ends the headless Chromium browsers ChromeDriver started and left behind, and waits (up to 5 s)
/// for them to exit, so that nothing writes to their profiles afterwards: the wasm test runner
/// stops its ChromeDriver without closing the browser, which then lives on, idle, its parent gone
/// (a dozen processes per `cargo test --target wasm32-unknown-unknown`, and they pile up on a
/// machine that runs the suite again and again, beside what the bench measures). Only orphans
/// (parent 1) started for WebDriver are ended: a browser whose ChromeDriver still runs is left
/// alone. Linux only (`/proc`); elsewhere, nothing.
fn end_orphaned_browsers() {
    let Ok(entries) = std::fs::read_dir("/proc") else { return };
    let mut ended = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = process_id(&name) else { continue };
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
            ended.push(dir);
        }
    }
    if ended.is_empty() {
        return;
    }
    println!("    ended {} headless Chromium left behind by ChromeDriver", ended.len());
    let deadline = Instant::now() + std::time::Duration::from_secs(5);
    while ended.iter().any(|proc| proc.exists()) && Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Both tests also end the orphaned WebDriver browsers on this machine, if any: idle leftovers
    // of earlier wasm test runs (see `end_orphaned_browsers`).

    #[test]
    fn what_a_command_puts_in_its_temporary_folder_is_gone_after_end_and_drop() {
        let dir = std::env::temp_dir().join(format!("xtask-browsers-{}", std::process::id()));
        let browsers = Browsers::in_dir(dir.clone()).unwrap();
        let made = || {
            let made = output(browsers.run_in(Command::new("mktemp").arg("-d"))).unwrap();
            PathBuf::from(made.trim())
        };
        let first = made();
        assert!(first.starts_with(&dir) && first.is_dir(), "{first:?} is not in {dir:?}");
        browsers.end();
        assert!(!first.exists(), "{first:?} outlived end()");
        assert!(dir.is_dir(), "end() keeps the folder for the next command");
        let second = made();
        assert!(second.starts_with(&dir) && second.is_dir(), "{second:?}");
        drop(browsers);
        assert!(!dir.exists(), "{dir:?} outlived the drop");
    }

    #[test]
    fn only_the_folders_of_runs_still_going_are_kept() {
        let parent = std::env::temp_dir().join(format!("xtask-runs-{}", std::process::id()));
        let ours = parent.join(std::process::id().to_string());
        // Above the kernel's largest process ID (4,194,304): a run that has ended.
        let ended = parent.join("999999999");
        let stray = parent.join("org.chromium.Chromium.scoped_dir.x");
        for dir in [&ours, &ended, &stray] {
            std::fs::create_dir_all(dir.join("Default")).unwrap();
        }
        std::fs::write(parent.join("file"), "x").unwrap();
        remove_folders_of_ended_runs(&parent);
        let mut left: Vec<_> =
            std::fs::read_dir(&parent).unwrap().map(|e| e.unwrap().file_name()).collect();
        left.sort();
        assert_eq!(left, [std::ffi::OsString::from(std::process::id().to_string())]);
        std::fs::remove_dir_all(&parent).unwrap();
    }
}
