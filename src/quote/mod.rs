//! The quote: what the cart costs under the promotions, and how far each next tier is.

pub mod compact;

use std::sync::Arc;

use serde::Serialize;

use crate::cart::checkout::Checkout;
use crate::json::{push_u64, ObjectWriter};
use crate::money::{Measure, Money};

#[cfg(not(target_arch = "wasm32"))]
use schemars::JsonSchema;

/// How much a quote says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Detail {
    /// Everything: the lines with their shares, the skipped promotions and every `explain`.
    #[default]
    Full,
    /// What a cart page shows: the totals, `applied`, `gifts` and `progress` without `explain`;
    /// no `lines` and no `skipped` (neither is computed).
    Summary,
}

impl Detail {
    /// The names in options and on the command line.
    pub const NAMES: &'static [(&'static str, Detail)] =
        &[("full", Detail::Full), ("summary", Detail::Summary)];
}

/// The options of a quote: `{"detail":"summary"}`, and for a checkout `{"checkout":{...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuoteOptions {
    /// How much the quote says (default `full`).
    pub detail: Detail,
    /// Server mode: price the cart the way a checkout must, with what the host says here.
    pub checkout: Option<Checkout>,
}

impl QuoteOptions {
    /// The keys of the options object.
    pub const KEYS: &'static [&'static str] = &["detail", "checkout"];

    /// Reads options from JSON text; every key is optional.
    pub fn from_json(text: &str) -> Result<Self, crate::Errors> {
        crate::json::read::document(text, |value, path, errors| {
            let mut options = QuoteOptions::default();
            if let Some(object) = crate::json::read::Object::open(value, path, Self::KEYS, errors) {
                if let Some(detail) = object.choice("detail", Detail::NAMES, errors) {
                    options.detail = detail;
                }
                if let Some(checkout) = object.get("checkout") {
                    options.checkout = Some(Checkout::read(checkout, &object.path("checkout"), errors));
                }
            }
            options
        })
    }
}

/// A priced cart. Amounts are strings with exactly the currency's minor digits. A summary quote
/// (`detail: "summary"`) is this without `lines`, `skipped` and `progress[].explain`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct Quote {
    /// How much the quote says ([`Quote::to_json`] leaves out what a summary does not compute).
    #[serde(skip)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(skip))]
    pub detail: Detail,
    /// ISO 4217 code.
    pub currency: String,
    /// Sum of the lines at list price.
    pub subtotal: Money,
    /// Sum of all discounts (shipping waivers are not discounts: they show in `shipping`).
    pub discount: Money,
    /// Shipping charged.
    pub shipping: Money,
    /// subtotal − discount + shipping.
    pub total: Money,
    /// With the config's `shipping.methods`: each method's fee to the cart's destination and what
    /// the cart would pay with it after its shipping promotions, for a method picker.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shipping_options: Vec<ShippingOption>,
    /// Each cart line with its share of every discount.
    pub lines: Vec<QuoteLine>,
    /// The promotions that gave something, in the order they applied.
    pub applied: Vec<Applied>,
    /// Every other promotion of the config, in config order, with why it gave nothing.
    pub skipped: Vec<Skipped>,
    /// Free items added to the order.
    pub gifts: Vec<Gift>,
    /// What to add to or remove from the cart's gift lines so that they hold exactly `gifts`
    /// (empty once they do).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub gift_actions: Vec<GiftAction>,
    /// For every promotion the customer is eligible for: the tier reached and the next one.
    pub progress: Vec<Progress>,
    /// The cart's variant of each of the config's experiments (only when the config has some).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub experiments: Vec<ExperimentVariant>,
    /// The catalog's order rules the cart breaks (a minimum, a maximum, whole cases, stock), for
    /// the host to show: a checkout refuses such a cart instead.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<Notice>,
}

/// An order rule of the catalog that a cart breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct Notice {
    /// `below_minimum` (`min_per_order`), `above_maximum` (`max_per_order`), `not_whole_cases`
    /// (`case_pack`) or `above_stock` (`stock`).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "notice_schema"))]
    pub code: &'static str,
    /// The item.
    pub sku: String,
    /// The first cart line of the item.
    pub line: usize,
    /// The item's units in the cart (all its lines).
    pub quantity: u64,
    /// The rule's number: the minimum, the maximum, the case size or the stock.
    pub limit: u64,
    /// A sentence for the shopper or the host's log.
    pub message: String,
}

