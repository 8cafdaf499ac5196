//! The widget's words: built-in English and Simplified Chinese, every one overridable, and templates
//! with named placeholders (`{remaining}`, `{reward}`, `{threshold}`, ...).

use crate::string_map::StringMap;

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

/// The built-in words: (key, English, Simplified Chinese). One table, not a match on strings: it
/// is the smallest code for the lookup.
const BUILTIN: &[(&str, &str, &str)] = &[
    (
        "progress",
        "Add {remaining} more for {reward}",
        "再买{remaining}，即可享{reward}",
    ),
    (
        "progress_unit",
        "Add {remaining} more item for {reward}",
        "再买{remaining}件，即可享{reward}",
    ),
    (
        "progress_units",
        "Add {remaining} more items for {reward}",
        "再买{remaining}件，即可享{reward}",
    ),
    (
        "progress_condition_unit",
        "Add {remaining} more qualifying item for {reward}",
        "再买{remaining}件指定商品，即可享{reward}",
    ),
    (
        "progress_condition_units",
        "Add {remaining} more qualifying items for {reward}",
        "再买{remaining}件指定商品，即可享{reward}",
    ),
    (
        "progress_condition_amount",
        "Spend {remaining} more on qualifying items for {reward}",
        "指定商品再买{remaining}，即可享{reward}",
    ),
    (
        "start",
        "Spend {threshold} for {reward}",
        "满{threshold}即可享{reward}",
    ),
    ("reached", "You've unlocked {reward}", "已解锁{reward}"),
    ("savings", "You're saving {amount}", "已为你节省{amount}"),
    ("suggestions", "Get there with", "凑单推荐"),
    ("suggestions_browse", "Popular picks", "人气好物"),
    ("reason_closes_exactly", "Just the amount you need", "刚好凑够"),
    ("reason_goes_with", "Goes with your {name}", "搭配你的{name}"),
    ("reason_pinned", "Our pick", "店长推荐"),
    ("reason_popular", "Best seller", "热销"),
    ("add", "Add", "加购"),
    ("add_label", "Add {name} to cart", "将{name}加入购物车"),
    ("unlocks", "Unlocks {reward}", "可解锁{reward}"),
    (
        "value_text",
        "{amount} of {threshold}. {message}",
        "已达{amount}，目标{threshold}。{message}",
    ),
    ("bar_label", "Progress to the next reward", "距离下一个优惠的进度"),
    ("free_shipping", "free shipping", "免运费"),
    ("shipping_off", "{amount} off shipping", "运费立减{amount}"),
    (
        "shipping_percent_off",
        "{percent}% off shipping",
        "运费{percent}%优惠",
    ),
    ("free_shipping_by", "free {method} shipping", "{method}免运费"),
    (
        "shipping_off_by",
        "{amount} off {method} shipping",
        "{method}运费立减{amount}",
    ),
    (
        "shipping_percent_off_by",
        "{percent}% off {method} shipping",
        "{method}运费{percent}%优惠",
    ),
    ("amount_off", "{amount} off", "立减{amount}"),
    ("amount_off_each", "{amount} off each item", "每件立减{amount}"),
    ("unit_price", "{amount} each", "每件{amount}"),
    ("ends_in", "Ends in {time}", "{time}后结束"),
    ("time_days", "{days} d {hours} h", "{days}天{hours}小时"),
    (
        "time_hours",
        "{hours} h {minutes} min",
        "{hours}小时{minutes}分钟",
    ),
    ("time_minutes", "{minutes} min", "{minutes}分钟"),
    ("time_soon", "less than a minute", "不到1分钟"),
    ("percent_off", "{percent}% off", "{percent}%优惠"),
    ("unit_at", "{count} item for {amount}", "{count}件仅需{amount}"),
    ("bundle", "{count} for {amount}", "{count}件{amount}"),
    (
        "units_at",
        "{count} items at {amount} each",
        "{count}件每件仅需{amount}",
    ),
    (
        "percent_off_max",
        "{percent}% off (up to {amount})",
        "{percent}%优惠（最高{amount}）",
    ),
    ("gift", "a free {name}", "赠品{name}"),
    ("gifts", "{name} ×{count} free", "赠品{name}×{count}"),
    ("gift_at", "{name} for {amount}", "{amount}换购{name}"),
    (
        "gifts_at",
        "{name} ×{count} at {amount} each",
        "每件{amount}换购{name}×{count}",
    ),
    ("gift_choice", "a free gift of your choice", "自选赠品"),
    (
        "gifts_choice",
        "{count} free gifts of your choice",
        "自选赠品{count}件",
    ),
    (
        "gift_choice_at",
        "a gift of your choice for {amount}",
        "{amount}自选换购",
    ),
    (
        "gifts_choice_at",
        "{count} gifts of your choice at {amount} each",
        "每件{amount}自选换购{count}件",
    ),
    ("gift_pick", "Choose your gift", "选择您的赠品"),
    ("unit_free", "{count} item free", "{count}件免费"),
    ("units_free", "{count} items free", "{count}件免费"),
    (
        "unit_off",
        "{count} item at {percent}% off",
        "{count}件享{percent}%优惠",
    ),
    (
        "units_off",
        "{count} items at {percent}% off",
        "{count}件享{percent}%优惠",
    ),
    ("and", " and ", "和"),
    ("separator", ", ", "、"),
    ("loading", "Loading offers…", "正在加载优惠…"),
];

/// The keys of the words, each overridable through the widget's `messages` option.
pub const KEYS: [&str; BUILTIN.len()] = {
    let mut keys = [""; BUILTIN.len()];
    let mut i = 0;
    while i < BUILTIN.len() {
        keys[i] = BUILTIN[i].0;
        i += 1;
    }
    keys
};

/// The built-in words of `lang` for `key` (one of [`KEYS`]); empty for any other key.
pub fn builtin(lang: Lang, key: &str) -> &'static str {
    BUILTIN
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or("", |(_, en, zh)| match lang {
            Lang::En => en,
            Lang::Zh => zh,
        })
}

/// The words in use: the built-in ones of a language, with the host's overrides on top.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    /// The built-in language.
    pub lang: Lang,
    /// The language tag as given (for picking merchants' per-promotion templates).
    pub tag: String,
    overrides: StringMap,
}

impl Words {
    /// The words for a language tag, with overrides keyed by [`KEYS`].
    pub fn new(tag: &str, overrides: StringMap) -> Self {
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
    pub fn pick<'m>(&self, templates: Option<&'m StringMap>) -> Option<&'m str> {
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
        let en = Words::new("en", StringMap::default());
        let items = ["a".to_owned(), "b".to_owned(), "c".to_owned()];
        assert_eq!(en.join(&items), "a, b and c");
        assert_eq!(Words::new("zh-CN", StringMap::default()).join(&items), "a、b和c");
        let templates = StringMap::from_pairs(vec![("zh".to_owned(), "再买{remaining}".to_owned())]);
        assert_eq!(
            Words::new("zh-CN", StringMap::default()).pick(Some(&templates)),
            Some("再买{remaining}")
        );
        assert_eq!(en.pick(Some(&templates)), None);
    }
}
