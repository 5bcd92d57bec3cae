//! The JSON request bodies of every POST route, fuzzed with proptest on the stable toolchain (the
//! coverage-guided twin is `fuzz/fuzz_targets/request_bodies.rs`, for `cargo +nightly fuzz`). Each
//! case is sent, in an open activation session, to every POST route of `api::OPERATIONS`: arbitrary
//! bytes, and valid bodies with bytes replaced, inserted or removed. Nothing may panic, and every
//! answer that is not a success is core's error body with the status its code is sent with.

use std::sync::OnceLock;

use activation_core::api::ApiError;
use axum::{
    body::Body,
    http::{Request, header},
};
use http_body_util::BodyExt;
use proptest::prelude::*;
use server_mock::{
    AppState, Store, api::OPERATIONS, app, clock::Clock, open_session, routes::Method, store::Data,
};
use tower::ServiceExt;

/// Bodies every route accepts or nearly does: the mutations start from these.
const VALID: &[&str] = &[
    r#"{"purpose":"register","email":"fuzz@example.com"}"#,
    r#"{"purpose":"bind_account","username":"demo_billing"}"#,
    r#"{"purpose":"create_workspace","email":"demo.billing@example.com"}"#,
    r#"{"site":"cn2","username":"fuzzer","password":"Blue-Harbor-2041","confirm_password":"Blue-Harbor-2041","email":"fuzz@example.com","verification_code":"123456","phone":""}"#,
    r#"{"company_name":"Acme Ltd","industry":"","contact_name":"","agree_terms":true}"#,
    r#"{"workspace_name":"First","workspace_language":"en","aliyun_account_id":"","aliyun_instance_id":"","huawei_account_id":""}"#,
    r#"{"username":"demo_billing","verification_code":"123456"}"#,
    r#"{"tab":"existing_account","site":"cn1","workspace_name":"Fuzzed","workspace_language":"zh","username":"","password":"","confirm_password":"","email":"demo.billing@example.com","verification_code":"123456","phone":"","agree_terms":true}"#,
    r#"{"username":"demo_billing","password":"Demo-Activation-2026"}"#,
];

/// The mock with the demo data, shared by every case (what one case leaves, the next one meets).
struct Target {
    state: AppState,
    /// `app(state)`, built once: cloning a router is cheap, building one is not.
    router: axum::Router,
    workspace: String,
}

thread_local! {
    static RUNTIME: tokio::runtime::Runtime =
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
}

fn target() -> &'static Target {
    static TARGET: OnceLock<Target> = OnceLock::new();
    TARGET.get_or_init(|| {
        let mut data = Data::default();
        server_mock::store::seed::demo(&mut data);
        let workspace = data.workspaces.keys().next().unwrap().as_str().to_owned();
        let state = AppState::new(Store::new(data, None, Clock::manual(1_795_331_719)));
        Target { router: app(state.clone()), state, workspace }
    })
}

/// Sends `body` to every POST route in a fresh session; the first broken promise, if any.
fn send_everywhere(body: &[u8]) -> Result<(), String> {
    let target = target();
    let identity = activation_core::domain::Identity::Aws {
        account_id: activation_core::domain::AwsAccountId::parse("123456789012").unwrap(),
        product_code: activation_core::domain::ProductCode::parse("prod-guance01").unwrap(),
        license_arn: activation_core::domain::LicenseArn::parse(
            "arn:aws:license-manager::123456789012:license:l-0123456789abcdef",
        )
        .unwrap(),
    };
    let now = target.state.store.now();
    let session = target.state.store.write(|data| open_session(data, identity, now));
    let result = RUNTIME.with(|runtime| {
        runtime.block_on(async {
            for op in OPERATIONS.iter().filter(|op| op.method == Method::Post) {
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
                // The mock answers a panicking handler with `internal`: for this test, a panic.
                if status == 500 {
                    return Err(format!("{path}: 500, a handler panicked: {bytes:?}"));
                }
                let error: ApiError = serde_json::from_slice(&bytes).map_err(|err| {
                    format!("{path}: {status} with a body that is no ApiError ({err}): {bytes:?}")
                })?;
                if error.status() != status {
                    return Err(format!("{path}: {error:?} sent with {status}"));
                }
            }
            Ok(())
        })
    });
    // Sessions would pile up over thousands of cases: forget this one.
    target.state.store.write(|data| data.sessions.remove(&session));
    result
}

/// One change to a valid body.
#[derive(Debug, Clone)]
enum Edit {
    Replace(usize, u8),
    Insert(usize, u8),
    Remove(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Edit::Replace(at, b)),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Edit::Insert(at, b)),
        any::<usize>().prop_map(Edit::Remove),
    ]
}

fn mutated() -> impl Strategy<Value = Vec<u8>> {
    (0..VALID.len(), proptest::collection::vec(edit(), 0..6)).prop_map(|(which, edits)| {
        let mut body = VALID[which].as_bytes().to_vec();
        for edit in edits {
            let len = body.len().max(1);
            match edit {
                Edit::Replace(at, b) if !body.is_empty() => body[at % len] = b,
                Edit::Insert(at, b) => body.insert(at % (body.len() + 1), b),
                Edit::Remove(at) if !body.is_empty() => {
                    body.remove(at % len);
                }
                _ => {}
            }
        }
        body
    })
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_break_a_route(body in proptest::collection::vec(any::<u8>(), 0..512)) {
        send_everywhere(&body).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn mangled_valid_bodies_never_break_a_route(body in mutated()) {
        send_everywhere(&body).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn json_of_the_wrong_shape_never_breaks_a_route(body in "[\\[\\]{}\",:0-9a-z_ .+-]{0,200}") {
        send_everywhere(body.as_bytes()).map_err(TestCaseError::fail)?;
    }
}

/// The body of `json` read as `T` and written back: equal when the field names are `T`'s own.
fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(json: &str) -> serde_json::Value {
    serde_json::to_value(serde_json::from_str::<T>(json).unwrap()).unwrap()
}

#[test]
fn the_starting_bodies_are_the_real_request_types() {
    use activation_core::{api::SendCodeRequest, draft::*};
    let as_typed = [
        round_trip::<SendCodeRequest>(VALID[0]),
        round_trip::<SendCodeRequest>(VALID[1]),
        round_trip::<SendCodeRequest>(VALID[2]),
        round_trip::<BasicInfoDraft>(VALID[3]),
        round_trip::<CompanyDraft>(VALID[4]),
        round_trip::<ActivationDraft>(VALID[5]),
        round_trip::<BindAccountDraft>(VALID[6]),
        round_trip::<CreateWorkspaceDraft>(VALID[7]),
        round_trip::<LoginDraft>(VALID[8]),
    ];
    for (typed, body) in as_typed.iter().zip(VALID) {
        assert_eq!(typed, &serde_json::from_str::<serde_json::Value>(body).unwrap(), "{body}");
    }
    send_everywhere(VALID[0].as_bytes()).unwrap();
}
