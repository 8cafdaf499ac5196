//! The merchant config as written: the types mirror the JSON exactly and are read by hand, every
//! problem recorded with its path.

use std::collections::BTreeMap;

#[cfg(not(target_arch = "wasm32"))]
use schemars::JsonSchema;

use crate::document::{amount, count, integer, Amount, Count, Integer, Percent, Rate};
use crate::error::{Error, JsonPath};
use crate::json::read::{each, Object, Value};
use crate::string_map::StringMap;

/// A merchant's promotion configuration.
#[derive(Debug, Clone)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Config"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct ConfigDoc {
    /// Optional link to this schema, for editors.
    #[cfg_attr(not(target_arch = "wasm32"), serde(rename = "$schema"))]
    pub schema: Option<String>,
    /// ISO 4217 code of the currency every amount is in, e.g. "CNY".
    pub currency: String,
    /// How amounts computed from percentages are rounded to the minor unit (default "half_up").
    pub rounding: Option<RoundingDoc>,
    /// The shipping fee charged unless a `free_shipping` promotion is reached.
    pub shipping: Option<ShippingDoc>,
    /// The promotions, in the order they are listed (which breaks ties of `priority`).
    #[cfg_attr(not(target_arch = "wasm32"), serde(default))]
    pub promotions: Vec<PromotionDoc>,
    /// Items the merchant sells that nexttier may reference: gift SKUs, add-on suggestions.
    #[cfg_attr(not(target_arch = "wasm32"), serde(default))]
    pub catalog: Vec<CatalogItemDoc>,
    /// Carts in other currencies, by ISO 4217 code. A cart in a currency that is neither the
    /// config's nor listed here is refused: amounts are never compared across currencies.
    pub markets: Option<BTreeMap<String, MarketDoc>>,
    /// How add-on suggestions are chosen: unit caps, when a cart is far from a tier, the weights of
    /// the ranking. Every key optional; a call's options override them.
    pub suggest: Option<SuggestDoc>,
    /// Journey stages by rules: segments derived from the customer's facts (`customer.orders`,
    /// `customer.last_order_at`, `customer.lifetime_spend`), which promotions' `segments` name like
    /// any other. A customer is in every stage whose rules all hold.
    pub stages: Option<Vec<StageDoc>>,
    /// A/B experiments: each names promotions and the variants a shopper is assigned to by a
    /// stable hash of the cart's `visitor` (or `customer.id`); a variant may give those promotions
    /// other tiers or hold them out.
    pub experiments: Option<Vec<ExperimentDoc>>,
}

/// An experiment: variants of some promotions, a shopper assigned to one by weight.
#[derive(Debug, Clone, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Experiment"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct ExperimentDoc {
    /// Position in the document's list (not a JSON key): errors found later name it.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(skip))]
    pub index: usize,
    /// Unique identifier, reported in quotes and events, and the salt of the assignment hash
    /// (renaming it reassigns every shopper).
    pub id: String,
    /// The ids of the promotions the variants change (each in at most one experiment).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1)))]
    pub promotions: Vec<String>,
    /// The variants, the first being the control the report compares with (2 to 16).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 2, max = 16)))]
    pub variants: Vec<VariantDoc>,
}

/// One variant of an experiment.
#[derive(Debug, Clone, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Variant"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct VariantDoc {
    /// Position in the experiment's list (not a JSON key).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(skip))]
    pub index: usize,
    /// Unique within the experiment, e.g. "control", "free-from-89", "holdout".
    pub id: String,
    /// Its share of shoppers relative to the other variants' weights (1 to 10000, default 1).
    pub weight: Option<Count>,
    /// Other tiers, by promotion id (one of the experiment's `promotions`), written as that
    /// promotion's `tiers`; a promotion not listed keeps its own.
    pub tiers: Option<BTreeMap<String, Vec<TierDoc>>>,
    /// True: the experiment's promotions are not offered in this variant (skipped with the reason
    /// `holdout`).
    pub holdout: Option<bool>,
}

impl ExperimentDoc {
    /// The keys of an experiment.
    pub const KEYS: &'static [&'static str] = &["id", "promotions", "variants"];

    fn read(value: &Value<'_>, path: &JsonPath, errors: &mut Vec<Error>) -> Option<Self> {
        let object = Object::open(value, path, Self::KEYS, errors)?;
        let before = errors.len();
        let mut ok = true;
        let id = object.required_string("id", &mut ok, errors);
        if object.required("promotions", errors).is_none() || object.required("variants", errors).is_none() {
            ok = false;
        }
        let promotions = object.strings("promotions", errors).unwrap_or_default();
        let variants = each(
            object.array("variants", errors),
            &object.path("variants"),
            errors,
            VariantDoc::read,
        );
        (ok && errors.len() == before).then(|| ExperimentDoc {
            index: 0,
            id,
            promotions,
            variants: variants
                .into_iter()
                .map(|(index, v)| VariantDoc { index, ..v })
                .collect(),
        })
    }
}

impl VariantDoc {
    /// The keys of a variant.
    pub const KEYS: &'static [&'static str] = &["id", "weight", "tiers", "holdout"];

    fn read(value: &Value<'_>, path: &JsonPath, errors: &mut Vec<Error>) -> Option<Self> {
        let object = Object::open(value, path, Self::KEYS, errors)?;
        let before = errors.len();
        let mut ok = true;
        let id = object.required_string("id", &mut ok, errors);
        let tiers = object.get("tiers").and_then(|v| {
            let path = object.path("tiers");
            let Value::Object(members) = v else {
                errors.push(Error::WrongType {
                    path: path.clone(),
                    detail: format!(
                        "expected an object of tiers by promotion id, found {}",
                        v.describe()
                    ),
                });
                return None;
            };
            let mut out = BTreeMap::new();
            for (id, tiers) in members {
                let path = path.key(id);
                let Value::Array(items) = tiers else {
                    errors.push(Error::WrongType {
                        path: path.clone(),
                        detail: format!("expected an array of tiers, found {}", tiers.describe()),
                    });
                    continue;
                };
                let tiers = each(Some(items), &path, errors, TierDoc::read);
                out.insert(id.to_string(), tiers.into_iter().map(|(_, t)| t).collect());
            }
            Some(out)
        });
        let doc = VariantDoc {
            index: 0,
            id,
            weight: count(&object, "weight", errors),
            tiers,
            holdout: object.boolean("holdout", errors),
        };
        (ok && errors.len() == before).then_some(doc)
    }
}

