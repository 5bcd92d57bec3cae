//! The identifiers marketplaces give us.

#[cfg(feature = "schema")]
use super::schema;
use super::{digits, mask_middle, validated_string};
use crate::field::FieldError;

validated_string! {
    /// An AWS account ID: 12 digits.
    AwsAccountId,
    schema: schema::digits(Self::LEN)
}

impl AwsAccountId {
    pub const LEN: u16 = 12;

    pub fn parse(value: &str) -> Result<AwsAccountId, FieldError> {
        digits(value, Self::LEN).map(AwsAccountId)
    }
}

validated_string! {
    /// An Alibaba Cloud account ID (UID): 16 digits.
    AliyunAccountId,
    schema: schema::digits(Self::LEN)
}

impl AliyunAccountId {
    pub const LEN: u16 = 16;

    pub fn parse(value: &str) -> Result<AliyunAccountId, FieldError> {
        digits(value, Self::LEN).map(AliyunAccountId)
    }
}

validated_string! {
    /// A Huawei Cloud account ID: 32 hex characters, stored lower-case.
    HuaweiAccountId,
    schema: schema::text(schema::trimmed(&format!("[0-9A-Fa-f]{{{}}}", Self::LEN)))
}

impl HuaweiAccountId {
    pub const LEN: u16 = 32;

    pub fn parse(value: &str) -> Result<HuaweiAccountId, FieldError> {
        let value = value.trim();
        if value.is_empty() {
            return Err(FieldError::Required);
        }
        if value.chars().any(char::is_whitespace) {
            return Err(FieldError::ContainsWhitespace);
        }
        if !value.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(FieldError::HexOnly);
        }
        if value.len() != usize::from(Self::LEN) {
            return Err(FieldError::WrongLength { len: Self::LEN });
        }
        Ok(HuaweiAccountId(value.to_ascii_lowercase()))
    }
}

/// Non-empty, no whitespace or control characters, at most `max` characters.
fn token(value: &str, max: u16) -> Result<String, FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(FieldError::Required);
    }
    if value.chars().any(char::is_whitespace) {
        return Err(FieldError::ContainsWhitespace);
    }
    if value.chars().any(char::is_control) {
        return Err(FieldError::ControlCharacters);
    }
    if value.chars().count() > usize::from(max) {
        return Err(FieldError::TooLong { max });
    }
    Ok(value.to_owned())
}

validated_string! {
    /// A marketplace product instance ID (Alibaba, Huawei): non-empty, no spaces, at most 64 characters.
    InstanceId,
    schema: schema::token(Self::MAX)
}

impl InstanceId {
    pub const MAX: u16 = 64;

    pub fn parse(value: &str) -> Result<InstanceId, FieldError> {
        token(value, Self::MAX).map(InstanceId)
    }
}

validated_string! {
    /// An AWS Marketplace product code: non-empty, no spaces, at most 64 characters.
    ProductCode,
    schema: schema::token(Self::MAX)
}

impl ProductCode {
    pub const MAX: u16 = 64;

    pub fn parse(value: &str) -> Result<ProductCode, FieldError> {
        token(value, Self::MAX).map(ProductCode)
    }
}

validated_string! {
    /// A Huawei Cloud tenant (the buyer's enterprise): non-empty, no spaces, at most 64 characters.
    HuaweiTenant,
    schema: schema::token(Self::MAX)
}

impl HuaweiTenant {
    pub const MAX: u16 = 64;

    pub fn parse(value: &str) -> Result<HuaweiTenant, FieldError> {
        token(value, Self::MAX).map(HuaweiTenant)
    }
}

validated_string! {
    /// A Huawei partner-service member's account (what the member types at the unified login;
    /// unique within the tenant): non-empty, no spaces, at most 64 characters.
    HuaweiMember,
    schema: schema::token(Self::MAX)
}

impl HuaweiMember {
    pub const MAX: u16 = 64;

    pub fn parse(value: &str) -> Result<HuaweiMember, FieldError> {
        token(value, Self::MAX).map(HuaweiMember)
    }
}

