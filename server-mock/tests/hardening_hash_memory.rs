//! argon2id at OWASP's parameters needs 19 MiB per hash (SPEC §6). The mock runs one hash at a
//! time and gives that memory back when it ends, so logins arriving together cannot multiply it,
//! and the memory of a login an hour ago is not still held. One test, in a file of its own: it
//! reads the process's own memory figures.
#![cfg(all(target_os = "linux", target_env = "gnu"))]

use std::thread;

use server_mock::store::{hash_password, verify_password};

const MIB: u64 = 1024 * 1024;

/// A field of `/proc/self/status` in bytes (`VmRSS`: resident now; `VmHWM`: the peak so far).
fn status(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let line = status
        .lines()
        .find(|line| line.starts_with(&format!("{field}:")))
        .unwrap_or_else(|| panic!("no {field} in /proc/self/status"));
    let kib: u64 = line.split_whitespace().nth(1).and_then(|n| n.parse().ok()).expect("a number");
    kib * 1024
}

#[test]
fn four_hashes_at_once_hold_one_hashs_memory_and_give_it_back() {
    let hash = hash_password("Blue-Harbor-2041");
    let before = status("VmRSS");
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let hash = hash.clone();
            thread::spawn(move || {
                assert!(verify_password("Blue-Harbor-2041", &hash));
                hash_password("Blue-Harbor-2041")
            })
        })
        .collect();
    for thread in threads {
        assert!(verify_password("Blue-Harbor-2041", &thread.join().expect("hashed")));
    }
    let peak = status("VmHWM");
    let after = status("VmRSS");
    // One hash's 19 MiB at a time (four at once would be 76 MiB), with room for the threads.
    assert!(
        peak < before + 19 * MIB + 8 * MIB,
        "peak {} MiB, {} MiB before",
        peak / MIB,
        before / MIB
    );
    // Twelve hashes later, none of their memory is still resident.
    assert!(after < before + 4 * MIB, "{} MiB after, {} MiB before", after / MIB, before / MIB);
}
