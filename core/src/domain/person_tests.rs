//! Tests of `person.rs`, part one: username, password and its strength hint (SPEC §4), at and
//! beyond each limit. Part two is `person_contact_tests.rs`.

use proptest::prelude::*;

use super::*;
use crate::domain::tests::assert_serde_goes_through_parse;

fn username(value: &str) -> Username {
    Username::parse(value).unwrap()
}

fn password(value: &str) -> Password {
    Password::parse(value).unwrap()
}

fn email(value: &str) -> Email {
    Email::parse(value).unwrap()
}

// ---- Username ----

#[test]
fn a_3_char_username_is_too_short() {
    assert_eq!(Username::parse("abc"), Err(FieldError::TooShort { min: 4 }));
}

#[test]
fn a_4_char_username_is_accepted() {
    assert_eq!(username("abcd").as_str(), "abcd");
}

#[test]
fn a_32_char_username_is_accepted() {
    assert!(Username::parse(&format!("u{}", "x".repeat(31))).is_ok());
}

#[test]
fn a_33_char_username_is_too_long() {
    let long = format!("u{}", "x".repeat(32));
    assert_eq!(Username::parse(&long), Err(FieldError::TooLong { max: 32 }));
}

#[test]
fn a_username_may_hold_letters_digits_underscore_dot_and_hyphen() {
    assert_eq!(username("Zhang.Wei_2024-cn").as_str(), "Zhang.Wei_2024-cn");
}

#[test]
fn a_username_starts_with_a_letter() {
    for bad in ["1abc", "_abc", ".abc", "-abc", "9999"] {
        assert_eq!(Username::parse(bad), Err(FieldError::MustStartWithLetter), "{bad}");
    }
}

#[test]
fn a_username_with_other_characters_is_rejected() {
    for bad in ["ab cd", "ab@cd", "ab+cd", "abc!", "ab\tcd", "ab\u{0}cd"] {
        assert_eq!(Username::parse(bad), Err(FieldError::InvalidCharacters), "{bad:?}");
    }
}

#[test]
fn a_non_ascii_username_is_rejected() {
    for bad in ["josé", "张三丰abc", "ａｂｃｄ", "abcd١", "straße"] {
        assert_eq!(Username::parse(bad), Err(FieldError::InvalidCharacters), "{bad}");
    }
}

#[test]
fn a_username_is_trimmed() {
    assert_eq!(username("  alice \n").as_str(), "alice");
    assert_eq!(Username::parse(" abc "), Err(FieldError::TooShort { min: 4 }));
}

#[test]
fn an_empty_or_blank_username_is_required() {
    assert_eq!(Username::parse(""), Err(FieldError::Required));
    assert_eq!(Username::parse(" \t "), Err(FieldError::Required));
}

#[test]
fn a_username_keeps_its_case_but_is_unique_case_insensitively() {
    assert_eq!(username("Alice").as_str(), "Alice");
    assert_eq!(username("Alice").unique_key(), "alice");
    assert_eq!(username("ALICE").unique_key(), username("alice").unique_key());
    assert_ne!(username("Alice"), username("alice"));
}

// ---- Password ----

#[test]
fn an_empty_password_is_required() {
    assert_eq!(Password::parse("").err(), Some(FieldError::Required));
}

#[test]
fn a_7_char_password_is_too_short() {
    assert_eq!(Password::parse("Xk9#mQ2").err(), Some(FieldError::TooShort { min: 8 }));
}

#[test]
fn an_8_char_password_is_accepted() {
    assert_eq!(password("Xk9#mQ2v").expose(), "Xk9#mQ2v");
}

#[test]
fn a_64_char_password_is_accepted() {
    assert!(Password::parse(&"Xk9#".repeat(16)).is_ok());
}

#[test]
fn a_65_char_password_is_rejected() {
    let long = format!("{}z", "Xk9#".repeat(16));
    assert_eq!(Password::parse(&long).err(), Some(FieldError::TooLong { max: 64 }));
}