#[cfg(not(target_arch = "wasm32"))]
fn notice_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    names_schema(&["below_minimum", "above_maximum", "not_whole_cases", "above_stock"])
}

/// The variant a cart was priced under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct ExperimentVariant {
    /// The experiment's id.
    pub experiment: Arc<str>,
    /// The variant's id.
    pub variant: Arc<str>,
    /// How it was chosen: "visitor" (the hash of the cart's `visitor` or `customer.id`), "forced"
    /// (the cart's `variants`), "default" (no id: the control).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "by_schema"))]
    pub by: &'static str,
}

#[cfg(not(target_arch = "wasm32"))]
fn by_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    names_schema(&["visitor", "forced", "default"])
}

/// A cart line in a quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct QuoteLine {
    /// The line's SKU.
    pub sku: String,
    /// Units.
    pub quantity: u64,
    /// Price × quantity.
    pub subtotal: Money,
    /// The line's share of all discounts.
    pub discount: Money,
    /// subtotal − discount.
    pub total: Money,
    /// The line's share of each discount; the shares of one promotion over all lines add up to its amount.
    pub discounts: Vec<Share>,
}

/// One promotion's share of a line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct Share {
    /// Promotion id.
    pub promotion: Arc<str>,
    /// Amount of the line's discount from it.
    pub amount: Money,
}

/// A promotion that applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct Applied {
    /// Promotion id.
    pub promotion: Arc<str>,
    /// Promotion kind.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "kind_names"))]
    pub kind: &'static str,
    /// Index of the tier reached (0-based, as in the config).
    pub tier: usize,
    /// The discount it took, or for `free_shipping` the fee it waived.
    pub amount: Money,
    /// The promotion's shopper-facing label, when configured.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// `buy_x_get_y`: how many times it applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub times: Option<u64>,
    /// For a coupon promotion: the code that matched, normalised (ASCII letters in lower case,
    /// ASCII spaces trimmed), so a server can count its uses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coupon: Option<String>,
}

/// A promotion that gave nothing, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct Skipped {
    /// Promotion id.
    pub promotion: Arc<str>,
    /// Promotion kind.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "kind_names"))]
    pub kind: &'static str,
    /// Why: `holdout`, `market`, `not_started`, `ended`, `outside_schedule`, `shipping_method`, `destination`, `segment`, `coupon_missing`, `limit_reached`, `budget_spent`, `out_of_scope`, `condition_unmet`,
    /// `below_threshold`, `lost_in_group`, `stopped`, `not_combinable` or `no_effect`.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "reason_names"))]
    pub reason: &'static str,
    /// The same in a sentence.
    pub message: String,
    /// `lost_in_group`: the member of the group that applied instead; `stopped`: the promotion
    /// with `stop` that applied before it; `not_combinable`: an applied promotion it does not
    /// combine with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub winner: Option<Arc<str>>,
}

/// One reason the amount a threshold measures differs from the cart's subtotal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct Explain {
    /// `excluded_lines` (lines outside the scope), `earlier_discounts` (taken before this promotion
    /// measured, on a discounted basis) or `tax` (added or removed to measure as the threshold says).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "cause_names"))]
    pub cause: &'static str,
    /// What it changes, signed: subtotal + every amount = measured.
    pub amount: Money,
    /// `excluded_lines`: their SKUs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<Arc<str>>,
    /// `earlier_discounts`: the promotions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub promotions: Vec<Arc<str>>,
}

/// A group changing its winner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct GroupSwitch {
    /// The group.
    pub group: String,
    /// The member that applies now, if any.
    pub from: Option<Arc<str>>,
    /// The member that would apply.
    pub to: Option<Arc<str>>,
}

/// A free item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct Gift {
    /// The promotion that gives it.
    pub promotion: Arc<str>,
    /// Its SKU.
    pub sku: String,
    /// Its name, from the catalog.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Units given.
    pub quantity: u64,
    /// What each unit costs, when not free ("a mug for ¥1.00").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price: Option<Money>,
    /// The options in stock the shopper chooses from (only when the tier offers a choice).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<GiftOption>,
    /// With `options`: whether `sku` is the shopper's pick (`false`: the first option in stock,
    /// given until the shopper picks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chosen: Option<bool>,
}

