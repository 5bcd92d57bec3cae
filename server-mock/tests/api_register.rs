//! The register path and its codes, through the real router, up to the login that follows it (the
//! login's own refusals are in `hardening_login.rs`).

mod common;

use activation_core::{
    FieldError, FieldId,
    api::{
        Activation, ApiError, CodeSent, LoggedIn, SendCodeRequest, SessionContext, Settlement,
        StepAccepted, WorkspaceHome, WorkspaceList, WorkspaceState, paths,
    },
    domain::{Marketplace, Site},
    draft::{ActivationDraft, BasicInfoDraft, LoginDraft},
};
use common::{Client, Mock, PASSWORD, aliyun, aws, basic, company};

async fn send_code(client: &mut Client, email: &str) -> u16 {
    let request = SendCodeRequest::Register { email: email.into() };
    client.post(paths::SEND_CODE, &request).await.status
}

/// Basic and company info accepted for `username`.
async fn through_company(mock: &Mock, client: &mut Client, site: &str, username: &str) {
    let email = format!("{username}@example.com");
    assert_eq!(send_code(client, &email).await, 200);
    let code = mock.last_code(&email);
    let reply = client.post(paths::REGISTER_BASIC, &basic(site, username, &email, &code)).await;
    assert!(reply.ok::<StepAccepted>().progress.basic_info_done);
    let reply = client.post(paths::REGISTER_COMPANY, &company()).await;
    assert!(reply.ok::<StepAccepted>().progress.company_info_done);
}

fn method(name: &str) -> ActivationDraft {
    ActivationDraft {
        workspace_name: name.into(),
        workspace_language: "en".into(),
        ..ActivationDraft::default()
    }
}

#[tokio::test]
async fn a_fresh_aws_arrival_is_not_bound_and_offers_aws_sites() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    let context: SessionContext = client.get(paths::SESSION).await.ok();
    assert_eq!(context.marketplace(), Marketplace::Aws);
    assert_eq!(context.sites, vec![Site::Cn2, Site::Us1]);
    assert_eq!(context.default_site, Site::Cn2);
    assert!(context.already_bound.is_none());
    assert!(!context.progress.already_bound);
}

#[tokio::test]
async fn without_a_session_the_api_says_it_expired() {
    let mock = Mock::new();
    let reply = mock.client().get(paths::SESSION).await;
    assert_eq!(reply.error(), ApiError::SessionExpired);
}

#[tokio::test]
async fn an_idle_session_expires() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    mock.advance(activation_core::rules::SESSION_TTL_SECS + 1);
    assert_eq!(client.get(paths::SESSION).await.error(), ApiError::SessionExpired);
}

#[tokio::test]
async fn codes_are_six_digits_and_resend_waits_sixty_seconds() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    let request = SendCodeRequest::Register { email: "Ann@Example.com".into() };
    let sent: CodeSent = client.post(paths::SEND_CODE, &request).await.ok();
    assert_eq!(sent.sent_to, "an***@example.com");
    assert_eq!((sent.resend_after_secs, sent.valid_for_secs), (60, 600));
    let code = mock.last_code("ann@example.com");
    assert!(code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()), "{code}");

    mock.advance(59);
    let reply = client.post(paths::SEND_CODE, &request).await;
    assert_eq!(reply.error(), ApiError::CodeSentTooRecently { retry_after_secs: 1 });
    assert_eq!(reply.headers["retry-after"], "1");
    mock.advance(1);
    assert_eq!(client.post(paths::SEND_CODE, &request).await.status, 200);
}

/// `--code-cooldown SECS` (for the end-to-end lockout journey): the wait is shorter, the answer
/// says so (the app counts down what it is told), and it is still enforced.
#[tokio::test]
async fn a_shorter_code_cooldown_is_announced_and_enforced() {
    let clock = server_mock::clock::Clock::manual(common::T0);
    let store = server_mock::Store::new(server_mock::store::Data::default(), None, clock.clone())
        .with_code_resend_secs(2);
    let mock = Mock { state: server_mock::AppState::new(store), clock };
    let mut client = mock.arrive(aws("123456789012"));
    let request = SendCodeRequest::Register { email: "quick@example.com".into() };
    let sent: CodeSent = client.post(paths::SEND_CODE, &request).await.ok();
    assert_eq!(sent.resend_after_secs, 2);
    mock.advance(1);
    let reply = client.post(paths::SEND_CODE, &request).await;
    assert_eq!(reply.error(), ApiError::CodeSentTooRecently { retry_after_secs: 1 });
    mock.advance(1);
    assert_eq!(client.post(paths::SEND_CODE, &request).await.status, 200);
}

