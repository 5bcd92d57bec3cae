//! The release build of the app, as every command serves it: `trunk build --release`, then a
//! `.br` (brotli -q 11) and `.gz` (gzip -9) beside each JS, wasm and CSS file, which the mock sends
//! to browsers that accept them (`ServeDir::precompressed_*`), with the original `Content-Type`.

use std::path::{Path, PathBuf};

use crate::{
    sh::{Step, run},
    tools::Env,
};

/// What is worth compressing; `index.html` is rewritten per response (its nonce), so not it.
const COMPRESSED: &[&str] = &["js", "wasm", "css"];

pub fn app(env: &Env) -> Result<(), String> {
    Step::new("release build of the app").run(env.cmd("trunk").args(["build", "--release"]))?;
    let step = Step::new("precompress the app (brotli -q 11, gzip -9)");
    let files = compressible(&env.root.join("dist"))?;
    let brotli = env.has("brotli");
    for file in &files {
        if brotli {
            run(env.cmd("brotli").args(["-q", "11", "-f", "-k"]).arg(file))?;
        }
        run(env.cmd("gzip").args(["-9", "-f", "-k", "-n"]).arg(file))?;
    }
    if !brotli {
        println!("    brotli not found: only .gz files (apt-get install brotli for .br)");
    }
    println!("    {} files", files.len());
    step.check(Ok(()))
}

/// The files worth compressing in `dir` and its folders (the pages' chunks are in one).
fn compressible(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|err| format!("{}: {err}", dir.display()))?;
    let mut files = Vec::new();
    for path in entries.flatten().map(|entry| entry.path()) {
        if path.is_dir() {
            files.extend(compressible(&path)?);
        } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| COMPRESSED.contains(&e))
        {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}
