//! Installs what the build and the tests need, only when it is missing, and says what to do when it
//! cannot: the wasm32 target, wasm-bindgen-cli at the version `Cargo.lock` pins, trunk,
//! wasm-split-cli, wasm-opt (binaryen 132) from npm (project-local), and Debian's
//! Chromium + ChromeDriver.

use std::{
    ffi::OsString,
    path::{Path, PathBuf},
    process::Command,
};

use crate::sh::{Step, cargo, output, run};

/// Trunk's version; Trunk.toml's `[tools]` pins the other two.
const TRUNK_VERSION: &str = "0.22.1";
/// wasm-split-cli's; its split points come from wasm_split_helpers, which leptos pins in Cargo.lock.
const WASM_SPLIT_VERSION: &str = "0.2.4";
/// Debian's wasm-opt 108 silently breaks the app (../shared/TOOLCHAIN.md); 132 is known good.
const BINARYEN_VERSION: &str = "132.0.0";
/// axe-core, which the layout journey runs on every screen (e2e/src/axe.rs).
const AXE_CORE_VERSION: &str = "4.14.1";
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Where the workspace is and the PATH every child command gets.
pub struct Env {
    pub root: PathBuf,
    path: OsString,
}

impl Env {
    /// A command run from the workspace root with the tools' PATH.
    pub fn cmd(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut command = Command::new(program);
        command.current_dir(&self.root).env("PATH", &self.path);
        command
    }

    /// Whether `program` is on the tools' PATH.
    pub fn has(&self, program: &str) -> bool {
        std::env::split_paths(&self.path).any(|dir| dir.join(program).is_file())
    }

    /// The project-local folder for npm-installed tools.
    fn tools_dir(&self) -> PathBuf {
        self.root.join("target/tools")
    }
}

/// Where the workspace and the tools are, installing nothing (Trunk's hook: `cargo xtask split`).
pub fn env() -> Result<Env, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf();
    let cargo_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .map(|home| home.join("bin"));
    let mut paths = vec![root.join("target/tools/node_modules/.bin")];
    paths.extend(cargo_bin);
    paths.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    let path = std::env::join_paths(paths).map_err(|err| err.to_string())?;
    Ok(Env { root, path })
}

/// Makes sure every tool is there, installing what is missing.
pub fn ensure() -> Result<Env, String> {
    let env = env()?;
    let step = Step::new("toolchain: install what is missing");
    wasm_target(&env)?;
    wasm_bindgen(&env)?;
    trunk(&env)?;
    wasm_split(&env)?;
    wasm_opt(&env)?;
    axe_core(&env)?;
    chromium(&env)?;
    chinese_font(&env)?;
    fetch(&env)?;
    step.check(Ok(()))?;
    Ok(env)
}

fn wasm_target(env: &Env) -> Result<(), String> {
    let installed = output(env.cmd("rustup").args(["target", "list", "--installed"]));
    match installed {
        Some(list) if list.lines().any(|l| l.trim() == "wasm32-unknown-unknown") => Ok(()),
        Some(_) => run(env.cmd("rustup").args(["target", "add", "wasm32-unknown-unknown"])),
        None => {
            // Without rustup the target may still be there (a distro toolchain); the build will tell.
            println!(
                "    rustup not found: make sure the wasm32-unknown-unknown target is installed"
            );
            Ok(())
        }
    }
}

/// The wasm-bindgen version `Cargo.lock` pins, as `cargo metadata --locked` resolves it; the CLI
/// must match it exactly.
fn locked_wasm_bindgen(env: &Env) -> Result<String, String> {
    let metadata = cargo_metadata::MetadataCommand::new()
        .manifest_path(env.root.join("Cargo.toml"))
        .other_options(vec!["--locked".to_owned()])
        .exec()
        .map_err(|err| format!("cargo metadata: {err}"))?;
    one_version(&metadata, "wasm-bindgen")
}

