//! Arbitrary bytes as the JSON body of every POST route of `server_mock::api::OPERATIONS`, in an
//! open activation session of a mock with the demo data. Nothing may panic, and every answer that
//! is not a success must be core's `ApiError` body, sent with the status of its code.
//!
//! From the workspace root (the seeds are one valid body per request type):
//! `mkdir -p fuzz/corpus/request_bodies && cargo fuzz run -s none request_bodies
//! fuzz/corpus/request_bodies fuzz/seeds/request_bodies -- -max_total_time=60` (stable works with
//! `-s none`), or `cargo xtask hardening`, which does it. Its proptest twin, run by every
//! `cargo xtask test`, is `server-mock/tests/fuzz_bodies.rs`.
#![no_main]

use std::sync::OnceLock;

use activation_core::{
    api::ApiError,
    domain::{AwsAccountId, Identity, LicenseArn, ProductCode},
};
use axum::{
    body::Body,
    http::{Request, header},
};
use http_body_util::BodyExt;
use libfuzzer_sys::fuzz_target;
use server_mock::{AppState, Store, api::OPERATIONS, app, clock::Clock, open_session, store::Data};
use tower::ServiceExt;

/// The mock shared by every input (what one input leaves, the next one meets), and its runtime.
struct Target {
    runtime: tokio::runtime::Runtime,
    state: AppState,
    /// `app(state)`, built once: cloning a router is cheap, building one is not.
    router: axum::Router,
    workspace: String,
    identity: Identity,
}

fn target() -> &'static Target {
    static TARGET: OnceLock<Target> = OnceLock::new();
    TARGET.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let mut data = Data::default();
        server_mock::store::seed::demo(&mut data);
        let workspace = data.workspaces.keys().next().unwrap().as_str().to_owned();
        let state = AppState::new(Store::new(data, None, Clock::manual(1_795_331_719)));
        let identity = Identity::Aws {
            account_id: AwsAccountId::parse("123456789012").unwrap(),
            product_code: ProductCode::parse("prod-guance01").unwrap(),
            license_arn: LicenseArn::parse(
                "arn:aws:license-manager::123456789012:license:l-0123456789abcdef",
            )
            .unwrap(),
        };
        Target { runtime, router: app(state.clone()), state, workspace, identity }
    })
}

fuzz_target!(|body: &[u8]| {
    let target = target();
    let now = target.state.store.now();
    let session = target.state.store.write(|data| open_session(data, target.identity.clone(), now));
    target.runtime.block_on(async {
        for op in OPERATIONS.iter().filter(|op| op.method == server_mock::routes::Method::Post) {
            let path = op.path.replace("{id}", &target.workspace);
            let request = Request::post(&path)
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::COOKIE, format!("__Host-activation_session={session}"))
                .header("idempotency-key", "fuzz")
                .body(Body::from(body.to_vec()))
                .unwrap();
            let response = target.router.clone().oneshot(request).await.unwrap();
            let status = response.status().as_u16();
            let bytes = response.into_body().collect().await.unwrap().to_bytes();
            if (200..300).contains(&status) {
                continue;
            }
            // `app()` answers a panicking handler with `internal` (500): here, that is the crash.
            assert_ne!(status, 500, "{path}: a handler panicked: {bytes:?}");
            let error: ApiError = serde_json::from_slice(&bytes).unwrap_or_else(|err| {
                panic!("{path}: {status} with a body that is no ApiError ({err}): {bytes:?}")
            });
            assert_eq!(error.status(), status, "{path}: {error:?}");
        }
    });
    // Sessions would pile up over millions of inputs: forget this one.
    target.state.store.write(|data| data.sessions.remove(&session));
});
