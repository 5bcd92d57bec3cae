use proptest::prelude::*;

use super::*;
use crate::domain::{
    AliyunAccountId, AwsAccountId, HuaweiAccountId, HuaweiTenant, InstanceId, LicenseArn,
    ProductCode,
};
use FieldError as Fe;
use FieldId as F;

const PASSWORD: &str = "Tr0ub4dor&3-xyzzy";
const ALIYUN_ID: &str = "1234567890123456";
const ALIYUN_INSTANCE: &str = "i-0123456789abcdef";
const HUAWEI_ID: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const ARN: &str = "arn:aws:license-manager::123456789012:license:l-0123456789abcdef0";

fn errs(list: &[(FieldId, FieldError)]) -> FieldErrors {
    list.iter().copied().collect()
}

fn required(fields: &[FieldId]) -> FieldErrors {
    fields.iter().map(|f| (*f, Fe::Required)).collect()
}

fn aws() -> Identity {
    Identity::Aws {
        account_id: AwsAccountId::parse("123456789012").unwrap(),
        product_code: ProductCode::parse("prod-abc123").unwrap(),
        license_arn: LicenseArn::parse(ARN).unwrap(),
    }
}

fn aliyun() -> Identity {
    Identity::Aliyun {
        account_id: AliyunAccountId::parse(ALIYUN_ID).unwrap(),
        instance_id: InstanceId::parse(ALIYUN_INSTANCE).unwrap(),
    }
}

