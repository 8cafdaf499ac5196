//! The widget's words: built-in English and Simplified Chinese, every one overridable, and templates
//! with named placeholders (`{remaining}`, `{reward}`, `{threshold}`, ...).

use std::collections::BTreeMap;

/// A language the widget has built-in words for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// The built-in language for a BCP 47 tag: any `zh` tag is Chinese, everything else English.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// The keys of the words, each overridable through the widget's `messages` option.
pub const KEYS: &[&str] = &[
    "progress",
    "progress_unit",
    "progress_units",
    "start",
    "reached",
    "savings",
    "suggestions",
    "suggestions_browse",
    "reason_closes_exactly",
    "reason_goes_with",
    "reason_pinned",
    "reason_popular",
    "add",
    "add_label",
    "unlocks",
    "value_text",
    "bar_label",
    "free_shipping",
    "amount_off",
    "percent_off",
    "gift",
    "unit_free",
    "units_free",
    "unit_off",
    "units_off",
    "and",
    "separator",
    "loading",
];

/// The built-in words of `lang` for `key` (one of [`KEYS`]).
pub fn builtin(lang: Lang, key: &str) -> &'static str {
    match (lang, key) {
        (Lang::En, "progress") => "Add {remaining} more for {reward}",
        (Lang::En, "progress_unit") => "Add {remaining} more item for {reward}",
        (Lang::En, "progress_units") => "Add {remaining} more items for {reward}",
        (Lang::En, "start") => "Spend {threshold} for {reward}",
        (Lang::En, "reached") => "You've unlocked {reward}",
        (Lang::En, "savings") => "You're saving {amount}",
        (Lang::En, "suggestions") => "Get there with",
        (Lang::En, "suggestions_browse") => "Popular picks",
        (Lang::En, "reason_closes_exactly") => "Just the amount you need",
        (Lang::En, "reason_goes_with") => "Goes with your {name}",
        (Lang::En, "reason_pinned") => "Our pick",
        (Lang::En, "reason_popular") => "Best seller",
        (Lang::En, "add") => "Add",
        (Lang::En, "add_label") => "Add {name} to cart",
        (Lang::En, "unlocks") => "Unlocks {reward}",
        (Lang::En, "value_text") => "{amount} of {threshold}. {message}",
        (Lang::En, "bar_label") => "Progress to the next reward",
        (Lang::En, "free_shipping") => "free shipping",
        (Lang::En, "amount_off") => "{amount} off",
        (Lang::En, "percent_off") => "{percent}% off",
        (Lang::En, "gift") => "a free {name}",
        (Lang::En, "unit_free") => "{count} item free",
        (Lang::En, "units_free") => "{count} items free",
        (Lang::En, "unit_off") => "{count} item at {percent}% off",
        (Lang::En, "units_off") => "{count} items at {percent}% off",
        (Lang::En, "and") => " and ",
        (Lang::En, "separator") => ", ",
        (Lang::En, "loading") => "Loading offers…",
        (Lang::Zh, "progress") => "再买{remaining}，即可享{reward}",
        (Lang::Zh, "progress_unit") => "再买{remaining}件，即可享{reward}",
        (Lang::Zh, "progress_units") => "再买{remaining}件，即可享{reward}",
        (Lang::Zh, "start") => "满{threshold}即可享{reward}",
        (Lang::Zh, "reached") => "已解锁{reward}",
        (Lang::Zh, "savings") => "已为你节省{amount}",
        (Lang::Zh, "suggestions") => "凑单推荐",
        (Lang::Zh, "suggestions_browse") => "人气好物",
        (Lang::Zh, "reason_closes_exactly") => "刚好凑够",
        (Lang::Zh, "reason_goes_with") => "搭配你的{name}",
        (Lang::Zh, "reason_pinned") => "店长推荐",
        (Lang::Zh, "reason_popular") => "热销",
        (Lang::Zh, "add") => "加购",
        (Lang::Zh, "add_label") => "将{name}加入购物车",
        (Lang::Zh, "unlocks") => "可解锁{reward}",
        (Lang::Zh, "value_text") => "已达{amount}，目标{threshold}。{message}",
        (Lang::Zh, "bar_label") => "距离下一个优惠的进度",
        (Lang::Zh, "free_shipping") => "免运费",
        (Lang::Zh, "amount_off") => "立减{amount}",
        (Lang::Zh, "percent_off") => "{percent}%优惠",
        (Lang::Zh, "gift") => "赠品{name}",
        (Lang::Zh, "unit_free") => "{count}件免费",
        (Lang::Zh, "units_free") => "{count}件免费",
        (Lang::Zh, "unit_off") => "{count}件享{percent}%优惠",
        (Lang::Zh, "units_off") => "{count}件享{percent}%优惠",
        (Lang::Zh, "and") => "和",
        (Lang::Zh, "separator") => "、",
        (Lang::Zh, "loading") => "正在加载优惠…",
        _ => "",
    }
}

