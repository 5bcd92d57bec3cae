//! The three marketplaces, what each tells us about the buyer, and the sites a workspace can live on.

use serde::{Deserialize, Serialize};

use super::{
    AliyunAccountId, AwsAccountId, HuaweiAccountId, HuaweiTenant, InstanceId, LicenseArn,
    ProductCode,
};

wire_enum! {
    /// Where the customer bought the Commercial Plan. The wire name is also the slug in URLs.
    #[derive(PartialOrd, Ord)]
    pub enum Marketplace {
        Aws = "aws",
        Aliyun = "aliyun",
        Huawei = "huawei",
    }
}

impl Marketplace {
    /// The sites a workspace bought here can be created on.
    pub fn sites(self) -> &'static [Site] {
        match self {
            Marketplace::Aws => &[Site::Cn2, Site::Us1],
            Marketplace::Aliyun | Marketplace::Huawei => &Site::ALL,
        }
    }

    /// The site suggested first.
    pub fn default_site(self) -> Site {
        match self {
            Marketplace::Aws => Site::Cn2,
            Marketplace::Aliyun => Site::Cn1,
            Marketplace::Huawei => Site::Cn4,
        }
    }

    pub fn offers(self, site: Site) -> bool {
        self.sites().contains(&site)
    }

    /// Whether a buyer whose cloud account is bound signs in without a password ("Log in
    /// directly"): only Huawei's unified login has already proved who the buyer is.
    pub fn offers_direct_login(self) -> bool {
        matches!(self, Marketplace::Huawei)
    }
}

wire_enum! {
    /// A Guance site: where a workspace's data lives. Fixed when the workspace is created.
    #[derive(PartialOrd, Ord)]
    pub enum Site {
        Cn1 = "cn1",
        Cn2 = "cn2",
        Cn4 = "cn4",
        Cn6 = "cn6",
        Us1 = "us1",
        Eu1 = "eu1",
        Ap1 = "ap1",
    }
}

impl Site {
    pub fn name_en(self) -> &'static str {
        match self {
            Site::Cn1 => "China 1 (Hangzhou)",
            Site::Cn2 => "China 2 (Ningxia)",
            Site::Cn4 => "China 4 (Guangzhou)",
            Site::Cn6 => "China 6 (Hong Kong)",
            Site::Us1 => "Overseas 1 (Oregon)",
            Site::Eu1 => "Europe 1 (Frankfurt)",
            Site::Ap1 => "Asia-Pacific 1 (Singapore)",
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            Site::Cn1 => "中国区1（杭州）",
            Site::Cn2 => "中国区2（宁夏）",
            Site::Cn4 => "中国区4（广州）",
            Site::Cn6 => "中国区6（香港）",
            Site::Us1 => "海外区1（俄勒冈）",
            Site::Eu1 => "欧洲区1（法兰克福）",
            Site::Ap1 => "亚太区1（新加坡）",
        }
    }

    /// The host DataKit reports to on this site.
    pub fn openway_host(self) -> &'static str {
        match self {
            Site::Cn1 => "openway.guance.com",
            Site::Cn2 => "aws-openway.guance.com",
            Site::Cn4 => "cn4-openway.guance.com",
            Site::Cn6 => "cn6-openway.guance.one",
            Site::Us1 => "us1-openway.guance.com",
            Site::Eu1 => "eu1-openway.guance.one",
            Site::Ap1 => "ap1-openway.guance.one",
        }
    }

    /// The one-line DataKit install command for a workspace on this site.
    pub fn datakit_install_command(self, token: &str) -> String {
        format!(
            "DK_DATAWAY=\"https://{}?token={token}\" bash -c \"$(curl -L https://static.guance.com/datakit/install.sh)\"",
            self.openway_host()
        )
    }
}

/// What a marketplace told us about the buyer when it handed them off. Read by `tagged.rs`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "marketplace", rename_all = "snake_case")]
pub enum Identity {
    Aws { account_id: AwsAccountId, product_code: ProductCode, license_arn: LicenseArn },
    Aliyun { account_id: AliyunAccountId, instance_id: InstanceId },
    Huawei { account_id: HuaweiAccountId, instance_id: InstanceId, tenant: HuaweiTenant },
}

impl Identity {
    pub fn marketplace(&self) -> Marketplace {
        match self {
            Identity::Aws { .. } => Marketplace::Aws,
            Identity::Aliyun { .. } => Marketplace::Aliyun,
            Identity::Huawei { .. } => Marketplace::Huawei,
        }
    }

    /// The cloud account that pays.
    pub fn cloud_account(&self) -> CloudAccount {
        match self {
            Identity::Aws { account_id, .. } => CloudAccount::Aws(account_id.clone()),
            Identity::Aliyun { account_id, .. } => CloudAccount::Aliyun(account_id.clone()),
            Identity::Huawei { account_id, .. } => CloudAccount::Huawei(account_id.clone()),
        }
    }
}