/// A journey stage: the segment a customer is in when every rule given holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Stage"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct StageDoc {
    /// Position in the document's list (not a JSON key): errors found later name it.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(skip))]
    pub index: usize,
    /// The segment, e.g. "new", "dormant", "active", "vip".
    pub segment: String,
    /// Orders placed before this one, at least.
    pub min_orders: Option<Count>,
    /// Orders placed before this one, at most ("new": 0).
    pub max_orders: Option<Count>,
    /// Whole days since the last order, at least ("dormant": 90); needs `last_order_at`.
    pub min_days_since_last_order: Option<Count>,
    /// Whole days since the last order, at most ("active": 30); needs `last_order_at`.
    pub max_days_since_last_order: Option<Count>,
    /// Spend before this order in the config's currency, at least ("vip": "5000").
    pub min_lifetime_spend: Option<Amount>,
    /// Spend before this order, at most.
    pub max_lifetime_spend: Option<Amount>,
}

impl StageDoc {
    /// The keys of a stage.
    pub const KEYS: &'static [&'static str] = &[
        "segment",
        "min_orders",
        "max_orders",
        "min_days_since_last_order",
        "max_days_since_last_order",
        "min_lifetime_spend",
        "max_lifetime_spend",
    ];

    fn read(value: &Value<'_>, path: &JsonPath, errors: &mut Vec<Error>) -> Option<Self> {
        let object = Object::open(value, path, Self::KEYS, errors)?;
        let mut ok = true;
        let segment = object.required_string("segment", &mut ok, errors);
        let doc = StageDoc {
            index: 0,
            segment,
            min_orders: count(&object, "min_orders", errors),
            max_orders: count(&object, "max_orders", errors),
            min_days_since_last_order: count(&object, "min_days_since_last_order", errors),
            max_days_since_last_order: count(&object, "max_days_since_last_order", errors),
            min_lifetime_spend: amount(&object, "min_lifetime_spend", errors),
            max_lifetime_spend: amount(&object, "max_lifetime_spend", errors),
        };
        ok.then_some(doc)
    }
}

/// How add-on suggestions are chosen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "SuggestSettings"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct SuggestDoc {
    /// The most units of one item a suggestion adds, in packs for an item sold in packs (1 or
    /// more, default 2). An item's own `max_per_suggestion` is a further cap.
    pub max_units: Option<Count>,
    /// A cart is far from a tier when what it still needs is more than this percent of the tier's
    /// threshold (0 to 100, default 50): it is then offered the scope's pinned and best-selling items
    /// (`browse`) instead of a pile of one item.
    pub far: Option<Count>,
    /// How much each criterion of the ranking weighs (whole numbers 0 to 100).
    pub weights: Option<WeightsDoc>,
}

/// The weights of the suggestion ranking's criteria; each criterion scores 0 to 1000 points
/// (margin −1000 to 1000) and the ranking orders by the weighted sum.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "SuggestWeights"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct WeightsDoc {
    /// Closing the gap with the least overspend (default 3).
    pub gap: Option<Count>,
    /// The merchant's margin on the add-on after the discount it unlocks (default 2; needs `cost`).
    pub margin: Option<Count>,
    /// How well the items sell, from `popularity` (default 2).
    pub popularity: Option<Count>,
    /// Going with what is in the cart, from `goes_with` (default 2).
    pub fit: Option<Count>,
    /// Pinned by the merchant (default 1).
    pub pinned: Option<Count>,
}

/// How promotions apply to carts in another currency. For each promotion, in this order: its own
/// tiers in `promotions` (amounts in the market's currency, used as they are); otherwise the config's
/// tiers converted at `rate`; otherwise the promotion is not offered in the market. The two are
/// never stacked: own amounts are never converted.
#[derive(Debug, Clone, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Market"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct MarketDoc {
    /// Units of the market's currency per unit of the config's (e.g. "0.14" for CNY → USD).
    pub rate: Option<Rate>,
    /// How converted thresholds are rounded to `to`: "up" (default: never below the merchant's
    /// threshold), "down" or "half_up". Converted amounts off are always rounded down to the minor unit.
    pub rounding: Option<MarketRoundingDoc>,
    /// The step converted thresholds are rounded to, e.g. "1" for whole units (default: the minor unit).
    pub to: Option<Amount>,
    /// The shipping fee in the market's currency (default: the config's fee converted, half up).
    pub shipping: Option<ShippingDoc>,
    /// Own tiers per promotion id, amounts in the market's currency.
    pub promotions: Option<BTreeMap<String, MarketPromotionDoc>>,
}

/// How a converted threshold is rounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "MarketRounding"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "snake_case"))]
pub enum MarketRoundingDoc {
    /// Up to the next step (the default).
    Up,
    /// Down to the step below.
    Down,
    /// To the nearest step, halves up.
    HalfUp,
}

/// A promotion's own amounts in a market.
#[derive(Debug, Clone, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "MarketPromotion"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct MarketPromotionDoc {
    /// The promotion's tiers in the market's currency, shaped as in the promotion.
    pub tiers: Vec<TierDoc>,
}

/// Whether a threshold is measured with or without tax.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Tax"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "snake_case"))]
pub enum TaxDoc {
    /// Measured with tax.
    Included,
    /// Measured without tax.
    Excluded,
}

