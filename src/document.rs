//! The JSON vocabulary as merchants and carts write it: merchant config, cart.
//!
//! These types mirror the JSON exactly (unknown keys are refused) and are the single source of the
//! JSON Schema (`nexttier schema`) and the TypeScript types. Numbers are kept as their text and are
//! checked and converted in [`crate::config`] and [`crate::cart`], never through a float.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer};
use serde::Deserialize;

#[cfg(not(target_arch = "wasm32"))]
use schemars::JsonSchema;

/// Reads a number written either as a JSON string (`"7.50"`) or a JSON number (`7.5`) as its text.
fn number_text<'de, D: Deserializer<'de>>(deserializer: D, what: &'static str) -> Result<String, D::Error> {
    match serde_json::Value::deserialize(deserializer)? {
        serde_json::Value::String(text) => Ok(text),
        // With serde_json's `arbitrary_precision` the number keeps the digits it was written with.
        serde_json::Value::Number(number) => Ok(number.to_string()),
        other => Err(de::Error::custom(format_args!(
            "invalid type: {}, expected {what}",
            describe(&other)
        ))),
    }
}

fn describe(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

macro_rules! numeric_text {
    ($(#[$doc:meta])* $name:ident, $what:literal, $schema:tt) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name(pub String);

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                number_text(deserializer, $what).map($name)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        #[cfg(not(target_arch = "wasm32"))]
        impl JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!($schema)
            }
        }
    };
}

numeric_text!(
    /// A money amount: a decimal string such as "99" or "7.50" (a JSON number is accepted when it is
    /// exact in the currency's minor units). Never negative; at most the currency's minor digits.
    Amount,
    "an amount such as \"7.50\"",
    {
        "description": "A money amount as a decimal string (\"99\", \"7.50\"); JSON numbers are accepted when exact in the currency's minor units.",
        "anyOf": [
            { "type": "string", "pattern": "^[0-9]{1,15}(\\.[0-9]+)?$" },
            { "type": "number", "minimum": 0 }
        ]
    }
);

numeric_text!(
    /// A percentage above 0 and at most 100, e.g. "10" or "12.5".
    Percent,
    "a percent such as \"10\"",
    {
        "description": "A percentage above 0 and at most 100, e.g. \"10\" or \"12.5\".",
        "anyOf": [
            { "type": "string", "pattern": "^[0-9]{1,3}(\\.[0-9]{1,4})?$" },
            { "type": "number", "exclusiveMinimum": 0, "maximum": 100 }
        ]
    }
);

numeric_text!(
    /// A whole number of units, 0 or more.
    Count,
    "a whole number",
    {
        "description": "A whole number, 0 or more.",
        "type": "integer",
        "minimum": 0
    }
);

numeric_text!(
    /// A whole number that may be negative (priorities, weights).
    Integer,
    "a whole number",
    {
        "description": "A whole number (may be negative).",
        "type": "integer"
    }
);

/// A merchant's promotion configuration.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Config"))]
#[serde(deny_unknown_fields)]
pub struct ConfigDoc<P = PromotionDoc, I = CatalogItemDoc> {
    /// Optional link to this schema, for editors.
    #[serde(default, rename = "$schema")]
    pub schema: Option<String>,
    /// ISO 4217 code of the currency every amount is in, e.g. "CNY".
    pub currency: String,
    /// How amounts computed from percentages are rounded to the minor unit (default "half_up").
    #[serde(default)]
    pub rounding: Option<RoundingDoc>,
    /// The shipping fee charged unless a `free_shipping` promotion is reached.
    #[serde(default)]
    pub shipping: Option<ShippingDoc>,
    /// The promotions, in the order they are listed (which breaks ties of `priority`).
    #[serde(default)]
    pub promotions: Vec<P>,
    /// Items the merchant sells that nexttier may reference: gift SKUs, add-on suggestions.
    #[serde(default)]
    pub catalog: Vec<I>,
}

/// A rounding rule for amounts computed from percentages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Rounding"))]
#[serde(rename_all = "snake_case")]
pub enum RoundingDoc {
    /// Half away from zero (0.125 → 0.13), the default.
    HalfUp,
    /// Half to even (0.125 → 0.12).
    HalfEven,
    /// Towards zero (0.129 → 0.12).
    Down,
}

