//! `Deserialize` for the tagged enums, through the app's own reader ([`FromJson`], `json_wire.rs`)
//! instead of derived: one reading of each tag, for the mock's serde and the app alike.
//!
//! serde's derive reads an internally tagged enum (`{"code": "…", …}`) by buffering the whole object
//! into its generic `Content` tree and generating that buffering anew for every variant. These read
//! the value into a [`Json`] tree, and the `FromJson` impl picks the variant. The wire format is the
//! derived `Serialize`'s, unchanged, and the JSON Schema still comes from the enum itself; core's
//! contract tests (`api_tests.rs`, `field.rs`, `json_tests.rs`) round-trip every variant.

use std::fmt;

use serde::{
    Deserialize, Deserializer,
    de::{Error, MapAccess, SeqAccess, Visitor},
};

use crate::{
    api::{ApiError, Settlement},
    domain::Identity,
    field::{FieldError, FieldId},
    json::{FromJson, Json},
};

/// Any serde input as a [`Json`] tree.
impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TreeVisitor)
    }
}

struct TreeVisitor;

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: Error>(self, value: bool) -> Result<Json, E> {
        Ok(Json::Bool(value))
    }

    fn visit_u64<E: Error>(self, value: u64) -> Result<Json, E> {
        Ok(Json::Number(value.to_string()))
    }

    fn visit_i64<E: Error>(self, value: i64) -> Result<Json, E> {
        Ok(Json::Number(value.to_string()))
    }

    fn visit_f64<E: Error>(self, value: f64) -> Result<Json, E> {
        Ok(Json::Number(value.to_string()))
    }

    fn visit_str<E: Error>(self, value: &str) -> Result<Json, E> {
        Ok(Json::String(value.to_owned()))
    }

    fn visit_string<E: Error>(self, value: String) -> Result<Json, E> {
        Ok(Json::String(value))
    }

    fn visit_unit<E: Error>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_none<E: Error>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Json, D::Error> {
        Json::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut members = Vec::new();
        while let Some(member) = map.next_entry()? {
            members.push(member);
        }
        Ok(Json::Object(members))
    }
}

/// `Deserialize` through the type's [`FromJson`], failing with `what` it expected.
macro_rules! through_json {
    ($($ty:ty => $what:literal,)*) => {$(
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let tree = Json::deserialize(deserializer)?;
                <$ty>::from_json(&tree)
                    .ok_or_else(|| D::Error::custom(concat!("expected ", $what)))
            }
        }
    )*};
}

through_json! {
    ApiError => "an error body with a known code and its fields",
    FieldError => "a field error with a known kind and its fields",
    FieldId => "a field name",
    Identity => "a marketplace identity with valid IDs",
    Settlement => "a settlement with a known kind",
}