/// A shipping method as the cart would pay it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct ShippingOption {
    /// The method's id.
    pub method: Arc<str>,
    /// Its label, when the config gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Its fee to the cart's destination.
    pub fee: Money,
    /// What the cart pays for it after the shipping promotions open to that method.
    pub shipping: Money,
    /// Whether it is the cart's method.
    pub chosen: bool,
}

impl GiftAction {
    /// Writes the action as JSON, as the quote and the widget's `nexttier:gifts` event carry it.
    pub fn write(out: &mut String, action: &GiftAction) {
        let mut o = ObjectWriter::new(out);
        o.string("action", action.action);
        o.string("promotion", &action.promotion);
        o.string("sku", &action.sku);
        o.number("quantity", action.quantity);
        o.end();
    }
}

/// A gift the shopper may choose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct GiftOption {
    /// Its SKU.
    pub sku: String,
    /// Its name, from the catalog.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// What the host does to the cart's gift lines to keep them in step with the gifts: add a line of
/// `quantity` units of `sku` marked `"gift": promotion` (at its catalog price; the promotion
/// discounts it), or remove that many units of such a line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct GiftAction {
    /// `"add"` or `"remove"`.
    pub action: &'static str,
    /// The gift promotion.
    pub promotion: Arc<str>,
    /// The gift's SKU.
    pub sku: String,
    /// Units to add or remove.
    pub quantity: u64,
}

/// How far a promotion is from its next tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct Progress {
    /// Promotion id.
    pub promotion: Arc<str>,
    /// Promotion kind.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "kind_names"))]
    pub kind: &'static str,
    /// "amount" when tiers are measured in money, "quantity" when in units.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "unit_names"))]
    pub unit: &'static str,
    /// What the threshold measures now: the in-scope amount (on the promotion's basis) or units.
    pub measured: Measure<Money>,
    /// Index of the tier reached, or null.
    pub tier: Option<usize>,
    /// The next tier, or null when nothing more can be unlocked.
    pub next: Option<Next>,
    /// When the promotion ends (its `ends_at`, RFC 3339 in UTC), for a countdown; absent when it
    /// does not end.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "rfc3339")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<String>"))]
    pub ends_at: Option<crate::time::Millis>,
    /// For amounts: why `measured` differs from the cart's subtotal (empty when it does not).
    pub explain: Vec<Explain>,
    /// What its `condition` still lacks (absent when it holds): no tier is reached until it does.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub condition: Vec<ConditionGap>,
}

/// A part of a promotion's condition that the cart does not meet yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct ConditionGap {
    /// "quantity" (units) or "amount" (spend at list price).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "unit_names"))]
    pub unit: &'static str,
    /// What the condition's scope holds now.
    pub measured: Measure<Money>,
    /// What it needs.
    pub threshold: Measure<Money>,
    /// What to add in its scope: exactly that meets it, one unit (or minor unit) less does not.
    pub remaining: Measure<Money>,
}

/// A time written as RFC 3339 in UTC, as `Quote::to_json` writes it.
fn rfc3339<S: serde::Serializer>(time: &Option<crate::time::Millis>, out: S) -> Result<S::Ok, S::Error> {
    match time {
        Some(t) => out.serialize_str(&crate::time::format_rfc3339(*t)),
        None => out.serialize_none(),
    }
}

/// The next tier of a promotion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct Next {
    /// Index of the tier.
    pub tier: usize,
    /// Its threshold (for `amount_off_every`, the next multiple of `every`).
    pub threshold: Measure<Money>,
    /// In-scope spend (or units) still needed: adding exactly this reaches the tier, one minor unit
    /// (or unit) less does not.
    pub remaining: Measure<Money>,
    /// What the tier gives.
    pub unlocks: Unlocks,
    /// False when reaching the tier would not make the promotion apply (another member of its
    /// group would still be better for the customer); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applies: Option<bool>,
    /// Promotions applied now that reaching the tier would cost the shopper (a group switching).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub loses: Vec<Arc<str>>,
    /// Reaching the tier makes this group switch winners.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub switches_group: Option<GroupSwitch>,
}

