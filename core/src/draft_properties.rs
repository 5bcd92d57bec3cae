//! Property tests of the drafts' validation: each form reports each field with exactly its own
//! rule's verdict. The named edge cases are in `draft_tests.rs`, whose helpers these use.

use proptest::prelude::*;

use super::*;

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