/// The one version of `name` in the workspace's dependency graph.
fn one_version(metadata: &cargo_metadata::Metadata, name: &str) -> Result<String, String> {
    let mut versions: Vec<String> = metadata
        .packages
        .iter()
        .filter(|package| package.name == name)
        .map(|package| package.version.to_string())
        .collect();
    versions.sort();
    versions.dedup();
    match versions.as_slice() {
        [version] => Ok(version.clone()),
        [] => Err(format!("Cargo.lock pins no {name}")),
        _ => Err(format!("Cargo.lock has several {name}: {}", versions.join(", "))),
    }
}

fn wasm_bindgen(env: &Env) -> Result<(), String> {
    let version = locked_wasm_bindgen(env)?;
    let have = output(env.cmd("wasm-bindgen").arg("--version")).unwrap_or_default();
    let runner = output(env.cmd("wasm-bindgen-test-runner").arg("--version")).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(version.as_str()) && runner.contains(&version) {
        return Ok(());
    }
    println!("    installing wasm-bindgen-cli {version} (about 3 minutes on 2 cores)");
    // Not --locked: its lockfile wants a webpki-roots release the registry mirror lacks.
    run(cargo(env).args(["install", "wasm-bindgen-cli", "--version", &version]))
}

fn trunk(env: &Env) -> Result<(), String> {
    let have = output(env.cmd("trunk").arg("--version")).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(TRUNK_VERSION) {
        return Ok(());
    }
    println!("    installing trunk {TRUNK_VERSION} (about 10 minutes on 2 cores)");
    // Trunk declares a newer rustc than it needs; it builds and works on 1.95.
    run(cargo(env).args([
        "install",
        "trunk",
        "--version",
        TRUNK_VERSION,
        "--locked",
        "--ignore-rust-version",
    ]))
}

/// Cuts the release wasm into the first screen's module and the pages' chunks (`xtask/src/split.rs`).
fn wasm_split(env: &Env) -> Result<(), String> {
    let installed = output(cargo(env).args(["install", "--list"])).unwrap_or_default();
    let wanted = format!("wasm_split_cli_support v{WASM_SPLIT_VERSION}:");
    if installed.lines().any(|line| line.starts_with(&wanted)) && env.has("wasm-split-cli") {
        return Ok(());
    }
    println!("    installing wasm-split-cli {WASM_SPLIT_VERSION} (about 3 minutes on 2 cores)");
    run(cargo(env).args([
        "install",
        "wasm_split_cli_support",
        "--version",
        WASM_SPLIT_VERSION,
        "--features",
        "build-binary",
        "--locked",
    ]))
}

/// wasm-opt, from npm into `target/tools`.
fn wasm_opt(env: &Env) -> Result<(), String> {
    let bin = env.tools_dir().join("node_modules/.bin");
    let binaryen_major = BINARYEN_VERSION.split('.').next().unwrap_or_default();
    let have = output(Command::new(bin.join("wasm-opt")).arg("--version"))
        .is_some_and(|have| have.split_whitespace().any(|word| word == binaryen_major));
    if have {
        return Ok(());
    }
    if output(env.cmd("npm").arg("--version")).is_none() {
        return Err(
            "wasm-opt needs npm: install Node.js and npm (Debian: apt-get install nodejs npm)"
                .to_owned(),
        );
    }
    println!("    installing binaryen {BINARYEN_VERSION} (wasm-opt) from npm into target/tools");
    std::fs::create_dir_all(env.tools_dir()).map_err(|err| err.to_string())?;
    run(env
        .cmd("npm")
        .args(["install", "--no-save", "--no-audit", "--no-fund", "--prefix"])
        .arg(env.tools_dir())
        .args(npm_packages()))
}

