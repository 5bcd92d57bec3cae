//! The files of the first load (and of the prefetch after it): raw, `gzip -9` and `brotli -q 11` (the command-line tools, so the
//! figures mean exactly what they say), and what crossed the wire on localhost.

use std::{
    path::{Path, PathBuf},
    process::Command,
};

use anyhow::{Context, Result, bail, ensure};

use crate::page::{DOCUMENT, Fetched};

/// One file's sizes in bytes.
#[derive(Debug, Clone)]
pub struct FileSize {
    pub path: String,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
    /// What the browser received for the body (compressed if the mock sent it so).
    pub wire: u64,
}

/// The sizes of every fetched file of the app (the API calls it made are not part of the load).
/// The document is measured as the mock serves it (`served_html`: with its fresh nonce).
pub fn measure(
    dist: &Path,
    fetched: &[Fetched],
    served_html: &str,
    work: &Path,
) -> Result<Vec<FileSize>> {
    let mut sizes = Vec::new();
    for file in fetched.iter().filter(|f| !f.path.starts_with("/api/")) {
        let source: PathBuf = if file.path == DOCUMENT {
            let served = work.join("index.served.html");
            std::fs::write(&served, served_html)?;
            served
        } else {
            let on_disk = dist.join(file.path.trim_start_matches('/'));
            ensure!(
                on_disk.is_file(),
                "{} was fetched but is not in {}",
                file.path,
                dist.display()
            );
            on_disk
        };
        sizes.push(FileSize {
            path: file.path.clone(),
            raw: std::fs::metadata(&source)?.len(),
            gzip: compressed(Command::new("gzip").args(["-9", "-c"]).arg(&source))?,
            brotli: compressed(Command::new("brotli").args(["-q", "11", "-c"]).arg(&source))?,
            wire: file.encoded,
        });
    }
    ensure!(
        fetched.is_empty() || sizes.iter().any(|f| f.path.ends_with(".wasm")),
        "fetched no wasm"
    );
    Ok(sizes)
}

/// The length of what `command` writes to stdout.
fn compressed(command: &mut Command) -> Result<u64> {
    let out = command.output().with_context(|| {
        format!("cannot run {:?} (apt-get install gzip brotli)", command.get_program())
    })?;
    if !out.status.success() {
        bail!("{:?} failed: {}", command, String::from_utf8_lossy(&out.stderr));
    }
    Ok(out.stdout.len() as u64)
}
