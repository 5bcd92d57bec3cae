//! The register path's drafts: Basic info, Company info and the activation method (their
//! shared helpers are in `draft_tests.rs`).

use super::*;

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
