//! `FieldId` names, `FieldError` wire forms, `FieldErrors` as a map, and their round trips.

use std::collections::HashSet;

use proptest::prelude::*;
use serde_json::json;

use super::*;

/// Where each variant sits in [`ALL_ERRORS`]. No wildcard arm: a new variant does not compile
/// until it has a place here, and the test below holds the list to these places.
fn ordinal(error: FieldError) -> usize {
    use FieldError as E;
    match error {
        E::Required => 0,
        E::TooShort { .. } => 1,
        E::TooLong { .. } => 2,
        E::WrongLength { .. } => 3,
        E::InvalidCharacters => 4,
        E::MustStartWithLetter => 5,
        E::ControlCharacters => 6,
        E::ContainsWhitespace => 7,
        E::DigitsOnly => 8,
        E::HexOnly => 9,
        E::InvalidEmail => 10,
        E::InvalidPhone => 11,
        E::InvalidArn => 12,
        E::PasswordTooCommon => 13,
        E::PasswordIsUsername => 14,
        E::PasswordIsEmail => 15,
        E::PasswordMismatch => 16,
        E::MustAgree => 17,
        E::MismatchesMarketplace => 18,
        E::SiteNotOffered => 19,
        E::Taken => 20,
        E::WorkspaceNameTaken => 21,
        E::UnknownAccount => 22,
        E::CodeWrong { .. } => 23,
        E::CodeExpired => 24,
        E::CodeLocked => 25,
        E::CodeNotSent => 26,
    }
}

#[test]
fn the_example_list_has_every_field_error_once_in_order() {
    let ordinals: Vec<usize> = ALL_ERRORS.into_iter().map(ordinal).collect();
    assert_eq!(ordinals, (0..ALL_ERRORS.len()).collect::<Vec<_>>());
}

/// One example of every variant, for round trips.
const ALL_ERRORS: [FieldError; 27] = [
    FieldError::Required,
    FieldError::TooShort { min: 4 },
    FieldError::TooLong { max: 64 },
    FieldError::WrongLength { len: 12 },
    FieldError::InvalidCharacters,
    FieldError::MustStartWithLetter,
    FieldError::ControlCharacters,
    FieldError::ContainsWhitespace,
    FieldError::DigitsOnly,
    FieldError::HexOnly,
    FieldError::InvalidEmail,
    FieldError::InvalidPhone,
    FieldError::InvalidArn,
    FieldError::PasswordTooCommon,
    FieldError::PasswordIsUsername,
    FieldError::PasswordIsEmail,
    FieldError::PasswordMismatch,
    FieldError::MustAgree,
    FieldError::MismatchesMarketplace,
    FieldError::SiteNotOffered,
    FieldError::Taken,
    FieldError::WorkspaceNameTaken,
    FieldError::UnknownAccount,
    FieldError::CodeWrong { tries_left: 3 },
    FieldError::CodeExpired,
    FieldError::CodeLocked,
    FieldError::CodeNotSent,
];

#[test]
fn field_ids_are_listed_in_declaration_order_once_each() {
    assert!(FieldId::ALL.windows(2).all(|w| w[0] < w[1]));
    let names: HashSet<_> = FieldId::ALL.into_iter().map(FieldId::as_str).collect();
    assert_eq!(names.len(), FieldId::ALL.len());
}

