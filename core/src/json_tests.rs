use proptest::prelude::*;
use serde::Serialize;

use super::*;
use crate::{
    api::WorkspaceState,
    domain::{Identity, Marketplace, Site, WorkspaceLanguage},
    field::{FieldError, FieldErrors, FieldId},
    fixtures,
    flow::{CreateTab, Step, TokenProblem},
};

fn string(text: &str) -> Json {
    Json::String(text.to_owned())
}

fn number(text: &str) -> Json {
    Json::Number(text.to_owned())
}

/// What serde writes for `value`, read back by this reader.
fn read_back<T: Serialize + FromJson>(value: &T) -> Option<T> {
    from_str(&serde_json::to_string(value).unwrap())
}

#[test]
fn documents_parse_into_their_tree() {
    let text = r#" { "a" : [1, -2.5e3, true, false, null, "x"], "b": {}, "c": [] } "#;
    let expected = Json::Object(vec![
        (
            "a".into(),
            Json::Array(vec![
                number("1"),
                number("-2.5e3"),
                Json::Bool(true),
                Json::Bool(false),
                Json::Null,
                string("x"),
            ]),
        ),
        ("b".into(), Json::Object(vec![])),
        ("c".into(), Json::Array(vec![])),
    ]);
    assert_eq!(parse(text), Some(expected));
    assert_eq!(parse("0"), Some(number("0")));
    assert_eq!(parse("\"\""), Some(string("")));
}

