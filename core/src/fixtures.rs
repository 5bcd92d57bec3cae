//! The marketplace identities core's tests share: one valid buyer per marketplace.

use crate::domain::{
    AliyunAccountId, AwsAccountId, HuaweiAccountId, HuaweiTenant, Identity, InstanceId, LicenseArn,
    ProductCode,
};

pub const ARN: &str = "arn:aws:license-manager::123456789012:license:l-0123456789abcdef0";
pub const ALIYUN_ID: &str = "1234567890123456";
pub const ALIYUN_INSTANCE: &str = "i-0123456789abcdef";
pub const HUAWEI_ID: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

pub fn aws() -> Identity {
    Identity::Aws {
        account_id: AwsAccountId::parse("123456789012").unwrap(),
        product_code: ProductCode::parse("prod-abc123").unwrap(),
        license_arn: LicenseArn::parse(ARN).unwrap(),
    }
}

pub fn aliyun() -> Identity {
    Identity::Aliyun {
        account_id: AliyunAccountId::parse(ALIYUN_ID).unwrap(),
        instance_id: InstanceId::parse(ALIYUN_INSTANCE).unwrap(),
    }
}

pub fn huawei() -> Identity {
    Identity::Huawei {
        account_id: HuaweiAccountId::parse(HUAWEI_ID).unwrap(),
        instance_id: InstanceId::parse("hw-inst-001").unwrap(),
        tenant: HuaweiTenant::parse("tenant-acme").unwrap(),
    }
}
