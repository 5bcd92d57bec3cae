//! Check: wait for what the user should see, polling until a deadline ([`crate::timeout`]); a
//! failed wait says what it waited for and what it saw last. Never a fixed sleep.

use std::{
    fmt::Display,
    future::Future,
    time::{Duration, Instant},
};

use anyhow::{Result, bail};
use fantoccini::{Client, elements::Element};

use crate::timeout;

/// What one look found: the thing waited for, or what was there instead.
pub enum Seen<T> {
    Yes(T),
    No(String),
}

/// Polls `probe` until it sees the thing (returned) or the deadline passes (an error naming `what`
/// and the last observation). A probe's error counts as "not yet" (the page may be mid-render).
pub async fn until<T, F, Fut>(what: impl Display, mut probe: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Seen<T>>>,
{
    let limit = timeout();
    let deadline = Instant::now() + limit;
    let mut last: String;
    loop {
        match probe().await {
            Ok(Seen::Yes(value)) => return Ok(value),
            Ok(Seen::No(seen)) => last = seen,
            Err(error) => last = format!("{error:#}"),
        }
        if Instant::now() >= deadline {
            bail!("waited {} s for {what}; last seen: {last}", limit.as_secs());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Text with runs of white space collapsed, as a user reads it.
pub fn norm(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

async fn script_text(c: &Client, script: &str) -> Result<String> {
    let value = c.execute(script, vec![]).await?;
    Ok(value.as_str().map(norm).unwrap_or_default())
}

/// The page's main heading (`main h1`).
pub async fn heading_text(c: &Client) -> Result<String> {
    script_text(c, "const h = document.querySelector('main h1'); return h ? h.textContent : '';")
        .await
}

/// The text of the page's `<main>` (the whole body when there is none).
pub async fn main_text(c: &Client) -> Result<String> {
    script_text(c, "return (document.querySelector('main') || document.body).innerText;").await
}

/// Waits until the main heading is `text`.
pub async fn heading(c: &Client, text: &str) -> Result<()> {
    until(format!("the heading {text:?}"), || async {
        let seen = heading_text(c).await?;
        Ok(if seen == text { Seen::Yes(()) } else { Seen::No(format!("heading {seen:?}")) })
    })
    .await
}

/// Waits until the URL's path is `path`.
pub async fn path(c: &Client, path: &str) -> Result<()> {
    until(format!("the path {path}"), || async {
        let url = c.current_url().await?;
        Ok(if url.path() == path { Seen::Yes(()) } else { Seen::No(url.to_string()) })
    })
    .await
}

/// Waits until the main text contains `needle`.
pub async fn text(c: &Client, needle: &str) -> Result<()> {
    let needle = norm(needle);
    until(format!("the text {needle:?}"), || async {
        let seen = main_text(c).await?;
        Ok(if seen.contains(&needle) { Seen::Yes(()) } else { Seen::No(seen) })
    })
    .await
}

/// Waits until the main text no longer contains `needle` (a message that should clear).
pub async fn gone(c: &Client, needle: &str) -> Result<()> {
    let needle = norm(needle);
    until(format!("{needle:?} to go away"), || async {
        let seen = main_text(c).await?;
        Ok(if seen.contains(&needle) { Seen::No(seen) } else { Seen::Yes(()) })
    })
    .await
}

/// The main text does not contain `needle`, now (call it after waiting for what should be there).
pub async fn absent(c: &Client, needle: &str) -> Result<()> {
    let seen = main_text(c).await?;
    if seen.contains(&norm(needle)) {
        bail!("{needle:?} should not be on the page: {seen}");
    }
    Ok(())
}

/// Waits until an input's value is `expected`.
pub async fn value(field: &Element, expected: &str) -> Result<()> {
    until(format!("the value {expected:?}"), || async {
        let seen = field.prop("value").await?.unwrap_or_default();
        Ok(if seen == expected { Seen::Yes(()) } else { Seen::No(format!("value {seen:?}")) })
    })
    .await
}

/// Waits until `<html lang>` is `tag`.
pub async fn lang(c: &Client, tag: &str) -> Result<()> {
    until(format!("<html lang={tag:?}>"), || async {
        let seen = script_text(c, "return document.documentElement.lang;").await?;
        Ok(if seen == tag { Seen::Yes(()) } else { Seen::No(format!("lang {seen:?}")) })
    })
    .await
}

/// Waits until `element` has the keyboard focus.
pub async fn focused(c: &Client, element: &Element, what: &str) -> Result<()> {
    let target = serde_json::to_value(element)?;
    until(format!("focus on {what}"), || async {
        let same = c
            .execute("return document.activeElement === arguments[0];", vec![target.clone()])
            .await?;
        Ok(if same.as_bool() == Some(true) {
            Seen::Yes(())
        } else {
            Seen::No(crate::find::describe_focus(c).await?)
        })
    })
    .await
}

/// Waits until the main heading reads `text` and has the focus (a new step announces itself).
pub async fn focused_heading(c: &Client, text: &str) -> Result<()> {
    heading(c, text).await?;
    let h1 = crate::find::css(c, "main h1").await?;
    focused(c, &h1, text).await
}

/// Waits until `element` is enabled (a button's countdown or request is over).
pub async fn enabled(element: &Element, what: &str) -> Result<()> {
    until(format!("{what} to be enabled"), || async {
        Ok(if element.is_enabled().await? { Seen::Yes(()) } else { Seen::No("disabled".into()) })
    })
    .await
}
