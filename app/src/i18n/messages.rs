//! Messages for core's values: every `ApiError` code, every failed call, step, site, industry and
//! settlement names (the fields' own are in `field_messages`). Exhaustive matches: a new variant in
//! core does not compile until it has its words here.

use activation_core::{
    FieldId,
    api::ApiError,
    domain::{Industry, Site},
    flow::Step,
};

use super::{
    Lang, Tr,
    field_messages::{
        code_expired, code_locked, code_not_sent, code_wrong, taken, unknown_account,
        workspace_name_taken,
    },
    text,
};
use crate::api::ClientError;

/// Picks the text for `lang`.
pub(super) fn pick(lang: Lang, en: String, zh: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// The same text, whatever the numbers.
pub(super) fn fixed(lang: Lang, en: &str, zh: &str) -> String {
    pick(lang, en.to_owned(), zh.to_owned())
}

/// The Send code button while the next code must wait `secs`: the number first in Chinese, and
/// spaced, as the console's other Chinese counts are (42 秒后重新发送).
pub fn resend_in(lang: Lang, secs: u32) -> String {
    pick(lang, format!("Send again in {secs}s"), format!("{secs} 秒后重新发送"))
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
        ApiError::Token { problem } => token_problem(lang, *problem, None),
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
        ApiError::CloudAccountNotBound => fixed(
            lang,
            "This cloud account is not bound to your Billing Center account yet. Bind it first: open Guance from the marketplace where you bought it and choose I have a Billing Center account. Then it can settle this workspace.",
            "该云账号尚未绑定到您的费用中心账号。请先绑定：从购买该服务的云市场打开观测云，选择“我有费用中心账号”。绑定后即可为该工作空间结算。",
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
        ApiError::DirectLoginUnavailable => fixed(
            lang,
            "Log in directly is not available for this Huawei Cloud member: no Guance account of yours was linked when you activated. Log in with your username and password.",
            "此华为云成员无法直接登录：开通时未关联您自己的观测云账号。请使用用户名和密码登录。",
        ),
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
        ApiError::CrossSite => fixed(
            lang,
            "This request did not come from the console's own page, so it was refused and nothing changed. Open the console from its own address and try again.",
            "该请求并非来自控制台自身的页面，已被拒绝，未做任何更改。请从控制台自己的地址打开后重试。",
        ),
        ApiError::TooLarge => fixed(
            lang,
            "What was sent is too large for the service. Shorten what you typed and try again.",
            "提交的内容过大，服务无法接收。请缩短填写的内容后重试。",
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

/// Why a hand-off from `marketplace` (when known) was refused, in words that name it.
pub fn token_problem(
    lang: Lang,
    problem: activation_core::flow::TokenProblem,
    marketplace: Option<activation_core::domain::Marketplace>,
) -> String {
    use activation_core::flow::TokenProblem as P;
    let tr = match problem {
        P::Missing => text::TOKEN_MISSING,
        P::Invalid => text::TOKEN_INVALID,
        P::Expired => text::TOKEN_EXPIRED,
        P::Used => text::TOKEN_USED,
        P::OtherBrowser => text::TOKEN_OTHER_BROWSER,
    };
    let from = marketplace.map_or(text::TOKEN_SOME_MARKETPLACE, crate::pages::marketplace_name);
    tr.get(lang).replace("{marketplace}", from.get(lang))
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

/// A workspace's state in the Billing Center's Workspace management, where no cloud account is
/// looking: bound to a cloud account (the one its settlement method names), or not bound.
pub fn billing_workspace_state(state: activation_core::api::WorkspaceState) -> Tr {
    use activation_core::api::WorkspaceState;
    match state {
        WorkspaceState::Bindable => text::STATE_BINDABLE,
        WorkspaceState::Bound | WorkspaceState::SettledElsewhere => {
            text::STATE_BOUND_TO_CLOUD_ACCOUNT
        }
    }
}