/// A rounding rule for amounts computed from percentages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Rounding"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "snake_case"))]
pub enum RoundingDoc {
    /// Half away from zero (0.125 → 0.13), the default.
    HalfUp,
    /// Half to even (0.125 → 0.12).
    HalfEven,
    /// Towards zero (0.129 → 0.12).
    Down,
}

/// Shipping settings.
#[derive(Debug, Clone)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Shipping"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct ShippingDoc {
    /// The flat shipping fee of an order with at least one unit (with `methods`: of each method that
    /// gives none).
    pub fee: Amount,
    /// Ways to ship, each with its fee and fees by destination; a cart names its `shipping.method`
    /// (default: the first).
    pub methods: Option<Vec<ShippingMethodDoc>>,
}

/// A way to ship.
#[derive(Debug, Clone)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "ShippingMethod"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct ShippingMethodDoc {
    /// Its id, as carts (`shipping.method`) and promotions (`shipping_methods`) name it.
    pub id: String,
    /// What shoppers call it ("Express"), in the widget's words.
    pub label: Option<String>,
    /// Its fee (default: `shipping.fee`).
    pub fee: Option<Amount>,
    /// Other fees by destination country.
    pub zones: Option<Vec<ShippingZoneDoc>>,
}

/// Destinations sharing a fee.
#[derive(Debug, Clone)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "ShippingZone"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct ShippingZoneDoc {
    /// ISO 3166-1 alpha-2 codes ("CN", "HK"), each in one zone of the method.
    pub countries: Vec<String>,
    /// The fee to them.
    pub fee: Amount,
}

impl ShippingDoc {
    /// Reads `shipping` (of the config or of a market).
    pub(crate) fn read(value: &Value<'_>, path: &JsonPath, errors: &mut Vec<Error>) -> Option<Self> {
        let shipping = Object::open(value, path, &["fee", "methods"], errors)?;
        let mut ok = true;
        let fee = shipping.required_number("fee", "an amount such as \"10\"", &mut ok, errors);
        let methods = shipping.get("methods").map(|_| {
            each(
                shipping.array("methods", errors),
                &shipping.path("methods"),
                errors,
                |v, path, errors| {
                    let m = Object::open(v, path, &["id", "label", "fee", "zones"], errors)?;
                    let mut ok = true;
                    let id = m.required_string("id", &mut ok, errors);
                    let zones = m.get("zones").map(|_| {
                        each(
                            m.array("zones", errors),
                            &m.path("zones"),
                            errors,
                            |v, path, errors| {
                                let z = Object::open(v, path, &["countries", "fee"], errors)?;
                                let mut ok = true;
                                let countries = z.strings("countries", errors);
                                if countries.is_none() {
                                    errors.push(Error::MissingKey {
                                        path: path.clone(),
                                        key: "countries".into(),
                                    });
                                }
                                let fee =
                                    z.required_number("fee", "an amount such as \"10\"", &mut ok, errors);
                                Some(ShippingZoneDoc {
                                    countries: countries?,
                                    fee: Amount(fee),
                                })
                                .filter(|_| ok)
                            },
                        )
                        .into_iter()
                        .map(|(_, z)| z)
                        .collect()
                    });
                    let doc = ShippingMethodDoc {
                        id,
                        label: m.string("label", errors),
                        fee: amount(&m, "fee", errors),
                        zones,
                    };
                    ok.then_some(doc)
                },
            )
            .into_iter()
            .map(|(_, m)| m)
            .collect()
        });
        ok.then_some(ShippingDoc {
            fee: Amount(fee),
            methods,
        })
    }
}

/// What a promotion does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Kind"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "snake_case"))]
pub enum KindDoc {
    /// Waives the shipping fee. Tiers: `{ "min_subtotal" }` or `{ "min_quantity" }`.
    FreeShipping,
    /// An amount or a percentage off the shipping fee ("20 % off shipping"); the highest tier
    /// reached applies. Tiers: `{ "min_subtotal" or "min_quantity", "off" or "percent" }`.
    ShippingOff,
    /// A fixed amount off; the highest tier reached applies. Tiers: `{ "min_subtotal", "off" }`.
    AmountOff,
    /// A fixed amount off each in-scope unit ("5 off every mug"), never more than a unit has left;
    /// the highest tier reached applies. Tiers: `{ "min_subtotal" or "min_quantity", "off" }`.
    AmountOffEach,
    /// "Every X save Y", repeating: one tier `{ "every", "off", "max_off"? }`.
    AmountOffEvery,
    /// A percentage off the in-scope lines, optionally capped. Tiers: `{ "min_subtotal", "percent", "max_off"? }`.
    PercentOff,
    /// A free item from the catalog. Tiers: `{ "min_subtotal", "gift": SKU }`.
    Gift,
    /// Buy N units of `scope`, get M units of `get_scope` (default: the same) at a percent off
    /// (100 = free), cheapest first, repeating up to `limit` times. One tier: `{ "buy", "get", "percent" }`.
    BuyXGetY,
    /// A fixed price for every group of units ("3 for ¥50"), the dearest units first, repeating up
    /// to `limit` times. One tier: `{ "quantity", "price" }`.
    BundlePrice,
    /// Volume pricing: once the in-scope units number a tier's `min_quantity`, each in-scope unit
    /// costs at most its `price` ("1–9: 10.00 each, 10–49: 9.20, 50+: 8.50"); a unit already
    /// cheaper keeps its own. Scope it to one SKU for that SKU's breaks, to a category for the
    /// category's units together; with `segments`, a customer group's price list. Tiers:
    /// `{ "min_quantity", "price" }`, prices falling as quantities rise.
    PriceBreak,
}

/// Whether a threshold is measured on list prices or after earlier promotions' discounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Basis"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "snake_case"))]
pub enum BasisDoc {
    /// The in-scope subtotal at list price (the default).
    Original,
    /// The in-scope subtotal after the discounts of promotions applied before this one.
    Discounted,
}

