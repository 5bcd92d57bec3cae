//! Forgot password? and Forgot username? on both logins, through the real router.

mod common;

use activation_core::{
    FieldError, FieldId,
    api::{ApiError, CodeSent, LoggedIn, WorkspaceHome, WorkspaceList, paths},
    draft::LoginDraft,
    recovery::{
        AccountKind, ForgotUsernameDraft, RecoveryCodeRequest, ResetPasswordDraft, UsernameMailed,
    },
    rules,
};
use common::{Client, Mock};
use server_mock::store::seed::{DEMO_BILLING, DEMO_PASSWORD};

const DEMO_EMAIL: &str = "demo.billing@example.com";
const NEW_PASSWORD: &str = "Quiet-Meadow-77";

fn ask(account: AccountKind, name: &str) -> RecoveryCodeRequest {
    RecoveryCodeRequest { account, username_or_email: name.into() }
}

fn reset(account: AccountKind, name: &str, code: &str, password: &str) -> ResetPasswordDraft {
    ResetPasswordDraft {
        account,
        username_or_email: name.into(),
        verification_code: code.into(),
        new_password: password.into(),
        confirm_password: password.into(),
    }
}

fn field_error(error: ApiError, field: FieldId) -> Option<FieldError> {
    error.field_errors().get(field)
}

async fn log_in(client: &mut Client, path: &str, password: &str) -> u16 {
    let login = LoginDraft { username: DEMO_BILLING.into(), password: password.into() };
    client.post(path, &login).await.status
}

#[tokio::test]
async fn forgot_password_mails_a_code_to_the_accounts_email_and_the_new_password_signs_in() {
    let mock = Mock::seeded();
    let mut browser = mock.client();
    let sent: CodeSent =
        browser.post(paths::RECOVERY_CODE, &ask(AccountKind::Console, DEMO_EMAIL)).await.ok();
    assert_eq!(sent.sent_to, "de***@example.com");
    assert_eq!(sent.valid_for_secs, rules::CODE_VALID_SECS);
    let code = mock.last_code(DEMO_EMAIL);
    let draft = reset(AccountKind::Console, DEMO_EMAIL, &code, NEW_PASSWORD);
    let who: LoggedIn = browser.post(paths::RECOVERY_PASSWORD, &draft).await.ok();
    assert_eq!(who.username, DEMO_BILLING);
    // Signed in at once, with the new password from now on.
    browser.get(paths::WORKSPACE_HOME).await.ok::<WorkspaceHome>();
    let mut other = mock.client();
    assert_eq!(log_in(&mut other, paths::LOGIN, DEMO_PASSWORD).await, 401);
    assert_eq!(log_in(&mut other, paths::LOGIN, NEW_PASSWORD).await, 200);
    // The code was used up.
    let again = browser.post(paths::RECOVERY_PASSWORD, &draft).await.error();
    assert!(matches!(again, ApiError::CodeNotSent | ApiError::CodeExpired), "{again:?}");
}

#[tokio::test]
async fn the_billing_center_password_is_reset_on_its_own_and_signs_in_there() {
    let mock = Mock::seeded();
    let mut browser = mock.client();
    let request = ask(AccountKind::BillingCenter, "Demo_Billing");
    browser.post(paths::RECOVERY_CODE, &request).await.ok::<CodeSent>();
    let code = mock.last_code(DEMO_EMAIL);
    let draft = reset(AccountKind::BillingCenter, "demo_billing", &code, NEW_PASSWORD);
    browser.post(paths::RECOVERY_PASSWORD, &draft).await.ok::<LoggedIn>();
    browser.get(paths::BILLING_WORKSPACES).await.ok::<WorkspaceList>();
    let mut other = mock.client();
    assert_eq!(log_in(&mut other, paths::BILLING_LOGIN, NEW_PASSWORD).await, 200);
    // The console account keeps its password.
    assert_eq!(log_in(&mut other, paths::LOGIN, DEMO_PASSWORD).await, 200);
}

#[tokio::test]
async fn a_recovery_code_verifies_only_in_the_browser_that_asked_for_it() {
    let mock = Mock::seeded();
    let mut asker = mock.client();
    asker
        .post(paths::RECOVERY_CODE, &ask(AccountKind::Console, DEMO_BILLING))
        .await
        .ok::<CodeSent>();
    let code = mock.last_code(DEMO_EMAIL);
    let draft = reset(AccountKind::Console, DEMO_BILLING, &code, NEW_PASSWORD);
    let mut stranger = mock.client();
    assert_eq!(
        stranger.post(paths::RECOVERY_PASSWORD, &draft).await.error(),
        ApiError::CodeNotSent
    );
    // Nor for another account than the one looked up.
    let other_name = reset(AccountKind::Console, "bound_billing", &code, NEW_PASSWORD);
    assert_eq!(
        asker.post(paths::RECOVERY_PASSWORD, &other_name).await.error(),
        ApiError::CodeNotSent
    );
    asker.post(paths::RECOVERY_PASSWORD, &draft).await.ok::<LoggedIn>();
}

