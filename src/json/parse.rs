//! Parsing JSON text into a tree that borrows from it.
//!
//! Strings without escapes and every number stay slices of the input; numbers are kept as the text
//! they were written with (never a float); object keys stay in document order; nesting is limited so
//! hostile input cannot exhaust the stack; errors give line and column.

use std::borrow::Cow;

use crate::error::{Error, JsonPath};

/// The deepest nesting of arrays and objects accepted.
pub const MAX_DEPTH: usize = 64;

/// A parsed JSON value, borrowing from the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Json<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, exactly as written.
    Number(Cow<'a, str>),
    /// A string, unescaped.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Json<'a>>),
    /// An object, keys in document order (duplicates kept; readers refuse them).
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}

impl Json<'_> {
    /// What the value is, for messages.
    pub fn describe(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }
}

/// Parses a whole JSON document.
#[cfg_attr(nexttier_speed, optimize(speed))]
pub fn parse(text: &str) -> Result<Json<'_>, Error> {
    // A leading byte-order mark (as editors on Windows write) is not part of the document.
    let mut parser = Parser::new(text);
    parser.skip_whitespace();
    let value = parser.value(0)?;
    parser.skip_whitespace();
    if parser.at != parser.bytes.len() {
        return Err(parser.error("trailing characters after the JSON value"));
    }
    Ok(value)
}

