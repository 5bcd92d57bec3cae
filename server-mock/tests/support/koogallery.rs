//! Drives the Huawei KooGallery simulator the way a browser does: follows its forms (their
//! pre-filled values, ticked boxes and chosen radio buttons) and redirects, with one browser's
//! cookies (`common::Client`). Shared by the tests of partner services and direct login.

#![allow(dead_code)]

use axum::{
    body::Body,
    http::{Request, header},
};

use crate::common::{Client, Reply};

pub fn text(reply: &Reply) -> String {
    String::from_utf8_lossy(&reply.body).into_owned()
}

pub fn location(reply: &Reply) -> String {
    assert_eq!(reply.status, 303, "{}", text(reply));
    reply.headers[header::LOCATION].to_str().unwrap().to_owned()
}

fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let tag = format!(" {tag}");
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[start..].find('"')?;
    Some(unescape(&tag[start..start + len]))
}

/// A form of a page: what a browser would submit as it stands.
#[derive(Debug, Clone)]
pub struct Form {
    pub method: String,
    pub action: String,
    /// Name and value of each input a browser sends (unticked boxes left out), in order.
    pub fields: Vec<(String, String)>,
    pub button: String,
    /// Every `<label>`'s text, in order.
    pub labels: Vec<String>,
}

impl Form {
    /// Sets a text field (or adds a value), replacing what it held.
    pub fn set(mut self, name: &str, value: &str) -> Form {
        self.fields.retain(|(k, _)| k != name);
        self.fields.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Ticks a checkbox (adds `name=value`).
    pub fn tick(mut self, name: &str, value: &str) -> Form {
        self.fields.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Unticks every box named `name`.
    pub fn untick(mut self, name: &str) -> Form {
        self.fields.retain(|(k, _)| k != name);
        self
    }

    pub fn field(&self, name: &str) -> &str {
        let found = self.fields.iter().find(|(k, _)| k == name);
        &found.unwrap_or_else(|| panic!("no field {name} in {self:?}")).1
    }

    pub async fn submit(&self, browser: &mut Client) -> Reply {
        let data: Vec<String> =
            self.fields.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
        let data = data.join("&");
        if self.method == "post" {
            let request = Request::post(&self.action)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
            browser.send(request, Body::from(data)).await
        } else {
            browser.get(&format!("{}?{data}", self.action)).await
        }
    }
}

/// The forms of a page.
pub fn forms(html: &str) -> Vec<Form> {
    html.split("<form ")
        .skip(1)
        .map(|chunk| {
            let chunk = &chunk[..chunk.find("</form>").unwrap()];
            let open = &chunk[..chunk.find('>').unwrap()];
            let fields = chunk
                .split("<input ")
                .skip(1)
                .map(|tag| &tag[..tag.find('>').unwrap()])
                .filter(|tag| {
                    let choice = matches!(attr(tag, "type").as_deref(), Some("checkbox" | "radio"));
                    !choice || tag.contains(" checked")
                })
                .map(|tag| (attr(tag, "name").unwrap(), attr(tag, "value").unwrap()))
                .collect();
            let labels = chunk
                .split("<label")
                .skip(1)
                .map(|l| {
                    let inner = &l[l.find('>').unwrap() + 1..l.find("</label>").unwrap()];
                    // A checkbox's label holds its input: keep the words only.
                    let words = inner.rsplit('>').next().unwrap_or(inner);
                    unescape(words)
                })
                .collect();
            let button = chunk.split("<button").nth(1).unwrap();
            let button = &button[button.find('>').unwrap() + 1..button.find("</button>").unwrap()];
            Form {
                method: attr(open, "method").unwrap(),
                action: attr(open, "action").unwrap(),
                fields,
                button: unescape(button),
                labels,
            }
        })
        .collect()
}

/// The page's form whose button is `button`, after checking the page is a simulator page.
pub fn form(reply: &Reply, button: &str) -> Form {
    let html = text(reply);
    assert!(!html.contains("<script") && !html.contains("style="), "{html}");
    forms(&html)
        .into_iter()
        .find(|f| f.button == button)
        .unwrap_or_else(|| panic!("no {button} button in {html}"))
}

/// Follows a 303.
pub async fn follow(browser: &mut Client, reply: Reply) -> Reply {
    let to = location(&reply);
    browser.get(&to).await
}

/// Subscribe Now for `account`: the purchased services page, with Use Now.
pub async fn subscribe(browser: &mut Client, account: &str) -> Reply {
    let product = browser.get("/marketplace/huawei").await;
    let subscribe = form(&product, "Subscribe Now").set("account_id", account);
    let purchased = through(browser, &subscribe).await;
    assert_eq!(purchased.status, 200, "{}", text(&purchased));
    purchased
}

/// Subscribe Now, then Use Now: the page Use Now leads to (partner services, or through our
/// login URL the unified login).
pub async fn use_now(browser: &mut Client, account: &str) -> Reply {
    let purchased = subscribe(browser, account).await;
    let mut reply = through(browser, &form(&purchased, "Use Now")).await;
    while reply.status == 303 {
        reply = follow(browser, reply).await;
    }
    reply
}

/// From the role page, every partner-service page as pre-filled (ticking Agree to Terms), up to
/// the unified login's page.
pub async fn set_up_partner_services(browser: &mut Client, role: Reply) -> Reply {
    let enterprise = form(&role, "Confirm").submit(browser).await;
    let created = form(&enterprise, "Create Enterprise").submit(browser).await;
    let setup = follow(browser, created).await;
    let members = form(&setup, "Continue").submit(browser).await;
    let added = form(&members, "Add Member").submit(browser).await;
    let authorize = follow(browser, added).await;
    let confirmed =
        form(&authorize, "Confirm Authorization").tick("agree", "yes").submit(browser).await;
    // Our login URL (the state cookie), then the unified login.
    let start = location(&confirmed);
    assert!(start.starts_with("/handoff/huawei/start?"), "{start}");
    let started = browser.get(&start).await;
    follow(browser, started).await
}

/// Log In as pre-filled, then (the first time) Change password as pre-filled: the unified
/// login's redirect to our hand-off.
pub async fn log_in(browser: &mut Client, login: Reply) -> String {
    let signed_in = form(&login, "Log In").submit(browser).await;
    let mut to = location(&signed_in);
    if to.starts_with("/marketplace/huawei/login/password") {
        let change = browser.get(&to).await;
        to = location(&form(&change, "Change password").submit(browser).await);
    }
    assert!(to.starts_with("/handoff/huawei?code="), "{to}");
    to
}

/// A Huawei buyer from Subscribe Now, through partner services (the first time) and the unified
/// login, to our hand-off's URL (not yet opened).
pub async fn to_callback(browser: &mut Client, account: &str) -> String {
    let next = use_now(browser, account).await;
    let login = if text(&next).contains("<h1>Partner Services</h1>") {
        set_up_partner_services(browser, next).await
    } else {
        next
    };
    log_in(browser, login).await
}

/// [`to_callback`], then the hand-off: the browser now holds an activation session.
pub async fn hand_off(browser: &mut Client, account: &str) {
    let callback = to_callback(browser, account).await;
    let welcome = browser.get(&callback).await;
    assert_eq!(location(&welcome), "/activate", "{callback}");
}

/// The value of query parameter `name` in `url`.
pub fn param(url: &str, name: &str) -> String {
    let query = url.split_once('?').map_or("", |(_, q)| q);
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix(&format!("{name}=")))
        .unwrap_or_default()
        .to_owned()
}

/// Submits `form` and follows its 303.
pub async fn through(browser: &mut Client, form: &Form) -> Reply {
    let reply = form.submit(browser).await;
    follow(browser, reply).await
}
