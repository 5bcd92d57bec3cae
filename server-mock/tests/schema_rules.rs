//! The OpenAPI document states core's rules (`activation_core::domain::schema`); here it is read as
//! a client's validator reads it and held against core, both ways: a value of a validated type is
//! admitted by its schema exactly when `parse` accepts it, and a draft the document admits is one
//! `validate` refuses only for the rules a schema cannot state (`openapi::BEYOND_THE_SCHEMA`),
//! while a draft it does not admit is refused. Checked on each rule's edges, on strings drawn from
//! each schema's own pattern, and on nearly valid and arbitrary ones.

#[path = "support/json_schema.rs"]
mod json_schema;

use std::sync::LazyLock;

use activation_core::{
    FieldError, FieldErrors, FieldId,
    domain::{
        AliyunAccountId, AwsAccountId, CompanyName, ContactName, Email, HuaweiAccountId,
        HuaweiTenant, Identity, InstanceId, LicenseArn, Marketplace, Password, Phone, ProductCode,
        Username, VerificationCode, WorkspaceId, WorkspaceName,
        schema::{CONTROL, WHITESPACE},
    },
    draft::{
        ActivationDraft, BasicInfoDraft, BindAccountDraft, CompanyDraft, CreateWorkspaceDraft,
        LoginDraft,
    },
    flow::CreateTab,
};
use json_schema::{Document, matches};
use proptest::{prelude::*, sample::select};
use serde::Serialize;
use serde_json::Value;

static DOCUMENT: LazyLock<Document> = LazyLock::new(Document::served);

/// Whether `parse` accepts a value; for a password, the rules a schema can state (the common
/// passwords are beyond it: `Password`'s description names them).
type Accepts = fn(&str) -> bool;

/// Every validated type the document describes, by its schema's name.
const TYPES: &[(&str, Accepts)] = &[
    ("AwsAccountId", |s| AwsAccountId::parse(s).is_ok()),
    ("AliyunAccountId", |s| AliyunAccountId::parse(s).is_ok()),
    ("HuaweiAccountId", |s| HuaweiAccountId::parse(s).is_ok()),
    ("InstanceId", |s| InstanceId::parse(s).is_ok()),
    ("ProductCode", |s| ProductCode::parse(s).is_ok()),
    ("HuaweiTenant", |s| HuaweiTenant::parse(s).is_ok()),
    ("LicenseArn", |s| LicenseArn::parse(s).is_ok()),
    ("Username", |s| Username::parse(s).is_ok()),
    ("Password", |s| matches!(Password::parse(s), Ok(_) | Err(FieldError::PasswordTooCommon))),
    ("Email", |s| Email::parse(s).is_ok()),
    ("Phone", |s| Phone::parse(s).is_ok()),
    ("VerificationCode", |s| VerificationCode::parse(s).is_ok()),
    ("CompanyName", |s| CompanyName::parse(s).is_ok()),
    ("ContactName", |s| ContactName::parse(s).is_ok()),
    ("WorkspaceName", |s| WorkspaceName::parse(s).is_ok()),
    ("WorkspaceId", |s| WorkspaceId::parse(s).is_ok()),
];

fn admits(name: &str, text: &str) -> bool {
    DOCUMENT.admits(DOCUMENT.schema(name), &Value::from(text))
}

/// Asserts that `name`'s schema and `parse` agree about `text`.
fn agree(name: &str, accepts: Accepts, text: &str) -> Result<(), TestCaseError> {
    let (schema, parse) = (admits(name, text), accepts(text));
    prop_assert_eq!(schema, parse, "{}: the schema {} {:?}", name, verdict(schema), text);
    Ok(())
}

fn verdict(admitted: bool) -> &'static str {
    if admitted { "admits, parse refuses" } else { "refuses, parse accepts" }
}

