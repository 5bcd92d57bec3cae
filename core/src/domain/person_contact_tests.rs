//! Tests of `person.rs`, part two: email, phone, verification code, company and contact.

use proptest::prelude::*;

use super::*;
use crate::domain::tests::assert_serde_goes_through_parse;

fn email(value: &str) -> Email {
    Email::parse(value).unwrap()
}

// ---- Email ----

#[test]
fn a_sane_email_is_accepted() {
    for good in ["user@example.com", "first.last+tag@mail.example.co.uk", "a@b.cn", "x_y-z@q-1.io"]
    {
        assert_eq!(email(good).as_str(), good);
    }
}

#[test]
fn an_email_is_stored_lower_cased() {
    assert_eq!(email("Zhang.Wei@Example.COM").as_str(), "zhang.wei@example.com");
    assert_eq!(email("A@B.CN"), email("a@b.cn"));
}

#[test]
fn an_email_is_trimmed() {
    assert_eq!(email("  user@example.com \n").as_str(), "user@example.com");
}

#[test]
fn an_empty_or_blank_email_is_required() {
    assert_eq!(Email::parse(""), Err(FieldError::Required));
    assert_eq!(Email::parse("   "), Err(FieldError::Required));
}

#[test]
fn an_insane_email_is_rejected() {
    for bad in [
        "user",
        "user@",
        "@example.com",
        "user@example",
        "user@localhost",
        "a@b.c",
        "a@b.123",
        "a..b@x.com",
        ".a@x.com",
        "a.@x.com",
        "a@b@x.com",
        "a@x..com",
        "a@.x.com",
        "a@x.com.",
        "a@-x.com",
        "a@x-.com",
        "a b@x.com",
        "a@x_y.com",
        "a\t@x.com",
        "\"a\"@x.com",
    ] {
        assert_eq!(Email::parse(bad), Err(FieldError::InvalidEmail), "{bad:?}");
    }
}

#[test]
fn a_non_ascii_email_is_rejected() {
    for bad in ["张三@example.com", "user@例子.中国", "josé@x.com", "user@ｅxample.com"] {
        assert_eq!(Email::parse(bad), Err(FieldError::InvalidEmail), "{bad}");
    }
}

#[test]
fn a_254_char_email_is_accepted_and_255_is_too_long() {
    let domain =
        |len: usize| format!("{}.{}.{}.com", "d".repeat(63), "e".repeat(63), "f".repeat(len));
    let at_limit = format!("{}@{}", "l".repeat(64), domain(57));
    assert_eq!(at_limit.len(), 254);
    assert!(Email::parse(&at_limit).is_ok());
    let over = format!("{}@{}", "l".repeat(64), domain(58));
    assert_eq!(Email::parse(&over), Err(FieldError::TooLong { max: 254 }));
}

#[test]
fn a_64_char_local_part_is_accepted_and_65_is_not() {
    assert!(Email::parse(&format!("{}@x.com", "l".repeat(64))).is_ok());
    assert_eq!(Email::parse(&format!("{}@x.com", "l".repeat(65))), Err(FieldError::InvalidEmail));
}

#[test]
fn a_63_char_domain_label_is_accepted_and_64_is_not() {
    assert!(Email::parse(&format!("a@{}.com", "d".repeat(63))).is_ok());
    assert_eq!(Email::parse(&format!("a@{}.com", "d".repeat(64))), Err(FieldError::InvalidEmail));
}

#[test]
fn an_email_is_masked_after_two_characters() {
    assert_eq!(email("zhangwei@example.com").masked(), "zh***@example.com");
    assert_eq!(email("ab@example.com").masked(), "ab***@example.com");
    assert_eq!(email("a@example.com").masked(), "a***@example.com");
}

// ---- Phone ----

#[test]
fn an_e164_number_is_accepted() {
    for good in ["+8613812345678", "+14155552671", "+442071838750"] {
        assert_eq!(Phone::parse(good).unwrap().as_str(), good);
    }
}