/// One promotion.
#[derive(Debug, Clone)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Promotion"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct PromotionDoc {
    /// Position in the document's list (not a JSON key): errors found later name it.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(skip))]
    pub index: usize,
    /// Unique identifier, reported in quotes.
    pub id: String,
    /// What the promotion does.
    pub kind: KindDoc,
    /// The tiers, in ascending order of threshold; the highest reached applies.
    pub tiers: Vec<TierDoc>,
    /// Which lines count towards and receive the promotion; absent means the whole cart.
    pub scope: Option<ScopeDoc>,
    /// What the threshold is measured on (default "original").
    pub basis: Option<BasisDoc>,
    /// RFC 3339 time with offset from which the promotion applies.
    pub starts_at: Option<String>,
    /// RFC 3339 time with offset from which the promotion no longer applies.
    pub ends_at: Option<String>,
    /// Applies only to customers in one of these segments (e.g. "new", "member"); at least one.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1)))]
    pub segments: Option<Vec<String>>,
    /// Applies only when the cart carries this coupon code (matched case-insensitively).
    pub coupon: Option<String>,
    /// Of the promotions sharing a group at most one applies: the one best for the customer.
    pub group: Option<String>,
    /// Order of application, lower first (default 0); ties keep the order of the list.
    pub priority: Option<Integer>,
    /// The name shown to shoppers, e.g. "Anniversary sale".
    pub label: Option<String>,
    /// Message templates for the widget, per language.
    pub messages: Option<MessagesDoc>,
    /// Whether thresholds are measured with or without tax (default: as the cart's prices are given).
    pub tax: Option<TaxDoc>,
    /// `buy_x_get_y`: the units that may be discounted (default: `scope`).
    pub get_scope: Option<ScopeDoc>,
    /// `buy_x_get_y`: which units get the discount: "cheapest" (default: those with the least value
    /// left) or "dearest" (the most; the bought ones are then the next dearest).
    pub discount: Option<TargetDoc>,
    /// `buy_x_get_y`: the most times the offer applies in one cart.
    pub limit: Option<Count>,
    /// Stops further promotions: once it applies, none after it in the order of application
    /// (`priority`, then the config's order; free shipping last) applies.
    pub stop: Option<bool>,
    /// `percent_off` and `amount_off_each`: the most in-scope units discounted, the dearest first
    /// ("10 % off, at most 2 items"); the threshold still counts every in-scope unit.
    pub max_units: Option<Count>,
    /// How often it may be received, checked against the facts the host gives (never counted by
    /// nexttier, which keeps no state).
    pub usage: Option<UsageDoc>,
    /// Its combination class (default: by kind, see `Class`).
    pub class: Option<ClassDoc>,
    /// The classes of promotions it may apply together with (default: every class). Two promotions
    /// apply together only when each combines with the other's class; where they do not, the
    /// combination best for the customer applies ([] : it combines with nothing).
    pub combines_with: Option<Vec<ClassDoc>>,
    /// When it recurs, on the wall clock of a time zone: days of the week, daily hours, excepted
    /// dates ("weekends", "20:00–22:00 daily"). Within `starts_at`/`ends_at` when those are given.
    pub schedule: Option<ScheduleDoc>,
    /// Applies only when the cart ships by one of these methods (ids of `shipping.methods`): "free
    /// standard shipping over 99".
    pub shipping_methods: Option<Vec<String>>,
    /// Applies only when the cart ships to one of these countries (ISO 3166-1 alpha-2): per-country
    /// thresholds for cross-border shops.
    pub countries: Option<Vec<String>>,
    /// A further condition, on its own scope: the promotion applies only when the lines in the
    /// condition's scope (default: the promotion's) hold at least `min_quantity` units and/or
    /// `min_subtotal` at list price ("buy 2 shirts, 10 % off the order"; "spend 100 and buy 3").
    pub condition: Option<ConditionDoc>,
}

/// A promotion's further condition.
#[derive(Debug, Clone, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Condition"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct ConditionDoc {
    /// The lines it counts (default: the promotion's scope).
    pub scope: Option<ScopeDoc>,
    /// At least this many units in its scope.
    pub min_quantity: Option<Count>,
    /// At least this much spend in its scope, at list price.
    pub min_subtotal: Option<Amount>,
}

/// A recurring schedule, read on the wall clock of `time_zone` (daylight saving included).
#[derive(Debug, Clone, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Schedule"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct ScheduleDoc {
    /// An IANA name nexttier knows (`Asia/Shanghai`, `Europe/Berlin`, `America/New_York`, ...) or a
    /// POSIX TZ rule (`EST5EDT,M3.2.0,M11.1.0`).
    pub time_zone: String,
    /// The days it is open: "mon" … "sun" (default every day). With hours past midnight, the day a
    /// window starts.
    pub days: Option<Vec<String>>,
    /// Daily opening, "HH:MM" (with `until`; default all day).
    pub from: Option<String>,
    /// Daily closing, "HH:MM" (exclusive; "24:00" is midnight; before `from`: the next day's).
    pub until: Option<String>,
    /// Local dates it is closed, "YYYY-MM-DD" (at most 366; with hours past midnight, the date a
    /// window starts).
    pub except: Option<Vec<String>>,
}

impl ScheduleDoc {
    /// The keys of a schedule.
    pub const KEYS: &'static [&'static str] = &["time_zone", "days", "from", "until", "except"];
}

/// Which units a buy X get Y discounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "BuyGetTarget"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "snake_case"))]
pub enum TargetDoc {
    /// The units with the least value left (the default).
    Cheapest,
    /// The units with the most value left.
    Dearest,
}

