//! `cargo xtask split`: Trunk's post-build hook (Trunk.toml). In a release build the app's pages
//! are split points (`app/src/lazy.rs`); this cuts the wasm Cargo linked into the main module and
//! the chunks the pages arrive in, and puts them in Trunk's staging folder in place of the one
//! module Trunk made:
//!
//! 1. `wasm-split-cli` (wasm_split_cli_support) splits the linked wasm (it keeps its relocations,
//!    `app/build.rs`) into the main module, one file per chunk of pages (and per set of code that
//!    several chunks share), and `__wasm_split.js`, which fetches them;
//! 2. `wasm-bindgen` makes the main module's JS glue, as Trunk did;
//! 3. `wasm-opt` shrinks every module, with the settings Trunk used for the one module;
//! 4. every file is named after one hash of them all: `app-<hash>_bg.wasm` and the chunks' folder
//!    `split-<hash>/`, so that a new build is new URLs throughout, and a browser never pairs a
//!    cached chunk with another build's main module;
//! 5. `index.html` carries the glue and the loader themselves, in the module script that starts
//!    the app (minified by `terser`), and fetches and compiles the main module, with its integrity
//!    hash, from a small script right after the title (`inline.rs`).
//!
//! A debug build has no split points (`cfg(split)` is release only): the hook leaves it as it is.

use std::{
    fs,
    path::{Path, PathBuf},
};

use base64::{Engine, engine::general_purpose::STANDARD as BASE64};
use sha2::{Digest, Sha384};

use crate::{
    inline::{
        inline_loader, start_script, with_compile_script, with_inline_start, with_tag_replaced,
    },
    sh::{self, Step},
    tools::{self, Env},
};

/// The Cargo profile of Trunk's release build (`data-cargo-profile-release` in index.html).
const RELEASE_PROFILE: &str = "wasm-release";
/// What `wasm-opt` does to every module: Trunk's `data-wasm-opt="z"` with these parameters, as
/// before the split (README, Performance).
const WASM_OPT: &[&str] = &["-Oz", "--flatten", "--rereloop", "-Oz", "-Oz"];
pub fn run() -> Result<(), String> {
    let var = |name: &str| {
        std::env::var(name).map_err(|_| format!("{name} is not set: `cargo xtask split` is Trunk's post-build hook (run `trunk build --release`)"))
    };
    let profile = var("TRUNK_PROFILE")?;
    if profile != "release" {
        println!("    {profile} build: one module, nothing to split");
        return Ok(());
    }
    let staging = PathBuf::from(var("TRUNK_STAGING_DIR")?);
    let public_url = var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| "/".to_owned());
    let env = tools::env()?;
    let step = Step::new("split the wasm into the first screen's module and the pages' chunks");
    step.check(split(&env, &staging, &public_url))
}

fn split(env: &Env, staging: &Path, public_url: &str) -> Result<(), String> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| env.root.join("target"));
    let linked = target.join("wasm32-unknown-unknown").join(RELEASE_PROFILE).join("app.wasm");
    let trunk_js = staged(staging, ".js")?;
    let trunk_wasm = staged(staging, "_bg.wasm")?;
    let work = target.join("wasm-split");
    let chunk_dir = work.join("chunks");
    let _ = fs::remove_dir_all(&work);
    fs::create_dir_all(&chunk_dir).map_err(|err| format!("{}: {err}", chunk_dir.display()))?;

    sh::run(env.cmd("wasm-split-cli").arg(&linked).arg(&chunk_dir).args(["--out-name", "app"]))?;
    let main = chunk_dir.join("app.wasm");
    if !main.is_file() {
        return Err(format!("wasm-split-cli wrote no main module ({})", main.display()));
    }
    sh::run(
        env.cmd("wasm-bindgen")
            // The chunks install their functions in the main module's table: keep it exported.
            .args(["--target=web", "--no-typescript", "--keep-lld-exports", "--out-name=app"])
            .arg(format!("--out-dir={}", work.display()))
            .arg(&main),
    )?;
    fs::remove_file(&main).map_err(|err| err.to_string())?;
    let main = work.join("main.wasm");
    optimise(env, &work.join("app_bg.wasm"), &main)?;
    let mut chunks = wasm_files(&chunk_dir)?;
    chunks.sort();
    for chunk in &chunks {
        optimise(env, chunk, chunk)?;
    }
    let glue_path = work.join("app.js");
    let loader_path = chunk_dir.join("__wasm_split.js");

    // Every file is named after all of them, so that any change is a new URL for every one
    // (Trunk's own hashes are of the unsplit build, and its glue's does not change with the code).
    let mut outputs = vec![main.clone(), glue_path.clone(), loader_path.clone()];
    outputs.extend(chunks.iter().cloned());
    let hash = digest(&outputs)?;
    let folder_name = format!("split-{hash}");
    let wasm = format!("app-{hash}_bg.wasm");
    let folder = staging.join(&folder_name);
    fs::create_dir_all(&folder).map_err(|err| format!("{}: {err}", folder.display()))?;
    for chunk in &chunks {
        let name = chunk.file_name().ok_or("a chunk without a file name")?;
        fs::rename(chunk, folder.join(name))
            .map_err(|err| format!("{}: {err}", chunk.display()))?;
    }
    fs::rename(&main, staging.join(&wasm)).map_err(|err| format!("{}: {err}", main.display()))?;
    for old in [&trunk_js, &trunk_wasm] {
        fs::remove_file(staging.join(old)).map_err(|err| format!("{old}: {err}"))?;
    }

    // The loader fetches the chunks from beside where it would be, in the chunks' folder.
    let loader_url = format!("{public_url}{folder_name}/__wasm_split.js");
    let loader = inline_loader(&read(&loader_path)?, &loader_url)?;
    let start = work.join("start.js");
    write(&start, &start_script(&read(&glue_path)?, &loader)?)?;
    minify(env, &start)?;

    let html_path = staging.join("index.html");
    let html = read(&html_path)?;
    let html = with_inline_start(&html, &format!("{public_url}{trunk_js}"), &read(&start)?)?;
    let wasm_url = format!("{public_url}{wasm}");
    let html = with_compile_script(
        &html,
        &format!("{public_url}{trunk_wasm}"),
        &wasm_url,
        &sri(&staging.join(&wasm))?,
    )?;
    // Nothing of the app is fetched as a module any more.
    let html = with_tag_replaced(&html, &format!("{public_url}{trunk_js}"), "")?;
    write(&html_path, &html)?;
    println!("    main module {wasm}, {} chunks in {folder_name}/", chunks.len());
    Ok(())
}

