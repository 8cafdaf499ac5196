//! The widget's events as JSON lines, the format any pipeline can collect and `nexttier report`
//! reads: one object a line,
//! `{"type":"impression","visitor":"v-81f2","experiments":[{"experiment":"free-ship-threshold","variant":"from-89"}]}`.
//! Keys: `type` and `visitor` (required), `experiments`, `at` (RFC 3339), `promotion`, `tier`,
//! `sku`, `quantity`, `remaining`, `total`, `currency` and `v` (the format's version, 1). Any other
//! key is refused: a misspelt key would otherwise be a silent zero.

use crate::error::{Error, JsonPath};
use crate::json::Json;

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The widget was shown for the first time on a page (its first `progress`).
    Impression,
    /// The widget showed a cart's progress again.
    Progress,
    /// A cart change reached a tier.
    TierReached,
    /// The shopper added a suggested add-on.
    SuggestionAdd,
}

impl Kind {
    /// Every kind, by its name in the format.
    pub const NAMES: [(&'static str, Kind); 4] = [
        ("impression", Kind::Impression),
        ("progress", Kind::Progress),
        ("tier_reached", Kind::TierReached),
        ("suggestion_add", Kind::SuggestionAdd),
    ];
}

/// The keys an event may have.
pub const KEYS: [&str; 12] = [
    "v",
    "type",
    "visitor",
    "experiments",
    "at",
    "promotion",
    "tier",
    "sku",
    "quantity",
    "remaining",
    "total",
    "currency",
];

/// One event, as the report needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// What happened.
    pub kind: Kind,
    /// Who it happened to (a pseudonymous id: never an e-mail or a name).
    pub visitor: String,
    /// The variant of each experiment the widget's quote named.
    pub experiments: Vec<(String, String)>,
}

/// The error of line `line` (1-based), at `key`.
fn at(line: usize, key: &str, detail: impl Into<String>) -> Error {
    Error::invalid(&JsonPath::root().key(&format!("line {line}")).key(key), detail)
}

/// Reads one line of events; `None` for a blank line.
pub fn read(text: &str, line: usize) -> Result<Option<Event>, Error> {
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Ok(None);
    }
    let value = crate::json::parse(text).map_err(|e| {
        Error::invalid(
            &JsonPath::root().key(&format!("line {line}")),
            format!("not a JSON object: {e}"),
        )
    })?;
    let Json::Object(members) = &value else {
        return Err(Error::invalid(
            &JsonPath::root().key(&format!("line {line}")),
            "expected one JSON object a line",
        ));
    };
    let mut kind = None;
    let mut visitor = None;
    let mut experiments = Vec::new();
    for (key, value) in members {
        match (&**key, value) {
            ("type", Json::String(name)) => match Kind::NAMES.iter().find(|(n, _)| *n == &**name) {
                Some((_, k)) => kind = Some(*k),
                None => {
                    return Err(at(
                        line,
                        "type",
                        format!("unknown event type `{name}` (expected impression, progress, tier_reached or suggestion_add)"),
                    ))
                }
            },
            ("visitor", Json::String(id)) if !id.is_empty() => visitor = Some(id.to_string()),
            ("experiments", Json::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    let pair = match item {
                        Json::Object(m) => {
                            let get = |k: &str| {
                                m.iter().find(|(key, _)| key == k).and_then(|(_, v)| match v {
                                    Json::String(s) => Some(s.to_string()),
                                    _ => None,
                                })
                            };
                            get("experiment").zip(get("variant"))
                        }
                        _ => None,
                    };
                    match pair {
                        Some(pair) => experiments.push(pair),
                        None => {
                            return Err(at(
                                line,
                                &format!("experiments[{i}]"),
                                "expected { \"experiment\": \"…\", \"variant\": \"…\" }",
                            ))
                        }
                    }
                }
            }
            (key, _) if KEYS.contains(&key) && !matches!(key, "type" | "visitor" | "experiments") => {}
            (key, _) if KEYS.contains(&key) => {
                return Err(at(line, key, format!("`{key}` has the wrong type")));
            }
            (key, _) => {
                return Err(at(
                    line,
                    key,
                    format!("unknown key `{key}`, expected one of {}", KEYS.join(", ")),
                ))
            }
        }
    }
    match (kind, visitor) {
        (Some(kind), Some(visitor)) => Ok(Some(Event {
            kind,
            visitor,
            experiments,
        })),
        (None, _) => Err(at(line, "type", "missing required key `type`")),
        (_, None) => Err(at(
            line,
            "visitor",
            "missing required key `visitor` (a non-empty id)",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_read_and_bad_ones_refused_with_their_line_and_key() {
        let e = read(
            r#"{"v":1,"type":"suggestion_add","visitor":"v1","sku":"mop","quantity":2,"experiments":[{"experiment":"e","variant":"b"}]}"#,
            3,
        )
        .unwrap()
        .unwrap();
        assert_eq!(e.kind, Kind::SuggestionAdd);
        assert_eq!(e.experiments, [("e".to_owned(), "b".to_owned())]);
        assert_eq!(read("  ", 4).unwrap(), None);
        let path = |text: &str| read(text, 7).unwrap_err().path().to_string();
        assert_eq!(path(r#"{"type":"click","visitor":"v"}"#), "line 7.type");
        assert_eq!(path(r#"{"type":"progress"}"#), "line 7.visitor");
        assert_eq!(
            path(r#"{"type":"progress","visitor":"v","email":"a@b"}"#),
            "line 7.email"
        );
        assert_eq!(
            path(r#"{"type":"progress","visitor":"v","experiments":[1]}"#),
            "line 7.experiments[0]"
        );
        assert_eq!(path("[1]"), "line 7");
        assert_eq!(path("{"), "line 7");
    }
}