/// The words in use: the built-in ones of a language, with the host's overrides on top.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    /// The built-in language.
    pub lang: Lang,
    /// The language tag as given (for picking merchants' per-promotion templates).
    pub tag: String,
    overrides: BTreeMap<String, String>,
}

impl Words {
    /// The words for a language tag, with overrides keyed by [`KEYS`].
    pub fn new(tag: &str, overrides: BTreeMap<String, String>) -> Self {
        Words {
            lang: Lang::from_tag(tag),
            tag: tag.to_owned(),
            overrides,
        }
    }

    /// The template for `key`.
    pub fn get(&self, key: &str) -> &str {
        self.overrides
            .get(key)
            .map(String::as_str)
            .unwrap_or_else(|| builtin(self.lang, key))
    }

    /// The template for `key` with its placeholders filled.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(self.get(key), values)
    }

    /// A merchant's template from a promotion's `messages` map: the exact tag first, then its
    /// primary language (`zh-CN` → `zh`).
    pub fn pick<'m>(&self, templates: Option<&'m BTreeMap<String, String>>) -> Option<&'m str> {
        let templates = templates?;
        let primary = self.tag.split(['-', '_']).next().unwrap_or("");
        templates
            .get(&self.tag)
            .or_else(|| templates.get(primary))
            .or_else(|| {
                templates
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(&self.tag) || k.eq_ignore_ascii_case(primary))
                    .map(|(_, v)| v)
            })
            .map(String::as_str)
    }

    /// Joins phrases: "a", "a and b", "a, b and c" (in Chinese "a、b和c").
    pub fn join(&self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => {
                let mut out = init.join(self.get("separator"));
                out.push_str(self.get("and"));
                out.push_str(last);
                out
            }
        }
    }
}

/// Replaces each `{name}` in `template` by its value; unknown placeholders stay as written.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_words_in_both_languages() {
        for key in KEYS {
            assert!(!builtin(Lang::En, key).is_empty(), "en {key}");
            assert!(!builtin(Lang::Zh, key).is_empty(), "zh {key}");
        }
    }

    #[test]
    fn placeholders() {
        assert_eq!(
            fill(
                "Add {remaining} more for {reward}{unknown}{",
                &[("remaining", "¥7.00"), ("reward", "x")]
            ),
            "Add ¥7.00 more for x{unknown}{"
        );
        assert_eq!(fill("{a}{a}", &[("a", "{a}")]), "{a}{a}");
    }

    #[test]
    fn languages_and_joins() {
        assert_eq!(Lang::from_tag("zh-Hans-CN"), Lang::Zh);
        assert_eq!(Lang::from_tag("en-GB"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
        let en = Words::new("en", BTreeMap::new());
        let items = ["a".to_owned(), "b".to_owned(), "c".to_owned()];
        assert_eq!(en.join(&items), "a, b and c");
        assert_eq!(Words::new("zh-CN", BTreeMap::new()).join(&items), "a、b和c");
        let mut templates = BTreeMap::new();
        templates.insert("zh".to_owned(), "再买{remaining}".to_owned());
        assert_eq!(
            Words::new("zh-CN", BTreeMap::new()).pick(Some(&templates)),
            Some("再买{remaining}")
        );
        assert_eq!(en.pick(Some(&templates)), None);
    }
}
