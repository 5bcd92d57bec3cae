//! The three marketplaces, what each tells us about the buyer, and the sites a workspace can live on.

use serde::{Deserialize, Serialize};

use super::{
    AliyunAccountId, AwsAccountId, HuaweiAccountId, HuaweiTenant, InstanceId, LicenseArn,
    ProductCode,
};

/// Where the customer bought the Commercial Plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Marketplace {
    Aws,
    Aliyun,
    Huawei,
}

impl Marketplace {
    pub const ALL: [Marketplace; 3] = [Marketplace::Aws, Marketplace::Aliyun, Marketplace::Huawei];

    /// The slug in URLs: `aws`, `aliyun`, `huawei`.
    pub fn code(self) -> &'static str {
        match self {
            Marketplace::Aws => "aws",
            Marketplace::Aliyun => "aliyun",
            Marketplace::Huawei => "huawei",
        }
    }

    pub fn from_code(code: &str) -> Option<Marketplace> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }

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
}

/// A Guance site: where a workspace's data lives. Fixed when the workspace is created.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Site {
    Cn1,
    Cn2,
    Cn4,
    Cn6,
    Us1,
    Eu1,
    Ap1,
}

impl Site {
    pub const ALL: [Site; 7] = [
        Site::Cn1,
        Site::Cn2,
        Site::Cn4,
        Site::Cn6,
        Site::Us1,
        Site::Eu1,
        Site::Ap1,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Site::Cn1 => "cn1",
            Site::Cn2 => "cn2",
            Site::Cn4 => "cn4",
            Site::Cn6 => "cn6",
            Site::Us1 => "us1",
            Site::Eu1 => "eu1",
            Site::Ap1 => "ap1",
        }
    }

    pub fn from_code(code: &str) -> Option<Site> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

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

/// What a marketplace told us about the buyer when it handed them off.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "marketplace", rename_all = "snake_case")]
pub enum Identity {
    Aws {
        account_id: AwsAccountId,
        product_code: ProductCode,
        license_arn: LicenseArn,
    },
    Aliyun {
        account_id: AliyunAccountId,
        instance_id: InstanceId,
    },
    Huawei {
        account_id: HuaweiAccountId,
        instance_id: InstanceId,
        tenant: HuaweiTenant,
    },
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
