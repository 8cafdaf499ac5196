//! The package's compact form of a summary quote, for `engine.quote(cart, { detail: 'summary' })`
//! in JavaScript: fields with a separator between them instead of JSON text, read back by
//! `pkg-config/api.js` (`summaryFromTape`) into the very object `JSON.parse` makes of
//! [`Quote::to_json`]: the same members, values and key order. `JSON.parse` of the summary took
//! a quarter of a storefront quote's time (2.0 µs of 8.9 for five lines in Node 20); reading
//! this form takes 1.2, most of it `TextDecoder` and `split`.
//!
//! ```text
//! tape     := "Q1" (S1 field)*                 S1: U+0001; numbers and counts in decimal
//! fields   := currency subtotal discount shipping total
//!             count option*  count applied*  count gift*  count action*  count progress*
//!             count experiment*  count notice*
//!             (count 0: an empty array; for `shipping_options`, `gift_actions`, `experiments`
//!             and `notices`, as in the JSON text, no member at all)
//! option   := flags(1 label) method [label] fee shipping bool
//! applied  := flags(1 label, 2 times, 4 coupon) promotion kind tier amount [label] [times] [coupon]
//! gift     := flags(1 name, 2 price, 4 chosen) promotion sku [name] quantity [price]
//!             count (flags(1 name) sku [name])* [bool]
//! action   := action promotion sku quantity
//! progress := flags(1 tier, 2 next, 4 ends_at) promotion kind unit measure [tier] [next] [ends_at]
//!             count (unit measure measure measure)*          (the condition's gaps)
//! next     := flags(1 applies, 2 switches_group) tier measure measure unlocks [bool]
//!             count promotion*  [group from to]               (`loses`; from, to: "" for null)
//! unlocks  := bits (the members present, in key order) and their values: none for `free_shipping`,
//!             count text* for `gift_choices`, a number or a text for the others
//! measure  := an amount's digits | "#" units
//! bool     := "1" | "0"
//! ```
//!
//! A text holding the separator cannot be written this way: [`summary`] then gives `None` and the
//! package parses the JSON text instead, as it does for a full quote.

use super::{Detail, Next, Progress, Quote, Unlocks};
use crate::json::push_u64;
use crate::money::{Measure, Money};

/// Between two fields.
const SEPARATOR: char = '\u{1}';

/// The summary `quote` in the compact form, or `None` where a text holds the separator (or the
/// quote is not a summary).
#[cfg_attr(nexttier_speed, optimize(speed))]
pub fn summary(quote: &Quote) -> Option<String> {
    if quote.detail != Detail::Summary {
        return None;
    }
    let mut t = Tape {
        out: String::with_capacity(64 + 80 * (quote.applied.len() + quote.progress.len())),
        spoiled: false,
    };
    t.out.push_str("Q1");
    t.text(&quote.currency);
    for amount in [&quote.subtotal, &quote.discount, &quote.shipping, &quote.total] {
        t.money(amount);
    }
    t.number(quote.shipping_options.len() as u64);
    for option in &quote.shipping_options {
        t.number(u64::from(option.label.is_some()));
        t.text(&option.method);
        t.optional(option.label.as_deref());
        t.money(&option.fee);
        t.money(&option.shipping);
        t.bool(option.chosen);
    }
    t.number(quote.applied.len() as u64);
    for applied in &quote.applied {
        t.number(flags(&[
            applied.label.is_some(),
            applied.times.is_some(),
            applied.coupon.is_some(),
        ]));
        t.text(&applied.promotion);
        t.text(applied.kind);
        t.number(applied.tier as u64);
        t.money(&applied.amount);
        t.optional(applied.label.as_deref());
        if let Some(times) = applied.times {
            t.number(times);
        }
        t.optional(applied.coupon.as_deref());
    }
    t.number(quote.gifts.len() as u64);
    for gift in &quote.gifts {
        t.number(flags(&[
            gift.name.is_some(),
            gift.price.is_some(),
            gift.chosen.is_some(),
        ]));
        t.text(&gift.promotion);
        t.text(&gift.sku);
        t.optional(gift.name.as_deref());
        t.number(gift.quantity);
        if let Some(price) = &gift.price {
            t.money(price);
        }
        t.number(gift.options.len() as u64);
        for option in &gift.options {
            t.number(u64::from(option.name.is_some()));
            t.text(&option.sku);
            t.optional(option.name.as_deref());
        }
        if let Some(chosen) = gift.chosen {
            t.bool(chosen);
        }
    }
    t.number(quote.gift_actions.len() as u64);
    for action in &quote.gift_actions {
        t.text(action.action);
        t.text(&action.promotion);
        t.text(&action.sku);
        t.number(action.quantity);
    }
    t.number(quote.progress.len() as u64);
    for progress in &quote.progress {
        t.progress(progress);
    }
    t.number(quote.experiments.len() as u64);
    for experiment in &quote.experiments {
        t.text(&experiment.experiment);
        t.text(&experiment.variant);
        t.text(experiment.by);
    }
    t.number(quote.notices.len() as u64);
    for notice in &quote.notices {
        t.text(notice.code);
        t.text(&notice.sku);
        t.number(notice.line as u64);
        t.number(notice.quantity);
        t.number(notice.limit);
        t.text(&notice.message);
    }
    (!t.spoiled).then_some(t.out)
}

