//! Writing compact JSON: string literals, objects with the crate's own keys, integers, and the
//! indented layout of `--pretty`; and the JSON form of errors.

use super::parse::Json;
pub use crate::digits::push_u64;
use crate::error::{Error, Errors};

/// Appends `text` as a JSON string literal: quotes, backslashes and control characters escaped,
/// everything else as is. (A plain index loop: iterator adaptors are not inlined when the wasm is
/// optimised for size.)
#[cfg_attr(nexttier_speed, optimize(speed))]
pub fn write_string(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    let bytes = text.as_bytes();
    let mut plain = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b >= 0x20 && b != b'"' && b != b'\\' {
            i += 1;
            continue;
        }
        out.push_str(&text[plain..i]);
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let escape = [
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 0xf)],
                ];
                out.push_str(std::str::from_utf8(&escape).unwrap_or("\\ufffd"));
            }
        }
        i += 1;
        plain = i;
    }
    out.push_str(&text[plain..]);
    out.push('"');
}

/// Builds a compact JSON object member by member.
pub struct ObjectWriter<'o> {
    out: &'o mut String,
    first: bool,
}

impl<'o> ObjectWriter<'o> {
    /// Opens an object.
    pub fn new(out: &'o mut String) -> Self {
        out.push('{');
        ObjectWriter { out, first: true }
    }

    /// Writes `"key":` and returns the output for the value. Keys are this crate's own names (plain
    /// ASCII, `'static`), written as they are: no escaping pass (the writer's hottest path).
    #[cfg_attr(nexttier_speed, optimize(speed))]
    pub fn key(&mut self, key: &'static str) -> &mut String {
        debug_assert!(!key.contains(['"', '\\']) && key.is_ascii());
        // Three appends and no separate `reserve`: each append is a call in the wasm (the writer's
        // output is sized once, up front).
        self.out.push_str(if self.first { "\"" } else { ",\"" });
        self.first = false;
        self.out.push_str(key);
        self.out.push_str("\":");
        self.out
    }

    /// A string member.
    #[cfg_attr(nexttier_speed, optimize(speed))]
    pub fn string(&mut self, key: &'static str, value: &str) {
        let out = self.key(key);
        write_string(out, value);
    }

    /// A member whose value is already JSON text (numbers, `null`, `true`).
    pub fn raw(&mut self, key: &'static str, json: &str) {
        self.key(key).push_str(json);
    }

    /// An unsigned integer member.
    #[cfg_attr(nexttier_speed, optimize(speed))]
    pub fn number(&mut self, key: &'static str, value: u64) {
        let out = self.key(key);
        push_u64(out, value);
    }

    /// An array member, each element written by `write`.
    #[cfg_attr(nexttier_speed, optimize(speed))]
    pub fn array<T>(&mut self, key: &'static str, items: &[T], mut write: impl FnMut(&mut String, &T)) {
        let out = self.key(key);
        out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write(out, item);
        }
        out.push(']');
    }

    /// Closes the object.
    pub fn end(self) {
        self.out.push('}');
    }
}

/// `value` as compact JSON, keys in document order and numbers as written.
pub fn compact(value: &Json<'_>) -> String {
    fn write(out: &mut String, value: &Json<'_>) {
        match value {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(n),
            Json::String(s) => write_string(out, s),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    out.push_str(if i > 0 { "," } else { "" });
                    write(out, item);
                }
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (i, (key, item)) in members.iter().enumerate() {
                    out.push_str(if i > 0 { "," } else { "" });
                    write_string(out, key);
                    out.push(':');
                    write(out, item);
                }
                out.push('}');
            }
        }
    }
    let mut out = String::new();
    write(&mut out, value);
    out
}

/// `value` as indented JSON, keys in document order and numbers as written: the layout of
/// `serde_json::to_string_pretty` (two spaces, `"key": value`, `[]` and `{}` when empty).
pub fn pretty(value: &Json<'_>) -> String {
    fn newline(out: &mut String, depth: usize) {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    }
    fn write(out: &mut String, value: &Json<'_>, depth: usize) {
        match value {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(n),
            Json::String(s) => write_string(out, s),
            Json::Array(items) if items.is_empty() => out.push_str("[]"),
            Json::Object(members) if members.is_empty() => out.push_str("{}"),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    out.push_str(if i > 0 { "," } else { "" });
                    newline(out, depth + 1);
                    write(out, item, depth + 1);
                }
                newline(out, depth);
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (i, (key, item)) in members.iter().enumerate() {
                    out.push_str(if i > 0 { "," } else { "" });
                    newline(out, depth + 1);
                    write_string(out, key);
                    out.push_str(": ");
                    write(out, item, depth + 1);
                }
                newline(out, depth);
                out.push('}');
            }
        }
    }
    let mut out = String::new();
    write(&mut out, value, 0);
    out
}

// The JSON form of errors, as the command line prints them and the bindings throw them.
impl Error {
    /// The error as the JSON object the command line and the package report:
    /// `{"code","path","message"}`, plus `line` and `column` for syntax errors.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out, None);
        out
    }

    pub(crate) fn write_json(&self, out: &mut String, all: Option<&[Error]>) {
        let mut object = ObjectWriter::new(out);
        object.string("code", self.code());
        object.string("path", self.path().as_str());
        object.string("message", &self.to_string());
        if let Error::Syntax { line, column, .. } = self {
            object.number("line", *line as u64);
            object.number("column", *column as u64);
        }
        if let Some(all) = all {
            object.array("errors", all, |out, error| error.write_json(out, None));
        }
        object.end();
    }
}

impl Errors {
    /// `{"code","path","message","errors":[...]}`: the first error's fields at the top, then all.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.first().write_json(&mut out, Some(self.all()));
        out
    }

    /// `[{"code","path","message"}, ...]`: every error.
    pub fn to_json_array(&self) -> String {
        let mut out = String::from("[");
        for (i, error) in self.all().iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            error.write_json(&mut out, None);
        }
        out.push(']');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_writes_what_serde_json_writes() {
        let text = r#"{ "a": [1, "x\n", null, true, {"b": {}}, []], "c": "\u00e9" }"#;
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(compact(&crate::json::parse(text).unwrap()), value.to_string());
    }

    #[test]
    fn writes_strings_as_serde_json_does() {
        for text in [
            "plain",
            "q\"b\\",
            "\n\r\t\u{8}\u{c}\u{1}\u{1f}",
            "é😀</script>",
            "",
        ] {
            let mut out = String::new();
            write_string(&mut out, text);
            assert_eq!(out, serde_json::to_string(text).unwrap());
        }
    }
}
