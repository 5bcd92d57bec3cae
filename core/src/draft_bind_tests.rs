//! The bind path's drafts: Bind account, and Create workspace with its owner (their shared
//! helpers are in `draft_tests.rs`).

use super::*;

#[test]
fn binding_an_account_needs_a_username_and_a_code() {
    let empty = BindAccountDraft::default().validate();
    assert_eq!(empty, Err(required(&[F::Username, F::VerificationCode])));
    let draft = |username: &str, code: &str| BindAccountDraft {
        username: username.into(),
        verification_code: code.into(),
    };
    let mut expected = one(F::Username, Fe::MustStartWithLetter);
    expected.add(F::VerificationCode, Fe::DigitsOnly);
    assert_eq!(refused(draft("9lives", "12a456").validate()), expected);
    let bound = draft(" billing ", " 654321").validate().unwrap();
    assert_eq!(bound.username.as_str(), "billing");
    assert_eq!(bound.verification_code.as_str(), "654321");
}

#[test]
fn creating_with_an_existing_account_ignores_username_and_password() {
    let draft = with(create(EXISTING), |d| {
        (d.username, d.password, d.confirm_password) = ("1".into(), "x".into(), "y".into());
        d.phone = "12".into();
    });
    let made = draft.validate(AWS).unwrap();
    let email = Email::parse("bob@example.com").unwrap();
    assert_eq!(made.owner, Owner::Existing { email });
    assert_eq!(made.site, Site::Us1);
    assert_eq!(made.workspace_name.as_str(), "Staging");
    assert_eq!(made.workspace_language, WorkspaceLanguage::Zh);
}

#[test]
fn creating_with_a_new_account_registers_it() {
    let owner = create(NEW).validate(HUAWEI).unwrap().owner;
    let expected = Owner::New {
        username: Username::parse("bob_smith").unwrap(),
        password: Password::parse(PASSWORD).unwrap(),
        email: Email::parse("bob@example.com").unwrap(),
        phone: None,
    };
    assert_eq!(owner, expected);
}

#[test]
fn an_empty_create_form_requires_the_fields_of_its_tab_only() {
    let empty = CreateWorkspaceDraft::default();
    // The workspace language too: not picked yet (the app fills in the UI language's).
    let mut expected =
        required(&[F::Site, F::WorkspaceName, F::WorkspaceLanguage, F::Email, F::VerificationCode]);
    expected.add(F::AgreeTerms, Fe::MustAgree);
    assert_eq!(refused(empty.validate(ALIYUN)), expected);
    for field in [F::Username, F::Password, F::ConfirmPassword] {
        expected.add(field, Fe::Required);
    }
    let new = with(empty, |d| d.tab = NEW);
    assert_eq!(refused(new.validate(ALIYUN)), expected);
}

#[test]
fn a_new_account_gets_the_password_rules_and_the_site_rules() {
    let draft = with(create(NEW), |d| {
        (d.site, d.phone) = ("cn1".into(), "+0123".into());
        (d.password, d.confirm_password) = ("BOB@example.COM".into(), "BOB@example.COM".into());
    });
    let expected = errs(&[
        (F::Site, Fe::SiteNotOffered),
        (F::Password, Fe::PasswordIsEmail),
        (F::Phone, Fe::InvalidPhone),
    ]);
    assert_eq!(refused(draft.validate(AWS)), expected);
    let mismatch = with(create(NEW), |d| d.confirm_password = "other-pass".into());
    let expected = one(F::ConfirmPassword, Fe::PasswordMismatch);
    assert_eq!(refused(mismatch.validate(AWS)), expected);
}

#[test]
fn a_reload_keeps_the_create_form_but_not_passwords_or_codes() {
    let expected = with(create(NEW), |d| {
        (d.password, d.confirm_password) = (String::new(), String::new());
        d.verification_code = String::new();
    });
    assert_eq!(create(NEW).without_secrets(), expected);
}
