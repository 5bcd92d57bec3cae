//! A small JSON reader and writer for what the app reads from the backend and keeps in storage.
//!
//! The app's first screen reads the session answer and error bodies before anything else. Going
//! through serde and serde_json, that reading was a sixth of the first screen's wasm (README,
//! Performance): serde_json's deserializer and serde's visitors, monomorphised for every type. Here a
//! document is parsed once into a [`Json`] tree, and each answer type picks its fields out of it
//! ([`FromJson`], in `json_wire.rs`). The wire format stays the one serde's derives define (the mock
//! still writes and reads it through serde); core's contract tests check every answer type and every
//! variant against serde's encoding.

/// A parsed JSON value. Numbers keep their text: the app reads only small unsigned integers, and
/// keeping the text avoids a float parser in the wasm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Json>),
    /// Members in document order.
    Object(Vec<(String, Json)>),
}

/// A value read from a [`Json`] tree; `None` when the tree is not shaped like `Self`.
pub trait FromJson: Sized {
    fn from_json(value: &Json) -> Option<Self>;
}

/// A value written as a [`Json`] tree.
pub trait ToJson {
    fn to_json(&self) -> Json;
}

/// `text` read as a `T`: `None` when it is not JSON, or not shaped like `T`.
pub fn from_str<T: FromJson>(text: &str) -> Option<T> {
    T::from_json(&parse(text)?)
}

/// `value` as JSON text.
pub fn to_string<T: ToJson + ?Sized>(value: &T) -> String {
    value.to_json().encode()
}

/// Nesting deeper than this is refused rather than risking the stack (serde_json refuses at 128).
const MAX_DEPTH: usize = 64;

/// `text` as one JSON value (RFC 8259), with nothing but white space around it.
pub fn parse(text: &str) -> Option<Json> {
    let mut parser = Parser { text, bytes: text.as_bytes(), at: 0 };
    let value = parser.value(0)?;
    parser.skip_space();
    (parser.at == parser.bytes.len()).then_some(value)
}

impl Json {
    /// The member `key` of an object: `Null` when the object has none (as serde reads a missing
    /// `Option` field), `None` when `self` is not an object.
    pub fn member(&self, key: &str) -> Option<&Json> {
        const ABSENT: &Json = &Json::Null;
        let Json::Object(members) = self else { return None };
        Some(members.iter().find(|(name, _)| name == key).map_or(ABSENT, |(_, value)| value))
    }

    /// The member `key` of an object, read as a `T`.
    pub fn field<T: FromJson>(&self, key: &str) -> Option<T> {
        T::from_json(self.member(key)?)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(text) => Some(text),
            _ => None,
        }
    }

    /// The text as JSON, without white space.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(true) => out.push_str("true"),
            Json::Bool(false) => out.push_str("false"),
            Json::Number(text) => out.push_str(text),
            Json::String(text) => write_string(text, out),
            Json::Array(items) => {
                out.push('[');
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (index, (name, value)) in members.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    write_string(name, out);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }
}