/// A position in JSON text, for readers that walk a document themselves (the cart's direct reader)
/// and take whole values from it where they need them.
pub(crate) struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Parser<'a> {
    /// A parser at the start of `text` (after a byte-order mark).
    pub(crate) fn new(text: &'a str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        Parser {
            text,
            bytes: text.as_bytes(),
            at: 0,
        }
    }

    /// The next byte after any whitespace, not taken.
    #[inline(always)]
    pub(crate) fn peek(&mut self) -> Option<u8> {
        // Whitespace skipped here rather than by `skip_whitespace`, so that it is inlined into the
        // direct reader's loops (which call this at every token) and nowhere else.
        loop {
            match self.bytes.get(self.at) {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.at += 1,
                other => return other.copied(),
            }
        }
    }

    /// Takes `byte` when it comes next (after any whitespace).
    #[inline(always)]
    pub(crate) fn eat(&mut self, byte: u8) -> bool {
        let next = self.peek() == Some(byte);
        self.at += usize::from(next);
        next
    }

    /// Whether only whitespace is left.
    pub(crate) fn at_end(&mut self) -> bool {
        self.peek().is_none()
    }

    /// The string that comes next, unescaped; `None` when a string does not come next or is invalid.
    #[cfg_attr(nexttier_speed, optimize(speed))]
    pub(crate) fn next_string(&mut self) -> Option<Cow<'a, str>> {
        if self.peek() != Some(b'"') {
            return None;
        }
        self.string().ok()
    }

    /// The number token that comes next, as written; `None` when a number does not come next.
    #[cfg_attr(nexttier_speed, optimize(speed))]
    pub(crate) fn next_number(&mut self) -> Option<&'a str> {
        match self.peek() {
            Some(b'-' | b'0'..=b'9') => match self.number() {
                Ok(Json::Number(Cow::Borrowed(token))) => Some(token),
                _ => None,
            },
            _ => None,
        }
    }

    /// The whole value that comes next, at `depth` (a member of the document's top object is at 1,
    /// as [`parse`] counts), or `None` where [`parse`] would report an error.
    pub(crate) fn next_value(&mut self, depth: usize) -> Option<Json<'a>> {
        self.skip_whitespace();
        self.value(depth).ok()
    }

    fn error(&self, detail: &str) -> Error {
        let at = self.at.min(self.bytes.len());
        syntax_error(&self.text[..floor_char_boundary(self.text, at)], detail)
    }

    #[cfg_attr(nexttier_speed, optimize(speed))]
    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    fn expect_literal(&mut self, literal: &str, value: Json<'a>) -> Result<Json<'a>, Error> {
        if self.bytes[self.at..].starts_with(literal.as_bytes()) {
            self.at += literal.len();
            Ok(value)
        } else {
            Err(self.error("expected a value"))
        }
    }

    #[cfg_attr(nexttier_speed, optimize(speed))]
    fn value(&mut self, depth: usize) -> Result<Json<'a>, Error> {
        match self.bytes.get(self.at) {
            None => Err(self.error("unexpected end of input: expected a value")),
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.expect_literal("true", Json::Bool(true)),
            Some(b'f') => self.expect_literal("false", Json::Bool(false)),
            Some(b'n') => self.expect_literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected a value")),
        }
    }

    #[cfg_attr(nexttier_speed, optimize(speed))]
    fn object(&mut self, depth: usize) -> Result<Json<'a>, Error> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        self.at += 1;
        let mut members = Vec::new();
        self.skip_whitespace();
        if self.bytes.get(self.at) == Some(&b'}') {
            self.at += 1;
            return Ok(Json::Object(members));
        }
        loop {
            self.skip_whitespace();
            if self.bytes.get(self.at) != Some(&b'"') {
                return Err(self.error("expected a key in double quotes"));
            }
            let key = self.string()?;
            self.skip_whitespace();
            if self.bytes.get(self.at) != Some(&b':') {
                return Err(self.error("expected `:` after the key"));
            }
            self.at += 1;
            self.skip_whitespace();
            let value = self.value(depth)?;
            members.push((key, value));
            self.skip_whitespace();
            match self.bytes.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Json::Object(members));
                }
                None => return Err(self.error("unexpected end of input: expected `,` or `}`")),
                Some(_) => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    #[cfg_attr(nexttier_speed, optimize(speed))]
    fn array(&mut self, depth: usize) -> Result<Json<'a>, Error> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        self.at += 1;
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.bytes.get(self.at) == Some(&b']') {
            self.at += 1;
            return Ok(Json::Array(items));
        }
        loop {
            self.skip_whitespace();
            items.push(self.value(depth)?);
            self.skip_whitespace();
            match self.bytes.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                None => return Err(self.error("unexpected end of input: expected `,` or `]`")),
                Some(_) => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    #[cfg_attr(nexttier_speed, optimize(speed))]
    fn digits(&mut self) -> usize {
        let start = self.at;
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
        self.at - start
    }

    #[cfg_attr(nexttier_speed, optimize(speed))]
    fn number(&mut self) -> Result<Json<'a>, Error> {
        let start = self.at;
        if self.bytes[self.at] == b'-' {
            self.at += 1;
        }
        match self.bytes.get(self.at) {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.error("invalid number")),
        }
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self.error("invalid number: expected digits after `.`"));
            }
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.at) {
            self.at += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.at) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("invalid number: expected digits in the exponent"));
            }
        }
        Ok(Json::Number(Cow::Borrowed(&self.text[start..self.at])))
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let Some(digits) = self.bytes.get(self.at..self.at + 4) else {
            return Err(self.error("unexpected end of input in a \\u escape"));
        };
        let mut value = 0;
        for &d in digits {
            let v = match d {
                b'0'..=b'9' => d - b'0',
                b'a'..=b'f' => d - b'a' + 10,
                b'A'..=b'F' => d - b'A' + 10,
                _ => return Err(self.error("invalid \\u escape")),
            };
            value = value * 16 + u32::from(v);
        }
        self.at += 4;
        Ok(value)
    }

    #[cfg_attr(nexttier_speed, optimize(speed))]
    fn string(&mut self) -> Result<Cow<'a, str>, Error> {
        self.at += 1;
        let start = self.at;
        // Fast path: no escapes, the string is a slice of the input.
        loop {
            match self.bytes.get(self.at) {
                None => return Err(self.error("unexpected end of input in a string")),
                Some(b'"') => {
                    let s = &self.text[start..self.at];
                    self.at += 1;
                    return Ok(Cow::Borrowed(s));
                }
                Some(b'\\') => break,
                Some(&b) if b < 0x20 => return Err(self.error("control character in a string")),
                Some(_) => self.at += 1,
            }
        }
        let mut out = String::from(&self.text[start..self.at]);
        loop {
            match self.bytes.get(self.at) {
                None => return Err(self.error("unexpected end of input in a string")),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escaped = match self.bytes.get(self.at) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.at += 1;
                            let first = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&first) {
                                if self.bytes.get(self.at..self.at + 2) != Some(b"\\u") {
                                    return Err(self.error("unpaired surrogate in a \\u escape"));
                                }
                                self.at += 2;
                                let second = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&second) {
                                    return Err(self.error("unpaired surrogate in a \\u escape"));
                                }
                                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                            } else {
                                first
                            };
                            let Some(c) = char::from_u32(code) else {
                                return Err(self.error("unpaired surrogate in a \\u escape"));
                            };
                            out.push(c);
                            continue;
                        }
                        _ => return Err(self.error("invalid escape in a string")),
                    };
                    self.at += 1;
                    out.push(escaped);
                }
                Some(&b) if b < 0x20 => return Err(self.error("control character in a string")),
                Some(_) => {
                    // Copy a run of plain characters at once (stopping on ASCII keeps UTF-8 whole).
                    let run = self.at;
                    while self
                        .bytes
                        .get(self.at)
                        .is_some_and(|&b| b != b'"' && b != b'\\' && b >= 0x20)
                    {
                        self.at += 1;
                    }
                    out.push_str(&self.text[run..self.at]);
                }
            }
        }
    }
}