#[test]
fn a_field_id_serializes_as_its_snake_case_name() {
    for field in FieldId::ALL {
        let json = serde_json::to_string(&field).unwrap();
        assert_eq!(json, format!("\"{}\"", field.as_str()));
        assert_eq!(serde_json::from_str::<FieldId>(&json).unwrap(), field);
    }
    assert_eq!(FieldId::ConfirmPassword.as_str(), "confirm_password");
    assert!(serde_json::from_str::<FieldId>(r#""ConfirmPassword""#).is_err());
}

#[test]
fn field_error_serde_is_tagged_by_kind() {
    assert_eq!(serde_json::to_value(FieldError::Required).unwrap(), json!({"kind": "required"}));
    assert_eq!(
        serde_json::to_value(FieldError::TooShort { min: 8 }).unwrap(),
        json!({"kind": "too_short", "min": 8})
    );
    assert_eq!(
        serde_json::to_value(FieldError::CodeWrong { tries_left: 2 }).unwrap(),
        json!({"kind": "code_wrong", "tries_left": 2})
    );
    assert_eq!(
        serde_json::to_value(FieldError::PasswordIsEmail).unwrap(),
        json!({"kind": "password_is_email"})
    );
}

#[test]
fn every_field_error_round_trips_through_serde() {
    for error in ALL_ERRORS {
        let json = serde_json::to_value(error).unwrap();
        assert!(json["kind"].is_string(), "{json}");
        assert_eq!(serde_json::from_value::<FieldError>(json).unwrap(), error);
    }
}

#[test]
fn an_unknown_error_kind_is_rejected() {
    assert!(serde_json::from_value::<FieldError>(json!({"kind": "on_fire"})).is_err());
    assert!(serde_json::from_value::<FieldError>(json!({"kind": "too_short"})).is_err());
    assert!(serde_json::from_value::<FieldError>(json!("required")).is_err());
}

#[test]
fn the_first_error_per_field_wins() {
    let mut errors = FieldErrors::new();
    errors.add(FieldId::Password, FieldError::TooShort { min: 8 });
    errors.add(FieldId::Password, FieldError::PasswordTooCommon);
    assert_eq!(errors.get(FieldId::Password), Some(FieldError::TooShort { min: 8 }));
    assert_eq!(errors.len(), 1);
}

#[test]
fn from_iterator_also_keeps_the_first_error_per_field() {
    let errors: FieldErrors = [
        (FieldId::Email, FieldError::InvalidEmail),
        (FieldId::Email, FieldError::Taken),
        (FieldId::Username, FieldError::Taken),
    ]
    .into_iter()
    .collect();
    assert_eq!(errors.get(FieldId::Email), Some(FieldError::InvalidEmail));
    assert_eq!(errors.len(), 2);
}

#[test]
fn errors_are_listed_in_screen_order_whatever_the_insertion_order() {
    let mut errors = FieldErrors::new();
    errors.add(FieldId::WorkspaceName, FieldError::Required);
    errors.add(FieldId::Email, FieldError::InvalidEmail);
    errors.add(FieldId::Site, FieldError::SiteNotOffered);
    errors.add(FieldId::Username, FieldError::Taken);
    let fields: Vec<FieldId> = errors.iter().map(|(field, _)| field).collect();
    assert_eq!(fields, [FieldId::Site, FieldId::Username, FieldId::Email, FieldId::WorkspaceName]);
}

#[test]
fn check_keeps_the_value_or_records_the_error() {
    let mut errors = FieldErrors::new();
    assert_eq!(errors.check(FieldId::Phone, Ok::<_, FieldError>(7)), Some(7));
    assert!(errors.is_empty());
    let failed: Option<u8> = errors.check(FieldId::Phone, Err(FieldError::InvalidPhone));
    assert_eq!(failed, None);
    assert_eq!(errors.get(FieldId::Phone), Some(FieldError::InvalidPhone));
}

#[test]
fn clear_forgets_a_fixed_field_only() {
    let mut errors = FieldErrors::single(FieldId::Username, FieldError::Required);
    errors.add(FieldId::Password, FieldError::Required);
    errors.clear(FieldId::Username);
    errors.clear(FieldId::Email);
    assert_eq!(errors.get(FieldId::Username), None);
    assert_eq!(errors.get(FieldId::Password), Some(FieldError::Required));
    assert_eq!(errors.len(), 1);
}

#[test]
fn single_and_empty() {
    assert!(FieldErrors::new().is_empty());
    assert_eq!(FieldErrors::new(), FieldErrors::default());
    let one = FieldErrors::single(FieldId::AgreeTerms, FieldError::MustAgree);
    assert_eq!(one.len(), 1);
    assert!(!one.is_empty());
    assert_eq!(one.get(FieldId::AgreeTerms), Some(FieldError::MustAgree));
}

#[test]
fn field_errors_serialize_as_an_object_keyed_by_field_id_in_screen_order() {
    let mut errors = FieldErrors::new();
    errors.add(FieldId::ConfirmPassword, FieldError::PasswordMismatch);
    errors.add(FieldId::Username, FieldError::TooShort { min: 4 });
    let text = serde_json::to_string(&errors).unwrap();
    assert_eq!(
        text,
        concat!(
            r#"{"username":{"kind":"too_short","min":4},"#,
            r#""confirm_password":{"kind":"password_mismatch"}}"#,
        )
    );
    assert_eq!(serde_json::from_str::<FieldErrors>(&text).unwrap(), errors);
    assert_eq!(serde_json::to_string(&FieldErrors::new()).unwrap(), "{}");
}

#[test]
fn field_errors_with_an_unknown_field_are_rejected() {
    let text = r#"{"shoe_size":{"kind":"required"}}"#;
    assert!(serde_json::from_str::<FieldErrors>(text).is_err());
}

#[test]
fn a_field_error_displays_for_logs() {
    assert_eq!(FieldError::TooLong { max: 50 }.to_string(), "invalid value: TooLong { max: 50 }");
}

fn arbitrary_entry() -> impl Strategy<Value = (FieldId, FieldError)> {
    (0..FieldId::ALL.len(), 0..ALL_ERRORS.len())
        .prop_map(|(field, error)| (FieldId::ALL[field], ALL_ERRORS[error]))
}

proptest! {
    #[test]
    fn field_errors_keep_first_errors_in_screen_order_and_round_trip(
        entries in prop::collection::vec(arbitrary_entry(), 0..40)
    ) {
        let errors: FieldErrors = entries.iter().copied().collect();
        let listed: Vec<(FieldId, FieldError)> = errors.iter().collect();
        prop_assert!(listed.windows(2).all(|w| w[0].0 < w[1].0));
        for (field, error) in &listed {
            let first = entries.iter().find(|(f, _)| f == field).map(|(_, e)| *e);
            prop_assert_eq!(Some(*error), first);
        }
        let distinct: HashSet<FieldId> = entries.iter().map(|(f, _)| *f).collect();
        prop_assert_eq!(errors.len(), distinct.len());
        let text = serde_json::to_string(&errors).unwrap();
        prop_assert_eq!(serde_json::from_str::<FieldErrors>(&text).unwrap(), errors);
    }
}