#[test]
fn an_e164_number_has_8_to_15_digits() {
    assert!(Phone::parse("+12345678").is_ok());
    assert!(Phone::parse("+123456789012345").is_ok());
    assert_eq!(Phone::parse("+1234567"), Err(FieldError::InvalidPhone));
    assert_eq!(Phone::parse("+1234567890123456"), Err(FieldError::InvalidPhone));
}

#[test]
fn an_e164_country_code_does_not_start_with_zero() {
    assert_eq!(Phone::parse("+0123456789"), Err(FieldError::InvalidPhone));
}

#[test]
fn a_chinese_mobile_number_is_11_digits_starting_with_1() {
    assert_eq!(Phone::parse("13812345678").unwrap().as_str(), "13812345678");
    assert_eq!(Phone::parse("23812345678"), Err(FieldError::InvalidPhone));
    assert_eq!(Phone::parse("1381234567"), Err(FieldError::InvalidPhone));
    assert_eq!(Phone::parse("138123456789"), Err(FieldError::InvalidPhone));
    assert_eq!(Phone::parse("8613812345678"), Err(FieldError::InvalidPhone));
}

#[test]
fn spaces_and_hyphens_in_a_phone_number_are_dropped() {
    assert_eq!(Phone::parse("+86 138-1234-5678").unwrap().as_str(), "+8613812345678");
    assert_eq!(Phone::parse(" 138 1234 5678 ").unwrap().as_str(), "13812345678");
}

#[test]
fn an_empty_phone_number_is_required() {
    for blank in ["", "   ", "- -"] {
        assert_eq!(Phone::parse(blank), Err(FieldError::Required), "{blank:?}");
    }
}

#[test]
fn a_pasted_phone_number_with_a_trailing_newline_is_accepted() {
    assert_eq!(Phone::parse("13812345678\n").unwrap().as_str(), "13812345678");
    assert_eq!(Phone::parse("\t+86 138 1234 5678 ").unwrap().as_str(), "+8613812345678");
}

#[test]
fn other_phone_characters_are_rejected() {
    for bad in [
        "+",
        "++8613812345678",
        "+86+13812345678",
        "(138)12345678",
        "138.1234.5678",
        "138\t12345678",
        "1381234567x",
        "１３８１２３４５６７８",
    ] {
        assert_eq!(Phone::parse(bad), Err(FieldError::InvalidPhone), "{bad:?}");
    }
}

// ---- Verification code ----

#[test]
fn a_6_digit_code_is_accepted() {
    assert_eq!(VerificationCode::parse("012345").unwrap().as_str(), "012345");
    assert_eq!(VerificationCode::parse(" 123456 ").unwrap().as_str(), "123456");
}

#[test]
fn a_5_or_7_digit_code_is_rejected() {
    let wrong = Err(FieldError::WrongLength { len: 6 });
    assert_eq!(VerificationCode::parse("12345"), wrong);
    assert_eq!(VerificationCode::parse("1234567"), wrong);
}

#[test]
fn a_code_is_digits_only() {
    for bad in ["12a456", "12-456", "１２３４５６", "١٢٣٤٥٦"] {
        assert_eq!(VerificationCode::parse(bad), Err(FieldError::DigitsOnly), "{bad}");
    }
    assert_eq!(VerificationCode::parse("123 456"), Err(FieldError::ContainsWhitespace));
    assert_eq!(VerificationCode::parse(""), Err(FieldError::Required));
}

// ---- Company and contact names ----

#[test]
fn a_1_char_company_name_is_too_short() {
    assert_eq!(CompanyName::parse("A"), Err(FieldError::TooShort { min: 2 }));
    assert_eq!(CompanyName::parse("  A  "), Err(FieldError::TooShort { min: 2 }));
}