fn huawei() -> Identity {
    Identity::Huawei {
        account_id: HuaweiAccountId::parse(HUAWEI_ID).unwrap(),
        instance_id: InstanceId::parse("hw-inst-001").unwrap(),
        tenant: HuaweiTenant::parse("tenant-acme").unwrap(),
    }
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

#[test]
fn a_complete_basic_info_is_accepted_trimmed_with_the_email_lower_cased() {
    for marketplace in Marketplace::ALL {
        let info = basic().validate(marketplace).unwrap();
        assert_eq!(info.site, Site::Cn2);
        assert_eq!(info.username.as_str(), "alice.w");
        assert_eq!(info.password.expose(), PASSWORD);
        assert_eq!(info.email.as_str(), "alice.w@example.com");
        assert_eq!(info.verification_code.as_str(), "123456");
        assert_eq!(info.phone.as_ref().map(Phone::as_str), Some("+8613800138000"));
    }
}

#[test]
fn an_empty_basic_info_requires_every_field_but_the_phone() {
    let expected = required(&[
        F::Site,
        F::Username,
        F::Password,
        F::ConfirmPassword,
        F::Email,
        F::VerificationCode,
    ]);
    for marketplace in Marketplace::ALL {
        let got = BasicInfoDraft::default().validate(marketplace);
        assert_eq!(got, Err(expected.clone()));
    }
}

#[test]
fn every_invalid_basic_field_is_reported_at_once() {
    let draft = BasicInfoDraft {
        site: "cn1".into(),
        username: "1alice".into(),
        password: "short".into(),
        confirm_password: String::new(),
        email: "alice@".into(),
        verification_code: "12345".into(),
        phone: "12".into(),
    };
    let expected = errs(&[
        (F::Site, Fe::SiteNotOffered),
        (F::Username, Fe::MustStartWithLetter),
        (F::Password, Fe::TooShort { min: 8 }),
        (F::ConfirmPassword, Fe::Required),
        (F::Email, Fe::InvalidEmail),
        (F::VerificationCode, Fe::WrongLength { len: 6 }),
        (F::Phone, Fe::InvalidPhone),
    ]);
    assert_eq!(refused(draft.validate(AWS)), expected);
}

#[test]
fn a_different_confirmation_is_a_password_mismatch() {
    let draft = with(basic(), |d| d.confirm_password = format!("{PASSWORD}!"));
    let expected = one(F::ConfirmPassword, Fe::PasswordMismatch);
    assert_eq!(refused(draft.validate(ALIYUN)), expected);
}

#[test]
fn a_password_equal_to_the_username_in_any_case_is_refused() {
    for password in ["alice.wong", "ALICE.WONG", "Alice.Wong"] {
        let draft = with(basic(), |d| {
            d.username = "Alice.Wong".into();
            (d.password, d.confirm_password) = (password.into(), password.into());
        });
        let expected = one(F::Password, Fe::PasswordIsUsername);
        assert_eq!(refused(draft.validate(HUAWEI)), expected, "{password}");
    }
}

#[test]
fn a_password_equal_to_the_email_in_any_case_is_refused() {
    for password in ["alice.w@example.com", "ALICE.W@EXAMPLE.COM"] {
        let draft = with(basic(), |d| {
            (d.password, d.confirm_password) = (password.into(), password.into());
        });
        let expected = one(F::Password, Fe::PasswordIsEmail);
        assert_eq!(refused(draft.validate(HUAWEI)), expected, "{password}");
    }
}

#[test]
fn aws_buyers_cannot_pick_china_1() {
    let draft = with(basic(), |d| d.site = "cn1".into());
    assert_eq!(refused(draft.validate(AWS)), one(F::Site, Fe::SiteNotOffered));
}

#[test]
fn every_site_a_marketplace_offers_is_accepted_and_no_other() {
    for marketplace in Marketplace::ALL {
        for site in Site::ALL {
            let draft = with(basic(), |d| d.site = site.code().into());
            let got = draft.validate(marketplace).map(|info| info.site);
            let want = if marketplace.offers(site) {
                Ok(site)
            } else {
                Err(one(F::Site, Fe::SiteNotOffered))
            };
            assert_eq!(got, want, "{marketplace:?} {site:?}");
        }
    }
}

#[test]
fn an_unknown_site_code_counts_as_no_choice() {
    for code in ["", "mars", "CN2", " cn2"] {
        let draft = with(basic(), |d| d.site = code.into());
        assert_eq!(refused(draft.validate(ALIYUN)), one(F::Site, Fe::Required));
    }
}

#[test]
fn a_blank_phone_is_absent_and_a_chinese_mobile_is_accepted() {
    let blank = with(basic(), |d| d.phone = "   ".into());
    assert_eq!(blank.validate(AWS).unwrap().phone, None);
    let mobile = with(basic(), |d| d.phone = "138 0013 8000".into());
    let phone = mobile.validate(AWS).unwrap().phone.unwrap();
    assert_eq!(phone.as_str(), "13800138000");
}

#[test]
fn a_reload_keeps_basic_info_but_not_passwords_or_codes() {
    let expected = with(basic(), |d| {
        (d.password, d.confirm_password) = (String::new(), String::new());
        d.verification_code = String::new();
    });
    assert_eq!(basic().without_secrets(), expected);
}

#[test]
fn a_complete_company_info_is_accepted_trimmed() {
    let draft = CompanyDraft {
        company_name: "  Acme Ltd ".into(),
        industry: "finance".into(),
        contact_name: " Li Lei ".into(),
        agree_terms: true,
    };
    let info = draft.validate().unwrap();
    assert_eq!(info.company_name.as_str(), "Acme Ltd");
    assert_eq!(info.industry, Some(Industry::Finance));
    assert_eq!(info.contact_name.unwrap().as_str(), "Li Lei");
}

#[test]
fn industry_and_contact_name_are_optional() {
    let draft = with(CompanyDraft::default(), |d| {
        (d.company_name, d.contact_name, d.agree_terms) = ("Acme".into(), "  ".into(), true);
    });
    let info = draft.validate().unwrap();
    assert_eq!((info.industry, info.contact_name), (None, None));
}

#[test]
fn an_empty_company_info_requires_the_name_and_the_terms_only() {
    let mut expected = one(F::CompanyName, Fe::Required);
    expected.add(F::AgreeTerms, Fe::MustAgree);
    assert_eq!(refused(CompanyDraft::default().validate()), expected);
}

#[test]
fn every_invalid_company_field_is_reported_at_once() {
    let draft = CompanyDraft {
        company_name: "A".into(),
        industry: "banking".into(),
        contact_name: "x".repeat(51),
        agree_terms: false,
    };
    let expected = errs(&[
        (F::CompanyName, Fe::TooShort { min: 2 }),
        (F::Industry, Fe::InvalidCharacters),
        (F::ContactName, Fe::TooLong { max: 50 }),
        (F::AgreeTerms, Fe::MustAgree),
    ]);
    assert_eq!(draft.validate(), Err(expected));
}

fn prefilled(identity: &Identity) -> ActivationDraft {
    with(ActivationDraft::prefilled(identity), |d| d.workspace_name = "  Production ".into())
}

#[test]
fn a_prefilled_activation_is_accepted_once_the_workspace_is_named() {
    for identity in [aws(), aliyun(), huawei()] {
        let method = prefilled(&identity).validate(&identity).unwrap();
        assert_eq!(method.workspace_name.as_str(), "Production");
        assert_eq!(method.workspace_language, WorkspaceLanguage::En);
    }
}

#[test]
fn prefilling_copies_the_ids_the_documents_ask_for() {
    let english = with(ActivationDraft::default(), |d| d.workspace_language = "en".into());
    assert_eq!(ActivationDraft::prefilled(&aws()), english);
    let ali = ActivationDraft::prefilled(&aliyun());
    assert_eq!(ali.aliyun_account_id, ALIYUN_ID);
    assert_eq!(ali.aliyun_instance_id, ALIYUN_INSTANCE);
    let hw = ActivationDraft::prefilled(&huawei());
    assert_eq!(hw.huawei_account_id, HUAWEI_ID);
}

#[test]
fn an_unnamed_workspace_is_the_only_error_of_a_prefilled_activation() {
    for identity in [aws(), aliyun(), huawei()] {
        let got = ActivationDraft::prefilled(&identity).validate(&identity);
        assert_eq!(got, Err(required(&[F::WorkspaceName])));
    }
}

#[test]
fn an_empty_activation_requires_name_language_and_the_marketplace_ids() {
    let empty = ActivationDraft::default();
    let base = [F::WorkspaceName, F::WorkspaceLanguage];
    let ali = [F::AliyunAccountId, F::AliyunInstanceId];
    assert_eq!(empty.validate(&aws()), Err(required(&base)));
    let ali = [&base[..], &ali].concat();
    assert_eq!(empty.validate(&aliyun()), Err(required(&ali)));
    let hw = [&base[..], &[F::HuaweiAccountId]].concat();
    assert_eq!(empty.validate(&huawei()), Err(required(&hw)));
}

#[test]
fn a_mistyped_aliyun_account_or_instance_id_mismatches_the_marketplace() {
    let id = &aliyun();
    let mut draft = prefilled(id);
    draft.aliyun_account_id = "1234567890123457".into();
    let wrong_account = one(F::AliyunAccountId, Fe::MismatchesMarketplace);
    assert_eq!(refused(draft.validate(id)), wrong_account);
    draft.aliyun_instance_id = "i-0123456789abcdee".into();
    let both = errs(&[
        (F::AliyunAccountId, Fe::MismatchesMarketplace),
        (F::AliyunInstanceId, Fe::MismatchesMarketplace),
    ]);
    assert_eq!(draft.validate(id), Err(both));
}

#[rustfmt::skip]
const MALFORMED_ALIYUN: [(&str, &str, FieldId, FieldError); 4] = [
    ("12345", ALIYUN_INSTANCE, F::AliyunAccountId, Fe::WrongLength { len: 16 }),
    ("12345678901234ab", ALIYUN_INSTANCE, F::AliyunAccountId, Fe::DigitsOnly),
    (ALIYUN_ID, "i 0123", F::AliyunInstanceId, Fe::ContainsWhitespace),
    (ALIYUN_ID, "", F::AliyunInstanceId, Fe::Required),
];

#[test]
fn a_malformed_aliyun_id_gets_its_format_error_not_a_mismatch() {
    let id = &aliyun();
    for (account, instance, field, error) in MALFORMED_ALIYUN {
        let draft = with(prefilled(id), |d| {
            (d.aliyun_account_id, d.aliyun_instance_id) = (account.into(), instance.into());
        });
        assert_eq!(refused(draft.validate(id)), one(field, error), "{account} {instance}");
    }
}

#[test]
fn the_huawei_account_id_is_checked_in_any_case() {
    let id = &huawei();
    let mut draft = prefilled(id);
    draft.huawei_account_id = format!(" {} ", HUAWEI_ID.to_uppercase());
    assert!(draft.validate(id).is_ok(), "same ID in capitals");
    let other = "0a1b2c3d4e5f60718293a4b5c6d7e8f0";
    let short = &HUAWEI_ID[1..];
    let not_hex = "zz1b2c3d4e5f60718293a4b5c6d7e8f9";
    let wrong_length = Fe::WrongLength { len: 32 };
    for (typed, error) in
        [(other, Fe::MismatchesMarketplace), (short, wrong_length), (not_hex, Fe::HexOnly)]
    {
        draft.huawei_account_id = typed.into();
        assert_eq!(refused(draft.validate(id)), one(F::HuaweiAccountId, error), "{typed}");
    }
}

#[test]
fn id_fields_of_other_marketplaces_are_ignored() {
    let junk = |d: &mut ActivationDraft| {
        (d.aliyun_account_id, d.aliyun_instance_id) = ("junk".into(), "ju nk".into());
    };
    assert!(with(prefilled(&aws()), junk).validate(&aws()).is_ok());
    assert!(with(prefilled(&huawei()), junk).validate(&huawei()).is_ok());
    let junk = |d: &mut ActivationDraft| d.huawei_account_id = "junk".into();
    assert!(with(prefilled(&aws()), junk).validate(&aws()).is_ok());
    assert!(with(prefilled(&aliyun()), junk).validate(&aliyun()).is_ok());
}

#[test]
fn an_unknown_workspace_language_counts_as_no_choice() {
    let french = with(prefilled(&aws()), |d| d.workspace_language = "fr".into());
    let expected = one(F::WorkspaceLanguage, Fe::Required);
    assert_eq!(refused(french.validate(&aws())), expected);
    let chinese = with(prefilled(&aws()), |d| d.workspace_language = "zh".into());
    let method = chinese.validate(&aws()).unwrap();
    assert_eq!(method.workspace_language, WorkspaceLanguage::Zh);
}

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
    let mut expected = required(&[F::Site, F::WorkspaceName, F::Email, F::VerificationCode]);
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
    assert_eq!(create, with(CreateWorkspaceDraft::default(), |d| d.tab = NEW));
    assert_eq!(create.workspace_language, "en");
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

/// Pools of (typed, error) per field of Basic info; no value of one pool equals one of another, so
/// the cross-field password rules stay out of the way.
#[rustfmt::skip]
fn arb_basic() -> impl Strategy<Value = (BasicInfoDraft, FieldErrors)> {
    let pick = |pool: Vec<(&'static str, Option<FieldError>)>| prop::sample::select(pool);
    (
        pick(vec![("cn2", None), ("", Some(Fe::Required)), ("cn1", Some(Fe::SiteNotOffered))]),
        pick(vec![("alice.w", None), ("", Some(Fe::Required)), ("ab", Some(Fe::TooShort { min: 4 }))]),
        pick(vec![(PASSWORD, None), ("", Some(Fe::Required)), ("password", Some(Fe::PasswordTooCommon))]),
        pick(vec![("a@b.co", None), ("", Some(Fe::Required)), ("a@b", Some(Fe::InvalidEmail))]),
        pick(vec![("123456", None), ("", Some(Fe::Required)), ("12 456", Some(Fe::ContainsWhitespace))]),
        pick(vec![("", None), ("13800138000", None), ("+0123", Some(Fe::InvalidPhone))]),
    )
        .prop_map(|(site, user, pass, email, code, phone)| {
            let draft = BasicInfoDraft {
                site: site.0.into(), username: user.0.into(), password: pass.0.into(),
                confirm_password: pass.0.into(), email: email.0.into(),
                verification_code: code.0.into(), phone: phone.0.into(),
            };
            let confirm = pass.1.filter(|e| *e == Fe::Required);
            let expected = [
                (F::Site, site.1), (F::Username, user.1), (F::Password, pass.1),
                (F::ConfirmPassword, confirm), (F::Email, email.1),
                (F::VerificationCode, code.1), (F::Phone, phone.1),
            ];
            (draft, expected.into_iter().filter_map(|(f, e)| e.map(|e| (f, e))).collect())
        })
}

proptest! {
    #[test]
    fn every_wrong_field_is_reported_together_and_only_those(case in arb_basic()) {
        let (draft, expected) = case;
        match draft.validate(AWS) {
            Ok(info) => {
                prop_assert!(expected.is_empty(), "accepted despite {:?}", expected);
                let json = serde_json::to_string(&info).unwrap();
                prop_assert_eq!(serde_json::from_str::<BasicInfo>(&json).unwrap(), info);
            }
            Err(errors) => prop_assert_eq!(errors, expected),
        }
    }
}

/// Typed text near each field's rules: empty, padded, short, long, odd characters.
const TYPED: &str = "[ ]{0,1}[a-zA-Z0-9_.@ 中-]{0,12}[ ]{0,1}";

/// What a form's `validate` must say about one field: exactly its own validator's verdict.
fn own_verdict<T>(result: Result<T, FieldError>) -> Option<FieldError> {
    result.err()
}

proptest! {
    #[test]
    fn company_info_reports_each_field_with_its_own_rule(
        company in TYPED, industry in prop::sample::select(vec!["", "it", "retail", "bogus", " "]),
        contact in TYPED, agree in any::<bool>(),
    ) {
        let draft = CompanyDraft {
            company_name: company.clone(), industry: industry.into(), contact_name: contact.clone(),
            agree_terms: agree,
        };
        let expected: FieldErrors = [
            (F::CompanyName, own_verdict(CompanyName::parse(&company))),
            (F::Industry, own_verdict(optional(industry, Industry::parse))),
            (F::ContactName, own_verdict(optional(&contact, ContactName::parse))),
            (F::AgreeTerms, (!agree).then_some(Fe::MustAgree)),
        ]
        .into_iter()
        .filter_map(|(f, e)| e.map(|e| (f, e)))
        .collect();
        match draft.validate() {
            Ok(info) => {
                prop_assert!(expected.is_empty(), "accepted despite {:?}", expected);
                let json = serde_json::to_string(&info).unwrap();
                prop_assert_eq!(serde_json::from_str::<CompanyInfo>(&json).unwrap(), info);
            }
            Err(errors) => prop_assert_eq!(errors, expected),
        }
    }

    #[test]
    fn bind_account_reports_each_field_with_its_own_rule(username in TYPED, code in "[0-9 a]{0,8}") {
        let draft = BindAccountDraft { username: username.clone(), verification_code: code.clone() };
        let expected: FieldErrors = [
            (F::Username, own_verdict(Username::parse(&username))),
            (F::VerificationCode, own_verdict(VerificationCode::parse(&code))),
        ]
        .into_iter()
        .filter_map(|(f, e)| e.map(|e| (f, e)))
        .collect();
        match draft.validate() {
            Ok(form) => {
                prop_assert!(expected.is_empty());
                prop_assert_eq!(form.username.as_str(), username.as_str().trim());
            }
            Err(errors) => prop_assert_eq!(errors, expected),
        }
    }

    #[test]
    fn login_only_asks_for_something_in_each_field(username in TYPED, password in "[ a]{0,3}") {
        let draft = LoginDraft { username: username.clone(), password: password.clone() };
        let mut expected = FieldErrors::new();
        if username.trim().is_empty() {
            expected.add(F::Username, Fe::Required);
        }
        if password.is_empty() {
            expected.add(F::Password, Fe::Required);
        }
        prop_assert_eq!(draft.validate().err().unwrap_or_default(), expected);
    }
}

/// What an ID field must say: its format error, else "mismatches the marketplace" unless it is the
/// marketplace's own, else nothing.
fn id_verdict<T: PartialEq>(
    typed: &str,
    parse: impl Fn(&str) -> Result<T, FieldError>,
    own: &T,
) -> Option<FieldError> {
    match parse(typed) {
        Err(error) => Some(error),
        Ok(id) if &id != own => Some(Fe::MismatchesMarketplace),
        Ok(_) => None,
    }
}

proptest! {
    #[test]
    fn activation_method_checks_the_typed_alibaba_ids_against_the_marketplace(
        name in TYPED,
        language in prop::sample::select(vec!["en", "zh", "", "fr"]),
        account in prop::sample::select(vec![ALIYUN_ID, "6543210987654321", "12345", "", " 1234567890123456"]),
        instance in prop::sample::select(vec![ALIYUN_INSTANCE, "i-other", "", "has space", "i-0123456789abcdef "]),
    ) {
        let draft = ActivationDraft {
            workspace_name: name.clone(), workspace_language: language.into(),
            aliyun_account_id: account.into(), aliyun_instance_id: instance.into(),
            huawei_account_id: "ignored for Alibaba".into(),
        };
        let own_account = AliyunAccountId::parse(ALIYUN_ID).unwrap();
        let own_instance = InstanceId::parse(ALIYUN_INSTANCE).unwrap();
        let expected: FieldErrors = [
            (F::WorkspaceName, own_verdict(WorkspaceName::parse(&name))),
            (F::WorkspaceLanguage, WorkspaceLanguage::from_code(language).is_none().then_some(Fe::Required)),
            (F::AliyunAccountId, id_verdict(account, AliyunAccountId::parse, &own_account)),
            (F::AliyunInstanceId, id_verdict(instance, InstanceId::parse, &own_instance)),
        ]
        .into_iter()
        .filter_map(|(f, e)| e.map(|e| (f, e)))
        .collect();
        match draft.validate(&aliyun()) {
            Ok(method) => {
                prop_assert!(expected.is_empty(), "accepted despite {:?}", expected);
                prop_assert_eq!(method.workspace_name.as_str(), name.trim());
            }
            Err(errors) => prop_assert_eq!(errors, expected),
        }
    }

    #[test]
    fn activation_method_checks_the_typed_huawei_id_and_ignores_the_others(
        account in prop::sample::select(vec![HUAWEI_ID, "ffffffffffffffffffffffffffffffff", "0A1B", ""]),
        aliyun_junk in TYPED,
    ) {
        let draft = ActivationDraft {
            workspace_name: "Prod".into(), workspace_language: "zh".into(),
            aliyun_account_id: aliyun_junk.clone(), aliyun_instance_id: aliyun_junk,
            huawei_account_id: account.into(),
        };
        let own = HuaweiAccountId::parse(HUAWEI_ID).unwrap();
        let expected: FieldErrors = id_verdict(account, HuaweiAccountId::parse, &own)
            .map(|e| (F::HuaweiAccountId, e))
            .into_iter()
            .collect();
        prop_assert_eq!(draft.validate(&huawei()).err().unwrap_or_default(), expected);
    }
}

proptest! {
    #[test]
    fn create_with_an_existing_account_ignores_what_the_new_account_tab_holds(
        name in TYPED, email in prop::sample::select(vec!["a@b.co", "", "a@b"]),
        code in prop::sample::select(vec!["123456", "", "12 456"]), agree in any::<bool>(),
        junk in TYPED, phone in "[+0-9 ]{0,6}",
    ) {
        let draft = CreateWorkspaceDraft {
            tab: CreateTab::ExistingAccount, site: "cn2".into(), workspace_name: name,
            email: email.into(), verification_code: code.into(), agree_terms: agree,
            ..CreateWorkspaceDraft::default()
        };
        let with_junk = CreateWorkspaceDraft {
            username: junk.clone(), password: junk.clone(), confirm_password: format!("{junk}x"),
            phone, ..draft.clone()
        };
        let (plain, junked) = (draft.validate(AWS), with_junk.validate(AWS));
        prop_assert_eq!(&plain, &junked);
        if let Err(errors) = junked {
            for (field, _) in errors.iter() {
                prop_assert!(
                    ![F::Username, F::Password, F::ConfirmPassword, F::Phone].contains(&field),
                    "{:?} flagged on the existing-account tab", field
                );
            }
        }
    }
}
