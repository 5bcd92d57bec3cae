//! The identifiers marketplaces give us.

use super::{digits, mask_middle, validated_string};
use crate::field::FieldError;

validated_string! {
    /// An AWS account ID: 12 digits.
    AwsAccountId
}

impl AwsAccountId {
    pub const LEN: u16 = 12;

    pub fn parse(value: &str) -> Result<AwsAccountId, FieldError> {
        digits(value, Self::LEN).map(AwsAccountId)
    }
}

validated_string! {
    /// An Alibaba Cloud account ID (UID): 16 digits.
    AliyunAccountId
}

impl AliyunAccountId {
    pub const LEN: u16 = 16;

    pub fn parse(value: &str) -> Result<AliyunAccountId, FieldError> {
        digits(value, Self::LEN).map(AliyunAccountId)
    }
}

validated_string! {
    /// A Huawei Cloud account ID: 32 hex characters, stored lower-case.
    HuaweiAccountId
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
    InstanceId
}

impl InstanceId {
    pub const MAX: u16 = 64;

    pub fn parse(value: &str) -> Result<InstanceId, FieldError> {
        token(value, Self::MAX).map(InstanceId)
    }
}

validated_string! {
    /// An AWS Marketplace product code: non-empty, no spaces, at most 64 characters.
    ProductCode
}

impl ProductCode {
    pub const MAX: u16 = 64;

    pub fn parse(value: &str) -> Result<ProductCode, FieldError> {
        token(value, Self::MAX).map(ProductCode)
    }
}

validated_string! {
    /// A Huawei Cloud tenant (the buyer's enterprise): non-empty, no spaces, at most 64 characters.
    HuaweiTenant
}

impl HuaweiTenant {
    pub const MAX: u16 = 64;

    pub fn parse(value: &str) -> Result<HuaweiTenant, FieldError> {
        token(value, Self::MAX).map(HuaweiTenant)
    }
}

validated_string! {
    /// An AWS License Manager ARN (`arn:aws…:license-manager::…`), at most 2,048 characters.
    LicenseArn
}

impl LicenseArn {
    pub const MAX: u16 = 2048;

    pub fn parse(value: &str) -> Result<LicenseArn, FieldError> {
        let value = token(value, Self::MAX)?;
        let mut parts = value.splitn(6, ':');
        let well_formed = parts.next() == Some("arn")
            && parts
                .next()
                .is_some_and(|partition| partition.starts_with("aws"))
            && parts.next() == Some("license-manager")
            && parts.count() == 3;
        if well_formed {
            Ok(LicenseArn(value))
        } else {
            Err(FieldError::InvalidArn)
        }
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