/// `text` quoted, with `"`, `\` and control characters escaped (as serde_json writes them).
fn write_string(text: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => {
                let byte = c as usize;
                out.push_str("\\u00");
                out.push(HEX[byte >> 4] as char);
                out.push(HEX[byte & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    /// The next byte after white space, not consumed.
    fn peek(&mut self) -> Option<u8> {
        self.skip_space();
        self.bytes.get(self.at).copied()
    }

    /// Consumes `byte` if it comes next (after white space).
    fn eat(&mut self, byte: u8) -> bool {
        let next = self.peek() == Some(byte);
        if next {
            self.at += 1;
        }
        next
    }

    fn literal(&mut self, word: &[u8], value: Json) -> Option<Json> {
        let found = self.bytes[self.at..].starts_with(word);
        self.at += word.len();
        found.then_some(value)
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.peek()? {
            b'n' => self.literal(b"null", Json::Null),
            b't' => self.literal(b"true", Json::Bool(true)),
            b'f' => self.literal(b"false", Json::Bool(false)),
            b'"' => self.string().map(Json::String),
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value(depth + 1)?);
                        if self.eat(b']') {
                            break;
                        }
                        if !self.eat(b',') {
                            return None;
                        }
                    }
                }
                Some(Json::Array(items))
            }
            b'{' => {
                self.at += 1;
                let mut members = Vec::new();
                if !self.eat(b'}') {
                    loop {
                        if self.peek()? != b'"' {
                            return None;
                        }
                        let name = self.string()?;
                        if !self.eat(b':') {
                            return None;
                        }
                        members.push((name, self.value(depth + 1)?));
                        if self.eat(b'}') {
                            break;
                        }
                        if !self.eat(b',') {
                            return None;
                        }
                    }
                }
                Some(Json::Object(members))
            }
            _ => self.number().map(Json::Number),
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, as its text.
    fn number(&mut self) -> Option<String> {
        let start = self.at;
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        let first = *self.bytes.get(self.at)?;
        if first == b'0' {
            self.at += 1;
        } else if !self.digits() {
            return None;
        }
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            if !self.digits() {
                return None;
            }
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.at) {
            self.at += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.at) {
                self.at += 1;
            }
            if !self.digits() {
                return None;
            }
        }
        // Only ASCII was consumed, so both ends are on character boundaries.
        Some(self.text[start..self.at].to_owned())
    }

    /// Consumes a run of ASCII digits; whether there was one.
    fn digits(&mut self) -> bool {
        let start = self.at;
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
        self.at > start
    }

    /// A string, the opening quote next.
    fn string(&mut self) -> Option<String> {
        self.at += 1;
        let mut out = Vec::new();
        loop {
            let byte = *self.bytes.get(self.at)?;
            self.at += 1;
            match byte {
                b'"' => return String::from_utf8(out).ok(),
                b'\\' => {
                    let escaped = *self.bytes.get(self.at)?;
                    self.at += 1;
                    let c = match escaped {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.escaped_char()?,
                        _ => return None,
                    };
                    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                }
                // Control characters must be escaped.
                0..0x20 => return None,
                _ => out.push(byte),
            }
        }
    }

    /// The character of a `\u` escape (the `\u` consumed), joining a surrogate pair.
    fn escaped_char(&mut self) -> Option<char> {
        let high = self.hex4()?;
        if !(0xD800..0xDC00).contains(&high) {
            return char::from_u32(high);
        }
        if !self.bytes[self.at..].starts_with(b"\\u") {
            return None;
        }
        self.at += 2;
        let low = self.hex4()?;
        if !(0xDC00..0xE000).contains(&low) {
            return None;
        }
        char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.bytes.get(self.at..self.at + 4)?;
        self.at += 4;
        digits.iter().try_fold(0, |sum, &digit| Some(sum * 16 + (digit as char).to_digit(16)?))
    }
}

impl FromJson for Json {
    fn from_json(value: &Json) -> Option<Self> {
        Some(value.clone())
    }
}

impl FromJson for String {
    fn from_json(value: &Json) -> Option<Self> {
        value.as_str().map(str::to_owned)
    }
}

impl FromJson for bool {
    fn from_json(value: &Json) -> Option<Self> {
        match value {
            Json::Bool(value) => Some(*value),
            _ => None,
        }
    }
}

/// Unsigned integers, written without fraction or exponent, as serde_json writes them.
macro_rules! from_json_unsigned {
    ($($int:ty),*) => {$(
        impl FromJson for $int {
            fn from_json(value: &Json) -> Option<Self> {
                match value {
                    Json::Number(text) => text.parse().ok(),
                    _ => None,
                }
            }
        }
    )*};
}
from_json_unsigned!(u8, u16, u32);

/// `null` (or a missing member) is `None`, as serde reads an `Option`.
impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: &Json) -> Option<Self> {
        match value {
            Json::Null => Some(None),
            value => T::from_json(value).map(Some),
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Json) -> Option<Self> {
        match value {
            Json::Array(items) => items.iter().map(T::from_json).collect(),
            _ => None,
        }
    }
}

impl ToJson for str {
    fn to_json(&self) -> Json {
        Json::String(self.to_owned())
    }
}

impl ToJson for String {
    fn to_json(&self) -> Json {
        Json::String(self.clone())
    }
}

#[cfg(test)]
#[path = "json_tests.rs"]
mod tests;
