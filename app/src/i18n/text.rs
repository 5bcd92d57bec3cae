//! Every string the screens show, English and Chinese side by side, grouped by screen. Labels and
//! button texts are exactly those of SPEC §3 (tests find elements by them).

use super::Tr;

macro_rules! tr {
    ($($(#[$doc:meta])* $name:ident = $en:literal, $zh:literal;)*) => {
        $($(#[$doc])* pub const $name: Tr = Tr { en: $en, zh: $zh };)*
    };
}

// ---- Header, shared pieces ----
tr! {
    PRODUCT = "Guance Commercial Plan activation", "观测云商业版开通";
    LANGUAGE = "Language", "语言";
    SITE = "Site", "站点";
    SITE_NOTE = "The site only decides where a new workspace is created and is unrelated to the Billing Center binding. A workspace's site cannot be changed afterwards.",
        "站点仅决定新工作空间的创建位置，与费用中心绑定无关。工作空间创建后，站点不可更改。";
    NEXT = "Next", "下一步";
    BACK = "Back", "上一步";
    TRY_AGAIN = "Try again", "重试";
    CANCEL = "Cancel", "取消";
    CONFIRM = "Confirm", "确认";
    WORKING = "Working…", "处理中…";
    SLOW = "This is taking longer than usual…", "处理时间比平常长…";
    LOADING = "Loading…", "加载中…";
    OPTIONAL = "(optional)", "（选填）";
    SEND_CODE = "Send code", "发送验证码";
    SENDING_CODE = "Sending…", "发送中…";
    CODE_SENT_TO = "A 6-digit code was sent to", "6 位验证码已发送至";
    CODE_VALID = "It is valid for 10 minutes.", "有效期 10 分钟。";
    ERRORS_TITLE = "Please correct the following:", "请修改以下内容：";
    STEP = "Step", "步骤";
    OF = "of", "/";
    GO_TO_LOGIN = "Go to login", "前往登录";
    HOW_TO_FIND = "How do I find this?", "如何查找？";
    READ_ONLY_FROM_MARKETPLACE = "Sent by the marketplace; it cannot be changed here.", "由云市场传来，此处不可修改。";
    FROM_ALIYUN_PURCHASE = "From your Alibaba Cloud Marketplace purchase; it cannot be changed here.", "来自您在阿里云云市场的购买，此处不可修改。";
    FROM_HUAWEI_PURCHASE = "From your Huawei Cloud KooGallery purchase; it cannot be changed here.", "来自您在华为云云商店的购买，此处不可修改。";
    WHERE_MARKETPLACE_SHOWS = "Where the marketplace shows it", "在云市场的哪里查看";
    HOW_TO_FIND_HUAWEI_INSTANCE_ID = "How to find the Huawei Cloud instance ID", "如何查找华为云实例 ID";
    CLOUD_ACCOUNT = "Paying cloud account", "付费云账号";
    BILLING_CENTER_ACCOUNT = "Billing Center account", "费用中心账号";
    WORKSPACE = "Workspace", "工作空间";
    WORKSPACES = "Workspaces", "工作空间";
    LANGUAGE_EN = "English", "英文";
    LANGUAGE_ZH = "Chinese", "中文";
    NOT_FOUND_TITLE = "Page not found", "页面不存在";
    NOT_FOUND_BODY = "There is no page at this address. It may have moved, or the link may be incomplete.",
        "此地址没有页面。页面可能已移动，或链接不完整。";
    BACK_HOME = "Go to the start page", "返回首页";
    PAGE_UNAVAILABLE_TITLE = "This page did not load", "此页面未能加载";
    PAGE_UNAVAILABLE = "Part of the console could not be downloaded. Check your connection and try again; what you typed is kept.",
        "控制台的部分内容未能下载。请检查网络连接后重试；已填写的内容会保留。";
    HOME_TITLE = "Activate your Guance Commercial Plan", "开通观测云商业版";
    HOME_INTRO = "You arrive here from AWS Marketplace, Alibaba Cloud Marketplace or Huawei Cloud KooGallery after buying the Guance Commercial Plan. Open the Guance service from your marketplace's purchased-services list to start.",
        "在 AWS Marketplace、阿里云云市场或华为云云商店购买观测云商业版后，您将来到此页面。请从云市场的已购服务列表中打开观测云服务以开始。";
    BACKEND_CHECKING = "Checking the connection to the service…", "正在检查与服务的连接…";
    BACKEND_OK = "The service is reachable.", "服务连接正常。";
    BACKEND_DOWN = "The service cannot be reached. Check your network connection and try again.",
        "无法连接到服务。请检查网络连接后重试。";
    HOME_LOGIN_LINK = "Already activated? Log in", "已开通？登录";
    HOME_BILLING_LINK = "Billing Center", "费用中心";
    MARKETPLACE_AWS = "AWS Marketplace", "AWS Marketplace";
    MARKETPLACE_ALIYUN = "Alibaba Cloud Marketplace", "阿里云云市场";
    MARKETPLACE_HUAWEI = "Huawei Cloud KooGallery", "华为云云商店";
    AWS_ACCOUNT = "AWS account", "AWS 账号";
    ALIYUN_ACCOUNT = "Alibaba Cloud account", "阿里云账号";
    HUAWEI_ACCOUNT = "Huawei Cloud account", "华为云账号";
    BILLED_BY_BILLING_CENTER = "Billing Center (direct)", "费用中心直接结算";
}

// ---- Field labels ----
tr! {
    USERNAME = "Username", "用户名";
    USERNAME_HINT = "4–32 letters, digits, _ . or -, starting with a letter. A Billing Center username cannot be changed after registration.",
        "4–32 位字母、数字、_ . 或 -，以字母开头。费用中心用户名注册后不可更改。";
    PASSWORD = "Password", "密码";
    PASSWORD_HINT = "8–64 characters; not your username or email.", "8–64 个字符，不能与用户名或邮箱相同。";
    CONFIRM_PASSWORD = "Confirm password", "确认密码";
    EMAIL = "Email", "邮箱";
    VERIFICATION_CODE = "Verification code", "验证码";
    PHONE = "Phone", "手机号码";
    COMPANY_NAME = "Company name", "公司名称";
    INDUSTRY = "Industry", "行业";
    INDUSTRY_NONE = "Not specified", "未指定";
    CONTACT_NAME = "Contact name", "联系人";
    AGREE_TERMS = "I agree to the terms", "我同意服务条款";
    TERMS_LINK = "Read the terms (opens in a new tab)", "阅读服务条款（在新标签页中打开）";
    WORKSPACE_NAME = "Workspace name", "工作空间名称";
    WORKSPACE_LANGUAGE = "Workspace language", "工作空间语言";
    WORKSPACE_LANGUAGE_WARNING = "The workspace language sets the templates of events, alerts and messages. It cannot be changed later, so choose carefully.",
        "工作空间语言决定事件、告警和短信等模板的语言，创建后不可更改，请谨慎选择。";
    ALIYUN_ACCOUNT_ID = "Account ID", "账号 ID";
    ALIYUN_INSTANCE_ID = "Product Instance ID", "商品实例 ID";
    HUAWEI_ACCOUNT_ID = "Huawei Cloud Account ID", "华为云账号 ID";
    HUAWEI_INSTANCE_ID = "Huawei Cloud Instance ID", "华为云实例 ID";
    AWS_ACCOUNT_ID = "AWS account ID", "AWS 账号 ID";
    AWS_PRODUCT_CODE = "Product code", "产品代码";
    AWS_LICENSE_ARN = "License ARN", "许可证 ARN";
    HUAWEI_TENANT = "Tenant", "租户";
    STRENGTH = "Strength:", "强度：";
    STRENGTH_WEAK = "weak", "弱";
    STRENGTH_FAIR = "fair", "中";
    STRENGTH_STRONG = "strong", "强";
}

// ---- Arrival and token errors ----
tr! {
    ARRIVAL_TITLE = "Welcome", "欢迎";
    ARRIVAL_LOADING = "Looking up your cloud account…", "正在查询您的云账号…";
    TOKEN_TITLE = "This link cannot be used", "此链接无法使用";
    TOKEN_MISSING = "No sign-in token came from {marketplace}, and this page needs one.", "{marketplace}没有传来此页面所需的登录令牌。";
    TOKEN_INVALID = "The sign-in token from {marketplace} is not valid. It may have been changed or cut off.", "{marketplace}的登录令牌无效，可能已被修改或截断。";
    TOKEN_EXPIRED = "The sign-in token from {marketplace} has expired: each one is valid for a few minutes only.", "{marketplace}的登录令牌已过期：每个令牌仅在几分钟内有效。";
    TOKEN_USED = "This sign-in token from {marketplace} was already used. Each one works once.", "该{marketplace}登录令牌已被使用，每个令牌只能使用一次。";
    TOKEN_OTHER_BROWSER = "The sign-in from {marketplace} was started in another browser. Open Guance from the marketplace in this browser.", "此次{marketplace}登录是在另一个浏览器中发起的。请在当前浏览器中从云市场打开观测云。";
    /// Stands for `{marketplace}` when the page does not know which one.
    TOKEN_SOME_MARKETPLACE = "the marketplace", "云市场";
    SESSION_GONE_TITLE = "Your activation session has ended", "开通会话已结束";
}

// ---- The way back: a refused hand-off or an ended session (SPEC §2) ----
tr! {
    WAY_BACK_TITLE = "Start again from your marketplace", "从云市场重新开始";
    WAY_BACK_INTRO = "Open Guance again where you bought it: the marketplace sends you here with a fresh sign-in token.",
        "请回到购买观测云的云市场重新打开观测云：云市场会带着新的登录令牌将您送回此处。";
    WAY_BACK_AWS = "Sign in to AWS Marketplace and open Your Marketplace Software.|Choose the Guance Commercial Plan.|Choose Set up product.",
        "登录 AWS Marketplace，打开“Your Marketplace Software”（您的 Marketplace 软件）。|选择观测云商业版。|点击“Set up product”（设置产品）。";
    WAY_BACK_ALIYUN = "Sign in to Alibaba Cloud Marketplace and open Bought services.|Find the Guance instance.|Click Login Directly beside it.",
        "登录阿里云云市场，打开“已购买的服务”。|找到观测云实例。|点击其右侧的“Login Directly”（免登录）。";
    WAY_BACK_HUAWEI = "Sign in to Huawei Cloud KooGallery and open My Marketplace > Partner Services.|Find the Guance service.|Click Use Now.",
        "登录华为云云商店，进入“我的云商店 > 合作伙伴服务”。|找到观测云服务。|点击“立即使用”。";
    ALREADY_ACTIVATED = "Already activated? Log in with your Guance username and password.", "已经开通？请使用观测云用户名和密码登录。";
}

// ---- Choose ----
tr! {
    CHOOSE_TITLE = "Activate the Guance Commercial Plan", "开通观测云商业版";
    CHOOSE_INTRO = "Your cloud account is not linked to a Billing Center account yet.", "您的云账号尚未关联费用中心账号。";
    WHAT_IS_BILLING_CENTER = "What is a Billing Center account?", "什么是费用中心账号？";
    BILLING_CENTER_EXPLAINED = "A Billing Center account is a separate account in the Guance Billing Center that settles the bills of one or more workspaces. After activation, the workspaces' usage is paid by the cloud account you bought with.",
        "费用中心账号是观测云费用中心中独立的账号，用于管理一个或多个工作空间的账单结算。开通后，工作空间产生的费用将由您购买时使用的云账号支付。";
    REGISTER_NEW = "Register a new account", "注册新账号";
    REGISTER_NEW_DETAIL = "No Billing Center account yet: get a Guance account, a Billing Center account and a workspace.",
        "还没有费用中心账号：注册观测云账号、费用中心账号并创建工作空间。";
    HAVE_ACCOUNT = "I have a Billing Center account", "我有费用中心账号";
    HAVE_ACCOUNT_DETAIL = "Bind it, then bind or create the workspaces this cloud account should pay for.",
        "绑定该账号，然后绑定或创建由此云账号付费的工作空间。";
    BOUGHT_ON = "Bought on", "购买渠道";
}

// ---- Register ----
tr! {
    REGISTER_STEPS_BASIC = "Basic info", "基本信息";
    REGISTER_STEPS_COMPANY = "Company info", "公司信息";
    REGISTER_STEPS_METHOD = "Activation method", "开通方式";
    REGISTER_STEPS_DONE = "Activated", "开通成功";
    BASIC_TITLE = "Basic info", "基本信息";
    COMPANY_TITLE = "Company info", "公司信息";
    METHOD_TITLE = "Activation method", "开通方式";
    ACTIVATE = "Activate", "开通";
    ACTIVATED_TITLE = "Your Commercial Plan is activated", "商业版开通成功";
    ACTIVATED_INTRO = "From now on, this workspace's usage is settled by the cloud account you bought with.",
        "此后，该工作空间产生的费用将由您购买时使用的云账号直接结算。";
    ACTIVATED_BILLING = "See it in the Billing Center under Workspace management.", "可在费用中心的“工作空间管理”中查看。";
}

// ---- Bind ----
tr! {
    BIND_STEPS_ACCOUNT = "Billing Center account", "费用中心账号";
    BIND_STEPS_WORKSPACES = "Workspaces", "工作空间";
    BIND_STEPS_DONE = "Bound", "绑定完成";
    BIND_ACCOUNT_TITLE = "Bind your Billing Center account", "绑定费用中心账号";
    BIND_ACCOUNT_INTRO = "Enter the username of your Billing Center account. We send a code to its email.",
        "请输入费用中心账号的用户名，我们会向其邮箱发送验证码。";
    BIND = "Bind", "绑定";
    BOUND = "Bound", "已绑定";
    BIND_WORKSPACES_TITLE = "Bind workspaces", "绑定工作空间";
    BIND_WORKSPACES_INTRO = "Choose the workspaces this cloud account should pay for, or create a new one.",
        "选择由此云账号付费的工作空间，或创建新的工作空间。";
    NO_WORKSPACES = "This Billing Center account has no workspaces yet. Create one.", "该费用中心账号下还没有工作空间，请先创建。";
    STATE_BINDABLE = "Not bound", "未绑定";
    STATE_BOUND = "Bound to this cloud account", "已绑定到此云账号";
    /// The Billing Center's word for a workspace a cloud account settles (no cloud account is looking).
    STATE_BOUND_TO_CLOUD_ACCOUNT = "Bound to a cloud account", "已绑定云账号";
    STATE_ELSEWHERE = "Settled by another cloud account: it cannot be bound here.", "已由其他云账号结算，无法在此绑定。";
    CONFIRM_BIND_TITLE = "Bind this workspace?", "绑定该工作空间？";
    CONFIRM_BIND_BODY = "From now on, its usage is settled by this cloud account. This cannot be undone here.",
        "此后，该工作空间产生的费用将由此云账号结算。此操作无法在此撤销。";
    CREATE_WORKSPACE = "Create workspace", "创建工作空间";
    DONE = "Done", "完成";
    DONE_NEEDS_ONE = "Bind or create at least one workspace first.", "请先绑定或创建至少一个工作空间。";
    TAB_EXISTING = "I have a Guance account", "我有观测云账号";
    TAB_NEW = "I don't have a Guance account", "我没有观测云账号";
    CREATE = "Create", "创建";
    REGISTER_AND_CREATE = "Register and create workspace", "注册并创建工作空间";
    EXISTING_EMAIL_HINT = "The email you registered your Guance account with.", "注册观测云账号时使用的邮箱。";
    BOUND_TITLE = "Workspaces bound", "工作空间绑定成功";
    BOUND_INTRO = "These workspaces are now settled by your cloud account.", "以下工作空间现由您的云账号结算。";
    SITE_OF_WORKSPACE = "Site", "站点";
}

// ---- Already bound ----
tr! {
    ALREADY_BOUND_TITLE = "This cloud account is already activated", "该云账号已开通";
    ALREADY_BOUND_INTRO = "Your cloud account already settles the bills of these workspaces:", "您的云账号已为以下工作空间结算：";
    LOG_IN_DIRECTLY = "Log in directly", "直接登录";
    LOG_IN_DIRECTLY_NOTE = "Huawei Cloud already confirmed who you are: no password needed.", "华为云已确认您的身份，无需输入密码。";
}

// ---- Help ----
tr! {
    HELP_ALIYUN_ACCOUNT_TITLE = "How to find your Alibaba Cloud account ID", "如何查找阿里云账号 ID";
    HELP_ALIYUN_ACCOUNT_STEPS = "Log in to the Alibaba Cloud console with your main account.|Click your avatar in the top-right corner.|The account ID (a 16-digit number) is shown in the menu.",
        "使用主账号登录阿里云控制台。|点击右上角的头像。|菜单中显示的账号 ID（16 位数字）即为所需。";
    HELP_ALIYUN_INSTANCE_TITLE = "How to find your Alibaba product instance ID", "如何查找阿里云商品实例 ID";
    HELP_ALIYUN_INSTANCE_STEPS = "In Alibaba Cloud Marketplace, open Purchased Services.|Find the Guance service you bought.|Its Instance ID is shown under the product; copy it into Product Instance ID.",
        "在阿里云云市场中打开“已购买的服务”。|找到您购买的观测云服务。|在商品下方可以看到实例 ID，将其复制到“商品实例 ID”。";
    HELP_HUAWEI_ACCOUNT_TITLE = "How to find your Huawei Cloud account ID", "如何查找华为云账号 ID";
    HELP_HUAWEI_ACCOUNT_STEPS = "Log in to the Huawei Cloud console.|Click your avatar in the top-right corner and choose My Credentials.|On the API Credentials page, the Account ID is shown (32 characters).",
        "登录华为云控制台。|点击右上角的头像，选择“我的凭证”。|在“API 凭证”页面可以看到账号 ID（32 位字符）。";
    HELP_HUAWEI_INSTANCE_TITLE = "How to find your Huawei Cloud instance ID", "如何查找华为云实例 ID";
    HELP_HUAWEI_INSTANCE_STEPS = "In Huawei Cloud KooGallery, go to My Marketplace > Purchased Services.|Open the Guance product's details.|The instance ID is under Application Information.",
        "在华为云云商店中进入“我的云商店 > 已购买的服务”。|打开观测云商品详情。|在“应用信息”下可以看到实例 ID。";
    HELP_BACK = "Back to activation", "返回开通页面";
}

// ---- Login, workspace home, Billing Center ----
tr! {
    LOGIN_TITLE = "Log in to Guance", "登录观测云";
    LOG_IN = "Log in", "登录";
    LOG_OUT = "Log out", "退出登录";
    HOME_WORKSPACE_TITLE = "Workspace home", "工作空间首页";
    WELCOME_USER = "Signed in as", "当前用户";
    DATAKIT_TITLE = "Start by installing DataKit", "从安装 DataKit 开始";
    DATAKIT_INTRO = "DataKit collects metrics, logs and traces from your hosts. Run this on a host to install it for this workspace:",
        "DataKit 从主机采集指标、日志和链路数据。在主机上运行以下命令，为此工作空间安装 DataKit：";
    BILLING_LOGIN_TITLE = "Log in to the Billing Center", "登录费用中心";
    BILLING_WORKSPACES_TITLE = "Workspace management", "工作空间管理";
    SETTLEMENT = "Settlement method", "结算方式";
    STATE = "State", "状态";
    NAME = "Name", "名称";
}

// ---- Terms ----
tr! {
    TERMS_TITLE = "Terms of service", "服务条款";
    TERMS_INTRO = "These terms apply when you activate the Guance Commercial Plan bought on a cloud marketplace and use the accounts and workspaces it creates. They are in addition to the marketplace's own terms for your purchase.",
        "您开通在云市场购买的观测云商业版，并使用由此创建的账号和工作空间时，适用本条款。本条款是对云市场购买条款的补充。";
    /// Alternating clause headings and texts, `|`-separated.
    TERMS_CLAUSES = "Your accounts|Give true information when you register. Keep your password and verification codes to yourself: you are responsible for what is done with your Guance account and your Billing Center account.|Billing|The usage of a workspace settled by a cloud account is charged through that account's marketplace, at the price of the listing you bought. The Billing Center shows which account settles each workspace; you can change it there.|Your data|What you send to a workspace stays yours. We process it only to provide the service, at the workspace's site, which cannot be changed once the workspace is created.|Fair use|Do not use the service to break the law, to attack others or the service, or to overload it on purpose.|Ending|You can stop at any time by cancelling your subscription on the marketplace. We may suspend an account that breaks these terms, and tell you why where we can.|Changes|We announce material changes on this page before they apply.",
        "您的账号|注册时请提供真实信息。请妥善保管密码和验证码：您须对使用您的观测云账号和费用中心账号进行的操作负责。|计费|由云账号结算的工作空间，其用量通过该云账号所在的云市场、按您所购买商品的价格计费。费用中心显示每个工作空间由哪个账号结算，您可以在其中更改。|您的数据|您发送到工作空间的数据归您所有。我们仅为提供服务而处理这些数据，数据存放在工作空间所在站点，工作空间创建后站点不可更改。|合理使用|请勿利用本服务从事违法活动、攻击他人或本服务，或故意使服务过载。|终止|您可以随时在云市场取消订阅以停止使用。对于违反本条款的账号，我们可能暂停其使用，并尽可能告知原因。|变更|重大变更生效前，我们会在本页面公布。";
}

// ---- Account pages (additions) ----
tr! {
    BILLING_NO_WORKSPACES = "This Billing Center account has no workspaces yet.", "该费用中心账号下还没有工作空间。";
}

// ---- Billing Center: Change settlement method (#19) ----
tr! {
    CHANGE_SETTLEMENT = "Change settlement method", "更改结算方式";
    SETTLEMENT_DIALOG_INTRO = "Choose who pays for this workspace. A cloud account can settle it only once the cloud account is bound to this Billing Center account.",
        "选择由谁支付该工作空间的费用。云账号须先绑定到此费用中心账号，才能为其结算。";
    SETTLE_DIRECT = "Direct (this Billing Center account pays)", "直接结算（由本费用中心账号支付）";
    HOW_TO_OBTAIN_INSTANCE_ID = "How to obtain the Product Instance ID", "如何获取商品实例 ID";
    OPENS_IN_NEW_TAB = "(opens in a new tab)", "（在新标签页中打开）";
    SETTLEMENT_CHANGED = "The settlement method of this workspace was changed.", "该工作空间的结算方式已更改。";
    SEE_IN_BILLING_CENTER = "See it in the Billing Center", "在费用中心查看";
    ACTIONS = "Actions", "操作";
}

// ---- Register with the email of a Guance account that has no Billing Center account (#19) ----
tr! {
    GUANCE_ACCOUNT_NOTICE_START = "This email belongs to the Guance account", "该邮箱属于观测云账号";
    GUANCE_ACCOUNT_NOTICE_END = "Your new workspace will be added to it, and after activation you can bind its other workspaces too. The username and password you chose here are for your new Billing Center account; keep signing in to the Guance console with your Guance account.",
        "新工作空间将添加到该账号下，开通后还可绑定该账号的其他工作空间。您在此设置的用户名和密码用于新的费用中心账号；登录观测云控制台请继续使用您的观测云账号。";
    OFFERED_TITLE = "Other workspaces of your Guance account", "您的观测云账号下的其他工作空间";
    OFFERED_INTRO = "Bind them to this Billing Center account so that this cloud account settles them too.",
        "将它们绑定到此费用中心账号后，它们也将由此云账号结算。";
}

// ---- Punctuation ----
tr! {
    /// Between a field's name and its message in the error summary.
    LABEL_SEPARATOR = ": ", "：";
    /// Ends a sentence that is followed by another one on the same line.
    SENTENCE_END = ". ", "。";
    /// Between two facts on one line.
    DOT_SEPARATOR = " · ", " · ";
}

// ---- Forgot password? and Forgot username? (both logins) ----
tr! {
    FORGOT_PASSWORD = "Forgot password?", "忘记密码？";
    FORGOT_USERNAME = "Forgot username?", "忘记用户名？";
    USERNAME_OR_EMAIL = "Username or email", "用户名或邮箱";
    NEW_PASSWORD = "New password", "新密码";
    CONFIRM_NEW_PASSWORD = "Confirm new password", "确认新密码";
    RESET_PASSWORD_TITLE = "Reset your password", "重置密码";
    RESET_BILLING_PASSWORD_TITLE = "Reset your Billing Center password", "重置费用中心密码";
    RESET_PASSWORD_INTRO = "Enter your username or email, then press Send code: we email a code to the account's address.",
        "请输入用户名或邮箱，然后点击“发送验证码”：我们会把验证码发送到该账号的邮箱。";
    SET_PASSWORD_AND_LOG_IN = "Set password and log in", "设置密码并登录";
    FORGOT_USERNAME_TITLE = "Find your username", "找回用户名";
    FORGOT_BILLING_USERNAME_TITLE = "Find your Billing Center username", "找回费用中心用户名";
    FORGOT_USERNAME_INTRO = "Enter the email you registered with: we mail the username to it.",
        "请输入注册时使用的邮箱，我们会把用户名发送到该邮箱。";
    SEND_USERNAME = "Email my username", "发送用户名";
    USERNAME_MAILED = "If an account uses this address, we mailed its username to", "如果有账号使用该邮箱，我们已将用户名发送至";
    BACK_TO_LOGIN = "Back to login", "返回登录";
    ALREADY_BOUND_RECOVERY = "Don't know this account's username or password?", "不记得该账号的用户名或密码？";
}
