//! Reading JSON values into the document types, recording every problem with its path.
//!
//! Hand-written rather than derived: it reports all errors of a document (not only the first), names
//! the exact key, keeps numbers as the text they were written with, and keeps the wasm small.

use std::borrow::Cow;

use crate::error::{Error, JsonPath};
use crate::json::Json;

/// A JSON value borrowed from the document text.
pub(crate) type Value<'a> = Json<'a>;

/// Parses a whole document (an options object, say) and reads it with `read`, which records every
/// problem it finds: what was read, or every error.
pub(crate) fn document<T>(
    text: &str,
    read: impl FnOnce(&Value<'_>, &JsonPath, &mut Vec<Error>) -> T,
) -> Result<T, crate::Errors> {
    let value = crate::json::parse(text)?;
    let mut errors = Vec::new();
    let read = read(&value, &JsonPath::root(), &mut errors);
    if errors.is_empty() {
        Ok(read)
    } else {
        Err(crate::Errors::new(errors))
    }
}

pub(crate) fn wrong_type(path: &JsonPath, expected: &str, found: &Value<'_>) -> Error {
    Error::WrongType {
        path: path.clone(),
        detail: format!("expected {expected}, found {}", found.describe()),
    }
}

/// An object being read: its keys are checked against the known ones when it is opened.
pub(crate) struct Object<'p, 'v, 'a> {
    members: &'v [(Cow<'a, str>, Value<'a>)],
    path: &'p JsonPath,
}

impl<'p, 'v, 'a> Object<'p, 'v, 'a> {
    /// Opens the object at `path`, reporting a wrong type, each unknown key and each repeated key.
    #[cfg_attr(nexttier_speed, optimize(speed))]
    pub(crate) fn open(
        value: &'v Value<'a>,
        path: &'p JsonPath,
        known: &[&str],
        errors: &mut Vec<Error>,
    ) -> Option<Self> {
        let Value::Object(members) = value else {
            errors.push(wrong_type(path, "an object", value));
            return None;
        };
        for (i, (key, _)) in members.iter().enumerate() {
            if !known.contains(&key.as_ref()) {
                errors.push(Error::UnknownKey {
                    path: path.key(key),
                    key: key.to_string(),
                    hint: format!(", expected one of {}", known.join(", ")),
                });
            } else if members[..i].iter().any(|(k, _)| k == key) {
                errors.push(Error::invalid(
                    &path.key(key),
                    format!("key `{key}` appears twice"),
                ));
            }
        }
        Some(Object { members, path })
    }

    /// The path of `key` in this object.
    pub(crate) fn path(&self, key: &str) -> JsonPath {
        self.path.key(key)
    }

    /// The value of `key`; `null` counts as absent.
    #[cfg_attr(nexttier_speed, optimize(speed))]
    pub(crate) fn get(&self, key: &str) -> Option<&'v Value<'a>> {
        self.members
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .filter(|v| !matches!(v, Value::Null))
    }

    /// The value of a required key.
    #[cfg_attr(nexttier_speed, optimize(speed))]
    pub(crate) fn required(&self, key: &str, errors: &mut Vec<Error>) -> Option<&'v Value<'a>> {
        let value = self.get(key);
        if value.is_none() {
            errors.push(Error::MissingKey {
                path: self.path.clone(),
                key: key.to_owned(),
            });
        }
        value
    }

    /// An optional string.
    #[cfg_attr(nexttier_speed, optimize(speed))]
    pub(crate) fn string(&self, key: &str, errors: &mut Vec<Error>) -> Option<String> {
        let value = self.get(key)?;
        match value {
            Value::String(s) => Some(s.to_string()),
            other => {
                errors.push(wrong_type(&self.path(key), "a string", other));
                None
            }
        }
    }

    /// A required string; `ok` turns false when it is missing or not a string.
    #[cfg_attr(nexttier_speed, optimize(speed))]
    pub(crate) fn required_string(&self, key: &str, ok: &mut bool, errors: &mut Vec<Error>) -> String {
        match self.required(key, errors) {
            Some(Value::String(s)) => s.to_string(),
            Some(other) => {
                errors.push(wrong_type(&self.path(key), "a string", other));
                *ok = false;
                String::new()
            }
            None => {
                *ok = false;
                String::new()
            }
        }
    }