/// The bits of the optional members present, the first member the lowest bit.
fn flags(present: &[bool]) -> u64 {
    present.iter().rev().fold(0, |bits, &p| bits << 1 | u64::from(p))
}

/// The form being written.
struct Tape {
    out: String,
    /// A text held the separator.
    spoiled: bool,
}

impl Tape {
    /// A text (one holding the separator spoils the form: [`summary`] then gives `None`).
    #[cfg_attr(nexttier_speed, optimize(speed))]
    #[inline(never)]
    fn text(&mut self, text: &str) {
        // A plain loop: `contains` brings in memchr, 0.35 KB of wasm.
        for &byte in text.as_bytes() {
            self.spoiled |= byte == SEPARATOR as u8;
        }
        self.out.push(SEPARATOR);
        self.out.push_str(text);
    }

    /// A text when there is one (its flag says so), nothing otherwise.
    fn optional(&mut self, text: Option<&str>) {
        if let Some(text) = text {
            self.text(text);
        }
    }

    /// An amount when there is one (its flag says so).
    fn optional_money(&mut self, amount: &Option<Money>) {
        if let Some(amount) = amount {
            self.money(amount);
        }
    }

    #[cfg_attr(nexttier_speed, optimize(speed))]
    #[inline(never)]
    fn money(&mut self, amount: &Money) {
        self.out.push(SEPARATOR);
        amount.write_to(&mut self.out);
    }

    #[cfg_attr(nexttier_speed, optimize(speed))]
    #[inline(never)]
    fn number(&mut self, value: u64) {
        self.out.push(SEPARATOR);
        push_u64(&mut self.out, value);
    }

    fn bool(&mut self, value: bool) {
        self.out.push_str(if value { "\u{1}1" } else { "\u{1}0" });
    }

    fn measure(&mut self, measure: &Measure<Money>) {
        match measure {
            Measure::Amount(amount) => self.money(amount),
            Measure::Units(units) => {
                self.out.push_str("\u{1}#");
                push_u64(&mut self.out, *units);
            }
        }
    }

    fn progress(&mut self, progress: &Progress) {
        self.number(flags(&[
            progress.tier.is_some(),
            progress.next.is_some(),
            progress.ends_at.is_some(),
        ]));
        self.text(&progress.promotion);
        self.text(progress.kind);
        self.text(progress.unit);
        self.measure(&progress.measured);
        if let Some(tier) = progress.tier {
            self.number(tier as u64);
        }
        if let Some(next) = &progress.next {
            self.next(next);
        }
        if let Some(end) = progress.ends_at {
            self.text(&crate::time::format_rfc3339(end));
        }
        self.number(progress.condition.len() as u64);
        for gap in &progress.condition {
            self.text(gap.unit);
            self.measure(&gap.measured);
            self.measure(&gap.threshold);
            self.measure(&gap.remaining);
        }
    }

    fn next(&mut self, next: &Next) {
        self.number(flags(&[next.applies.is_some(), next.switches_group.is_some()]));
        self.number(next.tier as u64);
        self.measure(&next.threshold);
        self.measure(&next.remaining);
        self.unlocks(&next.unlocks);
        if let Some(applies) = next.applies {
            self.bool(applies);
        }
        self.number(next.loses.len() as u64);
        for id in &next.loses {
            self.text(id);
        }
        if let Some(switch) = &next.switches_group {
            self.text(&switch.group);
            for member in [&switch.from, &switch.to] {
                match member.as_deref() {
                    // "" stands for null, so an empty id (no config validates one) cannot be written.
                    Some("") => self.spoiled = true,
                    member => self.text(member.unwrap_or("")),
                }
            }
        }
    }