/// axe-core, from npm into `target/tools` (the journeys read `axe.min.js` from there).
fn axe_core(env: &Env) -> Result<(), String> {
    let package = env.tools_dir().join("node_modules/axe-core/package.json");
    let have = std::fs::read_to_string(&package)
        .is_ok_and(|text| text.contains(&format!("\"version\": \"{AXE_CORE_VERSION}\"")));
    if have {
        return Ok(());
    }
    if output(env.cmd("npm").arg("--version")).is_none() {
        return Err("axe-core needs npm: install Node.js and npm".to_owned());
    }
    println!("    installing axe-core {AXE_CORE_VERSION} from npm into target/tools");
    std::fs::create_dir_all(env.tools_dir()).map_err(|err| err.to_string())?;
    run(env
        .cmd("npm")
        .args(["install", "--no-save", "--no-audit", "--no-fund", "--prefix"])
        .arg(env.tools_dir())
        .args(npm_packages()))
}

/// Every npm tool, installed together: `npm install --no-save` removes whatever else is in the
/// folder, so installing one alone would remove the other.
fn npm_packages() -> [String; 2] {
    [format!("binaryen@{BINARYEN_VERSION}"), format!("axe-core@{AXE_CORE_VERSION}")]
}

fn chromium(env: &Env) -> Result<(), String> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        // brotli precompresses the app; without it the mock serves gzip only.
        return debian(env, &[("brotli", "brotli")], false);
    }
    debian(
        env,
        &[("chromium", "chromium"), ("chromedriver", "chromium-driver"), ("brotli", "brotli")],
        true,
    )
}

/// A font with Chinese glyphs, as every customer reading the console in Chinese has: without one
/// Chromium draws empty boxes, and the journeys would measure (journey 13, `layout.rs`) and
/// photograph the Chinese screens in them. WenQuanYi Micro Hei is the smallest Debian has
/// (1.6 MB); any font `fc-list :lang=zh` lists will do.
fn chinese_font(env: &Env) -> Result<(), String> {
    let fonts = output(Command::new("fc-list").arg(":lang=zh")).unwrap_or_default();
    if !fonts.trim().is_empty() {
        return Ok(());
    }
    install(env, &["fonts-wqy-microhei"], false)
}

/// What `cargo xtask bench` needs besides the test tools: the load generator and brotli.
pub fn ensure_bench(env: &Env) -> Result<(), String> {
    debian(env, &[("wrk", "wrk"), ("brotli", "brotli")], true)
}

/// Installs the Debian packages whose programs are missing ([`install`]).
fn debian(env: &Env, wanted: &[(&str, &str)], required: bool) -> Result<(), String> {
    let missing: Vec<&str> = wanted
        .iter()
        .filter(|(program, _)| !env.has(program))
        .map(|&(_, package)| package)
        .collect();
    install(env, &missing, required)
}

