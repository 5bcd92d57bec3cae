use super::*;
use crate::domain::{AliyunAccountId, HuaweiAccountId, InstanceId};
use FieldError as Fe;
use FieldId as F;

use crate::fixtures::{ALIYUN_ID, ALIYUN_INSTANCE, HUAWEI_ID, aliyun, aws, huawei};

const PASSWORD: &str = "Tr0ub4dor&3-xyzzy";

fn errs(list: &[(FieldId, FieldError)]) -> FieldErrors {
    list.iter().copied().collect()
}

fn required(fields: &[FieldId]) -> FieldErrors {
    fields.iter().map(|f| (*f, Fe::Required)).collect()
}

const AWS: Marketplace = Marketplace::Aws;
const ALIYUN: Marketplace = Marketplace::Aliyun;
const HUAWEI: Marketplace = Marketplace::Huawei;
const EXISTING: CreateTab = CreateTab::ExistingAccount;
const NEW: CreateTab = CreateTab::NewAccount;

/// `value` after `edit`: a sample draft with one or two fields changed.
fn with<T>(mut value: T, edit: impl FnOnce(&mut T)) -> T {
    edit(&mut value);
    value
}

/// The errors of a refused form.
fn refused<T: std::fmt::Debug>(result: Result<T, FieldErrors>) -> FieldErrors {
    result.expect_err("the form was accepted")
}

fn one(field: FieldId, error: FieldError) -> FieldErrors {
    FieldErrors::single(field, error)
}

/// A Basic info step as a careful user types it, with stray spaces and capitals.
fn basic() -> BasicInfoDraft {
    BasicInfoDraft {
        site: "cn2".into(),
        username: "  alice.w ".into(),
        password: PASSWORD.into(),
        confirm_password: PASSWORD.into(),
        email: " Alice.W@Example.COM ".into(),
        verification_code: " 123456 ".into(),
        phone: "+86 138-0013-8000".into(),
    }
}

/// An activation prefilled from `identity`, its workspace named.
fn prefilled(identity: &Identity) -> ActivationDraft {
    with(ActivationDraft::prefilled(identity), |d| d.workspace_name = "  Production ".into())
}

/// A Create workspace form on `tab`, as a careful user types it.
fn create(tab: CreateTab) -> CreateWorkspaceDraft {
    CreateWorkspaceDraft {
        tab,
        site: "us1".into(),
        workspace_name: " Staging ".into(),
        workspace_language: "zh".into(),
        username: "bob_smith".into(),
        password: PASSWORD.into(),
        confirm_password: PASSWORD.into(),
        email: "Bob@Example.com".into(),
        verification_code: "000111".into(),
        phone: String::new(),
        agree_terms: true,
    }
}

#[path = "draft_register_tests.rs"]
mod register;

#[path = "draft_bind_tests.rs"]
mod bind;

#[test]
fn login_only_checks_that_something_was_typed() {
    let empty = LoginDraft::default().validate();
    assert_eq!(empty, Err(required(&[F::Username, F::Password])));
    let draft = |username: &str, password: &str| LoginDraft {
        username: username.into(),
        password: password.into(),
    };
    assert_eq!(draft("   ", "x").validate(), Err(required(&[F::Username])));
    // An old password may break today's rules; it is the server's job to say whether it is right.
    assert_eq!(draft("1", "x").validate(), Ok(()));
}

fn from_json<T: serde::de::DeserializeOwned>(json: &str) -> T {
    serde_json::from_str(json).unwrap()
}

#[test]
fn drafts_deserialize_from_partial_json_with_missing_fields_empty() {
    let basic: BasicInfoDraft = from_json(r#"{"username":"alice"}"#);
    assert_eq!(basic, with(BasicInfoDraft::default(), |d| d.username = "alice".into()));
    let company: CompanyDraft = from_json(r#"{"agree_terms":true}"#);
    assert_eq!(company, with(CompanyDraft::default(), |d| d.agree_terms = true));
    let create: CreateWorkspaceDraft = from_json(r#"{"tab":"new_account"}"#);
    // A request without the workspace language means English; the app's empty form has none.
    assert_eq!(create.workspace_language, "en");
    assert_eq!(CreateWorkspaceDraft::default().workspace_language, "");
    assert_eq!(
        create,
        with(CreateWorkspaceDraft::default(), |d| {
            d.tab = NEW;
            d.workspace_language = "en".into();
        })
    );
    assert_eq!(from_json::<ActivationDraft>("{}"), Default::default());
    assert_eq!(from_json::<BindAccountDraft>("{}"), Default::default());
    assert_eq!(from_json::<LoginDraft>("{}"), Default::default());
}

fn round_trip<T: Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(value: T) {
    let json = serde_json::to_string(&value).unwrap();
    assert_eq!(from_json::<T>(&json), value, "{json}");
}

#[test]
fn drafts_and_validated_forms_round_trip_through_json() {
    round_trip(basic());
    round_trip(basic().validate(AWS).unwrap());
    round_trip(with(CompanyDraft::default(), |d| d.industry = "gaming".into()));
    round_trip(prefilled(&huawei()));
    round_trip(with(BindAccountDraft::default(), |d| d.username = "x".into()));
    round_trip(with(LoginDraft::default(), |d| d.password = "p".into()));
    for tab in [EXISTING, NEW] {
        round_trip(create(tab));
        round_trip(create(tab).validate(ALIYUN).unwrap());
    }
}

#[test]
fn a_validated_form_with_an_invalid_value_cannot_be_deserialized() {
    let mut json = serde_json::to_value(basic().validate(AWS).unwrap()).unwrap();
    json["email"] = "not an email".into();
    assert!(serde_json::from_value::<BasicInfo>(json).is_err());
}

#[path = "draft_properties.rs"]
mod properties;