#[tokio::test]
async fn at_most_five_codes_an_hour_per_session() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    for _ in 0..5 {
        assert_eq!(send_code(&mut client, "quota@example.com").await, 200);
        mock.advance(60);
    }
    let reply = client
        .post(paths::SEND_CODE, &SendCodeRequest::Register { email: "quota@example.com".into() })
        .await;
    assert_eq!(reply.error(), ApiError::RateLimited { retry_after_secs: 3600 - 300 });
    mock.advance(3600 - 300);
    assert_eq!(send_code(&mut client, "quota@example.com").await, 200);
}

#[tokio::test]
async fn the_hourly_limit_per_address_counts_every_session() {
    let mock = Mock::new();
    // Ten sessions (ten buyers' tabs) each ask for one code to the same address.
    for n in 0..activation_core::rules::CODES_PER_ADDRESS_PER_HOUR {
        let mut client = mock.arrive(aws(&format!("1234567890{n:02}")));
        assert_eq!(send_code(&mut client, "shared@example.com").await, 200, "send {n}");
        mock.advance(60);
    }
    let mut eleventh = mock.arrive(aws("123456789099"));
    let reply = eleventh
        .post(paths::SEND_CODE, &SendCodeRequest::Register { email: "shared@example.com".into() })
        .await;
    assert!(matches!(reply.error(), ApiError::RateLimited { .. }), "an eleventh session");
    // Another address from that session is not limited.
    assert_eq!(send_code(&mut eleventh, "other@example.com").await, 200);
}

#[tokio::test]
async fn a_code_still_works_one_second_before_ten_minutes() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    send_code(&mut client, "edge@example.com").await;
    let code = mock.last_code("edge@example.com");
    mock.advance(599);
    let reply = client
        .post(paths::REGISTER_BASIC, &basic("cn2", "edgecase", "edge@example.com", &code))
        .await;
    assert_eq!(reply.status, 200, "{}", String::from_utf8_lossy(&reply.body));
}

#[tokio::test]
async fn a_bad_email_for_a_code_is_a_field_error() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    let reply =
        client.post(paths::SEND_CODE, &SendCodeRequest::Register { email: "nope".into() }).await;
    let fields = reply.error().field_errors();
    assert_eq!(fields.get(FieldId::Email), Some(FieldError::InvalidEmail));
}

#[tokio::test]
async fn every_invalid_basic_field_is_reported_at_once() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    let draft = BasicInfoDraft {
        site: "cn1".into(), // not offered on AWS
        username: "1abc".into(),
        password: "password".into(),
        confirm_password: "other".into(),
        email: "x@".into(),
        verification_code: "12".into(),
        phone: "12345".into(),
    };
    let ApiError::InvalidFields { fields } =
        client.post(paths::REGISTER_BASIC, &draft).await.error()
    else {
        panic!("expected invalid_fields");
    };
    assert_eq!(fields.get(FieldId::Site), Some(FieldError::SiteNotOffered));
    assert_eq!(fields.get(FieldId::Username), Some(FieldError::MustStartWithLetter));
    assert_eq!(fields.get(FieldId::Password), Some(FieldError::PasswordTooCommon));
    assert_eq!(fields.get(FieldId::Email), Some(FieldError::InvalidEmail));
    assert_eq!(fields.get(FieldId::VerificationCode), Some(FieldError::WrongLength { len: 6 }));
    assert_eq!(fields.get(FieldId::Phone), Some(FieldError::InvalidPhone));
}

#[tokio::test]
async fn a_malformed_body_gets_the_error_body_not_a_plain_400() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    let reply = client.post_raw(paths::REGISTER_BASIC, "{not json").await;
    assert_eq!(reply.error(), ApiError::MalformedRequest);
}

#[tokio::test]
async fn five_wrong_codes_lock_the_code_and_a_new_one_works() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    let email = "lock@example.com";
    send_code(&mut client, email).await;
    let right = mock.last_code(email);
    let wrong = if right == "000000" { "111111" } else { "000000" };
    for tries_left in (1..=4).rev() {
        let reply = client.post(paths::REGISTER_BASIC, &basic("cn2", "locky", email, wrong)).await;
        assert_eq!(reply.error(), ApiError::CodeWrong { tries_left });
    }
    let reply = client.post(paths::REGISTER_BASIC, &basic("cn2", "locky", email, wrong)).await;
    assert_eq!(reply.error(), ApiError::CodeLocked);
    // Even the right code is dead now.
    let reply = client.post(paths::REGISTER_BASIC, &basic("cn2", "locky", email, &right)).await;
    assert_eq!(reply.error(), ApiError::CodeLocked);
    mock.advance(60);
    send_code(&mut client, email).await;
    let fresh = mock.last_code(email);
    let reply = client.post(paths::REGISTER_BASIC, &basic("cn2", "locky", email, &fresh)).await;
    assert_eq!(reply.status, 200);
}