#[test]
fn a_2_char_company_name_is_accepted() {
    assert_eq!(CompanyName::parse("HP").unwrap().as_str(), "HP");
    assert_eq!(CompanyName::parse("华为").unwrap().as_str(), "华为");
}

#[test]
fn a_100_char_company_name_is_accepted_and_101_is_not() {
    assert!(CompanyName::parse(&"c".repeat(100)).is_ok());
    assert_eq!(CompanyName::parse(&"c".repeat(101)), Err(FieldError::TooLong { max: 100 }));
    assert!(CompanyName::parse(&"公".repeat(100)).is_ok());
    assert_eq!(CompanyName::parse(&"公".repeat(101)), Err(FieldError::TooLong { max: 100 }));
}

#[test]
fn a_chinese_company_name_is_accepted() {
    let name = "阿里巴巴（中国）有限公司";
    assert_eq!(CompanyName::parse(&format!(" {name}\u{3000}")).unwrap().as_str(), name);
}

#[test]
fn a_blank_company_name_is_required_and_control_characters_are_rejected() {
    assert_eq!(CompanyName::parse("\u{3000} \t"), Err(FieldError::Required));
    assert_eq!(CompanyName::parse("Acme\nInc"), Err(FieldError::ControlCharacters));
}

#[test]
fn a_contact_name_is_1_to_50_characters() {
    assert_eq!(ContactName::parse(" 王 ").unwrap().as_str(), "王");
    assert!(ContactName::parse(&"n".repeat(50)).is_ok());
    assert_eq!(ContactName::parse(&"n".repeat(51)), Err(FieldError::TooLong { max: 50 }));
    assert_eq!(ContactName::parse(""), Err(FieldError::Required));
}

#[test]
fn industry_codes_round_trip() {
    for industry in Industry::ALL {
        assert_eq!(Industry::parse(industry.code()), Ok(industry));
        let json = serde_json::to_string(&industry).unwrap();
        assert_eq!(json, format!("\"{}\"", industry.code()));
    }
    assert_eq!(Industry::parse("Finance"), Err(FieldError::InvalidCharacters));
    assert_eq!(Industry::parse(""), Err(FieldError::InvalidCharacters));
}

// ---- Properties ----

proptest! {
    #[test]
    fn email_serde_goes_through_parse(
        value in "[a-zA-Z0-9._%+-]{1,20}@[a-zA-Z0-9-]{1,10}(\\.[a-zA-Z0-9-]{1,6}){1,2}|\\PC{0,30}"
    ) {
        assert_serde_goes_through_parse(&value, Email::parse, Email::as_str);
        if let Ok(address) = Email::parse(&value) {
            prop_assert_eq!(address.as_str(), address.as_str().to_ascii_lowercase());
            prop_assert_eq!(Email::parse(&value.to_ascii_uppercase()), Ok(address));
        }
    }

    #[test]
    fn phone_serde_goes_through_parse(value in "[+]?[0-9 -]{0,20}|1[0-9]{10}|\\PC{0,20}") {
        assert_serde_goes_through_parse(&value, Phone::parse, Phone::as_str);
        if let Ok(phone) = Phone::parse(&value) {
            prop_assert!(!phone.as_str().contains([' ', '-']));
        }
    }

    #[test]
    fn verification_code_serde_goes_through_parse(value in "[0-9]{6}|[0-9 a]{0,8}|\\PC{0,8}") {
        assert_serde_goes_through_parse(&value, VerificationCode::parse, VerificationCode::as_str);
    }

    #[test]
    fn name_serde_goes_through_parse(value in "[ a-z公\u{7}]{0,110}|.{0,110}") {
        assert_serde_goes_through_parse(&value, CompanyName::parse, CompanyName::as_str);
        assert_serde_goes_through_parse(&value, ContactName::parse, ContactName::as_str);
        if let Ok(name) = CompanyName::parse(&value) {
            prop_assert!((2..=100).contains(&name.as_str().chars().count()));
        }
    }
}
