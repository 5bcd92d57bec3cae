//! `--state FILE`: everything survives a restart; a bad file is a clear error, not a silent reset.

mod common;

use activation_core::api::{LoggedIn, paths};
use activation_core::draft::LoginDraft;
use server_mock::{
    AppState, Store,
    clock::Clock,
    store::{Data, persist, seed},
};

#[tokio::test]
async fn data_written_by_one_server_is_there_for_the_next() {
    let (_dir, path) = common::state_file();
    assert!(persist::load(&path).unwrap().billing.is_empty(), "a missing file is an empty state");

    let store = Store::new(Data::default(), Some(path.clone()), Clock::manual(common::T0));
    store.write(seed::demo);
    let before = serde_json::to_value(store.snapshot()).unwrap();

    let reloaded = persist::load(&path).unwrap();
    assert_eq!(serde_json::to_value(&reloaded).unwrap(), before);
    // No temporary file is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // A server started on the reloaded data knows the seeded account and its password.
    let state = AppState::new(Store::new(reloaded, Some(path.clone()), Clock::manual(common::T0)));
    let mock = common::Mock { state, clock: Clock::manual(common::T0) };
    let login =
        LoginDraft { username: seed::DEMO_BILLING.into(), password: seed::DEMO_PASSWORD.into() };
    let who: LoggedIn = mock.client().post(paths::LOGIN, &login).await.ok();
    assert_eq!(who.username, seed::DEMO_BILLING);
    // The login itself was saved too.
    assert_eq!(persist::load(&path).unwrap().logins.len(), 1);
}

#[test]
fn a_corrupt_state_file_is_refused_with_its_name() {
    let (_dir, path) = common::state_file();
    std::fs::write(&path, b"{ not json").unwrap();
    let err = persist::load(&path).unwrap_err();
    assert!(err.contains("state.json") && err.contains("not a state file"), "{err}");
}

#[test]
fn temporary_files_of_a_writer_killed_mid_save_are_removed_at_start_but_not_by_a_reader() {
    let (_dir, path) = common::state_file();
    let store = Store::new(Data::default(), Some(path.clone()), Clock::manual(common::T0));
    store.write(seed::demo);
    let leftover = path.with_file_name("state.json.tmp-4242");
    std::fs::write(&leftover, b"{ half a state").unwrap();
    let unrelated = path.with_file_name("notes.txt");
    std::fs::write(&unrelated, b"mine").unwrap();
    // A reader (the journeys read the file while the mock runs) leaves a writer's file alone.
    assert!(persist::load(&path).unwrap().billing.contains_key(seed::DEMO_BILLING));
    assert!(leftover.exists(), "a plain load removed a temporary file");
    assert!(persist::load_at_start(&path).unwrap().billing.contains_key(seed::DEMO_BILLING));
    assert!(!leftover.exists(), "the leftover is still there");
    assert!(unrelated.exists(), "only the state file's temporaries are removed");
}

#[tokio::test]
async fn a_read_only_call_does_not_rewrite_the_state_file_but_the_next_change_saves_it() {
    let (_dir, path) = common::state_file();
    let clock = Clock::manual(common::T0);
    let state = AppState::new(Store::new(Data::default(), Some(path.clone()), clock.clone()));
    let mock = common::Mock { state, clock };
    let mut buyer = mock.arrive(common::aws("123456789012"));
    let saved = std::fs::read(&path).unwrap();
    std::fs::remove_file(&path).unwrap();

    mock.advance(5);
    assert_eq!(buyer.get(paths::SESSION).await.status, 200);
    assert!(!path.exists(), "GET {} wrote the state file", paths::SESSION);

    // The touch (the session's last use) is kept in memory, and saved with the next change.
    mock.store().write(|_| ());
    let resaved = persist::load(&path).unwrap();
    let session = resaved.sessions.values().next().unwrap();
    assert_eq!(session.last_used, common::T0 + 5);
    assert_ne!(std::fs::read(&path).unwrap(), saved);
}

#[test]
fn codes_an_older_mock_kept_outside_sessions_are_ignored_at_load() {
    // Older mocks kept codes per address, shared by every session; they belong to no session now.
    let (_dir, path) = common::state_file();
    let mut json = serde_json::to_value(Data::default()).unwrap();
    json["codes"] = serde_json::json!({
        "register:new@example.com": {"code": "123456", "sent_at": common::T0, "tries_left": 5, "used": false}
    });
    std::fs::write(&path, serde_json::to_vec(&json).unwrap()).unwrap();
    let loaded = persist::load(&path).unwrap();
    assert!(loaded.sessions.values().all(|s| s.codes.live.is_empty()));
    assert!(serde_json::to_value(&loaded).unwrap().get("codes").is_none());
}