/// The one file in `staging` Trunk made for the app that ends with `suffix`.
fn staged(staging: &Path, suffix: &str) -> Result<String, String> {
    let names: Vec<String> = fs::read_dir(staging)
        .map_err(|err| format!("{}: {err}", staging.display()))?
        .flatten()
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| name.starts_with("app-") && name.ends_with(suffix))
        .filter(|name| suffix != ".js" || !name.ends_with("_bg.js"))
        .collect();
    match names.as_slice() {
        [name] => Ok(name.clone()),
        _ => Err(format!("expected one app-*{suffix} in {}, found {names:?}", staging.display())),
    }
}

fn wasm_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    Ok(fs::read_dir(dir)
        .map_err(|err| format!("{}: {err}", dir.display()))?
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "wasm"))
        .collect())
}

fn optimise(env: &Env, input: &Path, output: &Path) -> Result<(), String> {
    sh::run(env.cmd("wasm-opt").args(WASM_OPT).arg(input).arg("-o").arg(output))
}

/// Minifies an ES module in place: terser's compression and local-name mangling (property names
/// stay, so the wasm's imports still match).
fn minify(env: &Env, script: &Path) -> Result<(), String> {
    let minified = script.with_extension("min.js");
    sh::run(
        env.cmd("terser")
            .arg(script)
            .args(["--module", "--compress", "--mangle", "--output"])
            .arg(&minified),
    )?;
    fs::rename(&minified, script).map_err(|err| format!("{}: {err}", script.display()))
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|err| format!("{}: {err}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|err| format!("{}: {err}", path.display()))
}

/// The subresource-integrity value of a file: `sha384-` and the base64 of its SHA-384.
fn sri(path: &Path) -> Result<String, String> {
    let bytes = fs::read(path).map_err(|err| format!("{}: {err}", path.display()))?;
    Ok(format!("sha384-{}", BASE64.encode(Sha384::digest(&bytes))))
}

/// 16 hex digits of the SHA-384 of the files' bytes, in order: a name that changes when any byte
/// does.
fn digest(files: &[PathBuf]) -> Result<String, String> {
    let mut hasher = Sha384::new();
    for file in files {
        hasher.update(fs::read(file).map_err(|err| format!("{}: {err}", file.display()))?);
    }
    Ok(hasher.finalize()[..8].iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::{digest, sri};

    #[test]
    fn the_name_changes_with_any_byte_of_any_file() {
        let dir = std::env::temp_dir().join(format!("xtask-digest-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (a, b) = (dir.join("a"), dir.join("b"));
        let name = |a_text: &str, b_text: &str| {
            std::fs::write(&a, a_text).unwrap();
            std::fs::write(&b, b_text).unwrap();
            digest(&[a.clone(), b.clone()]).unwrap()
        };
        let first = name("main", "chunk");
        assert_eq!(first.len(), 16);
        assert!(first.bytes().all(|b| b.is_ascii_hexdigit()), "{first}");
        assert_eq!(name("main", "chunk"), first);
        assert_ne!(name("main", "chunk!"), first);
        assert_ne!(name("Main", "chunk"), first);
        // The files are hashed as one: `cat a b | sha384sum`, cut to 16 digits.
        assert_eq!(name("a", "bc"), "cb00753f45a35e8b");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The values `openssl dgst -sha384 -binary FILE | base64` prints, as browsers check them.
    #[test]
    fn the_integrity_value_is_the_base64_of_the_sha384() {
        let dir = std::env::temp_dir().join(format!("xtask-sri-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("module.wasm");
        for (content, expected) in [
            ("", "sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb"),
            ("abc", "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"),
        ] {
            std::fs::write(&file, content).unwrap();
            assert_eq!(sri(&file).unwrap(), expected, "{content:?}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
