//! axe-core on the page as it is now: every WCAG rule it knows, every impact. `cargo xtask setup`
//! installs it from npm into `target/tools` (xtask/src/tools.rs); it is put into the page through
//! WebDriver (a script WebDriver runs is not subject to the page's CSP), once per page.

use anyhow::{Context, Result, ensure};
use fantoccini::Client;
use serde_json::Value;

use crate::root;

/// Where `cargo xtask setup` puts axe-core.
const AXE: &str = "target/tools/node_modules/axe-core/axe.min.js";

/// Runs axe on the document and answers its violations, one line each: impact, rule, where.
const RUN: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ['violations'] })
  .then(r => done(r.violations.map(v =>
    `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')}`)))
  .catch(e => done([`axe failed: ${e}`]));
"#;

/// The source of axe-core, read once.
fn source() -> Result<&'static str> {
    static SOURCE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    if let Some(source) = SOURCE.get() {
        return Ok(source);
    }
    let path = root().join(AXE);
    let text = std::fs::read_to_string(&path).with_context(|| {
        format!("{}: run `cargo xtask setup` to install axe-core", path.display())
    })?;
    Ok(SOURCE.get_or_init(|| text))
}

/// axe's violations on the page showing in `c` now (none is the only pass).
pub async fn violations(c: &Client) -> Result<Vec<String>> {
    let loaded = c.execute("return typeof window.axe === 'object';", vec![]).await?;
    if loaded != Value::Bool(true) {
        c.execute(&format!("{}\nreturn true;", source()?), vec![]).await?;
    }
    let found = c.execute_async(RUN, vec![]).await?;
    let found: Vec<String> = serde_json::from_value(found).context("axe's answer")?;
    Ok(found)
}

/// Fails with every violation axe finds on the page now, named by `what`.
pub async fn clean(c: &Client, what: &str) -> Result<()> {
    let found = violations(c).await?;
    ensure!(found.is_empty(), "{what}: axe-core finds {} violation(s): {found:#?}", found.len());
    Ok(())
}
