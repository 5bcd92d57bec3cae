//! The mock's OpenAPI document read as a client's validator reads it: the part of OpenAPI 3.0's
//! JSON Schema the document uses (`$ref`, `type`, `nullable`, `enum`, `pattern`, `minLength`,
//! `maxLength`, `minimum`, `properties`, `required`, `items`, `allOf`, `anyOf`, `oneOf`, `not`),
//! with patterns run by Rust's `regex` (the document keeps to what it and ECMA 262 read alike). A
//! keyword it does not know fails the test rather than passing unchecked.
#![allow(dead_code)] // each test file uses a different part

use std::{
    collections::HashMap,
    sync::{LazyLock, Mutex},
};

use regex::Regex;
use serde_json::Value;

/// Keywords that describe without constraining.
const ANNOTATIONS: &[&str] = &["description", "title", "default", "examples", "format"];

pub struct Document(pub Value);

impl Document {
    /// The document the mock serves.
    pub fn served() -> Document {
        Document(server_mock::openapi::document(server_mock::operations()))
    }

    /// The schema filed under `name`.
    pub fn schema(&self, name: &str) -> &Value {
        let schema = &self.0["components"]["schemas"][name];
        assert!(schema.is_object(), "no schema {name}");
        schema
    }

    /// The JSON request body schema of `method` `path`.
    pub fn body(&self, method: &str, path: &str) -> &Value {
        let body = &self.0["paths"][path][method]["requestBody"]["content"]["application/json"];
        assert!(body.is_object(), "{method} {path} takes no JSON body");
        &body["schema"]
    }

    /// Whether `schema` (of this document) admits `value`.
    pub fn admits(&self, schema: &Value, value: &Value) -> bool {
        let object = match schema {
            Value::Bool(admits) => return *admits,
            Value::Object(object) => object,
            other => panic!("not a schema: {other}"),
        };
        if let Some(target) = object.get("$ref").and_then(Value::as_str) {
            let pointer = target.strip_prefix('#').expect("a local reference");
            let target = self.0.pointer(pointer).unwrap_or_else(|| panic!("{target} resolves"));
            return self.admits(target, value);
        }
        if value.is_null() && object.get("nullable") == Some(&Value::Bool(true)) {
            return true;
        }
        object.iter().all(|(keyword, argument)| self.keyword(keyword, argument, object, value))
    }

    fn keyword(
        &self,
        keyword: &str,
        argument: &Value,
        schema: &serde_json::Map<String, Value>,
        value: &Value,
    ) -> bool {
        let count = |n: &Value| n.as_u64().expect("a count");
        let chars = || value.as_str().map(|text| text.chars().count() as u64);
        match keyword {
            "type" => match argument.as_str().expect("one type") {
                "string" => value.is_string(),
                "object" => value.is_object(),
                "boolean" => value.is_boolean(),
                "integer" => value.is_i64() || value.is_u64(),
                "number" => value.is_number(),
                "array" => value.is_array(),
                other => panic!("type {other}"),
            },
            "nullable" => true,
            "enum" => argument.as_array().expect("enum values").contains(value),
            "pattern" => value
                .as_str()
                .is_none_or(|text| matches(argument.as_str().expect("a pattern"), text)),
            "minLength" => chars().is_none_or(|n| n >= count(argument)),
            "maxLength" => chars().is_none_or(|n| n <= count(argument)),
            "minimum" => value.as_f64().is_none_or(|n| n >= argument.as_f64().expect("a number")),
            "required" => value.as_object().is_none_or(|fields| {
                let names = argument.as_array().expect("required names");
                names.iter().all(|name| fields.contains_key(name.as_str().expect("a name")))
            }),
            "properties" => value.as_object().is_none_or(|fields| {
                let properties = argument.as_object().expect("properties");
                properties.iter().all(|(name, property)| {
                    fields.get(name).is_none_or(|field| self.admits(property, field))
                })
            }),
            "items" => value
                .as_array()
                .is_none_or(|items| items.iter().all(|item| self.admits(argument, item))),
            "allOf" => subschemas(argument).all(|s| self.admits(s, value)),
            "anyOf" => subschemas(argument).any(|s| self.admits(s, value)),
            "oneOf" => subschemas(argument).filter(|s| self.admits(s, value)).count() == 1,
            "not" => !self.admits(argument, value),
            keyword if ANNOTATIONS.contains(&keyword) => true,
            other => panic!("the test validator does not know `{other}` (in {schema:?})"),
        }
    }
}

fn subschemas(argument: &Value) -> impl Iterator<Item = &Value> {
    argument.as_array().expect("a list of schemas").iter()
}

/// Whether `pattern` finds a match in `text` (JSON Schema's patterns are not anchored).
pub fn matches(pattern: &str, text: &str) -> bool {
    static COMPILED: LazyLock<Mutex<HashMap<String, Regex>>> = LazyLock::new(Default::default);
    let mut compiled = COMPILED.lock().unwrap();
    let regex = compiled.entry(pattern.to_owned()).or_insert_with(|| {
        Regex::new(pattern).unwrap_or_else(|err| panic!("pattern {pattern}: {err}"))
    });
    regex.is_match(text)
}