/// A promotion's combination class: what it discounts (Shopify's product, order and shipping
/// discount classes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Class"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "snake_case"))]
pub enum ClassDoc {
    /// Discounts items (by default `amount_off_each`, `buy_x_get_y`, `bundle_price`, `gift`).
    Product,
    /// Discounts the order (by default `amount_off`, `amount_off_every`, `percent_off`).
    Order,
    /// Discounts shipping (by default `free_shipping`).
    Shipping,
}

/// The classes by their JSON names.
const CLASSES: [(&str, ClassDoc); 3] = [
    ("product", ClassDoc::Product),
    ("order", ClassDoc::Order),
    ("shipping", ClassDoc::Shipping),
];

/// Usage limits of a promotion. The host says how often it was used (`customer.orders`,
/// `customer.uses`, `usage` in the cart; in server mode, the checkout's); nexttier compares.
#[derive(Debug, Clone, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Usage"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct UsageDoc {
    /// Only on a customer's first order (`customer.orders` is 0 or absent).
    pub first_order: Option<bool>,
    /// The most times one customer may receive it (against `customer.uses`).
    pub per_customer: Option<Count>,
    /// The most times it may be received in all (against the cart's `usage`).
    pub total: Option<Count>,
    /// The most discount it may give in all, in the config's currency: once the host says this
    /// much was spent (`usage.<id>.spent` in the cart, `checkout.usage` at a checkout) it is skipped
    /// as `budget_spent`. Checked before an order, so the last order may pass it by one discount.
    pub budget: Option<Amount>,
}

/// One tier of a promotion. Which keys apply depends on the promotion's `kind`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Tier"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct TierDoc {
    /// Reached when the in-scope subtotal is at least this amount.
    pub min_subtotal: Option<Amount>,
    /// Reached when the in-scope units number at least this many.
    pub min_quantity: Option<Count>,
    /// `amount_off`, `amount_off_every`: the amount taken off.
    pub off: Option<Amount>,
    /// `percent_off`: the percentage taken off the in-scope lines.
    pub percent: Option<Percent>,
    /// `gift`: the catalog SKU given at no charge.
    pub gift: Option<String>,
    /// `gift`, instead of `gift`: the catalog SKUs the shopper chooses one of (2 to 10; the cart's
    /// `gift_choices` names the pick, else the first in stock is given).
    pub gift_choices: Option<Vec<String>>,
    /// `amount_off_every`: the step of in-scope spend that earns one `off`.
    pub every: Option<Amount>,
    /// `amount_off_every`: the most that can be taken off in total; `percent_off`: the most the
    /// percentage takes off ("50 %, at most 30").
    pub max_off: Option<Amount>,
    /// `bundle_price`: the units of one bundle; `gift`: the units given (default 1).
    pub quantity: Option<Count>,
    /// `buy_x_get_y`: instead of `percent`, the price each discounted unit costs ("the second for
    /// ¥1"); a unit already cheaper keeps its price. `gift`: what each gift unit costs (default 0:
    /// free; "a mug for ¥1 from 199").
    pub price: Option<Amount>,
    /// `buy_x_get_y`: units to buy for each application.
    pub buy: Option<Count>,
    /// `buy_x_get_y`: units discounted for each application.
    pub get: Option<Count>,
}

/// Which cart lines a promotion covers: a line is in scope when it matches any listed category, SKU
/// or tag (or when none are listed) and matches nothing in `exclude`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Scope"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct ScopeDoc {
    /// Categories covered.
    pub categories: Option<Vec<String>>,
    /// SKUs covered.
    pub skus: Option<Vec<String>>,
    /// Tags covered (a line with any of them).
    pub tags: Option<Vec<String>>,
    /// Lines never covered, even if they match above.
    pub exclude: Option<ExcludeDoc>,
}

/// Lines a scope leaves out.
#[derive(Debug, Clone, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Exclude"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct ExcludeDoc {
    /// Categories left out.
    pub categories: Option<Vec<String>>,
    /// SKUs left out.
    pub skus: Option<Vec<String>>,
    /// Tags left out.
    pub tags: Option<Vec<String>>,
}

/// Widget message templates, each a map from language tag ("en", "zh-CN") to a template with the
/// placeholders `{remaining}`, `{reward}`, `{threshold}`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Messages"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct MessagesDoc {
    /// Shown while the next tier is not reached, e.g. "Add {remaining} more for {reward}".
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(with = "Option<BTreeMap<String, String>>")
    )]
    pub progress: Option<StringMap>,
    /// Shown once a tier is reached, e.g. "You've unlocked {reward}".
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(with = "Option<BTreeMap<String, String>>")
    )]
    pub reached: Option<StringMap>,
}

/// An item the merchant sells.
#[derive(Debug, Clone)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "CatalogItem"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct CatalogItemDoc {
    /// Position in the document's list (not a JSON key): errors found later name it.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(skip))]
    pub index: usize,
    /// Unique stock-keeping unit.
    pub sku: String,
    /// The name shown to shoppers.
    pub name: Option<String>,
    /// Unit list price.
    pub price: Amount,
    /// The item's category, matched by scopes.
    pub category: Option<String>,
    /// The item's tags, matched by scopes.
    pub tags: Option<Vec<String>>,
    /// Units in stock; absent means stock is not tracked. Out-of-stock items are never promised.
    pub stock: Option<Count>,
    /// The most units one order may have.
    pub max_per_order: Option<Count>,
    /// The fewest units one order may have (a minimum order quantity): a cart with fewer gets a
    /// `below_minimum` notice, and a checkout refuses it.
    pub min_per_order: Option<Count>,
    /// Sold only in cases of this many units: an order's units are a multiple (a notice
    /// `not_whole_cases` in a cart; a checkout refuses the order).
    pub case_pack: Option<Count>,
    /// Image URL for suggestion cards.
    pub image: Option<String>,
    /// Product page URL.
    pub url: Option<String>,
    /// Merchant preference among equally good suggestions (higher first, default 0).
    pub weight: Option<Integer>,
    /// The merchant's unit cost, never shown: suggestions weigh the margin an add-on leaves.
    pub cost: Option<Amount>,
    /// How well the item sells, e.g. units sold in the last 30 days (higher first, default 0).
    pub popularity: Option<Count>,
    /// Items that go with this one (mop → mop refills): weighed up in suggestions while this one
    /// is in the cart, and this one while they are.
    pub goes_with: Option<ScopeDoc>,
    /// Pushed by the merchant: weighed up in suggestions, and offered first to a cart far from a tier.
    pub pinned: Option<bool>,
    /// Never suggested (it may still be a gift, or be bought).
    pub never_suggest: Option<bool>,
    /// Sold in packs of this many units (default 1): suggestions add whole packs.
    pub pack: Option<Count>,
    /// The most units of this item one suggestion adds (default: `suggest.max_units` packs).
    pub max_per_suggestion: Option<Count>,
}

