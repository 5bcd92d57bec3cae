//! Messages for core's values: every `FieldError` of every field, every `ApiError` code, site and
//! industry names, field labels. Exhaustive matches: a new variant in core does not compile until it
//! has its words here.

use activation_core::{
    FieldError, FieldId,
    api::ApiError,
    domain::{Industry, Site},
    flow::Step,
};

use super::{Lang, Tr, text};
use crate::api::ClientError;

/// Picks the text for `lang`.
fn pick(lang: Lang, en: String, zh: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// The same text, whatever the numbers.
fn fixed(lang: Lang, en: &str, zh: &str) -> String {
    pick(lang, en.to_owned(), zh.to_owned())
}

/// The label of a field, as on its form.
pub fn field_label(field: FieldId) -> Tr {
    use text::*;
    match field {
        FieldId::Site => SITE,
        FieldId::Username => USERNAME,
        FieldId::Password => PASSWORD,
        FieldId::ConfirmPassword => CONFIRM_PASSWORD,
        FieldId::Email => EMAIL,
        FieldId::VerificationCode => VERIFICATION_CODE,
        FieldId::Phone => PHONE,
        FieldId::CompanyName => COMPANY_NAME,
        FieldId::Industry => INDUSTRY,
        FieldId::ContactName => CONTACT_NAME,
        FieldId::AgreeTerms => AGREE_TERMS,
        FieldId::WorkspaceName => WORKSPACE_NAME,
        FieldId::WorkspaceLanguage => WORKSPACE_LANGUAGE,
        FieldId::AliyunAccountId => ALIYUN_ACCOUNT_ID,
        FieldId::AliyunInstanceId => ALIYUN_INSTANCE_ID,
        FieldId::HuaweiAccountId => HUAWEI_ACCOUNT_ID,
        FieldId::HuaweiInstanceId => HUAWEI_INSTANCE_ID,
        FieldId::AwsAccountId => AWS_ACCOUNT_ID,
        FieldId::AwsProductCode => AWS_PRODUCT_CODE,
        FieldId::AwsLicenseArn => AWS_LICENSE_ARN,
        FieldId::HuaweiTenant => HUAWEI_TENANT,
    }
}

/// What is wrong with `field`, in a sentence that says how to fix it.
pub fn field_error(lang: Lang, field: FieldId, error: FieldError) -> String {
    let en_label = field_label(field).en;
    let zh_label = field_label(field).zh;
    match error {
        FieldError::Required => required(lang, field),
        FieldError::TooShort { min } => pick(
            lang,
            format!("{en_label} must be at least {min} characters."),
            format!("{zh_label}至少需要 {min} 个字符。"),
        ),
        FieldError::TooLong { max } => pick(
            lang,
            format!("{en_label} must be at most {max} characters."),
            format!("{zh_label}最多 {max} 个字符。"),
        ),
        FieldError::WrongLength { len } => pick(
            lang,
            format!("{en_label} must be exactly {len} characters."),
            format!("{zh_label}必须为 {len} 位。"),
        ),
        FieldError::InvalidCharacters => match field {
            FieldId::Username => fixed(
                lang,
                "Use only letters, digits, underscores (_), dots (.) and hyphens (-).",
                "只能使用字母、数字、下划线（_）、点（.）和连字符（-）。",
            ),
            _ => pick(
                lang,
                format!("{en_label} contains characters that are not allowed."),
                format!("{zh_label}包含不允许的字符。"),
            ),
        },
        FieldError::MustStartWithLetter => {
            fixed(lang, "The username must start with a letter.", "用户名必须以字母开头。")
        }
        FieldError::ControlCharacters => pick(
            lang,
            format!("{en_label} cannot contain tabs, line breaks or other control characters."),
            format!("{zh_label}不能包含制表符、换行符等控制字符。"),
        ),
        FieldError::ContainsWhitespace => pick(
            lang,
            format!("{en_label} cannot contain spaces."),
            format!("{zh_label}不能包含空格。"),
        ),
        FieldError::DigitsOnly => pick(
            lang,
            format!("{en_label} can contain only digits (0–9)."),
            format!("{zh_label}只能包含数字（0–9）。"),
        ),
        FieldError::HexOnly => pick(
            lang,
            format!("{en_label} can contain only digits 0–9 and letters a–f."),
            format!("{zh_label}只能包含数字 0–9 和字母 a–f。"),
        ),
        FieldError::InvalidEmail => fixed(
            lang,
            "Enter an email address like name@example.com.",
            "请输入有效的邮箱地址，例如 name@example.com。",
        ),
        FieldError::InvalidPhone => fixed(
            lang,
            "Enter a mobile number like 13812345678, or an international number like +8613812345678.",
            "请输入手机号码，例如 13812345678，或国际号码，例如 +8613812345678。",
        ),
        FieldError::InvalidArn => fixed(
            lang,
            "This is not an AWS license ARN (it starts with arn:aws).",
            "这不是有效的 AWS 许可证 ARN（应以 arn:aws 开头）。",
        ),
        FieldError::PasswordTooCommon => fixed(
            lang,
            "This password is too common and easy to guess. Choose another.",
            "该密码过于常见，容易被猜到。请换一个。",
        ),
        FieldError::PasswordIsUsername => fixed(
            lang,
            "The password cannot be the same as the username.",
            "密码不能与用户名相同。",
        ),
        FieldError::PasswordIsEmail => fixed(
            lang,
            "The password cannot be the same as the email address.",
            "密码不能与邮箱地址相同。",
        ),
        FieldError::PasswordMismatch => {
            fixed(lang, "The passwords do not match.", "两次输入的密码不一致。")
        }
        FieldError::MustAgree => {
            fixed(lang, "You must agree to the terms to continue.", "您需要同意服务条款才能继续。")
        }
        FieldError::MismatchesMarketplace => pick(
            lang,
            format!(
                "This {en_label} does not match the one the marketplace sent. Check it in your cloud console."
            ),
            format!("该{zh_label}与云市场传来的不一致。请在云控制台中核对。"),
        ),
        FieldError::SiteNotOffered => fixed(
            lang,
            "This marketplace does not offer that site. Choose one of the listed sites.",
            "该云市场不提供此站点。请选择列表中的站点。",
        ),
        FieldError::Taken => taken(lang, field),
        FieldError::WorkspaceNameTaken => workspace_name_taken(lang),
        FieldError::UnknownAccount => unknown_account(lang, field),
        FieldError::CodeWrong { tries_left } => code_wrong(lang, tries_left),
        FieldError::CodeExpired => code_expired(lang),
        FieldError::CodeLocked => code_locked(lang),
        FieldError::CodeNotSent => code_not_sent(lang),
    }
}

// The refusals about one value (a code, a name, an account): a form shows them next to the field
// ([`field_error`]), a page without that field on its own ([`api_error`]). Apart from the
// validation messages, so that the first screen's wasm, which shows only `api_error`, leaves those
// to the pages' chunk (`crate::lazy`).

fn taken(lang: Lang, field: FieldId) -> String {
    let label = field_label(field);
    pick(
        lang,
        format!(
            "This {} is already registered. Choose another, or bind the existing account.",
            label.en.to_ascii_lowercase()
        ),
        format!("该{}已被注册。请更换，或绑定已有账号。", label.zh),
    )
}

fn workspace_name_taken(lang: Lang) -> String {
    fixed(
        lang,
        "You already have a workspace with this name. Choose another name.",
        "您已有同名的工作空间。请换一个名称。",
    )
}

fn unknown_account(lang: Lang, field: FieldId) -> String {
    match field {
        FieldId::Email => fixed(
            lang,
            "No Guance account uses this email. Check it, or use the “I don't have a Guance account” tab.",
            "没有使用该邮箱的观测云账号。请核对，或改用“我没有观测云账号”。",
        ),
        _ => fixed(
            lang,
            "No Billing Center account has this username. Check it, or register a new account.",
            "没有使用该用户名的费用中心账号。请核对，或注册新账号。",
        ),
    }
}

fn code_wrong(lang: Lang, tries_left: u8) -> String {
    pick(
        lang,
        format!(
            "The verification code is not right. {tries_left} {} left.",
            if tries_left == 1 { "try" } else { "tries" }
        ),
        format!("验证码不正确，还可尝试 {tries_left} 次。"),
    )
}

fn code_expired(lang: Lang) -> String {
    fixed(
        lang,
        "This verification code has expired or was already used. Press Send code for a new one.",
        "验证码已过期或已使用。请点击“发送验证码”获取新的验证码。",
    )
}

fn code_locked(lang: Lang) -> String {
    fixed(
        lang,
        "Too many wrong tries: this code no longer works. Press Send code for a new one.",
        "错误次数过多，该验证码已失效。请点击“发送验证码”获取新的验证码。",
    )
}

fn code_not_sent(lang: Lang) -> String {
    fixed(
        lang,
        "No code was sent to this address yet. Press Send code first.",
        "尚未向该地址发送验证码。请先点击“发送验证码”。",
    )
}

/// What to do about an empty required field.
fn required(lang: Lang, field: FieldId) -> String {
    let en = match field {
        FieldId::Site => "Choose a site.",
        FieldId::Username => "Enter a username.",
        FieldId::Password => "Enter a password.",
        FieldId::ConfirmPassword => "Enter the password again.",
        FieldId::Email => "Enter an email address.",
        FieldId::VerificationCode => "Enter the 6-digit code from the email.",
        FieldId::Phone => "Enter a phone number.",
        FieldId::CompanyName => "Enter the company name.",
        FieldId::Industry => "Choose an industry.",
        FieldId::ContactName => "Enter a contact name.",
        FieldId::AgreeTerms => "You must agree to the terms to continue.",
        FieldId::WorkspaceName => "Enter a workspace name.",
        FieldId::WorkspaceLanguage => "Choose the workspace language.",
        FieldId::AliyunAccountId => "Enter your Alibaba Cloud account ID.",
        FieldId::AliyunInstanceId => "Enter the product instance ID.",
        FieldId::HuaweiAccountId => "Enter your Huawei Cloud account ID.",
        FieldId::HuaweiInstanceId => "Enter the Huawei Cloud instance ID.",
        FieldId::AwsAccountId => "Enter your AWS account ID.",
        FieldId::AwsProductCode => "Enter the product code.",
        FieldId::AwsLicenseArn => "Enter the license ARN.",
        FieldId::HuaweiTenant => "Enter the tenant.",
    };
    let zh = match field {
        FieldId::Site | FieldId::Industry | FieldId::WorkspaceLanguage => {
            format!("请选择{}。", field_label(field).zh)
        }
        FieldId::ConfirmPassword => "请再次输入密码。".to_owned(),
        FieldId::VerificationCode => "请输入邮件中的 6 位验证码。".to_owned(),
        FieldId::AgreeTerms => "您需要同意服务条款才能继续。".to_owned(),
        _ => format!("请输入{}。", field_label(field).zh),
    };
    pick(lang, en.to_owned(), zh)
}

/// The message for a refusal that is not about one field (or for the error summary).
pub fn api_error(lang: Lang, error: &ApiError) -> String {
    match error {
        ApiError::InvalidFields { .. } => {
            fixed(lang, "Some fields need your attention.", "部分字段需要修改。")
        }
        ApiError::MalformedRequest => fixed(
            lang,
            "The request could not be read. Reload the page and try again.",
            "无法读取请求。请刷新页面后重试。",
        ),
        ApiError::Token { problem } => token_problem(lang, *problem),
        ApiError::CodeWrong { tries_left } => code_wrong(lang, *tries_left),
        ApiError::CodeExpired => code_expired(lang),
        ApiError::CodeLocked => code_locked(lang),
        ApiError::CodeNotSent => code_not_sent(lang),
        ApiError::CodeSentTooRecently { retry_after_secs } => pick(
            lang,
            format!("A code was sent moments ago. You can send another in {retry_after_secs} s."),
            format!("验证码刚刚已发送，{retry_after_secs} 秒后可再次发送。"),
        ),
        ApiError::UsernameTaken => taken(lang, FieldId::Username),
        ApiError::EmailTaken => taken(lang, FieldId::Email),
        ApiError::WorkspaceNameTaken => workspace_name_taken(lang),
        ApiError::UnknownAccount => unknown_account(lang, FieldId::Username),
        ApiError::CloudAccountAlreadyBound => fixed(
            lang,
            "This cloud account already settles for another Billing Center account. Open Guance again from your marketplace to see it.",
            "该云账号已为另一个费用中心账号结算。请从云市场重新打开观测云查看。",
        ),
        ApiError::WorkspaceSettledElsewhere => fixed(
            lang,
            "This workspace is already settled by another cloud account and cannot be bound here.",
            "该工作空间已由其他云账号结算，无法在此绑定。",
        ),
        ApiError::WrongStep { expected } => pick(
            lang,
            format!(
                "This step is not available yet. Continue from “{}”.",
                step_name(Lang::En, *expected)
            ),
            format!("尚不能进行此步骤。请从“{}”继续。", step_name(Lang::Zh, *expected)),
        ),
        ApiError::NotFound => fixed(
            lang,
            "That was not found. It may have been removed.",
            "未找到该内容，可能已被删除。",
        ),
        ApiError::SessionExpired => fixed(
            lang,
            "Your activation session has expired. Go back to your marketplace's purchased services and open Guance again.",
            "开通会话已过期。请返回云市场的已购服务列表，重新打开观测云。",
        ),
        ApiError::BadCredentials => {
            fixed(lang, "The username or password is not right.", "用户名或密码不正确。")
        }
        ApiError::Unauthorized => fixed(lang, "Please log in first.", "请先登录。"),
        ApiError::RateLimited { retry_after_secs } => {
            let minutes = retry_after_secs.div_ceil(60);
            pick(
                lang,
                format!("Too many attempts. Try again in {minutes} min."),
                format!("尝试次数过多，请 {minutes} 分钟后再试。"),
            )
        }
        ApiError::IdempotencyConflict => fixed(
            lang,
            "This request was already sent with different details. Reload the page and try again.",
            "该请求已以不同内容提交过。请刷新页面后重试。",
        ),
        ApiError::Unavailable => fixed(
            lang,
            "The service is busy or unavailable right now. Nothing you typed is lost.",
            "服务暂时繁忙或不可用。您填写的内容不会丢失。",
        ),
        ApiError::MethodNotAllowed => fixed(
            lang,
            "This page asked the service in a way it does not accept. Reload the page and try again.",
            "页面以服务不接受的方式发出了请求。请刷新页面后重试。",
        ),
        ApiError::Internal => fixed(
            lang,
            "Something went wrong on our side. Nothing you typed is lost.",
            "服务出现错误。您填写的内容不会丢失。",
        ),
    }
}

/// The message for any failed call.
pub fn client_error(lang: Lang, error: &ClientError) -> String {
    match error {
        ClientError::Api(error) => api_error(lang, error),
        ClientError::Network => fixed(
            lang,
            "The service could not be reached. Check your network connection. Nothing you typed is lost.",
            "无法连接到服务。请检查网络连接。您填写的内容不会丢失。",
        ),
        ClientError::Unexpected(status) => pick(
            lang,
            format!(
                "The service answered unexpectedly (HTTP {status}). Nothing you typed is lost."
            ),
            format!("服务返回了意外的响应（HTTP {status}）。您填写的内容不会丢失。"),
        ),
    }
}

fn token_problem(lang: Lang, problem: activation_core::flow::TokenProblem) -> String {
    use activation_core::flow::TokenProblem as P;
    let tr = match problem {
        P::Missing => text::TOKEN_MISSING,
        P::Invalid => text::TOKEN_INVALID,
        P::Expired => text::TOKEN_EXPIRED,
        P::Used => text::TOKEN_USED,
    };
    tr.get(lang).to_owned()
}

/// The name of a step, as its heading says.
pub fn step_name(lang: Lang, step: Step) -> &'static str {
    use text::*;
    let tr = match step {
        Step::Arrival | Step::TokenError(_) => PRODUCT,
        Step::AlreadyBound => ALREADY_BOUND_TITLE,
        Step::Choose => CHOOSE_TITLE,
        Step::RegisterBasic => BASIC_TITLE,
        Step::RegisterCompany => COMPANY_TITLE,
        Step::RegisterMethod => METHOD_TITLE,
        Step::Activated => ACTIVATED_TITLE,
        Step::BindAccount => BIND_ACCOUNT_TITLE,
        Step::BindWorkspaces | Step::CreateWorkspace(_) => BIND_WORKSPACES_TITLE,
        Step::Bound => BOUND_TITLE,
        Step::Login => LOGIN_TITLE,
        Step::Home => HOME_WORKSPACE_TITLE,
    };
    tr.get(lang)
}

