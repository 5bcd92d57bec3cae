//! [`FromJson`] for every answer the app reads, and [`ToJson`] for the identity it keeps: the same
//! JSON as serde's derives (and `wire.rs`) read and write. The contract tests (`json_tests.rs`)
//! check each type and every variant against serde's encoding.

use crate::{
    api::{
        Activation, ApiError, BillingAccount, BoundAccount, BoundSummary, CodeSent, Health,
        HealthStatus, LoggedIn, SessionContext, Settlement, StepAccepted, Workspace, WorkspaceHome,
        WorkspaceList, WorkspaceState,
    },
    domain::{
        AliyunAccountId, AwsAccountId, HuaweiAccountId, Identity, Marketplace, Site,
        WorkspaceLanguage,
    },
    field::{FieldError, FieldErrors, FieldId},
    flow::{CreateTab, Progress, Step, TokenProblem},
    json::{FromJson, Json, ToJson},
};

/// A unit enum read by its name (serde's `rename_all = "snake_case"`).
macro_rules! by_name {
    ($ty:ident { $($variant:ident = $name:literal,)* }) => {
        impl FromJson for $ty {
            fn from_json(value: &Json) -> Option<Self> {
                match value.as_str()? {
                    $($name => Some($ty::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

/// A unit enum read through its own `from_code`, whose codes are its serde names.
macro_rules! by_code {
    ($($ty:ident),*) => {$(
        impl FromJson for $ty {
            fn from_json(value: &Json) -> Option<Self> {
                $ty::from_code(value.as_str()?)
            }
        }
    )*};
}

by_code!(Marketplace, Site, TokenProblem, WorkspaceLanguage);

by_name!(CreateTab { ExistingAccount = "existing_account", NewAccount = "new_account", });

by_name!(WorkspaceState {
    Bindable = "bindable",
    Bound = "bound",
    SettledElsewhere = "settled_elsewhere",
});

by_name!(HealthStatus { Ok = "ok", });

/// By its snake_case name ([`FieldId::as_str`]), also as a map key.
impl FromJson for FieldId {
    fn from_json(value: &Json) -> Option<Self> {
        FieldId::from_name(value.as_str()?)
    }
}

/// Adjacently tagged: `{"step": "token_error", "detail": "expired"}`, `{"step": "choose"}`.
impl FromJson for Step {
    fn from_json(value: &Json) -> Option<Self> {
        use Step as S;
        Some(match value.field::<String>("step")?.as_str() {
            "arrival" => S::Arrival,
            "token_error" => S::TokenError(value.field("detail")?),
            "already_bound" => S::AlreadyBound,
            "choose" => S::Choose,
            "register_basic" => S::RegisterBasic,
            "register_company" => S::RegisterCompany,
            "register_method" => S::RegisterMethod,
            "activated" => S::Activated,
            "bind_account" => S::BindAccount,
            "bind_workspaces" => S::BindWorkspaces,
            "create_workspace" => S::CreateWorkspace(value.field("detail")?),
            "bound" => S::Bound,
            "login" => S::Login,
            "home" => S::Home,
            _ => return None,
        })
    }
}

impl FromJson for Progress {
    fn from_json(value: &Json) -> Option<Self> {
        Some(Progress {
            already_bound: value.field("already_bound")?,
            basic_info_done: value.field("basic_info_done")?,
            company_info_done: value.field("company_info_done")?,
            activated: value.field("activated")?,
            account_bound: value.field("account_bound")?,
            workspaces_bound: value.field("workspaces_bound")?,
            bind_finished: value.field("bind_finished")?,
        })
    }
}

/// Internally tagged by `marketplace`; the account ID's rules depend on it.
impl FromJson for Identity {
    fn from_json(value: &Json) -> Option<Self> {
        let account = value.member("account_id")?.as_str()?;
        Some(match value.field::<Marketplace>("marketplace")? {
            Marketplace::Aws => Identity::Aws {
                account_id: AwsAccountId::parse(account).ok()?,
                product_code: value.field("product_code")?,
                license_arn: value.field("license_arn")?,
            },
            Marketplace::Aliyun => Identity::Aliyun {
                account_id: AliyunAccountId::parse(account).ok()?,
                instance_id: value.field("instance_id")?,
            },
            Marketplace::Huawei => Identity::Huawei {
                account_id: HuaweiAccountId::parse(account).ok()?,
                instance_id: value.field("instance_id")?,
                tenant: value.field("tenant")?,
            },
        })
    }
}

/// The members in the order serde's derive writes them.
impl ToJson for Identity {
    fn to_json(&self) -> Json {
        let member = |name: &str, value: &dyn ToJson| (name.to_owned(), value.to_json());
        let tag =
            |marketplace: Marketplace| ("marketplace".to_owned(), marketplace.code().to_json());
        Json::Object(match self {
            Identity::Aws { account_id, product_code, license_arn } => vec![
                tag(Marketplace::Aws),
                member("account_id", account_id),
                member("product_code", product_code),
                member("license_arn", license_arn),
            ],
            Identity::Aliyun { account_id, instance_id } => vec![
                tag(Marketplace::Aliyun),
                member("account_id", account_id),
                member("instance_id", instance_id),
            ],
            Identity::Huawei { account_id, instance_id, tenant } => vec![
                tag(Marketplace::Huawei),
                member("account_id", account_id),
                member("instance_id", instance_id),
                member("tenant", tenant),
            ],
        })
    }
}

impl FromJson for Settlement {
    fn from_json(value: &Json) -> Option<Self> {
        Some(match value.field::<String>("kind")?.as_str() {
            "billing_center" => Settlement::BillingCenter,
            "cloud_account" => Settlement::CloudAccount {
                marketplace: value.field("marketplace")?,
                account: value.field("account")?,
            },
            _ => return None,
        })
    }
}

impl FromJson for Workspace {
    fn from_json(value: &Json) -> Option<Self> {
        Some(Workspace {
            id: value.field("id")?,
            name: value.field("name")?,
            site: value.field("site")?,
            language: value.field("language")?,
            settlement: value.field("settlement")?,
            state: value.field("state")?,
        })
    }
}

impl FromJson for BoundSummary {
    fn from_json(value: &Json) -> Option<Self> {
        Some(BoundSummary {
            billing_account: value.field("billing_account")?,
            workspaces: value.field("workspaces")?,
        })
    }
}

impl FromJson for BoundAccount {
    fn from_json(value: &Json) -> Option<Self> {
        Some(BoundAccount {
            billing_account: value.field("billing_account")?,
            workspaces: value.field("workspaces")?,
        })
    }
}

impl FromJson for Activation {
    fn from_json(value: &Json) -> Option<Self> {
        Some(Activation {
            billing_account: value.field("billing_account")?,
            workspaces: value.field("workspaces")?,
            settlement: value.field("settlement")?,
        })
    }
}

impl FromJson for SessionContext {
    fn from_json(value: &Json) -> Option<Self> {
        Some(SessionContext {
            identity: value.field("identity")?,
            sites: value.field("sites")?,
            default_site: value.field("default_site")?,
            progress: value.field("progress")?,
            already_bound: value.field("already_bound")?,
            billing_account: value.field("billing_account")?,
            finished: value.field("finished")?,
        })
    }
}

impl FromJson for Health {
    fn from_json(value: &Json) -> Option<Self> {
        Some(Health {
            status: value.field("status")?,
            service: value.field("service")?,
            version: value.field("version")?,
        })
    }
}

impl FromJson for CodeSent {
    fn from_json(value: &Json) -> Option<Self> {
        Some(CodeSent {
            sent_to: value.field("sent_to")?,
            resend_after_secs: value.field("resend_after_secs")?,
            valid_for_secs: value.field("valid_for_secs")?,
        })
    }
}

impl FromJson for StepAccepted {
    fn from_json(value: &Json) -> Option<Self> {
        Some(StepAccepted { progress: value.field("progress")? })
    }
}

impl FromJson for WorkspaceList {
    fn from_json(value: &Json) -> Option<Self> {
        Some(WorkspaceList { workspaces: value.field("workspaces")? })
    }
}

impl FromJson for LoggedIn {
    fn from_json(value: &Json) -> Option<Self> {
        Some(LoggedIn { username: value.field("username")? })
    }
}

impl FromJson for BillingAccount {
    fn from_json(value: &Json) -> Option<Self> {
        Some(BillingAccount { username: value.field("username")? })
    }
}

impl FromJson for WorkspaceHome {
    fn from_json(value: &Json) -> Option<Self> {
        Some(WorkspaceHome {
            username: value.field("username")?,
            workspace: value.field("workspace")?,
            install_command: value.field("install_command")?,
        })
    }
}

/// Internally tagged by `code`.
impl FromJson for ApiError {
    fn from_json(value: &Json) -> Option<Self> {
        use ApiError as A;
        let retry_after_secs = || value.field("retry_after_secs");
        Some(match value.field::<String>("code")?.as_str() {
            "invalid_fields" => A::InvalidFields { fields: value.field("fields")? },
            "malformed_request" => A::MalformedRequest,
            "token" => A::Token { problem: value.field("problem")? },
            "code_wrong" => A::CodeWrong { tries_left: value.field("tries_left")? },
            "code_expired" => A::CodeExpired,
            "code_locked" => A::CodeLocked,
            "code_not_sent" => A::CodeNotSent,
            "code_sent_too_recently" => {
                A::CodeSentTooRecently { retry_after_secs: retry_after_secs()? }
            }
            "username_taken" => A::UsernameTaken,
            "email_taken" => A::EmailTaken,
            "workspace_name_taken" => A::WorkspaceNameTaken,
            "unknown_account" => A::UnknownAccount,
            "cloud_account_already_bound" => A::CloudAccountAlreadyBound,
            "workspace_settled_elsewhere" => A::WorkspaceSettledElsewhere,
            "wrong_step" => A::WrongStep { expected: value.field("expected")? },
            "not_found" => A::NotFound,
            "method_not_allowed" => A::MethodNotAllowed,
            "session_expired" => A::SessionExpired,
            "bad_credentials" => A::BadCredentials,
            "unauthorized" => A::Unauthorized,
            "rate_limited" => A::RateLimited { retry_after_secs: retry_after_secs()? },
            "idempotency_conflict" => A::IdempotencyConflict,
            "unavailable" => A::Unavailable,
            "internal" => A::Internal,
            _ => return None,
        })
    }
}

/// An object from field names to errors.
impl FromJson for FieldErrors {
    fn from_json(value: &Json) -> Option<Self> {
        let Json::Object(members) = value else { return None };
        let mut errors = FieldErrors::new();
        for (name, error) in members {
            errors.add(FieldId::from_name(name)?, FieldError::from_json(error)?);
        }
        Some(errors)
    }
}

/// Internally tagged by `kind`.
impl FromJson for FieldError {
    fn from_json(value: &Json) -> Option<Self> {
        use FieldError as E;
        Some(match value.field::<String>("kind")?.as_str() {
            "required" => E::Required,
            "too_short" => E::TooShort { min: value.field("min")? },
            "too_long" => E::TooLong { max: value.field("max")? },
            "wrong_length" => E::WrongLength { len: value.field("len")? },
            "invalid_characters" => E::InvalidCharacters,
            "must_start_with_letter" => E::MustStartWithLetter,
            "control_characters" => E::ControlCharacters,
            "contains_whitespace" => E::ContainsWhitespace,
            "digits_only" => E::DigitsOnly,
            "hex_only" => E::HexOnly,
            "invalid_email" => E::InvalidEmail,
            "invalid_phone" => E::InvalidPhone,
            "invalid_arn" => E::InvalidArn,
            "password_too_common" => E::PasswordTooCommon,
            "password_is_username" => E::PasswordIsUsername,
            "password_is_email" => E::PasswordIsEmail,
            "password_mismatch" => E::PasswordMismatch,
            "must_agree" => E::MustAgree,
            "mismatches_marketplace" => E::MismatchesMarketplace,
            "site_not_offered" => E::SiteNotOffered,
            "taken" => E::Taken,
            "workspace_name_taken" => E::WorkspaceNameTaken,
            "unknown_account" => E::UnknownAccount,
            "code_wrong" => E::CodeWrong { tries_left: value.field("tries_left")? },
            "code_expired" => E::CodeExpired,
            "code_locked" => E::CodeLocked,
            "code_not_sent" => E::CodeNotSent,
            _ => return None,
        })
    }
}
