//! Browser tests of the activation console; the tests themselves are in `tests/tests/`, run in headless
//! Chromium by `cargo test -p browser-tests --target wasm32-unknown-unknown`.