pub fn site_name(lang: Lang, site: Site) -> &'static str {
    match lang {
        Lang::En => site.name_en(),
        Lang::Zh => site.name_zh(),
    }
}

pub fn industry_name(industry: Industry) -> Tr {
    let (en, zh) = match industry {
        Industry::Internet => ("Internet", "互联网"),
        Industry::Finance => ("Finance", "金融"),
        Industry::Manufacturing => ("Manufacturing", "制造业"),
        Industry::Retail => ("Retail", "零售"),
        Industry::Education => ("Education", "教育"),
        Industry::Healthcare => ("Healthcare", "医疗健康"),
        Industry::Government => ("Government", "政府"),
        Industry::Telecom => ("Telecommunications", "通信"),
        Industry::Energy => ("Energy", "能源"),
        Industry::Logistics => ("Logistics", "物流"),
        Industry::Gaming => ("Gaming", "游戏"),
        Industry::Other => ("Other", "其他"),
    };
    Tr { en, zh }
}

/// "AWS account 1234****9012", or the Billing Center itself.
pub fn settlement_text(lang: Lang, settlement: &activation_core::api::Settlement) -> String {
    use activation_core::{api::Settlement, domain::Marketplace};
    match settlement {
        Settlement::BillingCenter => text::BILLED_BY_BILLING_CENTER.get(lang).to_owned(),
        Settlement::CloudAccount { marketplace, account } => {
            let kind = match marketplace {
                Marketplace::Aws => text::AWS_ACCOUNT,
                Marketplace::Aliyun => text::ALIYUN_ACCOUNT,
                Marketplace::Huawei => text::HUAWEI_ACCOUNT,
            };
            format!("{} {account}", kind.get(lang))
        }
    }
}

/// "English" / "Chinese" for a workspace's template language.
pub fn workspace_language_name(language: activation_core::domain::WorkspaceLanguage) -> Tr {
    match language {
        activation_core::domain::WorkspaceLanguage::En => text::LANGUAGE_EN,
        activation_core::domain::WorkspaceLanguage::Zh => text::LANGUAGE_ZH,
    }
}

/// What a workspace's state means for the current cloud account.
pub fn workspace_state(state: activation_core::api::WorkspaceState) -> Tr {
    use activation_core::api::WorkspaceState;
    match state {
        WorkspaceState::Bindable => text::STATE_BINDABLE,
        WorkspaceState::Bound => text::STATE_BOUND,
        WorkspaceState::SettledElsewhere => text::STATE_ELSEWHERE,
    }
}
