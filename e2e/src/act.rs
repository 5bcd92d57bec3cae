//! Act: what a user does: type into a field, click a button, press keys (WebDriver key actions, so
//! the page gets real key events), double-click. Plus the two things only a tester does: change a
//! page's hidden field and send a request with the page's own cookies.

use anyhow::{Result, bail};
use fantoccini::{
    Client,
    actions::{InputSource, KeyAction, KeyActions, MOUSE_BUTTON_LEFT, MouseActions, PointerAction},
    elements::Element,
    key::Key,
};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::{check, find};

/// Clicks the button or link that reads `name`.
pub async fn click(c: &Client, name: &str) -> Result<()> {
    find::control(c, name).await?.click().await?;
    Ok(())
}

/// Replaces what the field labelled `label` holds with `text` (typed key by key).
pub async fn fill(c: &Client, label: &str, text: &str) -> Result<Element> {
    let field = find::field(c, label).await?;
    type_into(&field, text).await?;
    Ok(field)
}

/// Replaces what `field` holds with `text`, and waits until the page shows it.
pub async fn type_into(field: &Element, text: &str) -> Result<()> {
    field.clear().await?;
    field.send_keys(text).await?;
    check::value(field, text).await
}

/// Ticks the checkbox labelled `label` (once: leaves it ticked).
pub async fn tick(c: &Client, label: &str) -> Result<()> {
    let checkbox = find::field(c, label).await?;
    if !checkbox.is_selected().await? {
        checkbox.click().await?;
    }
    check::until(format!("{label:?} ticked"), || async {
        Ok(if checkbox.is_selected().await? {
            check::Seen::Yes(())
        } else {
            check::Seen::No("not ticked".into())
        })
    })
    .await
}

/// Picks the option that reads `option` in the select labelled `label`.
pub async fn choose(c: &Client, label: &str, option: &str) -> Result<()> {
    find::field(c, label).await?.select_by_label(option).await?;
    Ok(())
}

/// Presses (down, then up) each key in turn.
pub async fn press(c: &Client, keys: &[Key]) -> Result<()> {
    let mut actions = KeyActions::new("keyboard".into());
    for key in keys {
        let value = char::from(*key);
        actions = actions.then(KeyAction::Down { value }).then(KeyAction::Up { value });
    }
    c.perform_actions(actions).await?;
    Ok(())
}

/// Shift+Tab.
pub async fn shift_tab(c: &Client) -> Result<()> {
    let (shift, tab) = (char::from(Key::Shift), char::from(Key::Tab));
    let actions = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: shift })
        .then(KeyAction::Down { value: tab })
        .then(KeyAction::Up { value: tab })
        .then(KeyAction::Up { value: shift });
    c.perform_actions(actions).await?;
    Ok(())
}

/// Types `text` into whatever has the focus, with key events only.
pub async fn type_keys(c: &Client, text: &str) -> Result<()> {
    let mut actions = KeyActions::new("keyboard".into());
    for value in text.chars() {
        actions = actions.then(KeyAction::Down { value }).then(KeyAction::Up { value });
    }
    c.perform_actions(actions).await?;
    Ok(())
}

/// Presses Tab until `target` has the focus (at most `max` times): how a keyboard user gets there.
pub async fn tab_to(c: &Client, target: &Element, what: &str, max: usize) -> Result<()> {
    let target_ref = serde_json::to_value(target)?;
    for _ in 0..max {
        let here =
            c.execute("return document.activeElement === arguments[0];", vec![target_ref.clone()]);
        if here.await?.as_bool() == Some(true) {
            return Ok(());
        }
        press(c, &[Key::Tab]).await?;
    }
    check::focused(c, target, what).await
}

/// Tabs to the field labelled `label` and types `text` with key events only.
pub async fn key_in(c: &Client, label: &str, text: &str) -> Result<()> {
    let field = find::field(c, label).await?;
    tab_to(c, &field, label, 12).await?;
    type_keys(c, text).await?;
    check::value(&field, text).await
}

/// Tabs to the button or link `name` and presses `key` (Enter or Space) on it.
pub async fn press_on(c: &Client, name: &str, key: Key) -> Result<()> {
    let control = find::control(c, name).await?;
    tab_to(c, &control, name, 12).await?;
    press(c, &[key]).await
}

/// A real double click (two presses in quick succession) on `element`.
pub async fn double_click(c: &Client, element: &Element) -> Result<()> {
    let mouse = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement {
            element: element.clone(),
            duration: None,
            x: 0.0,
            y: 0.0,
        })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
    c.perform_actions(mouse).await?;
    Ok(())
}

/// Sets the value of the (hidden) form field matching `selector`: tampering, as an attacker would.
pub async fn set_hidden(c: &Client, selector: &str, value: &str) -> Result<()> {
    find::css(c, selector).await?;
    c.execute(
        "document.querySelector(arguments[0]).value = arguments[1];",
        vec![json!(selector), json!(value)],
    )
    .await?;
    Ok(())
}

/// What a request sent from the page got back.
#[derive(Debug, Deserialize)]
pub struct Fetched {
    pub status: u16,
    pub body: String,
}

/// Sends `method path` with a JSON `body` from inside the page (`fetch`, same origin: the page's
/// own cookies go along, as they would for a user tampering with the app's requests).
pub async fn fetch(c: &Client, method: &str, path: &str, body: Value) -> Result<Fetched> {
    let script = "const [method, path, body, done] = arguments;
fetch(path, { method, credentials: 'same-origin', headers: { 'content-type': 'application/json' },
  body: body === null ? undefined : JSON.stringify(body) })
  .then(async r => done({ status: r.status, body: await r.text() }))
  .catch(e => done({ status: 0, body: String(e) }));";
    let answer = c.execute_async(script, vec![json!(method), json!(path), body]).await?;
    let fetched: Fetched = serde_json::from_value(answer)?;
    if fetched.status == 0 {
        bail!("fetch {path} from the page failed: {}", fetched.body);
    }
    Ok(fetched)
}
