//! The JSON Schemas of the validated values and of the drafts that carry them (feature `schema`,
//! for the mock's OpenAPI document). Each newtype's rule is written as the `pattern` and lengths a
//! JSON Schema validator checks, from the same constants its `parse` uses, so the document admits
//! exactly what `parse` accepts: a value as typed, with the surrounding whitespace `parse` trims.
//! `server-mock/tests/schema_rules.rs` checks both ways that every pattern and its `parse` agree.
//!
//! Patterns are ECMA 262 regular expressions (what OpenAPI names) kept to the part that Rust's
//! `regex`, Python's `re` and JavaScript read alike: no `\s`, `\d` or `\w` (each means something
//! else in each), no look-around; classes spelled out with `\uXXXX` escapes.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema, transform::Transform};
use serde::Serialize;
use serde_json::{Map, Value, json};

/// What `char::is_whitespace` is true for (Unicode White_Space), as the inside of a class: what
/// `str::trim` removes.
pub const WHITESPACE: &str = r"\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000";
/// What `char::is_control` is true for (Unicode Cc), as the inside of a class.
pub const CONTROL: &str = r"\u0000-\u001f\u007f-\u009f";

/// A string: `body`, with any whitespace around it (which `parse` trims).
pub fn trimmed(body: &str) -> String {
    format!("^[{WHITESPACE}]*(?:{body})[{WHITESPACE}]*$")
}

/// One character that is neither whitespace nor a control character.
pub fn visible() -> String {
    format!("[^{WHITESPACE}{CONTROL}]")
}

/// The schema of a string matching `pattern`.
pub fn text(pattern: String) -> Schema {
    json_schema!({ "type": "string", "pattern": pattern })
}

/// `schema`, which must also match every one of `patterns` (a schema holds one `pattern`).
pub fn also_matching(mut schema: Schema, patterns: &[String]) -> Schema {
    let all: Vec<Value> = patterns.iter().map(|p| json!({ "pattern": p })).collect();
    schema.insert("allOf".into(), all.into());
    schema
}

/// `schema` with lengths (in characters) it holds to.
pub fn lengths(mut schema: Schema, min: Option<u16>, max: Option<u16>) -> Schema {
    if let Some(min) = min {
        schema.insert("minLength".into(), min.into());
    }
    if let Some(max) = max {
        schema.insert("maxLength".into(), max.into());
    }
    schema
}

/// Exactly `len` ASCII digits (`domain::digits`).
pub fn digits(len: u16) -> Schema {
    text(trimmed(&format!("[0-9]{{{len}}}")))
}

/// 1 to `max` characters, none whitespace or control (`ids::token`).
pub fn token(max: u16) -> Schema {
    text(trimmed(&format!("{}{{1,{max}}}", visible())))
}

/// `min..=max` characters after trimming, no control characters (`domain::plain_text`): starts
/// and ends with a visible character, anything but a control character between.
pub fn plain_text(min: u16, max: u16) -> Schema {
    let (v, inner) = (visible(), format!("[^{CONTROL}]"));
    let body = if min <= 1 {
        format!("{v}(?:{inner}{{0,{}}}{v})?", max.saturating_sub(2))
    } else {
        format!("{v}{inner}{{{},{}}}{v}", min - 2, max - 2)
    };
    text(trimmed(&body))
}

/// `schema` described by a type's doc comment (`#[doc]` lines, as `validated_string!` gets them).
pub fn described(mut schema: Schema, doc: &[&str]) -> Schema {
    let lines: Vec<&str> = doc.iter().map(|line| line.strip_prefix(' ').unwrap_or(line)).collect();
    let description = lines.join("\n").trim().to_owned();
    if !description.is_empty() {
        schema.insert("description".into(), description.into());
    }
    schema
}

/// An optional draft field: blank (whitespace only, read as absent) or a `T`.
pub fn optional<T: JsonSchema>(generator: &mut SchemaGenerator) -> Schema {
    let blank = format!("^[{WHITESPACE}]*$");
    json_schema!({
        "anyOf": [generator.subschema_for::<T>(), { "type": "string", "pattern": blank }]
    })
}

/// A draft field checked only for presence: some character that is not whitespace.
pub fn not_blank(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "pattern": format!("[^{WHITESPACE}]") })
}