validated_string! {
    /// An AWS License Manager ARN (`arn:aws…:license-manager::…`), at most 2,048 characters.
    LicenseArn,
    schema: Self::schema()
}

impl LicenseArn {
    pub const MAX: u16 = 2048;

    pub fn parse(value: &str) -> Result<LicenseArn, FieldError> {
        let value = token(value, Self::MAX)?;
        let mut parts = value.splitn(6, ':');
        let well_formed = parts.next() == Some("arn")
            && parts.next().is_some_and(|partition| partition.starts_with("aws"))
            && parts.next() == Some("license-manager")
            && parts.count() == 3;
        if well_formed { Ok(LicenseArn(value)) } else { Err(FieldError::InvalidArn) }
    }

    /// `parse`'s rule: a token of at most [`Self::MAX`] characters, in six `:`-separated parts
    /// (the last may hold more `:`), the first `arn`, the second from `aws`, the third
    /// `license-manager`.
    #[cfg(feature = "schema")]
    fn schema() -> schemars::Schema {
        let part = format!("[^:{}{}]*", schema::WHITESPACE, schema::CONTROL);
        let v = schema::visible();
        let shape = format!("arn:aws{part}:license-manager:{part}:{part}:{v}*");
        let length = schema::trimmed(&format!("{v}{{1,{}}}", Self::MAX));
        schema::also_matching(schema::text(schema::trimmed(&shape)), &[length])
    }
}

impl AwsAccountId {
    /// `1234****9012`, for settlement methods and summaries.
    pub fn masked(&self) -> String {
        mask_middle(self.as_str())
    }
}

impl AliyunAccountId {
    /// `1234****3456`.
    pub fn masked(&self) -> String {
        mask_middle(self.as_str())
    }
}

