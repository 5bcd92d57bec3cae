//! Messages for fields: every field's label, and every `FieldError` of every field in a sentence
//! that says how to fix it. Exhaustive matches: a new variant in core does not compile until it has
//! its words here.

use activation_core::{FieldError, FieldId};

use super::{
    Lang, Tr,
    messages::{fixed, pick},
    text,
};

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
        FieldId::UsernameOrEmail => USERNAME_OR_EMAIL,
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
            zh_sentence("", zh_label, &format!("至少需要 {min} 个字符。")),
        ),
        FieldError::TooLong { max } => pick(
            lang,
            format!("{en_label} must be at most {max} characters."),
            zh_sentence("", zh_label, &format!("最多 {max} 个字符。")),
        ),
        FieldError::WrongLength { len } => pick(
            lang,
            format!("{en_label} must be exactly {len} characters."),
            zh_sentence("", zh_label, &format!("必须为 {len} 位。")),
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
                zh_sentence("", zh_label, "包含不允许的字符。"),
            ),
        },
        FieldError::MustStartWithLetter => {
            fixed(lang, "The username must start with a letter.", "用户名必须以字母开头。")
        }
        FieldError::ControlCharacters => pick(
            lang,
            format!("{en_label} cannot contain tabs, line breaks or other control characters."),
            zh_sentence("", zh_label, "不能包含制表符、换行符等控制字符。"),
        ),
        FieldError::ContainsWhitespace => pick(
            lang,
            format!("{en_label} cannot contain spaces."),
            zh_sentence("", zh_label, "不能包含空格。"),
        ),
        FieldError::DigitsOnly => pick(
            lang,
            format!("{en_label} can contain only digits (0–9)."),
            zh_sentence("", zh_label, "只能包含数字（0–9）。"),
        ),
        FieldError::HexOnly => pick(
            lang,
            format!("{en_label} can contain only digits 0–9 and letters a–f."),
            zh_sentence("", zh_label, "只能包含数字 0–9 和字母 a–f。"),
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
            zh_sentence("该", zh_label, "与云市场传来的不一致。请在云控制台中核对。"),
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

pub(super) fn taken(lang: Lang, field: FieldId) -> String {
    let label = field_label(field);
    pick(
        lang,
        format!(
            "This {} is already registered. Choose another, or bind the existing account.",
            label.en.to_ascii_lowercase()
        ),
        zh_sentence("该", label.zh, "已被注册。请更换，或绑定已有账号。"),
    )
}

pub(super) fn workspace_name_taken(lang: Lang) -> String {
    fixed(
        lang,
        "You already have a workspace with this name. Choose another name.",
        "您已有同名的工作空间。请换一个名称。",
    )
}

pub(super) fn unknown_account(lang: Lang, field: FieldId) -> String {
    match field {
        FieldId::UsernameOrEmail => fixed(
            lang,
            "No account uses this username or email. Check it, or register a new account.",
            "没有使用该用户名或邮箱的账号。请核对，或注册新账号。",
        ),
        FieldId::Email => fixed(
            lang,
            "No Guance account uses this email. Check it, or use the “I don't have a Guance account” tab.",
            "没有使用该邮箱的观测云账号。请核对，或改用“我没有观测云账号”。",
        ),
        _ => fixed(
            lang,
            "No Billing Center account has this username. Check it, or register a new account: if you already use Guance, register with your Guance account's email and your new workspace is added to that account.",
            "没有使用该用户名的费用中心账号。请核对，或注册新账号：如已在使用观测云，请用观测云账号的邮箱注册，新工作空间将添加到该账号下。",
        ),
    }
}

pub(super) fn code_wrong(lang: Lang, tries_left: u8) -> String {
    pick(
        lang,
        format!(
            "The verification code is not right. {tries_left} {} left.",
            if tries_left == 1 { "try" } else { "tries" }
        ),
        format!("验证码不正确，还可尝试 {tries_left} 次。"),
    )
}

pub(super) fn code_expired(lang: Lang) -> String {
    fixed(
        lang,
        "This verification code has expired or was already used. Press Send code for a new one.",
        "验证码已过期或已使用。请点击“发送验证码”获取新的验证码。",
    )
}

pub(super) fn code_locked(lang: Lang) -> String {
    fixed(
        lang,
        "Too many wrong tries: this code no longer works. Press Send code for a new one.",
        "错误次数过多，该验证码已失效。请点击“发送验证码”获取新的验证码。",
    )
}

pub(super) fn code_not_sent(lang: Lang) -> String {
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
        FieldId::UsernameOrEmail => "Enter your username or email.",
    };
    let zh = match field {
        FieldId::Site | FieldId::Industry | FieldId::WorkspaceLanguage => {
            zh_sentence("请选择", field_label(field).zh, "。")
        }
        FieldId::ConfirmPassword => "请再次输入密码。".to_owned(),
        FieldId::VerificationCode => "请输入邮件中的 6 位验证码。".to_owned(),
        FieldId::AgreeTerms => "您需要同意服务条款才能继续。".to_owned(),
        _ => zh_sentence("请输入", field_label(field).zh, "。"),
    };
    pick(lang, en.to_owned(), zh)
}

/// A Chinese sentence of `before`, `label` and `after`, with a space wherever the label's Latin
/// letters or digits meet a Chinese character (请输入 AWS 账号 ID。, 账号 ID 必须为 16 位。), as the
/// console's other Chinese text is set. Punctuation takes no space.
fn zh_sentence(before: &str, label: &str, after: &str) -> String {
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let han = |c: Option<char>| {
        c.is_some_and(|c| matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'))
    };
    let gap = |left: Option<char>, right: Option<char>| {
        if (latin(left) && han(right)) || (han(left) && latin(right)) { " " } else { "" }
    };
    let before_gap = gap(before.chars().next_back(), label.chars().next());
    let after_gap = gap(label.chars().next_back(), after.chars().next());
    format!("{before}{before_gap}{label}{after_gap}{after}")
}