/// Shipping settings.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Shipping"))]
#[serde(deny_unknown_fields)]
pub struct ShippingDoc {
    /// The flat shipping fee of an order with at least one unit.
    pub fee: Amount,
}

/// What a promotion does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Kind"))]
#[serde(rename_all = "snake_case")]
pub enum KindDoc {
    /// Waives the shipping fee. Tiers: `{ "min_subtotal" }` or `{ "min_quantity" }`.
    FreeShipping,
    /// A fixed amount off; the highest tier reached applies. Tiers: `{ "min_subtotal", "off" }`.
    AmountOff,
    /// "Every X save Y", repeating: one tier `{ "every", "off", "max_off"? }`.
    AmountOffEvery,
    /// A percentage off the in-scope lines. Tiers: `{ "min_subtotal", "percent" }`.
    PercentOff,
    /// A free item from the catalog. Tiers: `{ "min_subtotal", "gift": SKU }`.
    Gift,
}

/// Whether a threshold is measured on list prices or after earlier promotions' discounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Basis"))]
#[serde(rename_all = "snake_case")]
pub enum BasisDoc {
    /// The in-scope subtotal at list price (the default).
    Original,
    /// The in-scope subtotal after the discounts of promotions applied before this one.
    Discounted,
}

/// One promotion.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Promotion"))]
#[serde(deny_unknown_fields)]
pub struct PromotionDoc {
    /// Unique identifier, reported in quotes.
    pub id: String,
    /// What the promotion does.
    pub kind: KindDoc,
    /// The tiers, in ascending order of threshold; the highest reached applies.
    pub tiers: Vec<TierDoc>,
    /// Which lines count towards and receive the promotion; absent means the whole cart.
    #[serde(default)]
    pub scope: Option<ScopeDoc>,
    /// What the threshold is measured on (default "original").
    #[serde(default)]
    pub basis: Option<BasisDoc>,
    /// RFC 3339 time with offset from which the promotion applies.
    #[serde(default)]
    pub starts_at: Option<String>,
    /// RFC 3339 time with offset from which the promotion no longer applies.
    #[serde(default)]
    pub ends_at: Option<String>,
    /// Applies only to customers in one of these segments (e.g. "new", "member").
    #[serde(default)]
    pub segments: Option<Vec<String>>,
    /// Applies only when the cart carries this coupon code (matched case-insensitively).
    #[serde(default)]
    pub coupon: Option<String>,
    /// Of the promotions sharing a group at most one applies: the one best for the customer.
    #[serde(default)]
    pub group: Option<String>,
    /// Order of application, lower first (default 0); ties keep the order of the list.
    #[serde(default)]
    pub priority: Option<Integer>,
    /// The name shown to shoppers, e.g. "Anniversary sale".
    #[serde(default)]
    pub label: Option<String>,
    /// Message templates for the widget, per language.
    #[serde(default)]
    pub messages: Option<MessagesDoc>,
}

/// One tier of a promotion. Which keys apply depends on the promotion's `kind`.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Tier"))]
#[serde(deny_unknown_fields)]
pub struct TierDoc {
    /// Reached when the in-scope subtotal is at least this amount.
    #[serde(default)]
    pub min_subtotal: Option<Amount>,
    /// Reached when the in-scope units number at least this many.
    #[serde(default)]
    pub min_quantity: Option<Count>,
    /// `amount_off`, `amount_off_every`: the amount taken off.
    #[serde(default)]
    pub off: Option<Amount>,
    /// `percent_off`: the percentage taken off the in-scope lines.
    #[serde(default)]
    pub percent: Option<Percent>,
    /// `gift`: the catalog SKU given at no charge.
    #[serde(default)]
    pub gift: Option<String>,
    /// `amount_off_every`: the step of in-scope spend that earns one `off`.
    #[serde(default)]
    pub every: Option<Amount>,
    /// `amount_off_every`: the most that can be taken off in total.
    #[serde(default)]
    pub max_off: Option<Amount>,
}