impl ConfigDoc {
    /// The keys of a config.
    pub const KEYS: &'static [&'static str] = &[
        "$schema",
        "currency",
        "rounding",
        "shipping",
        "promotions",
        "catalog",
        "markets",
        "suggest",
        "stages",
        "experiments",
    ];

    /// Reads a config; elements that cannot be read are left out, their errors recorded.
    pub(crate) fn read(value: &Value<'_>, errors: &mut Vec<Error>) -> Option<Self> {
        let root = JsonPath::root();
        let object = Object::open(value, &root, Self::KEYS, errors)?;
        let mut ok = true;
        let currency = object.required_string("currency", &mut ok, errors);
        let rounding = object.choice(
            "rounding",
            &[
                ("half_up", RoundingDoc::HalfUp),
                ("half_even", RoundingDoc::HalfEven),
                ("down", RoundingDoc::Down),
            ],
            errors,
        );
        let shipping = object.get("shipping").and_then(|v| {
            let path = object.path("shipping");
            ShippingDoc::read(v, &path, errors)
        });
        let promotions = each(
            object.array("promotions", errors),
            &object.path("promotions"),
            errors,
            PromotionDoc::read,
        );
        let catalog = each(
            object.array("catalog", errors),
            &object.path("catalog"),
            errors,
            CatalogItemDoc::read,
        );
        let schema = object.string("$schema", errors);
        let markets = object.get("markets").and_then(|v| {
            let path = object.path("markets");
            let Value::Object(members) = v else {
                errors.push(Error::WrongType {
                    path: path.clone(),
                    detail: format!(
                        "expected an object of markets by currency, found {}",
                        v.describe()
                    ),
                });
                return None;
            };
            let mut markets = BTreeMap::new();
            for (code, market) in members {
                if let Some(m) = MarketDoc::read(market, &path.key(code), errors) {
                    markets.insert(code.to_string(), m);
                }
            }
            Some(markets)
        });
        let suggest = object
            .get("suggest")
            .and_then(|v| SuggestDoc::read(v, &object.path("suggest"), errors));
        let stages = object.get("stages").map(|_| {
            each(
                object.array("stages", errors),
                &object.path("stages"),
                errors,
                StageDoc::read,
            )
        });
        let experiments = object.get("experiments").map(|_| {
            each(
                object.array("experiments", errors),
                &object.path("experiments"),
                errors,
                ExperimentDoc::read,
            )
            .into_iter()
            .map(|(index, e)| ExperimentDoc { index, ..e })
            .collect()
        });
        ok.then(|| ConfigDoc {
            experiments,
            stages: stages.map(|s| {
                s.into_iter()
                    .map(|(index, stage)| StageDoc { index, ..stage })
                    .collect()
            }),
            schema,
            markets,
            suggest,
            currency,
            rounding,
            shipping,
            promotions: promotions
                .into_iter()
                .map(|(index, p)| PromotionDoc { index, ..p })
                .collect(),
            catalog: catalog
                .into_iter()
                .map(|(index, c)| CatalogItemDoc { index, ..c })
                .collect(),
        })
    }
}