/// What reaching a tier gives.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct Unlocks {
    /// Free shipping.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub free_shipping: bool,
    /// A fixed amount off (for `amount_off_every`, the total off at that multiple).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub off: Option<Money>,
    /// `amount_off_each`: this amount off each in-scope unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub off_each: Option<Money>,
    /// A percentage off the in-scope lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent: Option<String>,
    /// The most the percentage takes off, when capped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_off: Option<Money>,
    /// A catalog item given (with a choice, the first option in stock).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gift: Option<String>,
    /// The gifts in stock the shopper will choose from, when the tier offers a choice.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub gift_choices: Vec<String>,
    /// Units of the gift, when more than one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gift_quantity: Option<u64>,
    /// What each gift unit costs, when not free.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gift_price: Option<Money>,
    /// `bundle_price`: what `units` units cost together.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bundle_price: Option<Money>,
    /// `buy_x_get_y`: the price each of `units` costs, instead of a `percent` off.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price: Option<Money>,
    /// `buy_x_get_y`: units discounted by `percent` (with 100, free).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub units: Option<u64>,
    /// `price_break`: the most each in-scope unit costs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_price: Option<Money>,
    /// `shipping_off`: this amount off the shipping fee.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping_off: Option<Money>,
    /// `shipping_off`: this percentage off the shipping fee.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping_percent: Option<String>,
    /// The amount the tier is worth, when fixed: the amount off, or the shipping fee waived.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub saving: Option<Money>,
}

// The compact JSON of a quote, written by hand so the wasm needs no serializer. The derived
// `Serialize` (used natively for `--pretty` and the schema) must give the same bytes: tested below
// and on every golden vector.

#[cfg_attr(nexttier_speed, optimize(speed))]
fn write_quantity(out: &mut String, quantity: &Measure<Money>) {
    match quantity {
        Measure::Amount(amount) => write_money(out, amount),
        Measure::Units(units) => push_u64(out, *units),
    }
}

/// An amount as a JSON string (its digits never need escaping).
#[cfg_attr(nexttier_speed, optimize(speed))]
pub(crate) fn write_money(out: &mut String, amount: &Money) {
    out.push('"');
    amount.write_to(out);
    out.push('"');
}

