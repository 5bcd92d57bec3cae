use std::fmt::Debug;

use proptest::prelude::*;
use serde::de::DeserializeOwned;

use super::*;
use crate::{
    field::{FieldError, FieldErrors, FieldId},
    fixtures::{aliyun, aws, huawei},
    flow::TokenProblem,
};

use ApiError as A;
use FieldError as Fe;
use FieldId as F;

fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

/// Through serde both ways.
fn round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T) {
    let json = to_json(value);
    assert_eq!(&serde_json::from_str::<T>(&json).unwrap(), value, "{json}");
}

/// Every error, with the body and status the mock sends and the app expects: the shared contract.
#[rustfmt::skip]
fn every_error() -> Vec<(ApiError, &'static str, u16)> {
    let fields = FieldErrors::single(F::Username, Fe::Required);
    vec![
        (A::InvalidFields { fields }, r#"{"code":"invalid_fields","fields":{"username":{"kind":"required"}}}"#, 422),
        (A::MalformedRequest, r#"{"code":"malformed_request"}"#, 422),
        (A::Token { problem: TokenProblem::Expired }, r#"{"code":"token","problem":"expired"}"#, 400),
        (A::CodeWrong { tries_left: 3 }, r#"{"code":"code_wrong","tries_left":3}"#, 422),
        (A::CodeExpired, r#"{"code":"code_expired"}"#, 422),
        (A::CodeLocked, r#"{"code":"code_locked"}"#, 422),
        (A::CodeNotSent, r#"{"code":"code_not_sent"}"#, 422),
        (A::CodeSentTooRecently { retry_after_secs: 42 }, r#"{"code":"code_sent_too_recently","retry_after_secs":42}"#, 429),
        (A::UsernameTaken, r#"{"code":"username_taken"}"#, 409),
        (A::EmailTaken, r#"{"code":"email_taken"}"#, 409),
        (A::WorkspaceNameTaken, r#"{"code":"workspace_name_taken"}"#, 409),
        (A::UnknownAccount, r#"{"code":"unknown_account"}"#, 404),
        (A::CloudAccountAlreadyBound, r#"{"code":"cloud_account_already_bound"}"#, 409),
        (A::WorkspaceSettledElsewhere, r#"{"code":"workspace_settled_elsewhere"}"#, 409),
        (A::WrongStep { expected: Step::RegisterBasic }, r#"{"code":"wrong_step","expected":{"step":"register_basic"}}"#, 409),
        (A::NotFound, r#"{"code":"not_found"}"#, 404),
        (A::MethodNotAllowed, r#"{"code":"method_not_allowed"}"#, 405),
        (A::SessionExpired, r#"{"code":"session_expired"}"#, 401),
        (A::BadCredentials, r#"{"code":"bad_credentials"}"#, 401),
        (A::Unauthorized, r#"{"code":"unauthorized"}"#, 401),
        (A::RateLimited { retry_after_secs: 3600 }, r#"{"code":"rate_limited","retry_after_secs":3600}"#, 429),
        (A::IdempotencyConflict, r#"{"code":"idempotency_conflict"}"#, 409),
        (A::Unavailable, r#"{"code":"unavailable"}"#, 503),
        (A::Internal, r#"{"code":"internal"}"#, 500),
        (A::CrossSite, r#"{"code":"cross_site"}"#, 403),
        (A::TooLarge, r#"{"code":"too_large"}"#, 413),
        (A::CloudAccountNotBound, r#"{"code":"cloud_account_not_bound"}"#, 409),
        (A::DirectLoginUnavailable, r#"{"code":"direct_login_unavailable"}"#, 409),
    ]
}

/// Position of each variant; adding one stops this compiling until `every_error` lists it too.
#[rustfmt::skip]
fn ordinal(error: &ApiError) -> usize {
    match error {
        A::InvalidFields { .. } => 0, A::MalformedRequest => 1, A::Token { .. } => 2,
        A::CodeWrong { .. } => 3, A::CodeExpired => 4, A::CodeLocked => 5, A::CodeNotSent => 6,
        A::CodeSentTooRecently { .. } => 7, A::UsernameTaken => 8, A::EmailTaken => 9,
        A::WorkspaceNameTaken => 10, A::UnknownAccount => 11, A::CloudAccountAlreadyBound => 12,
        A::WorkspaceSettledElsewhere => 13, A::WrongStep { .. } => 14, A::NotFound => 15,
        A::MethodNotAllowed => 16, A::SessionExpired => 17, A::BadCredentials => 18,
        A::Unauthorized => 19, A::RateLimited { .. } => 20, A::IdempotencyConflict => 21,
        A::Unavailable => 22, A::Internal => 23, A::CrossSite => 24, A::TooLarge => 25,
        A::CloudAccountNotBound => 26, A::DirectLoginUnavailable => 27,
    }
}

#[test]
fn the_contract_table_lists_every_error_once() {
    let ordinals: Vec<usize> = every_error().iter().map(|(e, _, _)| ordinal(e)).collect();
    assert_eq!(ordinals, (0..28).collect::<Vec<_>>());
}

#[test]
fn every_error_has_its_documented_wire_form() {
    for (error, json, _) in every_error() {
        assert_eq!(to_json(&error), json);
        assert_eq!(serde_json::from_str::<ApiError>(json).unwrap(), error, "{json}");
    }
}

#[test]
fn every_error_is_sent_with_its_status() {
    for (error, _, status) in every_error() {
        assert_eq!(error.status(), status, "{error:?}");
        assert!((400..600).contains(&status));
    }
}

#[test]
fn error_codes_are_unique() {
    let codes: Vec<String> = every_error()
        .iter()
        .map(|(e, _, _)| serde_json::to_value(e).unwrap()["code"].as_str().unwrap().to_owned())
        .collect();
    for (i, code) in codes.iter().enumerate() {
        assert!(!codes[i + 1..].contains(code), "{code} twice");
    }
}

#[test]
fn an_unknown_code_or_a_missing_detail_is_not_an_error_body() {
    for json in [
        r#"{"code":"teapot"}"#,
        r#"{"code":"code_wrong"}"#,
        r#"{"code":"token","problem":"stolen"}"#,
        r#"{"code":"invalid_fields","fields":{"nickname":{"kind":"required"}}}"#,
        r#"{"error":"internal"}"#,
    ] {
        assert!(serde_json::from_str::<ApiError>(json).is_err(), "{json}");
    }
}

#[test]
fn invalid_fields_are_listed_in_screen_order() {
    let fields: FieldErrors =
        [(F::Email, Fe::InvalidEmail), (F::Site, Fe::SiteNotOffered)].into_iter().collect();
    let json = r#"{"code":"invalid_fields","fields":{"site":{"kind":"site_not_offered"},"email":{"kind":"invalid_email"}}}"#;
    assert_eq!(to_json(&ApiError::from(fields.clone())), json);
    assert_eq!(ApiError::from(fields.clone()).field_errors(), fields);
}

#[test]
fn code_errors_go_next_to_the_verification_code() {
    for (error, field_error) in [
        (A::CodeWrong { tries_left: 2 }, Fe::CodeWrong { tries_left: 2 }),
        (A::CodeExpired, Fe::CodeExpired),
        (A::CodeLocked, Fe::CodeLocked),
        (A::CodeNotSent, Fe::CodeNotSent),
    ] {
        let expected = FieldErrors::single(F::VerificationCode, field_error);
        assert_eq!(error.field_errors(), expected, "{error:?}");
    }
}

#[test]
fn taken_and_unknown_names_go_next_to_their_field() {
    for (error, field, field_error) in [
        (A::UsernameTaken, F::Username, Fe::Taken),
        (A::EmailTaken, F::Email, Fe::Taken),
        (A::WorkspaceNameTaken, F::WorkspaceName, Fe::WorkspaceNameTaken),
        (A::UnknownAccount, F::Username, Fe::UnknownAccount),
    ] {
        let expected = FieldErrors::single(field, field_error);
        assert_eq!(error.field_errors(), expected, "{error:?}");
    }
}

#[test]
fn errors_about_the_whole_request_put_nothing_next_to_fields() {
    let per_field = [0, 3, 4, 5, 6, 8, 9, 10, 11];
    for (error, _, _) in every_error() {
        let fields = error.field_errors();
        assert_eq!(fields.is_empty(), !per_field.contains(&ordinal(&error)), "{error:?}");
    }
}

#[test]
fn only_unavailable_internal_and_rate_limited_are_worth_retrying() {
    for (error, _, _) in every_error() {
        // A rate limit says how long to wait: sending the same again at once cannot help.
        let expected = matches!(error, A::Unavailable | A::Internal);
        assert_eq!(error.is_retryable(), expected, "{error:?}");
    }
}

fn workspace(identity: &Identity) -> Workspace {
    Workspace {
        id: WorkspaceId::parse("ws_01").unwrap(),
        name: WorkspaceName::parse("Production").unwrap(),
        site: Site::Cn2,
        language: WorkspaceLanguage::En,
        settlement: Settlement::of(&identity.cloud_account()),
        state: WorkspaceState::Bound,
    }
}

#[test]
fn a_workspace_has_a_stable_wire_form_with_the_paying_account_masked() {
    let json = r#"{"id":"ws_01","name":"Production","site":"cn2","language":"en","settlement":{"kind":"cloud_account","marketplace":"aws","account":"1234****9012"},"state":"bound"}"#;
    assert_eq!(to_json(&workspace(&aws())), json);
    round_trip(&workspace(&aws()));
}

#[test]
fn a_workspace_with_an_invalid_value_cannot_be_deserialized() {
    let valid = serde_json::to_value(workspace(&aws())).unwrap();
    for (key, bad) in [("id", "WS 01"), ("name", "  "), ("site", "mars"), ("state", "gone")] {
        let mut json = valid.clone();
        json[key] = bad.into();
        assert!(serde_json::from_value::<Workspace>(json).is_err(), "{key}: {bad:?}");
    }
}

#[test]
fn settlement_names_the_marketplace_and_masks_every_kind_of_account() {
    let masked = |identity: &Identity| Settlement::of(&identity.cloud_account());
    let cloud = |marketplace, account: &str| Settlement::CloudAccount {
        marketplace,
        account: account.into(),
    };
    assert_eq!(masked(&aliyun()), cloud(Marketplace::Aliyun, "1234****3456"));
    assert_eq!(masked(&huawei()), cloud(Marketplace::Huawei, "0a1b****e8f9"));
    assert_eq!(to_json(&Settlement::BillingCenter), r#"{"kind":"billing_center"}"#);
}

fn session(identity: Identity, progress: Progress) -> SessionContext {
    let marketplace = identity.marketplace();
    let already_bound = progress.already_bound.then(|| BoundSummary {
        billing_account: "al***".into(),
        workspaces: vec![workspace(&identity)],
    });
    SessionContext {
        sites: marketplace.sites().to_vec(),
        default_site: marketplace.default_site(),
        identity,
        progress,
        already_bound,
        billing_account: None,
        finished: None,
        member: None,
    }
}

#[test]
fn a_session_context_round_trips_for_every_marketplace() {
    let bound = Progress { already_bound: true, ..Progress::default() };
    for identity in [aws(), aliyun(), huawei()] {
        let marketplace = identity.marketplace();
        for progress in [Progress::default(), bound] {
            let context = session(identity.clone(), progress);
            round_trip(&context);
            assert_eq!(context.marketplace(), marketplace);
            let json = serde_json::to_value(&context).unwrap();
            assert_eq!(json["identity"]["marketplace"], marketplace.code());
        }
    }
}

#[test]
fn a_session_context_resolves_direct_links_by_its_progress() {
    let bound = Progress { already_bound: true, ..Progress::default() };
    let context = session(huawei(), bound);
    assert_eq!(context.resolve(Step::RegisterMethod), Step::AlreadyBound);
    let fresh = session(aws(), Progress::default());
    assert_eq!(fresh.resolve(Step::BindWorkspaces), Step::BindAccount);
}

#[test]
fn summaries_and_small_bodies_round_trip() {
    let identity = aliyun();
    let activation = Activation {
        billing_account: "alice.w".into(),
        workspaces: vec![workspace(&identity)],
        settlement: Settlement::of(&identity.cloud_account()),
    };
    round_trip(&activation);
    round_trip(&Activation { workspaces: vec![], ..activation.clone() });
    round_trip(&CodeSent {
        sent_to: "al***@example.com".into(),
        resend_after_secs: 60,
        valid_for_secs: 600,
    });
    round_trip(&StepAccepted {
        progress: Progress { basic_info_done: true, ..Progress::default() },
        guance_account: None,
    });
    round_trip(&StepAccepted {
        progress: Progress::default(),
        guance_account: Some("carol".into()),
    });
    // Every step but a Basic info that found a Guance account answers without the field.
    let plain = StepAccepted { progress: Progress::default(), guance_account: None };
    assert!(serde_json::to_value(&plain).unwrap().get("guance_account").is_none());
    round_trip(&WorkspaceList { workspaces: vec![workspace(&huawei())] });
    round_trip(&BoundAccount { billing_account: "al***".into(), workspaces: vec![] });
    round_trip(&LoggedIn { username: "alice.w".into() });
    round_trip(&BillingAccount { username: "alice.w".into() });
    let home = WorkspaceHome {
        username: "alice.w".into(),
        workspace: Workspace { settlement: Settlement::BillingCenter, ..workspace(&identity) },
        install_command: Site::Cn2.datakit_install_command("tkn_\"quoted\""),
        workspaces: vec![HomeWorkspace {
            workspace: workspace(&identity),
            install_command: Site::Us1.datakit_install_command("tkn_2"),
        }],
    };
    round_trip(&home);
    let mut finished = session(identity, Progress { activated: true, ..Progress::default() });
    finished.billing_account = Some("alice.w".into());
    finished.finished = Some(activation.clone());
    round_trip(&finished);
}

#[test]
fn send_code_requests_are_tagged_by_purpose() {
    let register = SendCodeRequest::Register { email: "a@b.co".into() };
    let bind = SendCodeRequest::BindAccount { username: "alice".into() };
    let create = SendCodeRequest::CreateWorkspace { email: "c@d.co".into() };
    for (request, json) in [
        (register, r#"{"purpose":"register","email":"a@b.co"}"#),
        (bind, r#"{"purpose":"bind_account","username":"alice"}"#),
        (create, r#"{"purpose":"create_workspace","email":"c@d.co"}"#),
    ] {
        assert_eq!(to_json(&request), json);
        assert_eq!(serde_json::from_str::<SendCodeRequest>(json).unwrap(), request);
    }
    let unknown = r#"{"purpose":"reset_password","email":"a@b.co"}"#;
    assert!(serde_json::from_str::<SendCodeRequest>(unknown).is_err());
}

#[rustfmt::skip]
const EVERY_PATH: [&str; 24] = [
    paths::HEALTH, paths::OPENAPI, paths::SESSION, paths::SEND_CODE, paths::REGISTER_BASIC,
    paths::REGISTER_COMPANY, paths::REGISTER_ACTIVATE, paths::BIND_ACCOUNT,
    paths::BIND_WORKSPACES, paths::BIND_WORKSPACE, paths::CREATE_WORKSPACE, paths::BIND_DONE,
    paths::LOGIN, paths::LOGIN_DIRECT, paths::LOGOUT, paths::WORKSPACE_HOME,
    paths::BILLING_LOGIN, paths::BILLING_WORKSPACES, paths::BILLING_SETTLEMENT,
    paths::REGISTER_OFFERED, paths::REGISTER_BIND_OFFERED,
    paths::RECOVERY_CODE, paths::RECOVERY_PASSWORD, paths::RECOVERY_USERNAME,
];

#[test]
fn api_paths_are_unique_and_under_api() {
    for (i, path) in EVERY_PATH.iter().enumerate() {
        assert!(path.starts_with("/api/"), "{path}");
        assert!(!EVERY_PATH[i + 1..].contains(path), "{path} twice");
    }
}

#[test]
fn the_list_of_all_paths_holds_every_path() {
    let mut listed = paths::ALL;
    let mut every = EVERY_PATH;
    listed.sort_unstable();
    every.sort_unstable();
    assert_eq!(listed, every);
}

#[test]
fn binding_one_workspace_puts_its_id_in_the_path() {
    let id = WorkspaceId::parse("ws_01-a").unwrap();
    assert_eq!(paths::bind_workspace(&id), "/api/v1/bind/workspaces/ws_01-a");
    assert_eq!(paths::billing_settlement(&id), "/api/v1/billing/workspaces/ws_01-a/settlement");
    assert_eq!(paths::register_bind_offered(&id), "/api/v1/register/workspaces/ws_01-a");
    let with_parameter = EVERY_PATH.iter().filter(|p| p.contains('{'));
    let mut with_parameter: Vec<_> = with_parameter.collect();
    with_parameter.sort_unstable();
    assert_eq!(
        with_parameter,
        [&paths::BILLING_SETTLEMENT, &paths::BIND_WORKSPACE, &paths::REGISTER_BIND_OFFERED]
    );
}

#[test]
fn health_has_a_stable_wire_form() {
    let health =
        Health { status: HealthStatus::Ok, service: "server-mock".into(), version: "0.1.0".into() };
    let json = serde_json::to_string(&health).unwrap();
    assert_eq!(json, r#"{"status":"ok","service":"server-mock","version":"0.1.0"}"#);
    assert_eq!(serde_json::from_str::<Health>(&json).unwrap(), health);
}

#[test]
fn an_unknown_health_status_is_rejected() {
    let json = r#"{"status":"degraded","service":"x","version":"1"}"#;
    assert!(serde_json::from_str::<Health>(json).is_err());
}

fn arb_error() -> impl Strategy<Value = ApiError> {
    let step = prop::sample::select(vec![
        Step::Choose,
        Step::RegisterBasic,
        Step::TokenError(TokenProblem::Used),
        Step::CreateWorkspace(crate::flow::CreateTab::NewAccount),
    ]);
    prop_oneof![
        prop::sample::select(every_error()).prop_map(|(error, _, _)| error),
        any::<u8>().prop_map(|tries_left| A::CodeWrong { tries_left }),
        any::<u32>().prop_map(|retry_after_secs| A::RateLimited { retry_after_secs }),
        any::<u32>().prop_map(|retry_after_secs| A::CodeSentTooRecently { retry_after_secs }),
        prop::sample::select(TokenProblem::ALL.to_vec()).prop_map(|problem| A::Token { problem }),
        step.prop_map(|expected| A::WrongStep { expected }),
    ]
}

proptest! {
    #[test]
    fn every_error_round_trips_and_keeps_its_status(error in arb_error()) {
        let back: ApiError = serde_json::from_str(&to_json(&error)).unwrap();
        prop_assert_eq!(back.status(), error.status());
        prop_assert_eq!(back, error);
    }
}