impl PromotionDoc {
    /// The keys of a promotion.
    pub const KEYS: &'static [&'static str] = &[
        "id",
        "kind",
        "tiers",
        "scope",
        "basis",
        "starts_at",
        "ends_at",
        "segments",
        "coupon",
        "group",
        "priority",
        "label",
        "messages",
        "tax",
        "get_scope",
        "discount",
        "limit",
        "max_units",
        "stop",
        "usage",
        "class",
        "combines_with",
        "schedule",
        "shipping_methods",
        "countries",
        "condition",
    ];

    fn read(value: &Value<'_>, path: &JsonPath, errors: &mut Vec<Error>) -> Option<Self> {
        let object = Object::open(value, path, Self::KEYS, errors)?;
        let before = errors.len();
        let mut ok = true;
        let id = object.required_string("id", &mut ok, errors);
        let kind = object.choice(
            "kind",
            &[
                ("free_shipping", KindDoc::FreeShipping),
                ("shipping_off", KindDoc::ShippingOff),
                ("amount_off", KindDoc::AmountOff),
                ("amount_off_each", KindDoc::AmountOffEach),
                ("amount_off_every", KindDoc::AmountOffEvery),
                ("percent_off", KindDoc::PercentOff),
                ("gift", KindDoc::Gift),
                ("buy_x_get_y", KindDoc::BuyXGetY),
                ("bundle_price", KindDoc::BundlePrice),
                ("price_break", KindDoc::PriceBreak),
            ],
            errors,
        );
        if object.required("kind", errors).is_none() {
            ok = false;
        }
        if object.required("tiers", errors).is_none() {
            ok = false;
        }
        let tiers = each(
            object.array("tiers", errors),
            &object.path("tiers"),
            errors,
            TierDoc::read,
        );
        let scope = object
            .get("scope")
            .and_then(|v| ScopeDoc::read(v, &object.path("scope"), errors));
        let basis = object.choice(
            "basis",
            &[
                ("original", BasisDoc::Original),
                ("discounted", BasisDoc::Discounted),
            ],
            errors,
        );
        let messages = object.get("messages").and_then(|v| {
            let path = object.path("messages");
            let m = Object::open(v, &path, &["progress", "reached"], errors)?;
            Some(MessagesDoc {
                progress: m.string_map("progress", errors),
                reached: m.string_map("reached", errors),
            })
        });
        let starts_at = object.string("starts_at", errors);
        let ends_at = object.string("ends_at", errors);
        let segments = object.strings("segments", errors);
        let coupon = object.string("coupon", errors);
        let group = object.string("group", errors);
        let priority = integer(&object, "priority", errors);
        let label = object.string("label", errors);
        let tax = object.choice(
            "tax",
            &[("included", TaxDoc::Included), ("excluded", TaxDoc::Excluded)],
            errors,
        );
        let discount = object.choice(
            "discount",
            &[("cheapest", TargetDoc::Cheapest), ("dearest", TargetDoc::Dearest)],
            errors,
        );
        let get_scope = object
            .get("get_scope")
            .and_then(|v| ScopeDoc::read(v, &object.path("get_scope"), errors));
        let limit = count(&object, "limit", errors);
        let max_units = count(&object, "max_units", errors);
        let stop = object.boolean("stop", errors);
        let usage = object.get("usage").and_then(|v| {
            let path = object.path("usage");
            let u = Object::open(v, &path, UsageDoc::KEYS, errors)?;
            Some(UsageDoc {
                first_order: u.boolean("first_order", errors),
                per_customer: count(&u, "per_customer", errors),
                total: count(&u, "total", errors),
                budget: amount(&u, "budget", errors),
            })
        });
        let schedule = object.get("schedule").and_then(|v| {
            let path = object.path("schedule");
            let s = Object::open(v, &path, ScheduleDoc::KEYS, errors)?;
            let mut ok = true;
            let time_zone = s.required_string("time_zone", &mut ok, errors);
            let doc = ScheduleDoc {
                time_zone,
                days: s.strings("days", errors),
                from: s.string("from", errors),
                until: s.string("until", errors),
                except: s.strings("except", errors),
            };
            ok.then_some(doc)
        });
        let condition = object.get("condition").and_then(|v| {
            let path = object.path("condition");
            let c = Object::open(v, &path, &["scope", "min_quantity", "min_subtotal"], errors)?;
            Some(ConditionDoc {
                scope: c
                    .get("scope")
                    .and_then(|v| ScopeDoc::read(v, &c.path("scope"), errors)),
                min_quantity: count(&c, "min_quantity", errors),
                min_subtotal: amount(&c, "min_subtotal", errors),
            })
        });
        let shipping_methods = object.strings("shipping_methods", errors);
        let countries = object.strings("countries", errors);
        let class = object.choice("class", &CLASSES, errors);
        let combines_with = object.strings("combines_with", errors).map(|names| {
            let path = object.path("combines_with");
            names
                .iter()
                .enumerate()
                .filter_map(|(i, name)| {
                    let found = CLASSES.iter().find(|(n, _)| n == name).map(|(_, c)| *c);
                    if found.is_none() {
                        errors.push(Error::WrongType {
                            path: path.index(i),
                            detail: format!(
                                "unknown class `{name}`: expected \"product\", \"order\" or \"shipping\""
                            ),
                        });
                    }
                    found
                })
                .collect()
        });
        let (Some(kind), true) = (kind, ok && errors.len() == before) else {
            return None;
        };
        let doc = PromotionDoc {
            index: 0,
            id,
            kind,
            tiers: tiers.into_iter().map(|(_, t)| t).collect(),
            scope,
            basis,
            starts_at,
            ends_at,
            segments,
            coupon,
            group,
            priority,
            label,
            messages,
            tax,
            get_scope,
            discount,
            limit,
            max_units,
            stop,
            usage,
            class,
            combines_with,
            schedule,
            shipping_methods,
            countries,
            condition,
        };
        Some(doc)
    }
}

impl UsageDoc {
    /// The keys of `usage`.
    pub const KEYS: &'static [&'static str] = &["first_order", "per_customer", "total", "budget"];
}

impl TierDoc {
    /// The keys a tier may have.
    pub const KEYS: &'static [&'static str] = &[
        "min_subtotal",
        "min_quantity",
        "off",
        "percent",
        "gift",
        "gift_choices",
        "every",
        "max_off",
        "buy",
        "get",
        "price",
        "quantity",
    ];

    fn read(value: &Value<'_>, path: &JsonPath, errors: &mut Vec<Error>) -> Option<Self> {
        let object = Object::open(value, path, Self::KEYS, errors)?;
        Some(TierDoc {
            min_subtotal: amount(&object, "min_subtotal", errors),
            min_quantity: count(&object, "min_quantity", errors),
            off: amount(&object, "off", errors),
            percent: object
                .number("percent", "a percent such as \"10\"", errors)
                .map(Percent),
            gift: object.string("gift", errors),
            gift_choices: object.strings("gift_choices", errors),
            every: amount(&object, "every", errors),
            max_off: amount(&object, "max_off", errors),
            buy: count(&object, "buy", errors),
            get: count(&object, "get", errors),
            price: amount(&object, "price", errors),
            quantity: count(&object, "quantity", errors),
        })
    }
}

impl ScopeDoc {
    /// The keys of a scope.
    pub const KEYS: &'static [&'static str] = &["categories", "skus", "tags", "exclude"];

    pub(crate) fn read(value: &Value<'_>, path: &JsonPath, errors: &mut Vec<Error>) -> Option<Self> {
        let object = Object::open(value, path, Self::KEYS, errors)?;
        let exclude = object.get("exclude").and_then(|v| {
            let path = object.path("exclude");
            let e = Object::open(v, &path, ExcludeDoc::KEYS, errors)?;
            Some(ExcludeDoc {
                categories: e.strings("categories", errors),
                skus: e.strings("skus", errors),
                tags: e.strings("tags", errors),
            })
        });
        Some(ScopeDoc {
            categories: object.strings("categories", errors),
            skus: object.strings("skus", errors),
            tags: object.strings("tags", errors),
            exclude,
        })
    }
}