/// Which cart lines a promotion covers: a line is in scope when it matches any listed category, SKU
/// or tag (or when none are listed) and matches nothing in `exclude`.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Scope"))]
#[serde(deny_unknown_fields)]
pub struct ScopeDoc {
    /// Categories covered.
    #[serde(default)]
    pub categories: Option<Vec<String>>,
    /// SKUs covered.
    #[serde(default)]
    pub skus: Option<Vec<String>>,
    /// Tags covered (a line with any of them).
    #[serde(default)]
    pub tags: Option<Vec<String>>,
    /// Lines never covered, even if they match above.
    #[serde(default)]
    pub exclude: Option<ExcludeDoc>,
}

/// Lines a scope leaves out.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Exclude"))]
#[serde(deny_unknown_fields)]
pub struct ExcludeDoc {
    /// Categories left out.
    #[serde(default)]
    pub categories: Option<Vec<String>>,
    /// SKUs left out.
    #[serde(default)]
    pub skus: Option<Vec<String>>,
    /// Tags left out.
    #[serde(default)]
    pub tags: Option<Vec<String>>,
}

/// Widget message templates, each a map from language tag ("en", "zh-CN") to a template with the
/// placeholders `{remaining}`, `{reward}`, `{threshold}`.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Messages"))]
#[serde(deny_unknown_fields)]
pub struct MessagesDoc {
    /// Shown while the next tier is not reached, e.g. "Add {remaining} more for {reward}".
    #[serde(default)]
    pub progress: Option<BTreeMap<String, String>>,
    /// Shown once a tier is reached, e.g. "You've unlocked {reward}".
    #[serde(default)]
    pub reached: Option<BTreeMap<String, String>>,
}

/// An item the merchant sells.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "CatalogItem"))]
#[serde(deny_unknown_fields)]
pub struct CatalogItemDoc {
    /// Unique stock-keeping unit.
    pub sku: String,
    /// The name shown to shoppers.
    #[serde(default)]
    pub name: Option<String>,
    /// Unit list price.
    pub price: Amount,
    /// The item's category, matched by scopes.
    #[serde(default)]
    pub category: Option<String>,
    /// The item's tags, matched by scopes.
    #[serde(default)]
    pub tags: Option<Vec<String>>,
    /// Units in stock; absent means stock is not tracked. Out-of-stock items are never promised.
    #[serde(default)]
    pub stock: Option<Count>,
    /// The most units one order may have.
    #[serde(default)]
    pub max_per_order: Option<Count>,
    /// Image URL for suggestion cards.
    #[serde(default)]
    pub image: Option<String>,
    /// Product page URL.
    #[serde(default)]
    pub url: Option<String>,
    /// Merchant preference among equally good suggestions (higher first, default 0).
    #[serde(default)]
    pub weight: Option<Integer>,
}

/// A shopper's cart.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Cart"))]
#[serde(deny_unknown_fields)]
pub struct CartDoc<L = CartLineDoc> {
    /// The lines of the cart.
    pub lines: Vec<L>,
    /// ISO 4217 code of the cart's prices; when given it must be the config's currency.
    #[serde(default)]
    pub currency: Option<String>,
    /// Who is shopping.
    #[serde(default)]
    pub customer: Option<CustomerDoc>,
    /// Coupon codes the shopper entered.
    #[serde(default)]
    pub coupons: Option<Vec<String>>,
    /// RFC 3339 time at which to price the cart (default: the current time).
    #[serde(default)]
    pub now: Option<String>,
}

/// One line of a cart.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "CartLine"))]
#[serde(deny_unknown_fields)]
pub struct CartLineDoc {
    /// The item's SKU.
    pub sku: String,
    /// Unit list price.
    pub price: Amount,
    /// Units of the item.
    pub quantity: Count,
    /// The item's category (taken from the catalog when absent).
    #[serde(default)]
    pub category: Option<String>,
    /// The item's tags (taken from the catalog when absent).
    #[serde(default)]
    pub tags: Option<Vec<String>>,
    /// The item's name, for display.
    #[serde(default)]
    pub name: Option<String>,
}

/// The shopper.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Customer"))]
#[serde(deny_unknown_fields)]
pub struct CustomerDoc {
    /// The customer's own identifier (not used in pricing).
    #[serde(default)]
    pub id: Option<String>,
    /// Segments the customer belongs to: "new", "regular", "active", "dormant", "member", ...
    #[serde(default)]
    pub segments: Option<Vec<String>>,
}
