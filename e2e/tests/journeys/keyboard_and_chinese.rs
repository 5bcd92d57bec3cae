//! Journey 1 again, twice: entirely in Chinese (journey 11), and with the keyboard only after the
//! marketplace hand-off (journey 12); a browser set to Chinese that lands on Chinese pages, its
//! first paint and its mails included; and the bind path with the keyboard only, dialog included.

use activation_core::domain::WorkspaceLanguage;
use e2e::{
    Key, act,
    browser::cdp,
    check, ensure, find,
    flows::{self, DEMO_BILLING, DEMO_EMAIL, DEMO_PASSWORD, Person},
    market, run, run_in_browser_languages,
};
use serde_json::json;

use crate::{billing_center_shows, masked, one_settled_workspace, settled_by};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_aws_buyer_registers_and_logs_in_in_chinese() {
    run("aws_register_in_chinese", |j| async move {
        let id = market::aws(&j, None).await?;
        check::heading(&j.c, "Activate the Guance Commercial Plan").await?;
        act::click(&j.c, "中文").await?;
        check::lang(&j.c, "zh-CN").await?;
        check::heading(&j.c, "开通观测云商业版").await?;
        check::text(&j.c, &format!("购买渠道：AWS Marketplace · 付费云账号 {}", masked(&id)))
            .await?;
        check::text(&j.c, "什么是费用中心账号？").await?;
        act::click(&j.c, "注册新账号").await?;

        check::heading(&j.c, "基本信息").await?;
        // Errors in Chinese, in a summary that takes the focus, when the button is pressed.
        act::click(&j.c, "下一步").await?;
        let summary = find::test_id(&j.c, "error-summary").await?;
        check::focused(&j.c, &summary, "the error summary").await?;
        check::text(&j.c, "请修改以下内容：").await?;
        let site = find::field(&j.c, "站点").await?;
        ensure!(site.prop("value").await?.as_deref() == Some("cn2"));
        check::text(&j.c, "中国区2（宁夏）").await?;
        let who = Person::fresh("zh");
        act::fill(&j.c, "用户名", &who.username).await?;
        act::fill(&j.c, "密码", &who.password).await?;
        act::fill(&j.c, "确认密码", &who.password).await?;
        act::fill(&j.c, "邮箱", &who.email).await?;
        find::field(&j.c, "手机号码").await?;
        check::text(&j.c, "手机号码 （选填）").await?;
        act::click(&j.c, "发送验证码").await?;
        check::text(&j.c, "6 位验证码已发送至").await?;
        let code = j.mock.code(&who.email, 1).await?;
        act::fill(&j.c, "验证码", &code).await?;
        act::click(&j.c, "下一步").await?;

        check::heading(&j.c, "公司信息").await?;
        act::fill(&j.c, "公司名称", "示例科技有限公司").await?;
        act::tick(&j.c, "我同意服务条款").await?;
        act::click(&j.c, "下一步").await?;

        check::heading(&j.c, "开通方式").await?;
        let workspace = format!("生产环境 {}", e2e::unique());
        act::fill(&j.c, "工作空间名称", &workspace).await?;
        act::choose(&j.c, "工作空间语言", "中文").await?;
        check::text(
            &j.c,
            "工作空间语言决定事件、告警和短信等模板的语言，创建后不可更改，请谨慎选择。",
        )
        .await?;
        act::click(&j.c, "开通").await?;

        check::heading(&j.c, "商业版开通成功").await?;
        check::text(&j.c, &format!("AWS 账号 {}", masked(&id))).await?;
        check::text(&j.c, "可在费用中心的“工作空间管理”中查看。").await?;
        act::click(&j.c, "前往登录").await?;
        check::heading(&j.c, "登录观测云").await?;
        act::fill(&j.c, "用户名", &who.username).await?;
        act::fill(&j.c, "密码", &who.password).await?;
        act::click(&j.c, "登录").await?;
        check::heading(&j.c, "工作空间首页").await?;
        check::text(&j.c, "从安装 DataKit 开始").await?;
        check::text(&j.c, "中国区2（宁夏）").await?;
        check::text(&j.c, &workspace).await?;
        // The choice persists across a reload.
        j.c.refresh().await?;
        check::heading(&j.c, "工作空间首页").await?;
        check::lang(&j.c, "zh-CN").await?;

        let data = j.mock.state()?;
        let key = format!("aws:{id}");
        one_settled_workspace(&data, &key, &workspace, &who.username)?;
        billing_center_shows(&j, &who.username, &who.password, &key, &workspace).await?;
        ensure!(settled_by(&data, &key)[0].language == WorkspaceLanguage::Zh);
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chinese_browser_gets_chinese_from_the_first_paint_to_the_mail() {
    run_in_browser_languages("chinese_browser", "zh-CN,zh", |j| async move {
        // Before the wasm runs (held back here): the skeleton already speaks Chinese.
        cdp(&j.c, "Network.enable", json!({})).await?;
        cdp(&j.c, "Network.setBlockedURLs", json!({ "urls": ["*.wasm"] })).await?;
        j.open("/").await?;
        check::lang(&j.c, "zh-CN").await?;
        let status = find::test_id(&j.c, "skeleton-status").await?;
        let shown = status.text().await?;
        ensure!(shown.trim() == "加载中…", "the skeleton shows {shown:?}");
        cdp(&j.c, "Network.setBlockedURLs", json!({ "urls": [] })).await?;
        j.c.refresh().await?;
        check::heading(&j.c, "开通观测云商业版").await?;

        // Handed off by the marketplace: Chinese, without touching the language switch.
        market::aws(&j, None).await?;
        check::heading(&j.c, "开通观测云商业版").await?;
        check::lang(&j.c, "zh-CN").await?;
        act::click(&j.c, "注册新账号").await?;
        check::heading(&j.c, "基本信息").await?;
        let who = Person::fresh("zhbrowser");
        act::fill(&j.c, "邮箱", &who.email).await?;
        act::click(&j.c, "发送验证码").await?;
        check::text(&j.c, "6 位验证码已发送至").await?;
        // The mail is in the language the buyer reads.
        j.mock.code(&who.email, 1).await?;
        let mailbox = j.mock.mailbox().await?;
        let to = who.email.to_lowercase();
        let mail = mailbox.iter().find(|m| m.to == to).expect("the code's mail");
        ensure!(mail.subject == "您的观测云注册验证码", "subject {:?}", mail.subject);
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_aws_buyer_registers_and_logs_in_with_the_keyboard_only() {
    run("aws_register_keyboard_only", |j| async move {
        // From the marketplace on: Tab, Shift+Tab, Space and Enter, no clicks.
        let id = market::aws_by_keyboard(&j).await?;
        check::focused_heading(&j.c, "Activate the Guance Commercial Plan").await?;
        act::press_on(&j.c, "Register a new account", Key::Enter).await?;

        check::focused_heading(&j.c, "Basic info").await?;
        let who = Person::fresh("keys");
        act::key_in(&j.c, "Username", &who.username).await?;
        act::key_in(&j.c, "Password", &who.password).await?;
        act::key_in(&j.c, "Confirm password", &who.password).await?;
        act::key_in(&j.c, "Email", &who.email).await?;
        act::press_on(&j.c, "Send code", Key::Space).await?;
        let code = j.mock.code(&who.email, 1).await?;
        act::shift_tab(&j.c).await?;
        let field = find::field(&j.c, "Verification code").await?;
        check::focused(&j.c, &field, "Verification code, one Shift+Tab back").await?;
        act::type_keys(&j.c, &code).await?;
        check::value(&field, &code).await?;
        act::press_on(&j.c, "Next", Key::Enter).await?;

        check::focused_heading(&j.c, "Company info").await?;
        act::key_in(&j.c, "Company name", "Keyboard Only Ltd").await?;
        let terms = find::field(&j.c, "I agree to the terms").await?;
        act::tab_to(&j.c, &terms, "the terms", 12).await?;
        act::press(&j.c, &[Key::Space]).await?;
        ensure!(terms.is_selected().await?, "Space ticks the terms");
        act::press_on(&j.c, "Next", Key::Enter).await?;

        check::focused_heading(&j.c, "Activation method").await?;
        let workspace = format!("Keyboard {}", e2e::unique());
        act::key_in(&j.c, "Workspace name", &workspace).await?;
        act::press_on(&j.c, "Activate", Key::Enter).await?;

        check::focused_heading(&j.c, "Your Commercial Plan is activated").await?;
        act::press_on(&j.c, "Go to login", Key::Enter).await?;
        check::focused_heading(&j.c, "Log in to Guance").await?;
        act::key_in(&j.c, "Username", &who.username).await?;
        act::key_in(&j.c, "Password", &who.password).await?;
        act::press(&j.c, &[Key::Enter]).await?;
        flows::workspace_home(&j, &who.username).await?;
        one_settled_workspace(&j.mock.state()?, &format!("aws:{id}"), &workspace, &who.username)?;
        billing_center_shows(&j, &who.username, &who.password, &format!("aws:{id}"), &workspace)
            .await
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_buyer_binds_an_account_and_a_workspace_with_the_keyboard_only() {
    run("bind_keyboard_only", |j| async move {
        let id = market::aws(&j, None).await?;
        check::focused_heading(&j.c, "Activate the Guance Commercial Plan").await?;
        act::press_on(&j.c, "I have a Billing Center account", Key::Enter).await?;
        check::focused_heading(&j.c, "Bind your Billing Center account").await?;
        act::key_in(&j.c, "Username", DEMO_BILLING).await?;
        act::press_on(&j.c, "Send code", Key::Space).await?;
        let code = j.mock.code(DEMO_EMAIL, 1).await?;
        act::shift_tab(&j.c).await?;
        let field = find::field(&j.c, "Verification code").await?;
        check::focused(&j.c, &field, "Verification code, one Shift+Tab back").await?;
        act::type_keys(&j.c, &code).await?;
        act::press_on(&j.c, "Bind", Key::Enter).await?;

        check::focused_heading(&j.c, "Bind workspaces").await?;
        let row = find::workspace_row(&j.c, "Demo Production").await?;
        let bind = find::control_in(&j.c, &row, "Bind").await?;
        act::tab_to(&j.c, &bind, "Bind of Demo Production", 12).await?;
        act::press(&j.c, &[Key::Enter]).await?;
        // The dialog takes the focus (on Cancel, the safe choice); Tab reaches Confirm.
        check::focused(&j.c, &find::control(&j.c, "Cancel").await?, "Cancel in the dialog").await?;
        act::press(&j.c, &[Key::Tab]).await?;
        check::focused(&j.c, &find::control(&j.c, "Confirm").await?, "Confirm in the dialog")
            .await?;
        act::press(&j.c, &[Key::Enter]).await?;
        flows::shows_bound(&j, "Demo Production").await?;
        act::press_on(&j.c, "Done", Key::Enter).await?;

        check::focused_heading(&j.c, "Workspaces bound").await?;
        act::press_on(&j.c, "Go to login", Key::Enter).await?;
        check::focused_heading(&j.c, "Log in to Guance").await?;
        act::key_in(&j.c, "Username", DEMO_BILLING).await?;
        act::key_in(&j.c, "Password", DEMO_PASSWORD).await?;
        act::press(&j.c, &[Key::Enter]).await?;
        flows::workspace_home(&j, DEMO_BILLING).await?;
        let data = j.mock.state()?;
        let settled: Vec<&str> =
            settled_by(&data, &format!("aws:{id}")).iter().map(|w| w.name.as_str()).collect();
        ensure!(settled == ["Demo Production"], "settled: {settled:?}");
        Ok(())
    })
    .await;
}