impl ExcludeDoc {
    /// The keys of an exclusion.
    pub const KEYS: &'static [&'static str] = &["categories", "skus", "tags"];
}

impl CatalogItemDoc {
    /// The keys of a catalog item.
    pub const KEYS: &'static [&'static str] = &[
        "sku",
        "name",
        "price",
        "category",
        "tags",
        "stock",
        "max_per_order",
        "image",
        "url",
        "weight",
        "cost",
        "popularity",
        "goes_with",
        "pinned",
        "never_suggest",
        "pack",
        "max_per_suggestion",
        "min_per_order",
        "case_pack",
    ];

    fn read(value: &Value<'_>, path: &JsonPath, errors: &mut Vec<Error>) -> Option<Self> {
        let object = Object::open(value, path, Self::KEYS, errors)?;
        let before = errors.len();
        let mut ok = true;
        let sku = object.required_string("sku", &mut ok, errors);
        let price = Amount(object.required_number("price", "an amount such as \"7.50\"", &mut ok, errors));
        let doc = CatalogItemDoc {
            index: 0,
            sku,
            name: object.string("name", errors),
            price,
            category: object.string("category", errors),
            tags: object.strings("tags", errors),
            stock: count(&object, "stock", errors),
            max_per_order: count(&object, "max_per_order", errors),
            image: object.string("image", errors),
            url: object.string("url", errors),
            weight: integer(&object, "weight", errors),
            cost: amount(&object, "cost", errors),
            popularity: count(&object, "popularity", errors),
            goes_with: object
                .get("goes_with")
                .and_then(|v| ScopeDoc::read(v, &object.path("goes_with"), errors)),
            pinned: object.boolean("pinned", errors),
            never_suggest: object.boolean("never_suggest", errors),
            pack: count(&object, "pack", errors),
            max_per_suggestion: count(&object, "max_per_suggestion", errors),
            min_per_order: count(&object, "min_per_order", errors),
            case_pack: count(&object, "case_pack", errors),
        };
        (ok && errors.len() == before).then_some(doc)
    }
}

impl SuggestDoc {
    /// The keys of `suggest`.
    pub const KEYS: &'static [&'static str] = &["max_units", "far", "weights"];

    /// Reads the settings at `path` (the config's `suggest`, or a call's suggestion options).
    pub(crate) fn read(value: &Value<'_>, path: &JsonPath, errors: &mut Vec<Error>) -> Option<Self> {
        let object = Object::open(value, path, Self::KEYS, errors)?;
        Some(Self::read_keys(&object, errors))
    }

    /// Reads the settings' keys from an object that may hold others too.
    pub(crate) fn read_keys(object: &Object<'_, '_, '_>, errors: &mut Vec<Error>) -> Self {
        let weights = object.get("weights").and_then(|v| {
            let path = object.path("weights");
            let w = Object::open(v, &path, WeightsDoc::KEYS, errors)?;
            Some(WeightsDoc {
                gap: count(&w, "gap", errors),
                margin: count(&w, "margin", errors),
                popularity: count(&w, "popularity", errors),
                fit: count(&w, "fit", errors),
                pinned: count(&w, "pinned", errors),
            })
        });
        SuggestDoc {
            max_units: count(object, "max_units", errors),
            far: count(object, "far", errors),
            weights,
        }
    }
}

impl WeightsDoc {
    /// The keys of `suggest.weights`, one per criterion.
    pub const KEYS: &'static [&'static str] = &["gap", "margin", "popularity", "fit", "pinned"];
}

impl MarketDoc {
    /// The keys of a market.
    pub const KEYS: &'static [&'static str] = &["rate", "rounding", "to", "shipping", "promotions"];

    fn read(value: &Value<'_>, path: &JsonPath, errors: &mut Vec<Error>) -> Option<Self> {
        let object = Object::open(value, path, Self::KEYS, errors)?;
        let before = errors.len();
        let shipping = object.get("shipping").and_then(|v| {
            let path = object.path("shipping");
            ShippingDoc::read(v, &path, errors)
        });
        let promotions = object.get("promotions").and_then(|v| {
            let path = object.path("promotions");
            let Value::Object(members) = v else {
                errors.push(Error::WrongType {
                    path: path.clone(),
                    detail: format!("expected an object of promotions by id, found {}", v.describe()),
                });
                return None;
            };
            let mut out = BTreeMap::new();
            for (id, promotion) in members {
                let path = path.key(id);
                let Some(p) = Object::open(promotion, &path, MarketPromotionDoc::KEYS, errors) else {
                    continue;
                };
                if p.required("tiers", errors).is_none() {
                    continue;
                }
                let tiers = each(
                    p.array("tiers", errors),
                    &path.key("tiers"),
                    errors,
                    TierDoc::read,
                );
                out.insert(
                    id.to_string(),
                    MarketPromotionDoc {
                        tiers: tiers.into_iter().map(|(_, t)| t).collect(),
                    },
                );
            }
            Some(out)
        });
        let doc = MarketDoc {
            rate: object
                .number("rate", "an exchange rate such as \"0.14\"", errors)
                .map(Rate),
            rounding: object.choice(
                "rounding",
                &[
                    ("up", MarketRoundingDoc::Up),
                    ("down", MarketRoundingDoc::Down),
                    ("half_up", MarketRoundingDoc::HalfUp),
                ],
                errors,
            ),
            to: amount(&object, "to", errors),
            shipping,
            promotions,
        };
        (errors.len() == before).then_some(doc)
    }
}

impl MarketPromotionDoc {
    /// The keys of a market's promotion.
    pub const KEYS: &'static [&'static str] = &["tiers"];
}