    /// An optional boolean.
    pub(crate) fn boolean(&self, key: &str, errors: &mut Vec<Error>) -> Option<bool> {
        match self.get(key)? {
            Value::Bool(b) => Some(*b),
            other => {
                errors.push(wrong_type(&self.path(key), "true or false", other));
                None
            }
        }
    }

    /// An optional list of strings.
    #[cfg_attr(nexttier_speed, optimize(speed))]
    pub(crate) fn strings(&self, key: &str, errors: &mut Vec<Error>) -> Option<Vec<String>> {
        let value = self.get(key)?;
        let Value::Array(items) = value else {
            errors.push(wrong_type(&self.path(key), "an array of strings", value));
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        let before = errors.len();
        for (i, item) in items.iter().enumerate() {
            match item {
                Value::String(s) => out.push(s.to_string()),
                other => errors.push(wrong_type(&self.path(key).index(i), "a string", other)),
            }
        }
        (errors.len() == before).then_some(out)
    }

    /// An optional number, as text: a JSON string as written (a plain decimal: an exponent is refused,
    /// as the JSON Schema's patterns refuse it), or a JSON number as the plain decimal it stands for
    /// (`1.0` is `1`, `3.8e1` is `38`, as the JSON Schema reads numbers).
    #[cfg_attr(nexttier_speed, optimize(speed))]
    pub(crate) fn number(&self, key: &str, what: &str, errors: &mut Vec<Error>) -> Option<String> {
        match self.get(key)? {
            Value::String(s) if s.bytes().any(|b| b == b'e' || b == b'E') => {
                errors.push(Error::number(
                    &self.path(key),
                    format!("`{s}` has an exponent: write the number itself, e.g. \"100\" for 1e2"),
                ));
                None
            }
            Value::String(s) => Some(s.to_string()),
            Value::Number(n) => Some(plain_decimal(n)),
            other => {
                errors.push(wrong_type(&self.path(key), what, other));
                None
            }
        }
    }

    /// A whole number within `0..=max` (an option's count, say), or `None` with the error recorded.
    pub(crate) fn count(&self, key: &str, max: u64, errors: &mut Vec<Error>) -> Option<u64> {
        let text = self.number(key, "a whole number", errors)?;
        count_value(&text, max)
            .map_err(|detail| errors.push(Error::number(&self.path(key), detail)))
            .ok()
    }

    /// A required number, as text; `ok` turns false when it is missing or of the wrong type.
    #[cfg_attr(nexttier_speed, optimize(speed))]
    pub(crate) fn required_number(
        &self,
        key: &str,
        what: &str,
        ok: &mut bool,
        errors: &mut Vec<Error>,
    ) -> String {
        if self.get(key).is_none() {
            errors.push(Error::MissingKey {
                path: self.path.clone(),
                key: key.to_owned(),
            });
            *ok = false;
            return String::new();
        }
        self.number(key, what, errors).unwrap_or_else(|| {
            *ok = false;
            String::new()
        })
    }

    /// An optional array.
    pub(crate) fn array(&self, key: &str, errors: &mut Vec<Error>) -> Option<&'v Vec<Value<'a>>> {
        match self.get(key)? {
            Value::Array(items) => Some(items),
            other => {
                errors.push(wrong_type(&self.path(key), "an array", other));
                None
            }
        }
    }

    /// An optional choice among named values (`"half_up"`, ...).
    pub(crate) fn choice<T: Copy>(
        &self,
        key: &str,
        choices: &[(&str, T)],
        errors: &mut Vec<Error>,
    ) -> Option<T> {
        let value = self.get(key)?;
        let found = match value {
            Value::String(s) => choices
                .iter()
                .find(|(name, _)| *name == s.as_ref())
                .map(|(_, v)| *v),
            _ => None,
        };
        if found.is_none() {
            let names: Vec<String> = choices.iter().map(|(n, _)| format!("\"{n}\"")).collect();
            let shown = match value {
                Value::String(s) => format!("\"{s}\""),
                other => other.describe().to_owned(),
            };
            errors.push(Error::WrongType {
                path: self.path(key),
                detail: format!("expected one of {}, found {shown}", names.join(", ")),
            });
        }
        found
    }

    /// An optional object of strings, as its pairs in order.
    pub(crate) fn string_pairs(&self, key: &str, errors: &mut Vec<Error>) -> Option<Vec<(String, String)>> {
        let value = self.get(key)?;
        let Value::Object(members) = value else {
            errors.push(wrong_type(&self.path(key), "an object of strings", value));
            return None;
        };
        let mut out = Vec::with_capacity(members.len());
        for (k, v) in members.iter() {
            match v {
                Value::String(s) => out.push((k.to_string(), s.to_string())),
                other => errors.push(wrong_type(&self.path(key).key(k), "a string", other)),
            }
        }
        (out.len() == members.len()).then_some(out)
    }

    /// An optional map from strings to strings.
    pub(crate) fn string_map(
        &self,
        key: &str,
        errors: &mut Vec<Error>,
    ) -> Option<crate::string_map::StringMap> {
        let value = self.get(key)?;
        let Value::Object(members) = value else {
            errors.push(wrong_type(&self.path(key), "an object of strings", value));
            return None;
        };
        let before = errors.len();
        let mut out = Vec::with_capacity(members.len());
        for (k, v) in members.iter() {
            match v {
                Value::String(s) => out.push((k.to_string(), s.to_string())),
                other => errors.push(wrong_type(&self.path(key).key(k), "a string", other)),
            }
        }
        (errors.len() == before).then(|| crate::string_map::StringMap::from_pairs(out))
    }
}

/// Reads an optional array of objects, each with `read`, skipping the elements that fail.
#[cfg_attr(nexttier_speed, optimize(speed))]
pub(crate) fn each<'v, 'a: 'v, T>(
    items: Option<&'v Vec<Value<'a>>>,
    path: &JsonPath,
    errors: &mut Vec<Error>,
    mut read: impl FnMut(&'v Value<'a>, &JsonPath, &mut Vec<Error>) -> Option<T>,
) -> Vec<(usize, T)> {
    let Some(items) = items else { return Vec::new() };
    items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| read(item, &path.index(i), errors).map(|t| (i, t)))
        .collect()
}