/// A draft field checked only for presence, untrimmed (a password as typed).
pub fn not_empty(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "minLength": 1 })
}

/// A box that must be ticked.
pub fn ticked(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "boolean", "enum": [true] })
}

fn properties(schema: &mut Schema) -> &mut Map<String, Value> {
    schema
        .ensure_object()
        .entry("properties")
        .or_insert_with(|| json!({}))
        .as_object_mut()
        .expect("a draft's properties are an object")
}

fn required(schema: &mut Schema) -> &mut Vec<Value> {
    schema
        .ensure_object()
        .entry("required")
        .or_insert_with(|| json!([]))
        .as_array_mut()
        .expect("`required` is an array")
}

/// A draft's transform: every field is required but the [`optional`](Draft::optional) ones, and
/// only those keep the default serde gives a missing field. A draft reads a missing field as empty
/// (`#[serde(default)]`), which every other field refuses, so the document must not offer `{}`.
pub struct Draft {
    optional: Vec<&'static str>,
}

impl Draft {
    /// Every field required.
    pub fn strict() -> Draft {
        Draft { optional: Vec::new() }
    }

    /// `field` may be missing: it takes an empty value (or its default).
    pub fn optional(mut self, field: &'static str) -> Draft {
        self.optional.push(field);
        self
    }
}

impl Transform for Draft {
    fn transform(&mut self, schema: &mut Schema) {
        let mut names = Vec::new();
        for (name, property) in properties(schema).iter_mut() {
            if self.optional.contains(&name.as_str()) {
                continue;
            }
            if let Some(property) = property.as_object_mut() {
                property.remove("default");
            }
            names.push(Value::from(name.clone()));
        }
        for name in &self.optional {
            assert!(properties(schema).contains_key(*name), "{name} is not a field of the draft");
        }
        *required(schema) = names;
    }
}

/// A draft's transform for fields read only in one case (the create form's new-account tab):
/// they hold to their schemas only while `field` is `value` (and are then required unless
/// optional); otherwise they are ignored (any string).
pub struct OnlyWhen<T: Serialize> {
    field: &'static str,
    value: T,
    /// Each field, and whether it is required in that case.
    fields: Vec<(&'static str, bool)>,
}

impl<T: Serialize> OnlyWhen<T> {
    pub fn new(field: &'static str, value: T) -> OnlyWhen<T> {
        OnlyWhen { field, value, fields: Vec::new() }
    }

    /// `name` is read, and required, only in this case.
    pub fn required(mut self, name: &'static str) -> OnlyWhen<T> {
        self.fields.push((name, true));
        self
    }

    /// `name` is read, and may be missing, only in this case.
    pub fn optional(mut self, name: &'static str) -> OnlyWhen<T> {
        self.fields.push((name, false));
        self
    }
}

impl<T: Serialize> Transform for OnlyWhen<T> {
    fn transform(&mut self, schema: &mut Schema) {
        let value = serde_json::to_value(&self.value).expect("a tag serializes");
        let mut when = Map::new();
        when.insert(self.field.to_owned(), json!({ "enum": [value] }));
        let mut needed = vec![Value::from(self.field)];
        for &(name, is_required) in &self.fields {
            let property = properties(schema)
                .insert(name.to_owned(), json!({ "type": "string" }))
                .unwrap_or_else(|| panic!("{name} is not a field of the draft"));
            when.insert(name.to_owned(), property);
            if is_required {
                needed.push(Value::from(name));
            }
        }
        required(schema).retain(|name| !self.fields.iter().any(|(f, _)| name == f));
        let otherwise = json!({ "properties": { self.field: { "not": { "enum": [value] } } } });
        let then = json!({ "properties": when, "required": needed });
        let cases = json!([otherwise, then]);
        // A second case on the same draft (one per settlement method) joins the first: each
        // must hold.
        if schema.get("oneOf").is_some() {
            let all = schema.ensure_object().entry("allOf").or_insert_with(|| json!([]));
            all.as_array_mut().expect("`allOf` is an array").push(json!({ "oneOf": cases }));
        } else {
            schema.insert("oneOf".into(), cases);
        }
    }
}