#[tokio::test]
async fn a_new_password_may_be_neither_the_accounts_username_nor_its_email_and_keeps_the_code() {
    let mock = Mock::seeded();
    let mut browser = mock.client();
    browser
        .post(paths::RECOVERY_CODE, &ask(AccountKind::Console, DEMO_BILLING))
        .await
        .ok::<CodeSent>();
    let code = mock.last_code(DEMO_EMAIL);
    // The username was typed; the email is the account's, and refused all the same.
    let as_email = reset(AccountKind::Console, DEMO_BILLING, &code, DEMO_EMAIL);
    let refused = browser.post(paths::RECOVERY_PASSWORD, &as_email).await.error();
    assert_eq!(field_error(refused, FieldId::Password), Some(FieldError::PasswordIsEmail));
    let common = reset(AccountKind::Console, DEMO_BILLING, &code, "iloveyou");
    let refused = browser.post(paths::RECOVERY_PASSWORD, &common).await.error();
    assert!(field_error(refused, FieldId::Password).is_some());
    let wrong = reset(AccountKind::Console, DEMO_BILLING, "000000", NEW_PASSWORD);
    let wrong = if code == "000000" {
        reset(AccountKind::Console, DEMO_BILLING, "000001", NEW_PASSWORD)
    } else {
        wrong
    };
    assert_eq!(
        browser.post(paths::RECOVERY_PASSWORD, &wrong).await.error(),
        ApiError::CodeWrong { tries_left: rules::CODE_MAX_TRIES - 1 }
    );
    let good = reset(AccountKind::Console, DEMO_BILLING, &code, NEW_PASSWORD);
    browser.post(paths::RECOVERY_PASSWORD, &good).await.ok::<LoggedIn>();
}

#[tokio::test]
async fn send_code_again_waits_a_minute() {
    let mock = Mock::seeded();
    let mut browser = mock.client();
    let request = ask(AccountKind::Console, DEMO_BILLING);
    browser.post(paths::RECOVERY_CODE, &request).await.ok::<CodeSent>();
    let early = browser.post(paths::RECOVERY_CODE, &request).await.error();
    assert!(matches!(early, ApiError::CodeSentTooRecently { .. }), "{early:?}");
    mock.advance(60);
    browser.post(paths::RECOVERY_CODE, &request).await.ok::<CodeSent>();
}

#[tokio::test]
async fn an_unknown_account_is_said_and_lookups_are_limited_per_client() {
    let mock = Mock::seeded();
    let from: std::net::SocketAddr = "203.0.113.9:4000".parse().unwrap();
    let unknown = ask(AccountKind::Console, "nobody_here");
    let refused = mock.client().post_from(from, paths::RECOVERY_CODE, &unknown).await.error();
    assert_eq!(refused, ApiError::UnknownAccount);
    // A fresh browser each time (no recovery cookie): the client address still counts.
    for _ in 1..rules::LOOKUPS_PER_CLIENT_PER_HOUR {
        mock.client().post_from(from, paths::RECOVERY_CODE, &unknown).await;
    }
    let limited = mock.client().post_from(from, paths::RECOVERY_CODE, &unknown).await.error();
    assert!(matches!(limited, ApiError::RateLimited { .. }), "{limited:?}");
    // Also for a known account: the limit says nothing about who exists.
    let known = ask(AccountKind::Console, DEMO_BILLING);
    let limited = mock.client().post_from(from, paths::RECOVERY_CODE, &known).await.error();
    assert!(matches!(limited, ApiError::RateLimited { .. }), "{limited:?}");
}

#[tokio::test]
async fn forgot_username_mails_it_and_answers_the_same_for_an_address_without_an_account() {
    let mock = Mock::seeded();
    let mut browser = mock.client();
    let known = ForgotUsernameDraft { account: AccountKind::Console, email: DEMO_EMAIL.into() };
    let reply = browser.post(paths::RECOVERY_USERNAME, &known).await;
    let told: UsernameMailed = reply.ok();
    assert_eq!(told.sent_to, "de***@example.com");
    let mail = mock.store().read(|data| data.mailbox.last().cloned().unwrap());
    assert_eq!(mail.to, DEMO_EMAIL);
    assert!(mail.subject.contains(DEMO_BILLING), "{}", mail.subject);
    assert_eq!(mail.code, "");

    let mails = mock.store().read(|data| data.mailbox.len());
    let unknown =
        ForgotUsernameDraft { account: AccountKind::Console, email: "nobody@example.com".into() };
    let reply = browser.post(paths::RECOVERY_USERNAME, &unknown).await;
    assert_eq!(reply.status, 200);
    let told: UsernameMailed = reply.json();
    assert_eq!(told.sent_to, "no***@example.com");
    assert_eq!(
        mock.store().read(|data| data.mailbox.len()),
        mails,
        "no mail to an unknown address"
    );
    let bad = ForgotUsernameDraft { account: AccountKind::Console, email: "not-an-email".into() };
    let refused = browser.post(paths::RECOVERY_USERNAME, &bad).await.error();
    assert!(field_error(refused, FieldId::Email).is_some());
}