/// A whole number within `0..=max` from its text (`crate::config::parse_count` with a path): the
/// error is its detail.
pub(crate) fn count_value(text: &str, max: u64) -> Result<u64, String> {
    if text.starts_with('-') && text.len() > 1 {
        return Err(format!(
            "`{text}` is negative: expected a whole number, 0 or more"
        ));
    }
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("`{text}` is not a whole number"));
    }
    match text.parse::<u64>() {
        Ok(n) if n <= max => Ok(n),
        _ => Err(format!("`{text}` is too large (at most {max})")),
    }
}

/// A JSON number token as the plain decimal it stands for: no exponent, no leading zeros, no
/// trailing fractional zeros (`1.0` → `1`, `3.8e1` → `38`, `1.50` → `1.5`, `-0` → `0`).
#[cfg_attr(nexttier_speed, optimize(speed))]
pub(crate) fn plain_decimal(token: &str) -> String {
    let bytes = token.as_bytes();
    // The common case: a whole number without a sign, as written.
    if bytes.first().is_some_and(|b| b.is_ascii_digit()) && bytes.iter().all(u8::is_ascii_digit) {
        return token.to_owned();
    }
    // Otherwise through the exact decimal parser (no float): its value, written plainly. A number it
    // refuses (too large, too precise) is kept as written, for the field's reader to refuse.
    match crate::money::parse_decimal(token) {
        Ok(value) => value.normalize().to_string(),
        Err(_) => token.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::plain_decimal;

    #[test]
    fn number_tokens_as_plain_decimals() {
        for (token, plain) in [
            ("2", "2"),
            ("1.0", "1"),
            ("3.8e1", "38"),
            ("1e2", "100"),
            ("1E+2", "100"),
            ("1.50", "1.5"),
            ("7.001", "7.001"),
            ("0.5e-1", "0.05"),
            ("-0", "0"),
            ("-1.5", "-1.5"),
            ("12e-3", "0.012"),
            ("1e999", "1e999"),
        ] {
            assert_eq!(plain_decimal(token), plain, "{token}");
        }
    }
}