#[tokio::test]
async fn a_code_expires_after_ten_minutes_and_is_single_use() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    send_code(&mut client, "late@example.com").await;
    let code = mock.last_code("late@example.com");
    mock.advance(600);
    let reply = client
        .post(paths::REGISTER_BASIC, &basic("cn2", "lately", "late@example.com", &code))
        .await;
    assert_eq!(reply.error(), ApiError::CodeExpired);

    send_code(&mut client, "late@example.com").await;
    let code = mock.last_code("late@example.com");
    let draft = basic("cn2", "lately", "late@example.com", &code);
    assert_eq!(client.post(paths::REGISTER_BASIC, &draft).await.status, 200);
    // Spent here, and never another buyer's: their session has no code to check it against.
    let mut other = mock.arrive(aws("999988887777"));
    assert_eq!(other.post(paths::REGISTER_BASIC, &draft).await.error(), ApiError::CodeNotSent);
}

#[tokio::test]
async fn back_to_basic_info_and_next_again_needs_no_new_code_unless_the_email_changes() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    through_company(&mock, &mut client, "cn2", "backer").await;
    let code = mock.last_code("backer@example.com");
    // The draft as the app kept it, with the (spent) code and another site.
    let again = basic("us1", "backer", "backer@example.com", &code);
    let reply = client.post(paths::REGISTER_BASIC, &again).await;
    assert!(reply.ok::<StepAccepted>().progress.company_info_done, "company info is kept");
    let site =
        mock.store().read(|d| d.sessions.values().find_map(|s| s.basic.as_ref().map(|b| b.site)));
    assert_eq!(site, Some(Site::Us1));

    // A changed email must be proven with its own code.
    let moved = basic("us1", "backer", "backer2@example.com", &code);
    assert_eq!(client.post(paths::REGISTER_BASIC, &moved).await.error(), ApiError::CodeNotSent);
}

#[tokio::test]
async fn a_code_not_sent_is_named() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    let reply = client
        .post(paths::REGISTER_BASIC, &basic("cn2", "nocode", "no@example.com", "123456"))
        .await;
    assert_eq!(reply.error(), ApiError::CodeNotSent);
}

#[tokio::test]
async fn company_info_before_basic_info_is_the_wrong_step() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    let reply = client.post(paths::REGISTER_COMPANY, &company()).await;
    assert_eq!(
        reply.error(),
        ApiError::WrongStep { expected: activation_core::flow::Step::RegisterBasic }
    );
}

#[tokio::test]
async fn aws_registration_creates_a_workspace_settled_by_the_aws_account() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    through_company(&mock, &mut client, "us1", "alice").await;
    let done: Activation =
        client.post_keyed(paths::REGISTER_ACTIVATE, &method("Prod"), "k1").await.ok();
    assert_eq!(done.billing_account, "alice");
    assert_eq!(
        done.settlement,
        Settlement::CloudAccount { marketplace: Marketplace::Aws, account: "1234****9012".into() }
    );
    assert_eq!(done.workspaces.len(), 1);
    assert_eq!(done.workspaces[0].site, Site::Us1);
    assert_eq!(done.workspaces[0].state, WorkspaceState::Bound);

    // The same key again: the same answer, still one workspace.
    let again: Activation =
        client.post_keyed(paths::REGISTER_ACTIVATE, &method("Prod"), "k1").await.ok();
    assert_eq!(again, done);
    // A reopened link without a key: the summary, not a second activation.
    let reopened: Activation = client.post(paths::REGISTER_ACTIVATE, &method("Other")).await.ok();
    assert_eq!(reopened, done);
    assert_eq!(mock.store().read(|d| d.workspaces.len()), 1);

    // The same key with another body is a conflict.
    let reply = client.post_keyed(paths::REGISTER_ACTIVATE, &method("Changed"), "k1").await;
    assert_eq!(reply.error(), ApiError::IdempotencyConflict);

    // The same AWS account arriving again is already bound.
    let mut later = mock.arrive(aws("123456789012"));
    let context: SessionContext = later.get(paths::SESSION).await.ok();
    let bound = context.already_bound.expect("already bound");
    assert_eq!(bound.billing_account, "*****");
    assert_eq!(bound.workspaces.len(), 1);
    let reply =
        later.post(paths::REGISTER_BASIC, &basic("cn2", "again", "a@example.com", "123456")).await;
    assert_eq!(reply.error(), ApiError::CloudAccountAlreadyBound);
}