#[test]
fn a_password_counts_characters_not_bytes() {
    assert!(Password::parse("密码很长很安全啊").is_ok()); // 8 chars, 24 bytes
    assert_eq!(Password::parse("密码很长很安全").err(), Some(FieldError::TooShort { min: 8 }));
    assert!(Password::parse(&"é".repeat(64)).is_ok()); // 128 bytes
    assert_eq!(Password::parse(&"é".repeat(65)).err(), Some(FieldError::TooLong { max: 64 }));
    assert!(Password::parse(&"🔒".repeat(8)).is_ok());
}

#[test]
fn a_password_is_never_trimmed() {
    assert_eq!(password("  Xk9#mQ2v  ").expose(), "  Xk9#mQ2v  ");
    // The spaces count towards the length.
    assert!(Password::parse(" Xk9#mQ2").is_ok());
}

#[test]
fn a_password_with_control_characters_is_rejected() {
    for bad in ["Xk9#mQ2v\n", "Xk9\tmQ2vv", "\u{0}Xk9#mQ2v", "Xk9#mQ2v\u{7f}"] {
        assert_eq!(Password::parse(bad).err(), Some(FieldError::ControlCharacters), "{bad:?}");
    }
}

#[test]
fn a_common_password_is_rejected_whatever_its_case() {
    for bad in ["password", "PassWord", "PASSWORD1", "iloveyou", "1qaz2wsx", "Sunshine"] {
        assert_eq!(Password::parse(bad).err(), Some(FieldError::PasswordTooCommon), "{bad}");
    }
}

#[test]
fn a_short_common_password_fails_the_length_rule_first() {
    assert_eq!(Password::parse("qwerty").err(), Some(FieldError::TooShort { min: 8 }));
}

#[test]
fn a_password_equal_to_the_username_is_rejected_case_insensitively() {
    let user = username("Zhang.Wei2024");
    for same in ["Zhang.Wei2024", "zhang.wei2024", "ZHANG.WEI2024"] {
        assert_eq!(
            password(same).check_against(Some(&user), None),
            Err(FieldError::PasswordIsUsername),
            "{same}"
        );
    }
}

#[test]
fn a_password_equal_to_the_email_is_rejected_case_insensitively() {
    let address = email("Zhang.Wei@Example.com");
    for same in ["zhang.wei@example.com", "Zhang.Wei@Example.COM"] {
        assert_eq!(
            password(same).check_against(None, Some(&address)),
            Err(FieldError::PasswordIsEmail),
            "{same}"
        );
    }
}

#[test]
fn a_password_merely_containing_the_username_or_email_is_accepted() {
    let user = username("Zhang.Wei2024");
    let address = email("zhang.wei@example.com");
    for fine in ["Zhang.Wei2024!", " zhang.wei2024", "zhang.wei@example.com.", "Xk9#mQ2v"] {
        assert_eq!(password(fine).check_against(Some(&user), Some(&address)), Ok(()), "{fine}");
    }
    assert_eq!(password("Zhang.Wei2024").check_against(None, None), Ok(()));
}

#[test]
fn a_password_is_never_printed() {
    let secret = password("Xk9#mQ2v");
    assert_eq!(format!("{secret:?}"), "Password(***)");
    assert!(!format!("{:?}", Some(&secret)).contains("Xk9"));
}

