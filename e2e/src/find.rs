//! Find: elements as a user finds them, by what they read: an input by its label's text (the label's
//! `for` names the input), a button or link by its text, a row by its workspace's name, and
//! `data-testid` where nothing readable fits. Never by DOM position. Each waits until exactly one
//! visible element matches.

use anyhow::Result;
use fantoccini::{Client, elements::Element};
use serde_json::{Value, json};

use crate::check::{self, Seen};

/// How WebDriver marks an element in a script's result.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Shared by the scripts: white space as a user reads it, and "is it on screen".
const HELPERS: &str = "const norm = s => (s || '').replace(/\\s+/g, ' ').trim();
const shown = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);";

fn elements(c: &Client, found: Value) -> Vec<Element> {
    let Value::Array(items) = found else { return Vec::new() };
    items
        .iter()
        .filter_map(|item| item.get(ELEMENT_KEY)?.as_str())
        .map(|id| Element::from_element_id(c.clone(), id.to_owned().into()))
        .collect()
}

/// Runs `script` (which returns an array of elements) until it returns exactly one.
async fn exactly_one(c: &Client, what: String, script: &str, args: Vec<Value>) -> Result<Element> {
    let script = format!("{HELPERS}\n{script}");
    check::until(what, || async {
        let mut found = elements(c, c.execute(&script, args.clone()).await?);
        Ok(match found.len() {
            1 => Seen::Yes(found.remove(0)),
            n => Seen::No(format!("{n} matches")),
        })
    })
    .await
}

/// The input, select or checkbox whose visible `<label>` (inside `<main>`) reads `label`; an
/// "(optional)" marker may be left out.
pub async fn field(c: &Client, label: &str) -> Result<Element> {
    let script = "const want = arguments[0]; const out = [];
for (const label of (document.querySelector('main') || document.body).querySelectorAll('label')) {
  if (!shown(label)) continue;
  const bare = label.cloneNode(true);
  bare.querySelectorAll('.optional').forEach(n => n.remove());
  if (norm(label.textContent) !== want && norm(bare.textContent) !== want) continue;
  const target = label.htmlFor && document.getElementById(label.htmlFor);
  if (target) out.push(target);
}
return out;";
    exactly_one(c, format!("the field labelled {label:?}"), script, vec![json!(label)]).await
}

const CONTROL: &str = "const [want, scope] = arguments; const out = [];
for (const el of (scope || document).querySelectorAll('button, a[href], input[type=submit], [role=button], [role=tab]')) {
  if (!shown(el)) continue;
  const own = el.tagName === 'INPUT' ? el.value : el.textContent;
  const titled = [...el.querySelectorAll('*')].some(d => d.children.length === 0 && norm(d.textContent) === want);
  if (norm(own) === want || titled) out.push(el);
}
return out;";

/// The visible button or link that reads `name` (or has a title line that does).
pub async fn control(c: &Client, name: &str) -> Result<Element> {
    exactly_one(c, format!("the button or link {name:?}"), CONTROL, vec![json!(name), Value::Null])
        .await
}

/// [`control`], but only a look: the element if exactly one matches now.
pub async fn control_now(c: &Client, name: &str) -> Result<Option<Element>> {
    let script = format!("{HELPERS}\n{CONTROL}");
    let mut found = elements(c, c.execute(&script, vec![json!(name), Value::Null]).await?);
    Ok((found.len() == 1).then(|| found.remove(0)))
}

/// [`control`], inside `scope` only.
pub async fn control_in(c: &Client, scope: &Element, name: &str) -> Result<Element> {
    let scope = serde_json::to_value(scope)?;
    exactly_one(
        c,
        format!("the button or link {name:?} in its row"),
        CONTROL,
        vec![json!(name), scope],
    )
    .await
}

/// The visible element with `data-testid="id"`.
pub async fn test_id(c: &Client, id: &str) -> Result<Element> {
    let script =
        "return [...document.querySelectorAll(`[data-testid=\"${arguments[0]}\"]`)].filter(shown);";
    exactly_one(c, format!("[data-testid={id:?}]"), script, vec![json!(id)]).await
}

/// The visible element with `data-testid="id"` inside `scope`.
pub async fn test_id_in(c: &Client, scope: &Element, id: &str) -> Result<Element> {
    let script = "return [...arguments[1].querySelectorAll(`[data-testid=\"${arguments[0]}\"]`)].filter(shown);";
    let scope = serde_json::to_value(scope)?;
    exactly_one(c, format!("[data-testid={id:?}] in its row"), script, vec![json!(id), scope]).await
}

/// Every visible element with `data-testid="id"`, now (possibly none).
pub async fn all_test_id(c: &Client, id: &str) -> Result<Vec<Element>> {
    let script = format!(
        "{HELPERS}\nreturn [...document.querySelectorAll(`[data-testid=\"${{arguments[0]}}\"]`)].filter(shown);"
    );
    Ok(elements(c, c.execute(&script, vec![json!(id)]).await?))
}

/// The workspace row (`data-testid="workspace-row"`) whose name (its heading or first cell) reads
/// `name`.
pub async fn workspace_row(c: &Client, name: &str) -> Result<Element> {
    let script = "const want = arguments[0];
return [...document.querySelectorAll('[data-testid=\"workspace-row\"]')].filter(row =>
  shown(row) && [...row.querySelectorAll('h2, th')].some(h => norm(h.textContent) === want));";
    exactly_one(c, format!("the workspace row {name:?}"), script, vec![json!(name)]).await
}

/// The visible table row with a cell that reads `cell` (e.g. an instance ID).
pub async fn table_row(c: &Client, cell: &str) -> Result<Element> {
    let script = "const want = arguments[0];
return [...document.querySelectorAll('tr')].filter(row =>
  shown(row) && [...row.cells].some(td => norm(td.textContent) === want));";
    exactly_one(c, format!("the table row with {cell:?}"), script, vec![json!(cell)]).await
}

/// The one visible element matching a CSS selector (for the simulators' hidden form fields, which
/// a user never sees: `shown` is not required for `input[type=hidden]`).
pub async fn css(c: &Client, selector: &str) -> Result<Element> {
    let script = "return [...document.querySelectorAll(arguments[0])].filter(el => el.type === 'hidden' || shown(el));";
    exactly_one(c, format!("the element {selector:?}"), script, vec![json!(selector)]).await
}

/// What has the keyboard focus, in words (for failure messages).
pub async fn describe_focus(c: &Client) -> Result<String> {
    let script = format!(
        "{HELPERS}\nconst el = document.activeElement; if (!el) return 'nothing';
return `${{el.tagName.toLowerCase()}}${{el.id ? '#' + el.id : ''}} \"${{norm(el.textContent || el.value).slice(0, 60)}}\"`;"
    );
    Ok(c.execute(&script, vec![]).await?.as_str().unwrap_or_default().to_owned())
}
