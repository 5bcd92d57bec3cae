//! Every screen, as a customer can meet it, at 360 px and at 1280 px wide, in English and in Chinese
//! (journey 13): nothing scrolls sideways, every control is a target of at least 24×24 px (WCAG 2.2
//! target size; links inside a sentence are exempt, as WCAG allows), and every text has AA
//! contrast against what is behind it, and axe-core finds no violation of any impact. Each view is also
//! saved as `target/screens/<nn>-<screen>-<lang>-<width>.png`, for a person to look at.

use e2e::{
    Client, Journey, Result, act, bail, check, ensure,
    flows::{self, DEMO_BILLING, DEMO_EMAIL, DEMO_PASSWORD, Person},
    market, root, run,
};
use serde_json::Value;
use server_mock::store::seed::BOUND_HUAWEI;

const WIDTHS: [u32; 2] = [360, 1280];
const HEIGHT: u32 = 900;

/// Measures the page as it is now: how far it (and any table in it) overflows sideways, table
/// cells squeezed narrower than a word, tab lists on more than one row, and which visible controls
/// are smaller than 24×24 CSS px (named by tag and text).
const MEASURE: &str = r#"
const overflow = document.documentElement.scrollWidth - window.innerWidth;
const controls = document.querySelectorAll(
    'button, a[href], input:not([type=hidden]), select, textarea, [role=tab]');