/// Installs the Debian packages `missing`, when root. Not root: an error naming them when they are
/// `required`, else a note.
fn install(env: &Env, missing: &[&str], required: bool) -> Result<(), String> {
    if missing.is_empty() {
        return Ok(());
    }
    let list = missing.join(" ");
    let root = output(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0");
    if !root {
        let advice = format!("run `sudo apt-get install -y {list}` (Debian/Ubuntu) and try again");
        if required {
            return Err(format!("missing: {list}: {advice}"));
        }
        println!("    missing (optional): {list}: {advice}");
        return Ok(());
    }
    println!("    installing {list} from Debian");
    run(env.cmd("apt-get").arg("update"))?;
    run(env.cmd("apt-get").args(["install", "-y", "--no-install-recommends"]).args(missing))
}

/// What a run of `cargo xtask test` from a clean clone needs in `target/`, measured on 2026-12-07
/// with `du -s target` every 30 s: 9.7 GiB at the peak without incremental caches (CI's
/// `CARGO_INCREMENTAL=0`, the browsers' profiles included), 14 GiB at the end of a run with them
/// (cargo's default, which `cargo xtask test` run by hand keeps).
pub const TEST_DISK_GIB: u64 = 14;

/// Says so when the disk holding the workspace has less free space than `needed_gib`: a run would
/// otherwise fail late, with "No space left on device" in the middle of a build. A note and not an
/// error, because a `target/` that is already built needs much less.
pub fn note_free_disk(env: &Env, needed_gib: u64) {
    let Some(free_kib) =
        output(Command::new("df").arg("-Pk").arg(&env.root)).as_deref().and_then(available_kib)
    else {
        return;
    };
    if free_kib < needed_gib << 20 {
        println!(
            "    note: {:.1} GiB free on the disk of {}; a run from a clean clone writes up to \
             {needed_gib} GiB to target/. If it stops with \"No space left on device\", free some \
             (`cargo clean` empties target/).",
            free_kib as f64 / f64::from(1 << 20),
            env.root.display()
        );
    }
}

/// The free KiB `df -Pk PATH` prints: the fourth column of its second line.
fn available_kib(df: &str) -> Option<u64> {
    df.lines().nth(1)?.split_whitespace().nth(3)?.parse().ok()
}

/// Trunk builds offline (`[build] offline`), so every crate must be in the local registry first.
fn fetch(env: &Env) -> Result<(), String> {
    run(cargo(env).args(["fetch", "--locked", "--quiet"]))
}

/// Crates that must never ship in the wasm bundle.
const FORBIDDEN_IN_WASM: &[&str] = &["regex", "reqwest"];

/// Fails when `activation-core` depends on a forbidden crate at any depth, or `app` does directly.
/// (leptos_config pulls `regex` in for reading `Cargo.toml` on servers; a CSR bundle never calls it,
/// so the linker drops it. What we choose ourselves is what this guards.)
pub fn no_forbidden_dependencies(env: &Env) -> Result<(), String> {
    let tree = |package: &str, depth: Option<&str>| {
        let mut command = cargo(env);
        command.args(["tree", "-e", "normal", "-p", package, "--target", "wasm32-unknown-unknown"]);
        command.args(["--prefix", "none"]);
        if let Some(depth) = depth {
            command.args(["--depth", depth]);
        }
        output(&mut command).ok_or_else(|| format!("cargo tree -p {package} failed"))
    };
    forbidden_in(&tree("activation-core", None)?)?;
    forbidden_in(&tree("app", Some("1"))?)
}

fn forbidden_in(tree: &str) -> Result<(), String> {
    let found: Vec<&str> = tree
        .lines()
        .filter(|line| {
            FORBIDDEN_IN_WASM.iter().any(|name| line.split_whitespace().next() == Some(name))
        })
        .collect();
    if found.is_empty() {
        Ok(())
    } else {
        Err(format!("the wasm bundle would ship: {}", found.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::{available_kib, env, forbidden_in, locked_wasm_bindgen};

    /// Trunk runs the wasm-bindgen of its `[tools]` pin; the app links the crate Cargo.lock pins.
    #[test]
    fn trunk_pins_the_wasm_bindgen_cargo_lock_pins() {
        let env = env().unwrap();
        let locked = locked_wasm_bindgen(&env).unwrap();
        let trunk = std::fs::read_to_string(env.root.join("Trunk.toml")).unwrap();
        assert!(
            trunk.lines().any(|line| line == format!("wasm_bindgen = \"{locked}\"")),
            "Trunk.toml's [tools] wasm_bindgen is not the {locked} of Cargo.lock"
        );
    }

    #[test]
    fn the_free_space_is_the_fourth_column_of_dfs_second_line() {
        let df = "Filesystem     1024-blocks     Used Available Capacity Mounted on\n\
                  /dev/vda         263174212 45012344 51234567      47% /\n";
        assert_eq!(available_kib(df), Some(51_234_567));
        assert_eq!(available_kib("Filesystem 1024-blocks Used Available\n"), None);
        assert_eq!(available_kib("df: /nowhere: No such file or directory\n"), None);
    }

    #[test]
    fn regex_in_the_tree_is_refused_but_regex_like_names_are_not() {
        assert!(forbidden_in("leptos v0.8.23\nregex v1.11.0\n").is_err());
        assert!(forbidden_in("reqwest v0.12.0 (*)\n").is_err());
        assert!(forbidden_in("regex-syntax v0.8.0\nleptos v0.8.23\n").is_ok());
    }
}