/// Each rule's edges, for every type (most are wrong for most types, which is the point).
fn edges() -> Vec<String> {
    let mut edges: Vec<String> = [
        "",
        " ",
        "\t\n",
        "\u{85}",
        "\u{a0}",
        "\u{3000}",
        "\u{feff}",
        "\u{200b}",
        "a",
        "ab",
        "abc",
        "abcd",
        " abcd ",
        "\u{85}abcd\u{2028}",
        "Abcd",
        "1abc",
        "_abc",
        "ab cd",
        "ab\tcd",
        "abc\u{0}",
        "abc\u{7f}",
        "abc\u{9f}",
        "a.b-c_d",
        "ab\u{300}cd",
        "生产环境",
        "观测云 · 杭州",
        "🚀",
        "123456",
        " 123456 ",
        "12345",
        "1234567",
        "１２３４５６",
        "123456789012",
        " 123456789012\n",
        "1234 5678 9012",
        "1234567890123456",
        "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
        "0A1B2C3D4E5F60718293A4B5C6D7E8F9",
        "0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9",
        "+8613812345678",
        "+86 138-1234-5678",
        "13812345678",
        "138 1234 5678",
        "-138--1234-5678-",
        "23812345678",
        "+0123456789",
        "+1234567",
        "+12345678",
        "+1234567890123456",
        "++8613812345678",
        "a@b.co",
        "A@B.CO",
        " a@b.co\n",
        "a..b@c.co",
        ".a@b.co",
        "a.@b.co",
        "a@b",
        "a@b.c",
        "a@b.c0",
        "a@-b.co",
        "a@b-.co",
        "a@b..co",
        "a@b@c.co",
        "a b@c.co",
        "a+tag@mail.example.org",
        "!#$%&'*+/=?^_`{|}~-@x.io",
        "é@b.co",
        "arn:aws:license-manager::123456789012:license:l-01",
        "arn:aws-cn:license-manager:::x:y:z",
        "arn:aws:license-manager::1",
        "ARN:aws:license-manager::1:2:3",
        "arn:aws:s3:::bucket/key",
        "arn:aws:license-manager:: 1:2:3",
        "ws_000001",
        "WS_1",
        "ws/1",
        "Blue-Harbor-2041",
        "password",
        "12345678",
        "Pass word 1",
        "pass\tword1",
    ]
    .map(str::to_owned)
    .to_vec();
    for (len, c) in [(2, 'w'), (16, 'w'), (31, 'a'), (32, 'a'), (33, 'a'), (49, 'w'), (50, 'w')] {
        edges.push(c.to_string().repeat(len));
    }
    for len in [50, 51, 63, 64, 65, 99, 100, 101] {
        edges.push("w".repeat(len));
        edges.push("云".repeat(len));
        edges.push(format!("a{}", " ".repeat(len.saturating_sub(2))) + "b");
    }
    let local = |n: usize| format!("{}@example.com", "l".repeat(n));
    edges.extend([local(64), local(65)]);
    let long = |n: usize| format!("a@{}.com", "d".repeat(n - 6));
    edges.extend([long(254), long(255), format!("  {}  ", long(254))]);
    let label = |n: usize| format!("a@{}.com", "d".repeat(n));
    edges.extend([label(63), label(64)]);
    let arn = "arn:aws:license-manager::123456789012:license:l-";
    edges.push(format!("{arn}{}", "a".repeat(2048 - arn.len())));
    edges.push(format!("{arn}{}", "a".repeat(2049 - arn.len())));
    edges
}

#[test]
fn every_validated_type_agrees_with_its_schema_on_each_rules_edges() {
    for (name, accepts) in TYPES {
        for text in edges() {
            agree(name, *accepts, &text).unwrap();
        }
    }
}

#[test]
fn the_whitespace_and_control_classes_are_rusts() {
    let whitespace = format!("^[{WHITESPACE}]$");
    let control = format!("^[{CONTROL}]$");
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        let text = c.to_string();
        assert_eq!(matches(&whitespace, &text), c.is_whitespace(), "{c:?} is whitespace?");
        assert_eq!(matches(&control, &text), c.is_control(), "{c:?} is control?");
    }
}

#[test]
fn every_type_core_validates_is_in_the_document_with_a_rule() {
    for (name, _) in TYPES {
        let schema = DOCUMENT.schema(name);
        assert_eq!(schema["type"], "string", "{name}");
        assert!(schema["pattern"].is_string(), "{name} has no pattern");
        assert!(schema["description"].is_string(), "{name} has no description");
    }
}

/// `name`'s main pattern without its anchors, for drawing strings from it.
fn drawable(name: &str) -> String {
    let pattern = DOCUMENT.schema(name)["pattern"].as_str().unwrap();
    pattern.trim_start_matches('^').trim_end_matches('$').to_owned()
}

/// Strings a validator or a fuzzer would try: drawn from each type's own pattern (mostly valid),
/// nearly valid ones, and anything at all.
fn candidates() -> impl Strategy<Value = (usize, String)> {
    (0..TYPES.len()).prop_flat_map(|index| {
        let own = proptest::string::string_regex(&drawable(TYPES[index].0)).unwrap();
        let near = "[ \t\u{85}\u{a0}\u{3000}a-fA-F0-9_.@+:/-]{0,40}";
        (Just(index), prop_oneof![4 => own, 2 => near, 1 => any::<String>()])
    })
}

proptest! {
    #[test]
    fn a_string_is_admitted_by_its_schema_exactly_when_parse_accepts_it((index, text) in candidates()) {
        let (name, accepts) = TYPES[index];
        agree(name, accepts, &text)?;
    }
}