#[tokio::test]
async fn passwords_are_stored_as_argon2_hashes_never_as_typed() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    through_company(&mock, &mut client, "us1", "alice").await;
    let _: Activation =
        client.post_keyed(paths::REGISTER_ACTIVATE, &method("Prod"), "k1").await.ok();
    let everything = serde_json::to_string(&mock.store().snapshot()).unwrap();
    assert!(!everything.contains(PASSWORD), "the password as typed is in the stored data");
    let (guance, billing) = mock.store().read(|d| {
        (d.guance["alice"].password_hash.clone(), d.billing["alice"].password_hash.clone())
    });
    for hash in [guance, billing] {
        assert!(hash.starts_with("$argon2"), "{hash}");
        assert!(server_mock::store::verify_password(PASSWORD, &hash));
        assert!(!server_mock::store::verify_password("Blue-Harbor-2042", &hash));
    }
}

#[tokio::test]
async fn usernames_and_emails_are_unique_case_insensitively() {
    let mock = Mock::new();
    let mut first = mock.arrive(aws("123456789012"));
    through_company(&mock, &mut first, "cn2", "carol").await;
    first.post(paths::REGISTER_ACTIVATE, &method("Prod")).await.ok::<Activation>();

    let mut second = mock.arrive(aws("210987654321"));
    send_code(&mut second, "other@example.com").await;
    let code = mock.last_code("other@example.com");
    let reply = second
        .post(paths::REGISTER_BASIC, &basic("cn2", "CAROL", "other@example.com", &code))
        .await;
    assert_eq!(reply.error(), ApiError::UsernameTaken);
    assert_eq!(reply.error().field_errors().get(FieldId::Username), Some(FieldError::Taken));
    assert_eq!(send_code(&mut second, "Carol@Example.com").await, 409);
}

#[tokio::test]
async fn an_alibaba_id_that_differs_from_the_marketplace_is_refused() {
    let mock = Mock::new();
    let identity = aliyun("1234567812345678");
    let mut client = mock.arrive(identity.clone());
    through_company(&mock, &mut client, "cn1", "dave").await;
    let mut draft = ActivationDraft::prefilled(&identity);
    draft.workspace_name = "Ali".into();
    draft.aliyun_account_id = "1234567812345679".into();
    let fields = client.post(paths::REGISTER_ACTIVATE, &draft).await.error().field_errors();
    assert_eq!(fields.get(FieldId::AliyunAccountId), Some(FieldError::MismatchesMarketplace));
    draft.aliyun_account_id = "1234567812345678".into();
    let done: Activation = client.post(paths::REGISTER_ACTIVATE, &draft).await.ok();
    assert_eq!(done.workspaces[0].site, Site::Cn1);
}

#[tokio::test]
async fn after_registration_login_shows_the_workspace_home_and_billing_center() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    through_company(&mock, &mut client, "cn2", "erin").await;
    client.post(paths::REGISTER_ACTIVATE, &method("Erin's space")).await.ok::<Activation>();

    let mut browser = mock.client();
    assert_eq!(browser.get(paths::WORKSPACE_HOME).await.error(), ApiError::Unauthorized);
    let login = LoginDraft { username: "ERIN".into(), password: PASSWORD.into() };
    let reply = browser.post(paths::LOGIN, &login).await;
    let set_cookie = reply.headers["set-cookie"].to_str().unwrap().to_owned();
    assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"), "{set_cookie}");
    assert_eq!(reply.ok::<LoggedIn>().username, "erin");
    let home: WorkspaceHome = browser.get(paths::WORKSPACE_HOME).await.ok();
    assert_eq!(home.workspace.name.as_str(), "Erin's space");
    assert!(home.install_command.contains("aws-openway.guance.com"), "{}", home.install_command);

    let mut billing = mock.client();
    assert_eq!(billing.get(paths::BILLING_WORKSPACES).await.error(), ApiError::Unauthorized);
    billing.post(paths::BILLING_LOGIN, &login).await.ok::<activation_core::api::BillingAccount>();
    let list: WorkspaceList = billing.get(paths::BILLING_WORKSPACES).await.ok();
    assert_eq!(list.workspaces.len(), 1);
    assert_eq!(
        list.workspaces[0].settlement,
        Settlement::CloudAccount { marketplace: Marketplace::Aws, account: "1234****9012".into() }
    );
}
