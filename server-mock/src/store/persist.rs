//! The `--state FILE`: loaded at start, rewritten after every change. Written to a temporary file,
//! synced, then renamed over the old one, so a crash mid-write leaves the old file whole (and a
//! temporary file, removed at the next start).
//!
//! It holds session IDs and codes, so it is the owner's alone (SPEC §6): the temporary file is
//! made `0600` with a fresh random name that must not exist yet (`O_CREAT | O_EXCL`, the
//! `tempfile` crate), so a symlink planted in the folder is never followed and its target never
//! written; the rename puts that file, mode and all, in place of the old one. A state file that
//! others could read is made `0600` at start.

use std::{io::Write, path::Path};

use super::data::Data;

/// What the server does at start: removes what writers killed mid-save left behind, then loads.
/// Only for the process about to own the file: a running writer's temporary file would go too.
pub fn load_at_start(path: &Path) -> Result<Data, String> {
    remove_stale_temp_files(path);
    keep_private(path)?;
    load(path)
}

/// Makes an existing state file readable by its owner only.
fn keep_private(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    // Not through a symlink: the next save replaces a link with a file of its own anyway.
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return Ok(());
    };
    if meta.file_type().is_file() && meta.permissions().mode() & 0o077 != 0 {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .map_err(|err| format!("{}: cannot make it private (0600): {err}", path.display()))?;
        tracing::warn!(path = %path.display(), "the state file was readable by others: now 0600");
    }
    Ok(())
}

/// Reads the state file, touching nothing (safe while a server writes it); a missing file is an
/// empty state.
pub fn load(path: &Path) -> Result<Data, String> {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map_err(|err| format!("{}: not a state file: {err}", path.display())),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Data::default()),
        Err(err) => Err(format!("{}: {err}", path.display())),
    }
}

/// Replaces the state file with `data`, atomically.
pub fn save(path: &Path, data: &Data) -> std::io::Result<()> {
    let json = serde_json::to_vec(data).map_err(std::io::Error::other)?;
    let dir = folder_of(path);
    // Mode 0600, created exclusively under a random name: no symlink is followed.
    let mut file = tempfile::Builder::new().prefix(&own_temp_prefix(path)).tempfile_in(dir)?;
    file.write_all(&json)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|err| err.error)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        // Make the rename itself durable.
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}

/// The folder holding the state file.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// What every temporary file of the state file starts with: `NAME.tmp-`.
fn temp_prefix(path: &Path) -> String {
    format!("{}.tmp-", path.file_name().unwrap_or_default().to_string_lossy())
}

/// What this process's temporary files start with: `NAME.tmp-PID-` (then random characters).
fn own_temp_prefix(path: &Path) -> String {
    format!("{}{}-", temp_prefix(path), std::process::id())
}

/// Removes the temporary files of writers killed mid-save (`NAME.tmp-PID` of other processes):
/// without this, every crash at the wrong moment leaves one behind for good.
fn remove_stale_temp_files(path: &Path) {
    let (prefix, ours) = (temp_prefix(path), own_temp_prefix(path));
    let Ok(entries) = std::fs::read_dir(folder_of(path)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let stale = name.starts_with(&prefix) && !name.starts_with(&ours);
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