impl HuaweiAccountId {
    /// `0a1b****9f8e`.
    pub fn masked(&self) -> String {
        mask_middle(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::domain::tests::assert_serde_goes_through_parse;

    const ARN: &str =
        "arn:aws:license-manager::294406891311:license:l-ecbaa94eb71a4830b6d7e49268fecaa0";

    #[test]
    fn a_12_digit_aws_account_id_is_accepted() {
        assert_eq!(AwsAccountId::parse("123456789012").unwrap().as_str(), "123456789012");
    }

    #[test]
    fn an_aws_account_id_keeps_leading_zeros() {
        assert_eq!(AwsAccountId::parse("000000000042").unwrap().as_str(), "000000000042");
    }

    #[test]
    fn an_11_or_13_digit_aws_account_id_is_rejected() {
        let wrong = Err(FieldError::WrongLength { len: 12 });
        assert_eq!(AwsAccountId::parse("12345678901"), wrong);
        assert_eq!(AwsAccountId::parse("1234567890123"), wrong);
    }

    #[test]
    fn an_aws_account_id_is_digits_only() {
        assert_eq!(AwsAccountId::parse("12345678901a"), Err(FieldError::DigitsOnly));
        assert_eq!(AwsAccountId::parse("1234-5678-9012"), Err(FieldError::DigitsOnly));
        assert_eq!(AwsAccountId::parse("１２３４５６７８９０１２"), Err(FieldError::DigitsOnly));
    }

    #[test]
    fn an_aws_account_id_with_inner_spaces_contains_whitespace() {
        assert_eq!(AwsAccountId::parse("1234 5678 9012"), Err(FieldError::ContainsWhitespace));
    }

    #[test]
    fn an_aws_account_id_is_trimmed() {
        assert_eq!(AwsAccountId::parse(" 123456789012\n").unwrap().as_str(), "123456789012");
    }

    #[test]
    fn an_empty_or_blank_id_is_required() {
        assert_eq!(AwsAccountId::parse(""), Err(FieldError::Required));
        assert_eq!(AliyunAccountId::parse("  "), Err(FieldError::Required));
        assert_eq!(HuaweiAccountId::parse("\t"), Err(FieldError::Required));
        assert_eq!(InstanceId::parse(" "), Err(FieldError::Required));
        assert_eq!(ProductCode::parse(""), Err(FieldError::Required));
        assert_eq!(HuaweiTenant::parse("\n"), Err(FieldError::Required));
        assert_eq!(LicenseArn::parse(""), Err(FieldError::Required));
    }

    #[test]
    fn a_16_digit_aliyun_account_id_is_accepted() {
        assert_eq!(
            AliyunAccountId::parse("1234567890123456").unwrap().as_str(),
            "1234567890123456"
        );
    }

    #[test]
    fn a_15_or_17_digit_aliyun_account_id_is_rejected() {
        let wrong = Err(FieldError::WrongLength { len: 16 });
        assert_eq!(AliyunAccountId::parse("123456789012345"), wrong);
        assert_eq!(AliyunAccountId::parse("12345678901234567"), wrong);
        assert_eq!(AliyunAccountId::parse("123456789012"), wrong);
    }

    #[test]
    fn an_aliyun_account_id_is_digits_only() {
        assert_eq!(AliyunAccountId::parse("123456789012345x"), Err(FieldError::DigitsOnly));
    }

    #[test]
    fn a_32_hex_huawei_account_id_is_accepted_and_lower_cased() {
        let id = HuaweiAccountId::parse("0A1B2C3D4E5F60718293A4B5C6D7E8F9").unwrap();
        assert_eq!(id.as_str(), "0a1b2c3d4e5f60718293a4b5c6d7e8f9");
        assert_eq!(HuaweiAccountId::parse("0a1b2c3d4e5f60718293a4b5c6d7e8f9"), Ok(id));
    }

    #[test]
    fn a_31_or_33_hex_huawei_account_id_is_rejected() {
        let wrong = Err(FieldError::WrongLength { len: 32 });
        assert_eq!(HuaweiAccountId::parse(&"a".repeat(31)), wrong);
        assert_eq!(HuaweiAccountId::parse(&"a".repeat(33)), wrong);
    }

    #[test]
    fn a_huawei_account_id_is_hex_only() {
        assert_eq!(HuaweiAccountId::parse(&"g".repeat(32)), Err(FieldError::HexOnly));
        assert_eq!(HuaweiAccountId::parse(&"é".repeat(32)), Err(FieldError::HexOnly));
        let dashed = "0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9";
        assert_eq!(HuaweiAccountId::parse(dashed), Err(FieldError::HexOnly));
    }

    #[test]
    fn a_huawei_account_id_with_inner_space_contains_whitespace() {
        let spaced = format!("{} {}", "a".repeat(16), "b".repeat(16));
        assert_eq!(HuaweiAccountId::parse(&spaced), Err(FieldError::ContainsWhitespace));
    }

    #[test]
    fn a_64_char_instance_id_is_accepted() {
        assert!(InstanceId::parse(&"i".repeat(64)).is_ok());
    }

    #[test]
    fn a_65_char_instance_id_is_rejected() {
        assert_eq!(InstanceId::parse(&"i".repeat(65)), Err(FieldError::TooLong { max: 64 }));
    }

    #[test]
    fn an_instance_id_limit_counts_characters() {
        assert!(InstanceId::parse(&"é".repeat(64)).is_ok());
        assert_eq!(InstanceId::parse(&"é".repeat(65)), Err(FieldError::TooLong { max: 64 }));
    }

    #[test]
    fn an_instance_id_with_spaces_is_rejected() {
        for bad in ["i-123 456", "i-123\t456", "i-123\n456", "i-123\u{3000}456"] {
            assert_eq!(InstanceId::parse(bad), Err(FieldError::ContainsWhitespace), "{bad:?}");
        }
    }

    #[test]
    fn an_instance_id_with_control_characters_is_rejected() {
        assert_eq!(InstanceId::parse("i-123\u{0}"), Err(FieldError::ControlCharacters));
        assert_eq!(InstanceId::parse("i-\u{1b}123"), Err(FieldError::ControlCharacters));
    }

    #[test]
    fn an_instance_id_is_trimmed_and_keeps_its_case() {
        assert_eq!(InstanceId::parse("  CMGJ-00012345 ").unwrap().as_str(), "CMGJ-00012345");
    }

    #[test]
    fn product_code_and_tenant_follow_the_instance_id_rules() {
        assert!(ProductCode::parse("6j1fp1sx1kv2xg6l0r2yu9r3e").is_ok());
        assert!(HuaweiTenant::parse("68cbc86abc2018ab880d92f36422fa0e").is_ok());
        assert_eq!(ProductCode::parse(&"p".repeat(65)), Err(FieldError::TooLong { max: 64 }));
        assert_eq!(HuaweiTenant::parse(&"t".repeat(65)), Err(FieldError::TooLong { max: 64 }));
        assert_eq!(ProductCode::parse("a b"), Err(FieldError::ContainsWhitespace));
        assert_eq!(HuaweiTenant::parse("a b"), Err(FieldError::ContainsWhitespace));
    }

    #[test]
    fn a_license_manager_arn_is_accepted() {
        assert_eq!(LicenseArn::parse(ARN).unwrap().as_str(), ARN);
    }

    #[test]
    fn a_license_arn_in_another_aws_partition_is_accepted() {
        let cn = "arn:aws-cn:license-manager::123456789012:license:l-0123";
        assert!(LicenseArn::parse(cn).is_ok());
    }

    #[test]
    fn a_license_arn_is_trimmed() {
        assert_eq!(LicenseArn::parse(&format!(" {ARN}\n")).unwrap().as_str(), ARN);
    }

    #[test]
    fn a_malformed_license_arn_is_rejected() {
        for bad in [
            "license:l-0123",
            "ARN:aws:license-manager::123456789012:license:l-0123",
            "arn:azure:license-manager::123456789012:license:l-0123",
            "arn:aws:s3:::bucket/key",
            "arn:aws:license-manager",
            "arn:aws:license-manager::123456789012",
            "arn-aws-license-manager--123456789012-license-l-0123",
        ] {
            assert_eq!(LicenseArn::parse(bad), Err(FieldError::InvalidArn), "{bad}");
        }
    }

    #[test]
    fn a_license_arn_with_spaces_is_rejected() {
        let spaced = "arn:aws:license-manager:: 123456789012:license:l-0123";
        assert_eq!(LicenseArn::parse(spaced), Err(FieldError::ContainsWhitespace));
    }

    #[test]
    fn a_2048_char_license_arn_is_accepted_and_2049_is_not() {
        let prefix = "arn:aws:license-manager::123456789012:license:l-";
        let at_limit = format!("{prefix}{}", "a".repeat(2048 - prefix.len()));
        assert!(LicenseArn::parse(&at_limit).is_ok());
        let over = format!("{at_limit}a");
        assert_eq!(LicenseArn::parse(&over), Err(FieldError::TooLong { max: 2048 }));
    }

    #[test]
    fn account_ids_are_masked_in_the_middle() {
        assert_eq!(AwsAccountId::parse("123456789012").unwrap().masked(), "1234****9012");
        assert_eq!(AliyunAccountId::parse("1234567890123456").unwrap().masked(), "1234****3456");
        let huawei = HuaweiAccountId::parse("0A1B2C3D4E5F60718293A4B5C6D79F8E").unwrap();
        assert_eq!(huawei.masked(), "0a1b****9f8e");
    }

    #[test]
    fn an_invalid_id_cannot_be_deserialized() {
        assert!(serde_json::from_str::<AwsAccountId>(r#""12345678901""#).is_err());
        assert!(serde_json::from_str::<AliyunAccountId>(r#""abc""#).is_err());
        assert!(serde_json::from_str::<HuaweiAccountId>(r#""xyz""#).is_err());
        assert!(serde_json::from_str::<InstanceId>(r#""a b""#).is_err());
        assert!(serde_json::from_str::<LicenseArn>(r#""arn:aws:s3:::b""#).is_err());
        assert!(serde_json::from_str::<AwsAccountId>("123456789012").is_err());
    }

    /// Valid, nearly valid, and arbitrary inputs for each type.
    const AWS_INPUTS: &str = "[0-9]{12}|[0-9 a]{10,14}|\\PC{0,14}";
    const ALIYUN_INPUTS: &str = "[0-9]{16}|[0-9 ]{14,18}|\\PC{0,18}";
    const HUAWEI_INPUTS: &str = "[0-9a-fA-F]{32}|[0-9a-gA-G ]{30,34}|\\PC{0,34}";
    const TOKEN_INPUTS: &str = "[!-~]{1,64}|[!-~ ]{0,70}|\\PC{0,70}|.{0,70}";
    const ARN_INPUTS: &str = "arn:aws[a-z-]{0,4}:license-manager:[a-z0-9-]{0,10}:[0-9]{0,12}:\
                              [a-z0-9:/ -]{0,20}|\\PC{0,40}";

    fn all_digits(value: &str, len: usize) -> bool {
        value.len() == len && value.bytes().all(|b| b.is_ascii_digit())
    }

    proptest! {
        #[test]
        fn aws_account_id_serde_goes_through_parse(value in AWS_INPUTS) {
            assert_serde_goes_through_parse(&value, AwsAccountId::parse, AwsAccountId::as_str);
            if let Ok(id) = AwsAccountId::parse(&value) {
                prop_assert!(all_digits(id.as_str(), 12));
            }
        }

        #[test]
        fn aliyun_account_id_serde_goes_through_parse(value in ALIYUN_INPUTS) {
            let parse = AliyunAccountId::parse;
            assert_serde_goes_through_parse(&value, parse, AliyunAccountId::as_str);
            if let Ok(id) = parse(&value) {
                prop_assert!(all_digits(id.as_str(), 16));
            }
        }

        #[test]
        fn huawei_account_id_serde_goes_through_parse(value in HUAWEI_INPUTS) {
            let parse = HuaweiAccountId::parse;
            assert_serde_goes_through_parse(&value, parse, HuaweiAccountId::as_str);
            if let Ok(id) = parse(&value) {
                prop_assert_eq!(id.as_str().len(), 32);
                prop_assert!(id.as_str().bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')));
                prop_assert_eq!(parse(&value.to_uppercase()), Ok(id));
            }
        }

        #[test]
        fn token_ids_serde_goes_through_parse(value in TOKEN_INPUTS) {
            assert_serde_goes_through_parse(&value, InstanceId::parse, InstanceId::as_str);
            assert_serde_goes_through_parse(&value, ProductCode::parse, ProductCode::as_str);
            assert_serde_goes_through_parse(&value, HuaweiTenant::parse, HuaweiTenant::as_str);
            if let Ok(id) = InstanceId::parse(&value) {
                prop_assert!(!id.as_str().is_empty() && id.as_str().chars().count() <= 64);
                prop_assert!(!id.as_str().chars().any(|c| c.is_whitespace() || c.is_control()));
            }
        }

        #[test]
        fn any_well_formed_id_is_accepted(
            aws in "[0-9]{12}",
            aliyun in "[0-9]{16}",
            huawei in "[0-9a-fA-F]{32}",
            token in "[!-~]{1,64}",
        ) {
            prop_assert!(AwsAccountId::parse(&aws).is_ok());
            prop_assert!(AliyunAccountId::parse(&aliyun).is_ok());
            prop_assert!(HuaweiAccountId::parse(&huawei).is_ok());
            prop_assert!(InstanceId::parse(&token).is_ok());
        }

        #[test]
        fn license_arn_serde_goes_through_parse(value in ARN_INPUTS) {
            assert_serde_goes_through_parse(&value, LicenseArn::parse, LicenseArn::as_str);
            if let Ok(arn) = LicenseArn::parse(&value) {
                prop_assert!(arn.as_str().starts_with("arn:aws"));
            }
        }
    }
}
