//! Workspaces: name and language.

#[cfg(feature = "schema")]
use super::schema;
use super::{plain_text, validated_string};
use crate::field::FieldError;

validated_string! {
    /// 1–50 characters after trimming, no control characters; unique within its owner.
    WorkspaceName,
    schema: schema::plain_text(1, Self::MAX)
}

impl WorkspaceName {
    pub const MAX: u16 = 50;

    pub fn parse(value: &str) -> Result<WorkspaceName, FieldError> {
        plain_text(value, 1, Self::MAX).map(WorkspaceName)
    }

    /// The key under which names are unique: case-insensitive.
    pub fn unique_key(&self) -> String {
        self.0.to_lowercase()
    }
}

wire_enum! {
    /// The language of a workspace's event, alert and message templates; fixed at creation.
    pub enum WorkspaceLanguage {
        En = "en",
        Zh = "zh",
    }
}

validated_string! {
    /// A workspace's identifier, as the backend assigns it: 1–64 of `a-z 0-9 _ -`.
    WorkspaceId,
    schema: schema::lengths(schema::text("^[a-z0-9_-]*$".into()), Some(1), Some(Self::MAX))
}

impl WorkspaceId {
    pub const MAX: u16 = 64;

    pub fn parse(value: &str) -> Result<WorkspaceId, FieldError> {
        if value.is_empty() {
            return Err(FieldError::Required);
        }
        if value.len() > usize::from(Self::MAX) {
            return Err(FieldError::TooLong { max: Self::MAX });
        }
        if !value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
        {
            return Err(FieldError::InvalidCharacters);
        }
        Ok(WorkspaceId(value.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::domain::tests::assert_serde_goes_through_parse;

    fn name(value: &str) -> Result<WorkspaceName, FieldError> {
        WorkspaceName::parse(value)
    }

    #[test]
    fn a_1_char_workspace_name_is_accepted() {
        assert_eq!(name("a").unwrap().as_str(), "a");
    }

    #[test]
    fn a_50_char_workspace_name_is_accepted() {
        assert!(name(&"w".repeat(50)).is_ok());
    }

    #[test]
    fn a_51_char_workspace_name_is_rejected() {
        assert_eq!(name(&"w".repeat(51)), Err(FieldError::TooLong { max: 50 }));
    }

    #[test]
    fn the_limit_applies_after_trimming() {
        let padded = format!("   {}\t\n", "w".repeat(50));
        assert_eq!(name(&padded).unwrap().as_str(), "w".repeat(50));
        assert_eq!(name(&format!(" {} ", "w".repeat(51))), Err(FieldError::TooLong { max: 50 }));
    }

    #[test]
    fn surrounding_whitespace_is_trimmed_and_inner_kept() {
        assert_eq!(name("  Prod  Env \n").unwrap().as_str(), "Prod  Env");
    }

    #[test]
    fn an_empty_workspace_name_is_required() {
        assert_eq!(name(""), Err(FieldError::Required));
    }

    #[test]
    fn a_whitespace_only_workspace_name_is_required() {
        assert_eq!(name("   "), Err(FieldError::Required));
        assert_eq!(name("\t\r\n"), Err(FieldError::Required));
        assert_eq!(name("\u{3000}\u{a0}"), Err(FieldError::Required));
    }

    #[test]
    fn a_chinese_workspace_name_is_accepted() {
        assert_eq!(name("生产环境").unwrap().as_str(), "生产环境");
        assert_eq!(name("观测云 · 杭州").unwrap().as_str(), "观测云 · 杭州");
    }

    #[test]
    fn fifty_chinese_characters_are_accepted_and_51_are_not() {
        // 150 and 153 bytes: the limit counts characters, not bytes.
        assert!(name(&"云".repeat(50)).is_ok());
        assert_eq!(name(&"云".repeat(51)), Err(FieldError::TooLong { max: 50 }));
    }

    #[test]
    fn an_emoji_counts_as_one_character() {
        assert!(name(&"🚀".repeat(50)).is_ok());
        assert_eq!(name(&"🚀".repeat(51)), Err(FieldError::TooLong { max: 50 }));
    }

    #[test]
    fn control_characters_inside_are_rejected() {
        for bad in ["Prod\tEnv", "Prod\nEnv", "Prod\u{0}", "\u{7}bell", "del\u{7f}", "\u{9b}csi"] {
            assert_eq!(name(bad), Err(FieldError::ControlCharacters), "{bad:?}");
        }
    }

    #[test]
    fn unique_key_ignores_case() {
        assert_eq!(name("Prod").unwrap().unique_key(), name("PROD").unwrap().unique_key());
        assert_eq!(name("ÄRGER").unwrap().unique_key(), name("ärger").unwrap().unique_key());
        assert_ne!(name("Prod").unwrap().unique_key(), name("Prod 2").unwrap().unique_key());
    }

    #[test]
    fn the_name_keeps_its_case() {
        assert_eq!(name("My Prod").unwrap().as_str(), "My Prod");
    }

    #[test]
    fn serde_is_a_plain_string_through_parse() {
        let prod = name(" Prod ").unwrap();
        assert_eq!(serde_json::to_string(&prod).unwrap(), r#""Prod""#);
        assert_eq!(serde_json::from_str::<WorkspaceName>(r#"" Prod ""#).unwrap(), prod);
        assert!(serde_json::from_str::<WorkspaceName>(r#""  ""#).is_err());
        assert!(serde_json::from_str::<WorkspaceName>(r#""a\tb""#).is_err());
        assert!(serde_json::from_str::<WorkspaceName>(&format!("{:?}", "w".repeat(51))).is_err());
    }

    #[test]
    fn language_codes_round_trip() {
        for language in WorkspaceLanguage::ALL {
            assert_eq!(WorkspaceLanguage::from_code(language.code()), Some(language));
            let json = serde_json::to_string(&language).unwrap();
            assert_eq!(json, format!("\"{}\"", language.code()));
            assert_eq!(serde_json::from_str::<WorkspaceLanguage>(&json).unwrap(), language);
        }
    }

    #[test]
    fn an_unknown_language_code_is_none() {
        assert_eq!(WorkspaceLanguage::from_code("fr"), None);
        assert_eq!(WorkspaceLanguage::from_code("EN"), None);
        assert_eq!(WorkspaceLanguage::from_code(""), None);
        assert!(serde_json::from_str::<WorkspaceLanguage>(r#""fr""#).is_err());
    }

    #[test]
    fn a_workspace_id_is_1_to_64_of_lower_case_letters_digits_underscore_and_dash() {
        assert_eq!(WorkspaceId::parse("ws_000001").unwrap().as_str(), "ws_000001");
        assert_eq!(WorkspaceId::parse("a-b_9").unwrap().as_str(), "a-b_9");
        assert!(WorkspaceId::parse(&"w".repeat(64)).is_ok());
        assert_eq!(WorkspaceId::parse(&"w".repeat(65)), Err(FieldError::TooLong { max: 64 }));
        assert_eq!(WorkspaceId::parse(""), Err(FieldError::Required));
        for bad in ["WS_1", "ws 1", " ws_1", "ws_1\n", "ws/1", "../ws", "ws_１", "ws_é"] {
            assert_eq!(WorkspaceId::parse(bad), Err(FieldError::InvalidCharacters), "{bad:?}");
        }
    }

    /// Padded names around the 50-character limit, now and then with a control character.
    const NEARLY_VALID: &str = "[ \t]{0,2}[a-zA-Z0-9 云\u{1}-]{0,55}[ \n]{0,2}";

    proptest! {
        #[test]
        fn workspace_name_serde_goes_through_parse(value in any::<String>()) {
            assert_serde_goes_through_parse(&value, WorkspaceName::parse, WorkspaceName::as_str);
        }

        #[test]
        fn workspace_id_serde_goes_through_parse(value in "[a-z0-9_/ A-Z-]{0,70}") {
            assert_serde_goes_through_parse(&value, WorkspaceId::parse, WorkspaceId::as_str);
            if let Ok(id) = WorkspaceId::parse(&value) {
                prop_assert_eq!(id.as_str(), value.as_str());
                prop_assert!((1..=64).contains(&value.len()));
            }
        }

        #[test]
        fn workspace_name_mostly_valid_inputs(value in NEARLY_VALID) {
            assert_serde_goes_through_parse(&value, WorkspaceName::parse, WorkspaceName::as_str);
            if let Ok(parsed) = WorkspaceName::parse(&value) {
                let text = parsed.as_str();
                prop_assert_eq!(text, value.trim());
                prop_assert!((1..=50).contains(&text.chars().count()));
                prop_assert!(!text.chars().any(char::is_control));
            }
        }
    }
}