/// A cloud account that settles bills: one per Billing Center account, at most one per workspace.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "marketplace", content = "account_id", rename_all = "snake_case")]
pub enum CloudAccount {
    Aws(AwsAccountId),
    Aliyun(AliyunAccountId),
    Huawei(HuaweiAccountId),
}

impl CloudAccount {
    pub fn marketplace(&self) -> Marketplace {
        match self {
            CloudAccount::Aws(_) => Marketplace::Aws,
            CloudAccount::Aliyun(_) => Marketplace::Aliyun,
            CloudAccount::Huawei(_) => Marketplace::Huawei,
        }
    }

    /// The account ID with its middle hidden, e.g. `1234****9012`.
    pub fn masked_id(&self) -> String {
        match self {
            CloudAccount::Aws(id) => id.masked(),
            CloudAccount::Aliyun(id) => id.masked(),
            CloudAccount::Huawei(id) => id.masked(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use proptest::prelude::*;

    use super::*;

    fn aws() -> Identity {
        Identity::Aws {
            account_id: AwsAccountId::parse("123456789012").unwrap(),
            product_code: ProductCode::parse("6j1fp1sx1kv2xg6l0r2yu9r3e").unwrap(),
            license_arn: LicenseArn::parse("arn:aws:license-manager::123456789012:license:l-01")
                .unwrap(),
        }
    }

    fn aliyun() -> Identity {
        Identity::Aliyun {
            account_id: AliyunAccountId::parse("1234567890123456").unwrap(),
            instance_id: InstanceId::parse("cmgj00012345").unwrap(),
        }
    }

    fn huawei() -> Identity {
        Identity::Huawei {
            account_id: HuaweiAccountId::parse("0A1B2C3D4E5F60718293A4B5C6D79F8E").unwrap(),
            instance_id: InstanceId::parse("huaweiinstance01").unwrap(),
            tenant: HuaweiTenant::parse("tenant-01").unwrap(),
        }
    }

    #[test]
    fn aws_offers_only_cn2_and_us1() {
        assert_eq!(Marketplace::Aws.sites(), &[Site::Cn2, Site::Us1]);
        for site in Site::ALL {
            assert_eq!(Marketplace::Aws.offers(site), matches!(site, Site::Cn2 | Site::Us1));
        }
    }

    #[test]
    fn aliyun_and_huawei_offer_every_site() {
        for marketplace in [Marketplace::Aliyun, Marketplace::Huawei] {
            assert_eq!(marketplace.sites(), &Site::ALL);
            assert!(Site::ALL.into_iter().all(|site| marketplace.offers(site)));
        }
    }

    #[test]
    fn default_sites_are_aws_cn2_aliyun_cn1_huawei_cn4() {
        assert_eq!(Marketplace::Aws.default_site(), Site::Cn2);
        assert_eq!(Marketplace::Aliyun.default_site(), Site::Cn1);
        assert_eq!(Marketplace::Huawei.default_site(), Site::Cn4);
    }

    #[test]
    fn every_default_site_is_offered_and_sites_are_in_menu_order() {
        for marketplace in Marketplace::ALL {
            assert!(marketplace.offers(marketplace.default_site()), "{marketplace:?}");
            assert!(marketplace.sites().windows(2).all(|w| w[0] < w[1]), "{marketplace:?}");
        }
    }

    #[test]
    fn marketplace_codes_round_trip() {
        for marketplace in Marketplace::ALL {
            assert_eq!(Marketplace::from_code(marketplace.code()), Some(marketplace));
            let json = serde_json::to_string(&marketplace).unwrap();
            assert_eq!(json, format!("\"{}\"", marketplace.code()));
            assert_eq!(serde_json::from_str::<Marketplace>(&json).unwrap(), marketplace);
        }
        assert_eq!(Marketplace::from_code("azure"), None);
        assert_eq!(Marketplace::from_code("AWS"), None);
    }

    #[test]
    fn site_codes_round_trip() {
        let codes: Vec<&str> = Site::ALL.into_iter().map(Site::code).collect();
        assert_eq!(codes, ["cn1", "cn2", "cn4", "cn6", "us1", "eu1", "ap1"]);
        for site in Site::ALL {
            assert_eq!(Site::from_code(site.code()), Some(site));
            let json = serde_json::to_string(&site).unwrap();
            assert_eq!(json, format!("\"{}\"", site.code()));
            assert_eq!(serde_json::from_str::<Site>(&json).unwrap(), site);
        }
    }

    #[test]
    fn an_unknown_site_code_is_none() {
        for code in ["", "cn3", "CN1", " cn1", "us2"] {
            assert_eq!(Site::from_code(code), None, "{code:?}");
        }
        assert!(serde_json::from_str::<Site>(r#""cn3""#).is_err());
    }

    #[test]
    fn site_names_are_the_ones_in_the_spec() {
        let en: Vec<&str> = Site::ALL.into_iter().map(Site::name_en).collect();
        let zh: Vec<&str> = Site::ALL.into_iter().map(Site::name_zh).collect();
        assert_eq!(
            en,
            [
                "China 1 (Hangzhou)",
                "China 2 (Ningxia)",
                "China 4 (Guangzhou)",
                "China 6 (Hong Kong)",
                "Overseas 1 (Oregon)",
                "Europe 1 (Frankfurt)",
                "Asia-Pacific 1 (Singapore)",
            ]
        );
        assert_eq!(
            zh,
            [
                "中国区1（杭州）",
                "中国区2（宁夏）",
                "中国区4（广州）",
                "中国区6（香港）",
                "海外区1（俄勒冈）",
                "欧洲区1（法兰克福）",
                "亚太区1（新加坡）",
            ]
        );
    }

    #[test]
    fn site_names_and_hosts_are_unique() {
        let count = Site::ALL.len();
        let en: HashSet<_> = Site::ALL.into_iter().map(Site::name_en).collect();
        let zh: HashSet<_> = Site::ALL.into_iter().map(Site::name_zh).collect();
        let hosts: HashSet<_> = Site::ALL.into_iter().map(Site::openway_host).collect();
        assert_eq!((en.len(), zh.len(), hosts.len()), (count, count, count));
    }

    #[test]
    fn the_datakit_command_names_the_site_host_and_token() {
        let command = Site::Cn4.datakit_install_command("tkn_abc123");
        assert!(command.contains("https://cn4-openway.guance.com?token=tkn_abc123"), "{command}");
        assert!(command.starts_with("DK_DATAWAY="), "{command}");
    }

    #[test]
    fn an_identity_knows_its_marketplace_and_cloud_account() {
        assert_eq!(aws().marketplace(), Marketplace::Aws);
        assert_eq!(aliyun().marketplace(), Marketplace::Aliyun);
        assert_eq!(huawei().marketplace(), Marketplace::Huawei);
        for identity in [aws(), aliyun(), huawei()] {
            assert_eq!(identity.cloud_account().marketplace(), identity.marketplace());
        }
    }

    #[test]
    fn an_identity_serializes_tagged_by_marketplace() {
        let json = serde_json::to_value(aliyun()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "marketplace": "aliyun",
                "account_id": "1234567890123456",
                "instance_id": "cmgj00012345",
            })
        );
        for identity in [aws(), aliyun(), huawei()] {
            let text = serde_json::to_string(&identity).unwrap();
            assert_eq!(serde_json::from_str::<Identity>(&text).unwrap(), identity);
        }
    }

    #[test]
    fn an_identity_with_an_invalid_id_cannot_be_deserialized() {
        let bad = r#"{"marketplace":"aliyun","account_id":"123","instance_id":"cmgj00012345"}"#;
        assert!(serde_json::from_str::<Identity>(bad).is_err());
        let spaced =
            r#"{"marketplace":"aliyun","account_id":"1234567890123456","instance_id":"a b"}"#;
        assert!(serde_json::from_str::<Identity>(spaced).is_err());
    }

    #[test]
    fn a_cloud_account_serializes_with_marketplace_and_account_id() {
        let account = huawei().cloud_account();
        let json = serde_json::to_value(&account).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "marketplace": "huawei",
                "account_id": "0a1b2c3d4e5f60718293a4b5c6d79f8e",
            })
        );
        assert_eq!(serde_json::from_value::<CloudAccount>(json).unwrap(), account);
        let bad = serde_json::json!({"marketplace": "aws", "account_id": "1234567890123456"});
        assert!(serde_json::from_value::<CloudAccount>(bad).is_err());
    }

    #[test]
    fn a_cloud_account_masks_its_id() {
        assert_eq!(aws().cloud_account().masked_id(), "1234****9012");
        assert_eq!(aliyun().cloud_account().masked_id(), "1234****3456");
        assert_eq!(huawei().cloud_account().masked_id(), "0a1b****9f8e");
    }

    proptest! {
        #[test]
        fn site_from_code_accepts_exactly_the_known_codes(code in "[a-z]{2}[0-9]|\\PC{0,4}") {
            match Site::from_code(&code) {
                Some(site) => prop_assert_eq!(site.code(), code.as_str()),
                None => prop_assert!(!Site::ALL.into_iter().any(|s| s.code() == code)),
            }
        }
    }
}