const small = [];
let checked = 0;
for (const el of controls) {
    if (el.closest('[hidden], [inert]') || el.getClientRects().length === 0) continue;
    // A link inside a sentence is exempt (WCAG 2.5.8, "inline").
    if (el.tagName === 'A' && !el.classList.contains('button') && el.closest('p, dd, td, .hint')) continue;
    checked += 1;
    const r = el.getBoundingClientRect();
    if (r.width < 24 || r.height < 24) {
        const name = (el.innerText || el.value || el.getAttribute('aria-label') || el.id || '').trim();
        small.push(`${el.tagName.toLowerCase()} "${name.slice(0, 40)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
}
// Text contrast (WCAG 2.2 AA): 4.5:1, or 3:1 for large text, against the first opaque background
// behind it. Disabled controls are exempt, as WCAG allows.
const rgb = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
  const p = m[1].split(',').map(parseFloat); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
const lum = ({ r, g, b }) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
const behind = el => { for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
  if (c && c.a > 0.5) return c; } return { r: 255, g: 255, b: 255, a: 1 }; };
const faint = [];
const seen = new Set();
let texts_checked = 0;
const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (texts.nextNode()) {
    const node = texts.currentNode;
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || seen.has(el)) continue;
    seen.add(el);
    if (el.closest('[hidden], [inert], :disabled') || el.getClientRects().length === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    texts_checked += 1;
    const [a, b] = [lum(rgb(style.color)), lum(behind(el))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (parseInt(style.fontWeight, 10) >= 700 && size >= 18.66);
    const need = large ? 3 : 4.5;
    if (ratio < need) faint.push(`"${node.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}:1 < ${need}:1`);
}
const shown = el => !el.closest('[hidden], [inert]') && el.getClientRects().length > 0;
// A table that scrolls sideways inside its box, or squeezes a column narrower than a word (a
// Chinese heading then stands one character per line): on a phone each row is a card instead.
const tables = [...document.querySelectorAll('.table-wrap')].filter(shown);
const table_overflow = Math.max(0, ...tables.map(t => t.scrollWidth - t.clientWidth));
const squeezed = [...document.querySelectorAll('table th, table td')].filter(shown)
    // (A header kept for screen readers only is 1 px wide or less, and not squeezed.)
    .filter(cell => { const w = cell.getBoundingClientRect().width; return w > 1 && w < 72; })
    .map(cell => `"${cell.innerText.trim().slice(0, 20)}" ${Math.round(cell.getBoundingClientRect().width)} px`);
// A tab list on more than one row.
const tab_rows = Math.max(0, ...[...document.querySelectorAll('[role=tablist]')].filter(shown)
    .map(list => new Set([...list.querySelectorAll('[role=tab]')]
        .map(tab => Math.round(tab.getBoundingClientRect().top))).size));
return { width: window.innerWidth, overflow, table_overflow, squeezed, tab_rows, small, faint, checked, texts_checked };
"#;

/// Where the screenshots go.
fn shots() -> std::path::PathBuf {
    root().join("target/screens")
}

/// The page at each width: it fits, its targets are big enough; a screenshot of each.
async fn measure(c: &Client, name: &str, lang: &str) -> Result<()> {
    for width in WIDTHS {
        c.set_window_size(width, HEIGHT).await?;
        let seen = check::until(format!("a {width} px wide viewport"), || async {
            let seen = c.execute(MEASURE, vec![]).await?;
            let now = seen["width"].as_u64().unwrap_or(0);
            Ok(if now == u64::from(width) {
                check::Seen::Yes(seen)
            } else {
                check::Seen::No(format!("the viewport is {now} px wide"))
            })
        })
        .await?;
        let png = shots().join(format!("{name}-{lang}-{width}.png"));
        std::fs::write(&png, c.screenshot().await?)?;
        // Something was measured: a page left inert (or hidden) would pass every check below.
        let (checked, texts) = (seen["checked"].as_u64(), seen["texts_checked"].as_u64());
        ensure!(
            checked.is_some_and(|n| n > 0) && texts.is_some_and(|n| n > 0),
            "{name} ({lang}) at {width} px: nothing to measure ({checked:?} controls, {texts:?} texts)"
        );
        let overflow = seen["overflow"].as_i64().unwrap_or(0);
        ensure!(overflow <= 0, "{name} ({lang}) scrolls sideways by {overflow} px at {width} px");
        let tables = seen["table_overflow"].as_i64().unwrap_or(0);
        ensure!(
            tables <= 0,
            "{name} ({lang}): a table scrolls sideways by {tables} px at {width} px"
        );
        let squeezed: Vec<&str> =
            seen["squeezed"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
        ensure!(squeezed.is_empty(), "{name} ({lang}) at {width} px: squeezed cells: {squeezed:?}");
        let tab_rows = seen["tab_rows"].as_i64().unwrap_or(0);
        ensure!(tab_rows <= 1, "{name} ({lang}) at {width} px: the tabs take {tab_rows} rows");
        let small: Vec<&str> =
            seen["small"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
        ensure!(small.is_empty(), "{name} ({lang}) at {width} px: targets under 24x24: {small:?}");
        let faint: Vec<&str> =
            seen["faint"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
        ensure!(
            faint.is_empty(),
            "{name} ({lang}) at {width} px: text under AA contrast: {faint:?}"
        );
        // And every rule axe-core checks, of any impact.
        e2e::axe::clean(c, &format!("{name} ({lang}) at {width} px")).await?;
    }
    c.set_window_size(WIDTHS[1], HEIGHT).await?;
    Ok(())
}

/// Checks the screen showing now in English, then in Chinese (with the header's switch), and comes
/// back to English for the flows that follow.
async fn screen(j: &Journey, name: &str) -> Result<()> {
    measure(&j.c, name, "en").await?;
    switch_to(j, "zh").await?;
    measure(&j.c, name, "zh").await?;
    switch_to(j, "en").await
}

/// Switches the console to `lang` (`en` or `zh`) with the header's switch.
async fn switch_to(j: &Journey, lang: &str) -> Result<()> {
    act::click(&j.c, in_lang(lang, "English", "中文")).await?;
    check::lang(&j.c, in_lang(lang, "en", "zh-CN")).await
}

/// `en` or `zh`, whichever is `lang`'s.
fn in_lang(lang: &str, en: &'static str, zh: &'static str) -> &'static str {
    if lang == "zh" { zh } else { en }
}

/// Opens Bind on Demo Production in `lang` (the page's language now) and measures the dialog it
/// asks in; leaves it open.
async fn bind_dialog(j: &Journey, lang: &str) -> Result<()> {
    let row = e2e::find::workspace_row(&j.c, "Demo Production").await?;
    e2e::find::control_in(&j.c, &row, in_lang(lang, "Bind", "绑定")).await?.click().await?;
    check::text(&j.c, in_lang(lang, "Bind this workspace?", "绑定该工作空间？")).await?;
    measure(&j.c, "10-bind-dialog", lang).await
}

/// Opens Change settlement method on Demo Staging in `lang` (the page's language now), confirms an
/// Alibaba Cloud account ID too short to be one, measures the dialog with its errors, and cancels.
async fn settlement_dialog(j: &Journey, lang: &str) -> Result<()> {
    let pick = |en, zh| in_lang(lang, en, zh);
    let errors = pick("Please correct the following:", "请修改以下内容：");
    let row = e2e::find::workspace_row(&j.c, "Demo Staging").await?;
    let change = pick("Change settlement method", "更改结算方式");
    e2e::find::control_in(&j.c, &row, change).await?.click().await?;
    e2e::find::field(&j.c, pick("Alibaba Cloud account", "阿里云账号")).await?.click().await?;
    act::fill(&j.c, pick("Account ID", "账号 ID"), "1234").await?;
    act::click(&j.c, pick("Confirm", "确认")).await?;
    check::text(&j.c, errors).await?;
    measure(&j.c, "18-settlement-dialog", lang).await?;
    act::click(&j.c, pick("Cancel", "取消")).await?;
    check::gone(&j.c, errors).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_screen_fits_360_px_with_24_px_targets_and_aa_contrast_in_both_languages() {
    std::fs::create_dir_all(shots()).expect("cannot create target/screens");
    run("layout_every_screen", |j| async move {
        // The simulator's own page (English only, as the marketplace's would be).
        j.open("/marketplace/aws").await?;
        measure(&j.c, "00-aws-simulator", "en").await?;

        // The register path, with the first attempt's errors shown.
        market::aws(&j, None).await?;
        check::heading(&j.c, "Activate the Guance Commercial Plan").await?;
        screen(&j, "01-choose").await?;
        act::click(&j.c, "Register a new account").await?;
        check::heading(&j.c, "Basic info").await?;
        screen(&j, "02-basic-info").await?;
        act::click(&j.c, "Next").await?;
        check::text(&j.c, "Please correct the following:").await?;
        screen(&j, "03-basic-info-errors").await?;
        let who = Person::fresh("layout");
        flows::basic_info(&j, &who).await?;
        screen(&j, "04-company-info").await?;
        flows::company_info(&j, "Layout Ltd").await?;
        screen(&j, "05-activation-method").await?;
        flows::activation_method(&j, &format!("Layout {}", e2e::unique())).await?;
        screen(&j, "06-activated").await?;
        flows::go_to_login(&j).await?;
        screen(&j, "07-login").await?;
        flows::log_in(&j, &who.username, &who.password).await?;
        screen(&j, "08-workspace-home").await?;
        act::click(&j.c, "Log out").await?;

        // The bind path: the account, the list with its dialog, both create tabs, the summary.
        market::aliyun(&j, None).await?;
        flows::bind_account(&j, DEMO_BILLING, DEMO_EMAIL).await?;
        screen(&j, "09-bind-workspaces").await?;
        // The language switch is behind a dialog (inert): the dialog is opened once in each
        // language, Chinese first, then English to go on.
        switch_to(&j, "zh").await?;
        bind_dialog(&j, "zh").await?;
        act::click(&j.c, "取消").await?;
        check::gone(&j.c, "绑定该工作空间？").await?;
        switch_to(&j, "en").await?;
        bind_dialog(&j, "en").await?;
        act::click(&j.c, "Confirm").await?;
        flows::shows_bound(&j, "Demo Production").await?;
        act::click(&j.c, "Create workspace").await?;
        check::heading(&j.c, "Create workspace").await?;
        screen(&j, "11-create-existing-account").await?;
        act::click(&j.c, "I don't have a Guance account").await?;
        check::path(&j.c, "/activate/bind/workspaces/new/new-account").await?;
        screen(&j, "12-create-new-account").await?;
        j.c.back().await?;
        j.c.back().await?;
        check::heading(&j.c, "Bind workspaces").await?;
        act::click(&j.c, "Done").await?;
        check::heading(&j.c, "Workspaces bound").await?;
        screen(&j, "13-bound").await?;

        // Already bound (Huawei: Log in directly), a token problem, help, the Billing Center.
        market::huawei(&j, Some(BOUND_HUAWEI)).await?;
        check::heading(&j.c, "This cloud account is already activated").await?;
        screen(&j, "14-already-bound").await?;
        j.open("/activate/error/used").await?;
        check::path(&j.c, "/activate/error/used").await?;
        screen(&j, "15-token-used").await?;
        j.open("/help/aliyun-instance-id").await?;
        screen(&j, "16-help").await?;
        j.open("/terms").await?;
        check::heading(&j.c, "Terms of service").await?;
        screen(&j, "16-terms").await?;
        j.open("/billing").await?;
        check::heading(&j.c, "Log in to the Billing Center").await?;
        screen(&j, "17-billing-login").await?;
        act::fill(&j.c, "Username", DEMO_BILLING).await?;
        act::fill(&j.c, "Password", DEMO_PASSWORD).await?;
        act::click(&j.c, "Log in").await?;
        check::heading(&j.c, "Workspace management").await?;
        screen(&j, "18-billing-workspaces").await?;
        // Change settlement method, with the errors of a first Confirm (modal: the language switch
        // behind it is out of reach, so it is opened once in each language).
        settlement_dialog(&j, "en").await?;
        switch_to(&j, "zh").await?;
        settlement_dialog(&j, "zh").await?;
        switch_to(&j, "en").await?;

        // The pages for what went wrong: an ended session, an address that does not exist.
        j.c.delete_all_cookies().await?;
        j.open("/activate/register/basic").await?;
        check::heading(&j.c, "Your activation session has ended").await?;
        screen(&j, "19-session-ended").await?;
        j.open("/no/such/page").await?;
        check::heading(&j.c, "Page not found").await?;
        screen(&j, "20-not-found").await?;
        j.open("/").await?;
        screen(&j, "21-home").await?;

        // Alibaba's activation method: its read-only IDs and where the marketplace shows them.
        market::aliyun(&j, None).await?;
        flows::choose_register(&j).await?;
        flows::basic_info(&j, &Person::fresh("layoutali")).await?;
        flows::company_info(&j, "Layout Ltd").await?;
        screen(&j, "22-activation-method-aliyun").await?;

        // Forgot password? and Forgot username? (from the console login), and the workspace home
        // of an account with several workspaces (its Workspace switcher).
        j.open("/login").await?;
        act::click(&j.c, "Forgot password?").await?;
        check::heading(&j.c, "Reset your password").await?;
        screen(&j, "23-forgot-password").await?;
        j.open("/login/forgot-username").await?;
        check::heading(&j.c, "Find your username").await?;
        screen(&j, "24-forgot-username").await?;
        j.open("/login").await?;
        flows::log_in(&j, DEMO_BILLING, DEMO_PASSWORD).await?;
        check::text(&j.c, "Start by installing DataKit").await?;
        screen(&j, "25-workspace-switcher").await?;
        if !shots().join("22-activation-method-aliyun-zh-1280.png").is_file() {
            bail!("the screenshots were not written to {}", shots().display());
        }
        Ok(())
    })
    .await;
}