    /// The members in the order [`Quote::to_json`] writes them.
    fn unlocks(&mut self, u: &Unlocks) {
        self.number(flags(&[
            u.free_shipping,
            u.off.is_some(),
            u.off_each.is_some(),
            u.percent.is_some(),
            u.max_off.is_some(),
            u.gift.is_some(),
            !u.gift_choices.is_empty(),
            u.gift_quantity.is_some(),
            u.gift_price.is_some(),
            u.bundle_price.is_some(),
            u.price.is_some(),
            u.units.is_some(),
            u.unit_price.is_some(),
            u.shipping_off.is_some(),
            u.shipping_percent.is_some(),
            u.saving.is_some(),
        ]));
        self.optional_money(&u.off);
        self.optional_money(&u.off_each);
        self.optional(u.percent.as_deref());
        self.optional_money(&u.max_off);
        self.optional(u.gift.as_deref());
        if !u.gift_choices.is_empty() {
            self.number(u.gift_choices.len() as u64);
            for sku in &u.gift_choices {
                self.text(sku);
            }
        }
        if let Some(units) = u.gift_quantity {
            self.number(units);
        }
        self.optional_money(&u.gift_price);
        self.optional_money(&u.bundle_price);
        self.optional_money(&u.price);
        if let Some(units) = u.units {
            self.number(units);
        }
        self.optional_money(&u.unit_price);
        self.optional_money(&u.shipping_off);
        self.optional(u.shipping_percent.as_deref());
        self.optional_money(&u.saving);
    }
}

#[cfg(test)]
mod tests {
    use super::summary;
    use crate::quote::Detail;
    use crate::Engine;

    const CONFIG: &str = r#"{"currency":"CNY","shipping":{"fee":"10"},"promotions":[
        {"id":"free-ship","kind":"free_shipping","label":"Free shipping","tiers":[{"min_subtotal":"99"}]},
        {"id":"pairs","kind":"amount_off","tiers":[{"min_quantity":2,"off":"5"},{"min_quantity":4,"off":"12"}]}]}"#;

    fn quote(config: &str, cart: &str, detail: Detail) -> crate::quote::Quote {
        Engine::from_json(config)
            .unwrap()
            .quote_json_with(cart, 0, detail)
            .unwrap()
    }

    #[test]
    fn a_summary_is_written_field_by_field() {
        // 3 × 38.00 = 114.00: free shipping (10.00 waived) and the first pair tier (5.00 off);
        // the next pair tier is one unit away.
        let q = quote(
            CONFIG,
            r#"{"lines":[{"sku":"mop","price":"38","quantity":3}]}"#,
            Detail::Summary,
        );
        let tape = summary(&q).unwrap();
        let fields: Vec<&str> = tape.split('\u{1}').collect();
        #[rustfmt::skip]
        let expected = [
            "Q1", "CNY", "114.00", "5.00", "0.00", "109.00",
            "0", // no shipping options
            "2", // applied: flags, promotion, kind, tier, amount, [label]
            "0", "pairs", "amount_off", "0", "5.00",
            "1", "free-ship", "free_shipping", "0", "10.00", "Free shipping",
            "0", "0", // no gifts, no gift actions
            "2", // progress: flags (1 tier, 2 next), promotion, kind, unit, measured, [tier], [next], gaps
            "1", "free-ship", "free_shipping", "amount", "114.00", "0", "0",
            // next: flags, tier, threshold, remaining, unlocks bits (2 off, 2^15 saving), values, loses
            "3", "pairs", "amount_off", "quantity", "#3", "0", "0", "1", "#4", "#1", "32770", "12.00", "12.00", "0", "0",
            "0", "0", // no experiments, no notices
        ];
        assert_eq!(fields, expected);
    }

    #[test]
    fn a_text_holding_the_separator_or_a_full_quote_is_not_written() {
        let labelled = CONFIG.replace("Free shipping", "Free\\u0001shipping");
        let cart = r#"{"lines":[{"sku":"mop","price":"38","quantity":3}]}"#;
        assert_eq!(summary(&quote(&labelled, cart, Detail::Summary)), None);
        assert_eq!(summary(&quote(CONFIG, cart, Detail::Full)), None);
        // A SKU holding it is in no summary: the quote is still written.
        let odd = r#"{"lines":[{"sku":"m\u0001p","price":"38","quantity":3}]}"#;
        assert!(summary(&quote(CONFIG, odd, Detail::Summary)).is_some());
    }
}