/// The errors a draft the document admits may still get: the rules beyond the schema, by field.
fn beyond(field: FieldId, error: FieldError) -> bool {
    matches!(
        (field, error),
        (FieldId::ConfirmPassword, FieldError::PasswordMismatch)
            | (
                FieldId::Password,
                FieldError::PasswordTooCommon
                    | FieldError::PasswordIsUsername
                    | FieldError::PasswordIsEmail
            )
            | (FieldId::Site, FieldError::SiteNotOffered)
            | (FieldId::AliyunAccountId | FieldId::AliyunInstanceId | FieldId::HuaweiAccountId, _)
    )
}

/// Asserts the document's schema `name` and `validate`'s `result` agree about `draft`: admitted,
/// refused only beyond the schema; not admitted, refused.
fn draft_agrees<D: Serialize + std::fmt::Debug, T>(
    name: &str,
    draft: &D,
    result: Result<T, FieldErrors>,
) -> Result<(), TestCaseError> {
    let admitted = DOCUMENT.admits(DOCUMENT.schema(name), &serde_json::to_value(draft).unwrap());
    match (admitted, result) {
        (true, Err(errors)) => {
            let outside: Vec<_> = errors.iter().filter(|(f, e)| !beyond(*f, *e)).collect();
            prop_assert!(
                outside.is_empty(),
                "{} admits {:?}, refused for {:?}",
                name,
                draft,
                outside
            );
        }
        (false, Ok(_)) => {
            prop_assert!(false, "{} refuses {:?}, which validate accepts", name, draft)
        }
        _ => {}
    }
    Ok(())
}

fn pool(values: &[&str]) -> BoxedStrategy<String> {
    let values: Vec<String> = values.iter().map(|v| (*v).to_owned()).collect();
    prop_oneof![6 => select(values), 1 => any::<String>()].boxed()
}

fn sites() -> BoxedStrategy<String> {
    pool(&["cn1", "cn2", "us1", "eu1", "xx", "", " cn2", "CN2"])
}
fn usernames() -> BoxedStrategy<String> {
    pool(&["alice_01", "Bob.Smith", " carol-9 ", "ab", "1abc", "al ice", "", "\u{85}dave"])
}
fn passwords() -> BoxedStrategy<String> {
    pool(&["Blue-Harbor-2041", "alice_01", "a@b.co", "short", "12345678", "", "tab\there-2041"])
}
fn emails() -> BoxedStrategy<String> {
    pool(&["a@b.co", "ALICE@Example.COM", " x@y.org ", "a@b", "a..b@c.co", "", "@b.co"])
}
fn codes() -> BoxedStrategy<String> {
    pool(&["123456", " 654321 ", "12345", "abcdef", ""])
}
fn phones() -> BoxedStrategy<String> {
    pool(&["", "  ", "+8613812345678", "138 1234 5678", "12345", "+0123456789"])
}
fn names() -> BoxedStrategy<String> {
    pool(&["Acme Ltd", " Prod ", "a", "", "  ", "a\tb", "生产环境"])
}
fn languages() -> BoxedStrategy<String> {
    pool(&["en", "zh", "", "fr", "EN"])
}

/// The confirmation: the password again, or another.
fn confirmations(password: String) -> BoxedStrategy<(String, String)> {
    prop_oneof![Just(password.clone()), passwords()]
        .prop_map(move |c| (password.clone(), c))
        .boxed()
}

fn identity(marketplace: Marketplace) -> Identity {
    match marketplace {
        Marketplace::Aws => Identity::Aws {
            account_id: AwsAccountId::parse("123456789012").unwrap(),
            product_code: ProductCode::parse("prod-guance01").unwrap(),
            license_arn: LicenseArn::parse("arn:aws:license-manager::1:license:l-1").unwrap(),
        },
        Marketplace::Aliyun => Identity::Aliyun {
            account_id: AliyunAccountId::parse("1234567890123456").unwrap(),
            instance_id: InstanceId::parse("cmgj00053362-0001").unwrap(),
        },
        Marketplace::Huawei => Identity::Huawei {
            account_id: HuaweiAccountId::parse("0a1b2c3d4e5f60718293a4b5c6d7e8f9").unwrap(),
            instance_id: InstanceId::parse("hws-1").unwrap(),
            tenant: HuaweiTenant::parse("acme").unwrap(),
        },
    }
}