impl Quote {
    /// The quote as compact JSON, keys in the documented order.
    #[cfg_attr(nexttier_speed, optimize(speed))]
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(256 + 160 * self.lines.len() + 200 * self.progress.len());
        let mut quote = ObjectWriter::new(&mut out);
        quote.string("currency", &self.currency);
        write_money(quote.key("subtotal"), &self.subtotal);
        write_money(quote.key("discount"), &self.discount);
        write_money(quote.key("shipping"), &self.shipping);
        write_money(quote.key("total"), &self.total);
        if !self.shipping_options.is_empty() {
            quote.array("shipping_options", &self.shipping_options, |out, option| {
                let mut o = ObjectWriter::new(out);
                o.string("method", &option.method);
                if let Some(label) = &option.label {
                    o.string("label", label);
                }
                write_money(o.key("fee"), &option.fee);
                write_money(o.key("shipping"), &option.shipping);
                o.raw("chosen", if option.chosen { "true" } else { "false" });
                o.end();
            });
        }
        let full = self.detail == Detail::Full;
        if full {
            quote.array("lines", &self.lines, |out, line| {
                let mut o = ObjectWriter::new(out);
                o.string("sku", &line.sku);
                o.number("quantity", line.quantity);
                write_money(o.key("subtotal"), &line.subtotal);
                write_money(o.key("discount"), &line.discount);
                write_money(o.key("total"), &line.total);
                o.array("discounts", &line.discounts, |out, share| {
                    let mut o = ObjectWriter::new(out);
                    o.string("promotion", &share.promotion);
                    write_money(o.key("amount"), &share.amount);
                    o.end();
                });
                o.end();
            });
        }
        quote.array("applied", &self.applied, |out, applied| {
            let mut o = ObjectWriter::new(out);
            o.string("promotion", &applied.promotion);
            o.string("kind", applied.kind);
            o.number("tier", applied.tier as u64);
            write_money(o.key("amount"), &applied.amount);
            if let Some(label) = &applied.label {
                o.string("label", label);
            }
            if let Some(times) = applied.times {
                o.number("times", times);
            }
            if let Some(coupon) = &applied.coupon {
                o.string("coupon", coupon);
            }
            o.end();
        });
        if full {
            quote.array("skipped", &self.skipped, |out, skipped| {
                let mut o = ObjectWriter::new(out);
                o.string("promotion", &skipped.promotion);
                o.string("kind", skipped.kind);
                o.string("reason", skipped.reason);
                o.string("message", &skipped.message);
                if let Some(winner) = &skipped.winner {
                    o.string("winner", winner);
                }
                o.end();
            });
        }
        quote.array("gifts", &self.gifts, |out, gift| {
            let mut o = ObjectWriter::new(out);
            o.string("promotion", &gift.promotion);
            o.string("sku", &gift.sku);
            if let Some(name) = &gift.name {
                o.string("name", name);
            }
            o.number("quantity", gift.quantity);
            if let Some(price) = &gift.price {
                write_money(o.key("price"), price);
            }
            if !gift.options.is_empty() {
                o.array("options", &gift.options, |out, option| {
                    let mut g = ObjectWriter::new(out);
                    g.string("sku", &option.sku);
                    if let Some(name) = &option.name {
                        g.string("name", name);
                    }
                    g.end();
                });
            }
            if let Some(chosen) = gift.chosen {
                o.raw("chosen", if chosen { "true" } else { "false" });
            }
            o.end();
        });
        if !self.gift_actions.is_empty() {
            quote.array("gift_actions", &self.gift_actions, GiftAction::write);
        }
        quote.array("progress", &self.progress, |out, progress| {
            let mut o = ObjectWriter::new(out);
            o.string("promotion", &progress.promotion);
            o.string("kind", progress.kind);
            o.string("unit", progress.unit);
            write_quantity(o.key("measured"), &progress.measured);
            match progress.tier {
                Some(tier) => o.number("tier", tier as u64),
                None => o.raw("tier", "null"),
            }
            match &progress.next {
                None => o.raw("next", "null"),
                Some(next) => {
                    let mut n = ObjectWriter::new(o.key("next"));
                    n.number("tier", next.tier as u64);
                    write_quantity(n.key("threshold"), &next.threshold);
                    write_quantity(n.key("remaining"), &next.remaining);
                    let mut u = ObjectWriter::new(n.key("unlocks"));
                    let unlocks = &next.unlocks;
                    if unlocks.free_shipping {
                        u.raw("free_shipping", "true");
                    }
                    if let Some(off) = &unlocks.off {
                        write_money(u.key("off"), off);
                    }
                    if let Some(off_each) = &unlocks.off_each {
                        write_money(u.key("off_each"), off_each);
                    }
                    if let Some(percent) = &unlocks.percent {
                        u.string("percent", percent);
                    }
                    if let Some(max_off) = &unlocks.max_off {
                        write_money(u.key("max_off"), max_off);
                    }
                    if let Some(gift) = &unlocks.gift {
                        u.string("gift", gift);
                    }
                    if !unlocks.gift_choices.is_empty() {
                        u.array("gift_choices", &unlocks.gift_choices, |out, sku| {
                            crate::json::write_string(out, sku)
                        });
                    }
                    if let Some(units) = unlocks.gift_quantity {
                        u.number("gift_quantity", units);
                    }
                    if let Some(price) = &unlocks.gift_price {
                        write_money(u.key("gift_price"), price);
                    }
                    if let Some(price) = &unlocks.bundle_price {
                        write_money(u.key("bundle_price"), price);
                    }
                    if let Some(price) = &unlocks.price {
                        write_money(u.key("price"), price);
                    }
                    if let Some(units) = unlocks.units {
                        u.number("units", units);
                    }
                    if let Some(price) = &unlocks.unit_price {
                        write_money(u.key("unit_price"), price);
                    }
                    if let Some(off) = &unlocks.shipping_off {
                        write_money(u.key("shipping_off"), off);
                    }
                    if let Some(percent) = &unlocks.shipping_percent {
                        u.string("shipping_percent", percent);
                    }
                    if let Some(saving) = &unlocks.saving {
                        write_money(u.key("saving"), saving);
                    }
                    u.end();
                    if let Some(applies) = next.applies {
                        n.raw("applies", if applies { "true" } else { "false" });
                    }
                    if !next.loses.is_empty() {
                        n.array("loses", &next.loses, |out, id| crate::json::write_string(out, id));
                    }
                    if let Some(switch) = &next.switches_group {
                        let mut g = ObjectWriter::new(n.key("switches_group"));
                        g.string("group", &switch.group);
                        for (key, id) in [("from", &switch.from), ("to", &switch.to)] {
                            match id {
                                Some(id) => g.string(key, id),
                                None => g.raw(key, "null"),
                            }
                        }
                        g.end();
                    }
                    n.end();
                }
            }
            if let Some(end) = progress.ends_at {
                o.string("ends_at", &crate::time::format_rfc3339(end));
            }
            if full {
                o.array("explain", &progress.explain, |out, explain| {
                    let mut e = ObjectWriter::new(out);
                    e.string("cause", explain.cause);
                    write_money(e.key("amount"), &explain.amount);
                    if !explain.lines.is_empty() {
                        e.array("lines", &explain.lines, |out, sku| {
                            crate::json::write_string(out, sku)
                        });
                    }
                    if !explain.promotions.is_empty() {
                        e.array("promotions", &explain.promotions, |out, id| {
                            crate::json::write_string(out, id)
                        });
                    }
                    e.end();
                });
            }
            if !progress.condition.is_empty() {
                o.array("condition", &progress.condition, |out, gap| {
                    let mut g = ObjectWriter::new(out);
                    g.string("unit", gap.unit);
                    write_quantity(g.key("measured"), &gap.measured);
                    write_quantity(g.key("threshold"), &gap.threshold);
                    write_quantity(g.key("remaining"), &gap.remaining);
                    g.end();
                });
            }
            o.end();
        });
        if !self.experiments.is_empty() {
            quote.array("experiments", &self.experiments, |out, e| {
                let mut o = ObjectWriter::new(out);
                o.string("experiment", &e.experiment);
                o.string("variant", &e.variant);
                o.string("by", e.by);
                o.end();
            });
        }
        if !self.notices.is_empty() {
            quote.array("notices", &self.notices, |out, n| {
                let mut o = ObjectWriter::new(out);
                o.string("code", n.code);
                o.string("sku", &n.sku);
                o.number("line", n.line as u64);
                o.number("quantity", n.quantity);
                o.number("limit", n.limit);
                o.string("message", &n.message);
                o.end();
            });
        }
        quote.end();
        out
    }
}