#[test]
fn a_password_serializes_as_its_text_and_deserializes_through_parse() {
    let secret = password("Xk9#mQ2v");
    assert_eq!(serde_json::to_string(&secret).unwrap(), r#""Xk9#mQ2v""#);
    assert_eq!(serde_json::from_str::<Password>(r#""Xk9#mQ2v""#).unwrap(), secret);
    assert!(serde_json::from_str::<Password>(r#""password""#).is_err());
    assert!(serde_json::from_str::<Password>(r#""short""#).is_err());
    assert_eq!(String::from(secret), "Xk9#mQ2v");
}

// ---- PasswordStrength ----

#[test]
fn a_refused_password_is_weak() {
    for refused in ["", "Xk9#mQ2", "password", "Xk9#mQ2v\n", &"Xk9#".repeat(17)] {
        assert_eq!(PasswordStrength::of(refused), PasswordStrength::Weak, "{refused:?}");
    }
}

#[test]
fn eight_letters_of_one_kind_are_weak() {
    assert_eq!(PasswordStrength::of("hgtkwpzr"), PasswordStrength::Weak);
}

#[test]
fn two_kinds_of_character_are_fair() {
    assert_eq!(PasswordStrength::of("hgtkwp42"), PasswordStrength::Fair);
    assert_eq!(PasswordStrength::of("Hg#kwp42zrm"), PasswordStrength::Fair); // 11 chars, 4 kinds
}

#[test]
fn twelve_characters_of_one_kind_are_fair() {
    assert_eq!(PasswordStrength::of("hgtkwpzrmvbq"), PasswordStrength::Fair);
}

#[test]
fn twelve_characters_of_three_kinds_are_strong() {
    assert_eq!(PasswordStrength::of("Hgtkwpzr42mv"), PasswordStrength::Strong);
}

#[test]
fn sixteen_characters_of_two_kinds_are_strong_and_fifteen_fair() {
    assert_eq!(PasswordStrength::of("hgtkwpzrmvbq4271"), PasswordStrength::Strong);
    assert_eq!(PasswordStrength::of("hgtkwpzrmvbq427"), PasswordStrength::Fair);
}

#[test]
fn a_long_chinese_password_is_fair() {
    assert_eq!(PasswordStrength::of("我的密码很长很长很长很长"), PasswordStrength::Fair);
}

#[test]
fn strengths_are_ordered_and_serialize_in_snake_case() {
    assert!(PasswordStrength::Weak < PasswordStrength::Fair);
    assert!(PasswordStrength::Fair < PasswordStrength::Strong);
    assert_eq!(serde_json::to_string(&PasswordStrength::Strong).unwrap(), r#""strong""#);
}

// ---- Properties ----

proptest! {
    #[test]
    fn username_serde_goes_through_parse(
        value in "[a-zA-Z][a-zA-Z0-9_.-]{3,31}|[ a-zA-Z0-9_.@-]{0,36}|\\PC{0,36}"
    ) {
        assert_serde_goes_through_parse(&value, Username::parse, Username::as_str);
    }

    #[test]
    fn every_well_formed_username_is_accepted(value in "[a-zA-Z][a-zA-Z0-9_.-]{3,31}") {
        let parsed = Username::parse(&value).unwrap();
        prop_assert_eq!(parsed.as_str(), value.as_str());
        prop_assert_eq!(parsed.unique_key(), username(&value.to_uppercase()).unique_key());
    }

    #[test]
    fn a_password_equal_to_the_username_or_email_in_any_case_is_refused_and_only_then(
        user in "[a-zA-Z][a-zA-Z0-9_.-]{7,20}",
        local in "[a-z0-9]{4,12}",
        typed in prop::sample::select(vec!["user", "USER", "email", "EMAIL", "other"]),
    ) {
        let email_text = format!("{local}@example.com");
        let (user_id, mail) = (username(&user), email(&email_text));
        let text = match typed {
            "user" => user.clone(),
            "USER" => user.to_uppercase(),
            "email" => email_text.clone(),
            "EMAIL" => email_text.to_uppercase(),
            _ => format!("{user}-not-{local}"),
        };
        // Only passwords that pass on their own reach the cross-field rule.
        prop_assume!(Password::parse(&text).is_ok());
        let verdict = password(&text).check_against(Some(&user_id), Some(&mail));
        let expected = match typed {
            "user" | "USER" => Err(FieldError::PasswordIsUsername),
            "email" | "EMAIL" => Err(FieldError::PasswordIsEmail),
            _ => Ok(()),
        };
        prop_assert_eq!(verdict, expected);
        // Without the other fields (not typed yet), nothing to compare with.
        prop_assert_eq!(password(&text).check_against(None, None), Ok(()));
    }

    #[test]
    fn password_serde_goes_through_parse(value in "[!-~]{8,64}|\\PC{0,70}|.{0,70}") {
        assert_serde_goes_through_parse(&value, Password::parse, Password::expose);
        if let Ok(secret) = Password::parse(&value) {
            prop_assert_eq!(secret.expose(), value.as_str());
            prop_assert!((8..=64).contains(&value.chars().count()));
        } else {
            prop_assert_eq!(PasswordStrength::of(&value), PasswordStrength::Weak);
        }
    }
}
