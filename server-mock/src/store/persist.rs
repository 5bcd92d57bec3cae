//! The `--state FILE`: loaded at start, rewritten after every change. Written to a temporary file,
//! synced, then renamed over the old one, so a crash mid-write leaves the old file whole (and a
//! temporary file, removed at the next start).

use std::{
    io::Write,
    path::{Path, PathBuf},
};

use super::data::Data;

/// What the server does at start: removes what writers killed mid-save left behind, then loads.
/// Only for the process about to own the file: a running writer's temporary file would go too.
pub fn load_at_start(path: &Path) -> Result<Data, String> {
    remove_stale_temp_files(path);
    load(path)
}

/// Reads the state file, touching nothing (safe while a server writes it); a missing file is an
/// empty state.
pub fn load(path: &Path) -> Result<Data, String> {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(forget_outdated)
            .map_err(|err| format!("{}: not a state file: {err}", path.display())),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Data::default()),
        Err(err) => Err(format!("{}: {err}", path.display())),
    }
}

/// Replaces the state file with `data`, atomically.
pub fn save(path: &Path, data: &Data) -> std::io::Result<()> {
    let json = serde_json::to_vec(data).map_err(std::io::Error::other)?;
    let tmp = temp_path(path);
    {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(&json)?;
        file.sync_all()?;
    }
    std::fs::rename(&tmp, path)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        // Make the rename itself durable.
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}

fn temp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".tmp-{}", std::process::id()));
    path.with_file_name(name)
}

/// Removes the temporary files of writers killed mid-save (`NAME.tmp-PID` of other processes):
/// without this, every crash at the wrong moment leaves one behind for good.
fn remove_stale_temp_files(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    let prefix = format!("{}.tmp-", name.to_string_lossy());
    let ours = temp_path(path);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let stale = entry.file_name().to_string_lossy().starts_with(&prefix)
            && entry.file_name() != ours.file_name().unwrap_or_default();
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Drops what an older mock wrote and this one cannot use: codes kept under a bare address (they
/// are kept under purpose and address now, `register:a@b.co`; an address has no `:`).
fn forget_outdated(mut data: Data) -> Data {
    data.codes.retain(|key, _| key.contains(':'));
    data
}