/// Why a promotion is skipped, in the order they are checked (`Skipped::reason`).
pub const SKIP_REASONS: [&str; 18] = [
    "holdout",
    "market",
    "not_started",
    "ended",
    "outside_schedule",
    "shipping_method",
    "destination",
    "segment",
    "coupon_missing",
    "limit_reached",
    "budget_spent",
    "out_of_scope",
    "condition_unmet",
    "below_threshold",
    "lost_in_group",
    "stopped",
    "not_combinable",
    "no_effect",
];

/// Why a measured amount differs from the subtotal (`Explain::cause`).
pub const EXPLAIN_CAUSES: [&str; 3] = ["excluded_lines", "earlier_discounts", "tax"];

/// What a promotion's tiers measure (`Progress::unit`).
pub const UNITS: [&str; 2] = ["amount", "quantity"];

/// A string schema that takes exactly `names`: the quote's enumerations, for the schema and the types.
#[cfg(not(target_arch = "wasm32"))]
fn names_schema(names: &[&str]) -> schemars::Schema {
    schemars::json_schema!({ "type": "string", "enum": names })
}

#[cfg(not(target_arch = "wasm32"))]
fn kind_names(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    names_schema(&crate::config::Kind::ALL.map(crate::config::Kind::as_str))
}

#[cfg(not(target_arch = "wasm32"))]
fn reason_names(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    names_schema(&SKIP_REASONS)
}

#[cfg(not(target_arch = "wasm32"))]
fn cause_names(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    names_schema(&EXPLAIN_CAUSES)
}

#[cfg(not(target_arch = "wasm32"))]
fn unit_names(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    names_schema(&UNITS)
}