#[test]
fn escapes_are_decoded() {
    assert_eq!(
        parse(r#""q\" b\\ s\/ \b\f\n\r\t \u00e9 \u4e2d \ud83d\ude00""#),
        Some(string("q\" b\\ s/ \u{8}\u{c}\n\r\t é 中 😀"))
    );
    assert_eq!(parse("\"中文 ok\""), Some(string("中文 ok")));
}

#[test]
fn what_is_not_json_is_refused() {
    for text in [
        "",
        " ",
        "nul",
        "nulls",
        "True",
        "[1,]",
        "[1 2]",
        "{\"a\" 1}",
        "{\"a\":1,}",
        "{a:1}",
        "{\"a\":1} x",
        "[",
        "\"open",
        "01",
        "1.",
        ".5",
        "-",
        "+1",
        "1e",
        "0x10",
        "\"tab\there\"",
        r#""\x""#,
        r#""\u12""#,
        r#""\ud83d""#,
        r#""\ud83d\u0041""#,
        r#""\ude00""#,
        "'single'",
    ] {
        assert_eq!(parse(text), None, "{text:?}");
    }
}

#[test]
fn nesting_is_limited() {
    let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert!(parse(&nested(MAX_DEPTH + 1)).is_some());
    assert_eq!(parse(&nested(MAX_DEPTH + 2)), None);
    assert_eq!(parse(&"[".repeat(100_000)), None);
}

#[test]
fn members_are_found_by_name_and_a_missing_one_reads_as_null() {
    let object = parse(r#"{"n": 7, "s": "x", "none": null}"#).unwrap();
    assert_eq!(object.field::<u32>("n"), Some(7));
    assert_eq!(object.field::<String>("s"), Some("x".into()));
    assert_eq!(object.field::<Option<u32>>("none"), Some(None));
    assert_eq!(object.field::<Option<u32>>("absent"), Some(None));
    assert_eq!(object.field::<u32>("absent"), None);
    assert_eq!(object.field::<u32>("s"), None);
    assert_eq!(string("x").field::<Option<u32>>("n"), None, "not an object");
}

#[test]
fn integers_are_read_only_when_they_fit() {
    assert_eq!(u8::from_json(&number("255")), Some(255));
    assert_eq!(u8::from_json(&number("256")), None);
    assert_eq!(u16::from_json(&number("65535")), Some(65535));
    assert_eq!(u32::from_json(&number("4294967295")), Some(u32::MAX));
    assert_eq!(u32::from_json(&number("4294967296")), None);
    for text in ["-1", "1.5", "1e3"] {
        assert_eq!(u32::from_json(&number(text)), None, "{text}");
    }
    assert_eq!(u32::from_json(&string("7")), None);
}

#[test]
fn unit_enums_read_every_name_serde_writes() {
    for site in Site::ALL {
        assert_eq!(read_back(&site), Some(site));
    }
    for marketplace in Marketplace::ALL {
        assert_eq!(read_back(&marketplace), Some(marketplace));
    }
    for problem in TokenProblem::ALL {
        assert_eq!(read_back(&problem), Some(problem));
    }
    for language in WorkspaceLanguage::ALL {
        assert_eq!(read_back(&language), Some(language));
    }
    for tab in [CreateTab::ExistingAccount, CreateTab::NewAccount] {
        assert_eq!(read_back(&tab), Some(tab));
    }
    for state in [WorkspaceState::Bindable, WorkspaceState::Bound, WorkspaceState::SettledElsewhere]
    {
        assert_eq!(read_back(&state), Some(state));
    }
    for field in FieldId::ALL {
        assert_eq!(read_back(&field), Some(field));
    }
    assert_eq!(Site::from_json(&string("mars")), None);
    assert_eq!(CreateTab::from_json(&string("existing-account")), None, "the URL form");
}

#[test]
fn every_step_reads_back() {
    let mut steps = vec![
        Step::Arrival,
        Step::AlreadyBound,
        Step::Choose,
        Step::RegisterBasic,
        Step::RegisterCompany,
        Step::RegisterMethod,
        Step::Activated,
        Step::BindAccount,
        Step::BindWorkspaces,
        Step::Bound,
        Step::Login,
        Step::Home,
        Step::CreateWorkspace(CreateTab::ExistingAccount),
        Step::CreateWorkspace(CreateTab::NewAccount),
    ];
    steps.extend(TokenProblem::ALL.map(Step::TokenError));
    for step in steps {
        assert_eq!(read_back(&step), Some(step), "{step:?}");
    }
    assert_eq!(from_str::<Step>(r#"{"step":"token_error"}"#), None);
    assert_eq!(from_str::<Step>(r#"{"step":"lost"}"#), None);
}

#[test]
fn field_errors_read_back_keyed_by_field() {
    let errors: FieldErrors = [
        (FieldId::Username, FieldError::TooShort { min: 3 }),
        (FieldId::VerificationCode, FieldError::CodeWrong { tries_left: 2 }),
        (FieldId::AwsLicenseArn, FieldError::InvalidArn),
    ]
    .into_iter()
    .collect();
    assert_eq!(read_back(&errors), Some(errors));
    assert_eq!(from_str::<FieldErrors>(r#"{"nickname":{"kind":"required"}}"#), None);
    assert_eq!(from_str::<FieldErrors>(r#"{"username":{"kind":"too_short"}}"#), None);
}

fn identities() -> [Identity; 3] {
    [fixtures::aws(), fixtures::aliyun(), fixtures::huawei()]
}

#[test]
fn an_identity_is_written_as_serde_writes_it_and_read_back() {
    for identity in identities() {
        assert_eq!(to_string(&identity), serde_json::to_string(&identity).unwrap());
        assert_eq!(from_str::<Identity>(&to_string(&identity)), Some(identity));
    }
}

#[test]
fn an_identity_with_an_account_id_of_another_marketplace_is_refused() {
    let text = r#"{"marketplace":"aws","account_id":"1234567890123456","product_code":"prod-abc123","license_arn":"arn:aws:license-manager::1:license:l-1"}"#;
    assert_eq!(from_str::<Identity>(text), None);
    let missing_tenant = r#"{"marketplace":"huawei","account_id":"0a1b2c3d4e5f60718293a4b5c6d7e8f9","instance_id":"hw-inst-001"}"#;
    assert_eq!(from_str::<Identity>(missing_tenant), None);
}

/// JSON values without fractions (the reader keeps a number's text, serde its value).
fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value as V;
    let leaf = prop_oneof![
        Just(V::Null),
        any::<bool>().prop_map(V::Bool),
        any::<i64>().prop_map(|n| V::Number(n.into())),
        any::<u64>().prop_map(|n| V::Number(n.into())),
        any::<String>().prop_map(V::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(V::Array),
            prop::collection::btree_map(any::<String>(), inner, 0..6)
                .prop_map(|members| V::Object(members.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn what_serde_json_writes_parses_as_serde_reads_it(value in arb_json()) {
        for text in [serde_json::to_string(&value).unwrap(), serde_json::to_string_pretty(&value).unwrap()] {
            let ours = parse(&text);
            let theirs: Json = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(ours.as_ref(), Some(&theirs));
            prop_assert_eq!(theirs.encode(), serde_json::to_string(&value).unwrap());
        }
    }

    #[test]
    fn strings_are_written_as_serde_json_writes_them(text in any::<String>()) {
        prop_assert_eq!(to_string(&text), serde_json::to_string(&text).unwrap());
        prop_assert_eq!(from_str::<String>(&to_string(&text)), Some(text));
    }

    #[test]
    fn the_reader_never_panics(text in "[\\[\\]{}\":,0-9a-z\\\\ .eE+-]{0,40}") {
        let _ = parse(&text);
    }
}
