//! The widget's options, as the element's attributes and properties give them and as
//! `engine.renderHtml(cart, options)` takes them: read from JSON with the path of any bad field.

use crate::string_map::StringMap;

use crate::error::{Error, Errors, JsonPath};
use crate::json::read::Object;
use crate::json::Json as Value;
use crate::suggest::SuggestOptions;

use super::messages::{Words, KEYS as MESSAGE_KEYS};

/// The widget's layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Variant {
    /// Bar, messages, milestone labels and suggestion cards with images.
    #[default]
    Full,
    /// A slimmer layout for narrow cart drawers.
    Compact,
}

/// Writing direction: the bar fills from the inline start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    /// Left to right.
    #[default]
    Ltr,
    /// Right to left.
    Rtl,
}

/// How the widget is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WidgetOptions {
    /// The words, from the language tag (`lang`) and the `messages` overrides.
    pub words: Words,
    /// `Intl.NumberFormat`'s `currencyDisplay`: `narrowSymbol` (default), `symbol`, `code` or `name`.
    pub currency_display: &'static str,
    /// The layout.
    pub variant: Variant,
    /// The writing direction.
    pub dir: Direction,
    /// Suggestion options; `None` when suggestions are off.
    pub suggest: Option<SuggestOptions>,
    /// Server rendering: the stylesheet's URL, linked instead of inlined (for pages whose CSP has no
    /// `'unsafe-inline'` styles).
    pub stylesheet: Option<String>,
}

impl Default for WidgetOptions {
    fn default() -> Self {
        WidgetOptions {
            words: Words::new("en", StringMap::default()),
            currency_display: "narrowSymbol",
            variant: Variant::Full,
            dir: Direction::Ltr,
            suggest: Some(SuggestOptions {
                max_items: 1,
                ..SuggestOptions::default()
            }),
            stylesheet: None,
        }
    }
}

impl WidgetOptions {
    /// The keys of the options object.
    pub const KEYS: &'static [&'static str] = &[
        "lang",
        "currency_display",
        "variant",
        "dir",
        "messages",
        "suggest",
        "stylesheet",
    ];

    /// Reads options from JSON text; every key is optional.
    pub fn from_json(text: &str) -> Result<Self, Errors> {
        crate::json::read::document(text, Self::from_value)
    }

    fn from_value(value: &Value<'_>, path: &JsonPath, errors: &mut Vec<Error>) -> Self {
        let mut options = WidgetOptions::default();
        let Some(object) = Object::open(value, path, Self::KEYS, errors) else {
            return options;
        };
        let lang = object.string("lang", errors).unwrap_or_else(|| "en".to_owned());
        let mut messages = object.string_map("messages", errors).unwrap_or_default();
        messages.retain(|key, _| {
            let known = MESSAGE_KEYS.contains(&key.as_str());
            if !known {
                errors.push(Error::UnknownKey {
                    path: object.path("messages").key(key),
                    key: key.clone(),
                    hint: format!(", expected one of {}", MESSAGE_KEYS.join(", ")),
                });
            }
            known
        });
        options.words = Words::new(if lang.is_empty() { "en" } else { &lang }, messages);
        if let Some(display) = object.choice(
            "currency_display",
            &[
                ("narrowSymbol", "narrowSymbol"),
                ("symbol", "symbol"),
                ("code", "code"),
                ("name", "name"),
            ],
            errors,
        ) {
            options.currency_display = display;
        }
        if let Some(variant) = object.choice(
            "variant",
            &[("full", Variant::Full), ("compact", Variant::Compact)],
            errors,
        ) {
            options.variant = variant;
        }
        if let Some(dir) = object.choice("dir", &[("ltr", Direction::Ltr), ("rtl", Direction::Rtl)], errors) {
            options.dir = dir;
        }
        match object.get("suggest") {
            None => {}
            Some(Value::Bool(false)) => options.suggest = None,
            Some(Value::Bool(true)) => {}
            Some(value) => {
                let mut suggest = SuggestOptions {
                    max_items: 1,
                    ..SuggestOptions::default()
                };
                suggest.read(value, &object.path("suggest"), errors);
                options.suggest = Some(suggest);
            }
        }
        options.stylesheet = object.string("stylesheet", errors);
        options
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_option() {
        let options = WidgetOptions::from_json(
            r#"{"lang":"zh-CN","currency_display":"code","variant":"compact","dir":"rtl",
                "messages":{"add":"Buy"},"suggest":{"limit":2},"stylesheet":"/nexttier.css"}"#,
        )
        .unwrap();
        assert_eq!(options.words.get("add"), "Buy");
        assert_eq!(options.words.get("reached"), "已解锁{reward}");
        assert_eq!(options.currency_display, "code");
        assert_eq!(options.variant, Variant::Compact);
        assert_eq!(options.dir, Direction::Rtl);
        assert_eq!(
            options.suggest.as_ref().map(|s| (s.limit, s.max_items)),
            Some((2, 1))
        );
        assert_eq!(options.stylesheet.as_deref(), Some("/nexttier.css"));
        assert_eq!(
            WidgetOptions::from_json(r#"{"suggest":false}"#).unwrap().suggest,
            None
        );
    }

    #[test]
    fn bad_options_name_their_path() {
        let errors =
            WidgetOptions::from_json(r#"{"messages":{"hello":"x"},"variant":"wide","suggest":{"limit":-1}}"#)
                .unwrap_err();
        let paths: Vec<&str> = errors.all().iter().map(|e| e.path().as_str()).collect();
        assert_eq!(paths, ["messages.hello", "variant", "suggest.limit"]);
    }
}