proptest! {
    #[test]
    fn basic_info_drafts_agree_with_the_document(
        site in sites(), username in usernames(), email in emails(), code in codes(),
        phone in phones(), (password, confirm_password) in passwords().prop_flat_map(confirmations),
    ) {
        let draft = BasicInfoDraft {
            site, username, password, confirm_password, email, verification_code: code, phone,
        };
        draft_agrees("BasicInfoDraft", &draft, draft.validate(Marketplace::Aws))?;
    }

    #[test]
    fn company_drafts_agree_with_the_document(
        company_name in names(), contact_name in names(), agree_terms in any::<bool>(),
        industry in pool(&["", " ", "internet", "finance", "Internet", " other"]),
    ) {
        let draft = CompanyDraft { company_name, industry, contact_name, agree_terms };
        draft_agrees("CompanyDraft", &draft, draft.validate())?;
    }

    #[test]
    fn activation_drafts_agree_with_the_document_on_alibaba_and_huawei(
        workspace_name in names(), workspace_language in languages(),
        aliyun_account_id in pool(&["1234567890123456", " 1234567890123456 ", "1111222233334444", "", "x"]),
        aliyun_instance_id in pool(&["cmgj00053362-0001", "other-1", "", "a b"]),
        huawei_account_id in pool(&["0A1B2C3D4E5F60718293A4B5C6D7E8F9", "ab", ""]),
        marketplace in select(vec![Marketplace::Aliyun, Marketplace::Huawei]),
    ) {
        let draft = ActivationDraft {
            workspace_name, workspace_language, aliyun_account_id, aliyun_instance_id,
            huawei_account_id,
        };
        draft_agrees("ActivationDraft", &draft, draft.validate(&identity(marketplace)))?;
    }

    #[test]
    fn bind_account_drafts_agree_with_the_document(username in usernames(), code in codes()) {
        let draft = BindAccountDraft { username, verification_code: code };
        draft_agrees("BindAccountDraft", &draft, draft.validate())?;
    }

    #[test]
    fn create_workspace_drafts_agree_with_the_document(
        new_account in any::<bool>(), site in sites(), workspace_name in names(),
        workspace_language in languages(), username in usernames(), email in emails(),
        code in codes(), phone in phones(), agree_terms in any::<bool>(),
        (password, confirm_password) in passwords().prop_flat_map(confirmations),
    ) {
        let tab = if new_account { CreateTab::NewAccount } else { CreateTab::ExistingAccount };
        let draft = CreateWorkspaceDraft {
            tab, site, workspace_name, workspace_language, username, password, confirm_password,
            email, verification_code: code, phone, agree_terms,
        };
        draft_agrees("CreateWorkspaceDraft", &draft, draft.validate(Marketplace::Aws))?;
    }

    #[test]
    fn login_drafts_agree_with_the_document(
        username in pool(&["demo_billing", " x ", "", " \t", "\u{85}"]),
        password in pool(&["secret", " ", ""]),
    ) {
        let draft = LoginDraft { username, password };
        draft_agrees("LoginDraft", &draft, draft.validate())?;
    }
}

#[test]
fn an_empty_body_is_valid_for_no_draft_and_every_default_is_valid() {
    // Found by schemathesis: every field had `"default": ""`, so `{}` was valid and answered 422.
    for name in [
        "BasicInfoDraft",
        "CompanyDraft",
        "ActivationDraft",
        "BindAccountDraft",
        "CreateWorkspaceDraft",
        "LoginDraft",
    ] {
        let schema = DOCUMENT.schema(name);
        assert!(!DOCUMENT.admits(schema, &serde_json::json!({})), "{name}");
        let required = schema["required"].as_array().unwrap();
        for (field, property) in schema["properties"].as_object().unwrap() {
            if let Some(default) = property.get("default") {
                assert!(DOCUMENT.admits(property, default), "{name}.{field}: default {default}");
                assert!(!required.contains(&field.as_str().into()), "{name}.{field}: required");
            }
        }
    }
}

#[test]
fn the_new_account_tab_needs_its_fields_and_the_other_tab_ignores_them() {
    let schema = DOCUMENT.schema("CreateWorkspaceDraft");
    let existing = CreateWorkspaceDraft {
        site: "cn2".into(),
        workspace_name: "Prod".into(),
        email: "a@b.co".into(),
        verification_code: "123456".into(),
        agree_terms: true,
        username: "not checked here".into(),
        workspace_language: "en".into(),
        ..CreateWorkspaceDraft::default()
    };
    let admitted = |draft: &CreateWorkspaceDraft| {
        DOCUMENT.admits(schema, &serde_json::to_value(draft).unwrap())
    };
    assert!(admitted(&existing));
    assert!(existing.validate(Marketplace::Aws).is_ok());
    let new = CreateWorkspaceDraft { tab: CreateTab::NewAccount, ..existing.clone() };
    assert!(!admitted(&new));
    assert!(new.validate(Marketplace::Aws).is_err());
    let new = CreateWorkspaceDraft {
        username: "alice_01".into(),
        password: "Blue-Harbor-2041".into(),
        confirm_password: "Blue-Harbor-2041".into(),
        ..new
    };
    assert!(admitted(&new));
    assert!(new.validate(Marketplace::Aws).is_ok());
}