/// A `syntax` error at the end of `before` (the text up to the problem), with its 1-based line and
/// column (in characters).
pub fn syntax_error(before: &str, detail: &str) -> Error {
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Error::Syntax {
        path: JsonPath::root(),
        line,
        column,
        detail: detail.to_owned(),
    }
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_json_allows() {
        let doc = parse(
            r#" { "a": [1, -0.5e+3, true, false, null], "b": "x\"\\\/\n\u00e9\ud83d\ude00", "c": {} } "#,
        )
        .unwrap();
        let Json::Object(members) = doc else { panic!() };
        assert_eq!(members[0].0, "a");
        assert_eq!(
            members[0].1,
            Json::Array(vec![
                Json::Number("1".into()),
                Json::Number("-0.5e+3".into()),
                Json::Bool(true),
                Json::Bool(false),
                Json::Null
            ])
        );
        assert_eq!(members[1].1, Json::String(Cow::Owned("x\"\\/\né😀".into())));
        assert_eq!(members[2].1, Json::Object(vec![]));
    }

    #[test]
    fn refuses_what_json_does_not_allow_with_line_and_column() {
        for (bad, line, column) in [
            ("", 1, 1),
            ("{", 1, 2),
            ("{\"a\" 1}", 1, 6),
            ("[1,]", 1, 4),
            ("[01]", 1, 3),
            ("[1.]", 1, 4),
            ("[.5]", 1, 2),
            ("{\n  \"a\": tru }", 2, 8),
            ("\"\u{1}\"", 1, 2),
            ("\"\\x\"", 1, 3),
            ("\"\\ud800\"", 1, 8),
            ("{} {}", 1, 4),
            ("[+1]", 1, 2),
            ("'a'", 1, 1),
        ] {
            match parse(bad) {
                Err(Error::Syntax {
                    line: l, column: c, ..
                }) => assert_eq!((l, c), (line, column), "{bad:?}"),
                other => panic!("{bad:?} gave {other:?}"),
            }
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = "[".repeat(100_000);
        assert!(matches!(parse(&deep), Err(Error::Syntax { .. })));
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
    }
}
