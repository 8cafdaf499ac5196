//! The cart as written: the types mirror the JSON exactly and are read by hand, every problem
//! recorded with its path.

#[cfg(not(target_arch = "wasm32"))]
use schemars::JsonSchema;

use crate::document::{Amount, Count, Rate};
use crate::error::{Error, JsonPath};
use crate::json::read::{each, Object, Value};

/// A shopper's cart.
#[derive(Debug, Clone)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Cart"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct CartDoc {
    /// The lines of the cart.
    pub lines: Vec<CartLineDoc>,
    /// ISO 4217 code of the cart's prices; when given it must be the config's currency.
    pub currency: Option<String>,
    /// Who is shopping.
    pub customer: Option<CustomerDoc>,
    /// Coupon codes the shopper entered.
    pub coupons: Option<Vec<String>>,
    /// RFC 3339 time at which to price the cart (default: the current time).
    pub now: Option<String>,
    /// Whether the prices include tax (default false).
    pub prices_include_tax: Option<bool>,
    /// The tax rate in percent of lines that give none (default 0), e.g. "13".
    pub tax_rate: Option<Rate>,
    /// The unit of the lines' prices: "major" (`"38.00"` is 38 yuan) or "minor" (`3800` is 38 yuan,
    /// whole minor units of the currency, as Shopify's and WooCommerce's carts give prices). A price
    /// written as a JSON number needs it: without it a number is ambiguous and refused.
    pub amounts: Option<AmountsDoc>,
    /// What the host says of each promotion's use by everyone, for `usage.total` limits:
    /// `{ "welcome": { "uses": 9800 } }`. A checkout takes it from the host, never from the cart.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(with = "Option<std::collections::BTreeMap<String, UsageFactDoc>>")
    )]
    pub usage: super::facts::UsageFacts,
    /// The id experiments assign a variant by (a visitor cookie or a customer id; default:
    /// `customer.id`). The same id always gets the same variant, in the browser, Node and the CLI.
    pub visitor: Option<String>,
    /// Variants named by experiment id, instead of the assignment: a preview, or a server that
    /// already knows. A server never takes them from the browser.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(with = "Option<std::collections::BTreeMap<String, String>>")
    )]
    pub variants: Option<Vec<(String, String)>>,
    /// The shopper's pick of each gift promotion offering `gift_choices`, by promotion id:
    /// `{ "welcome-gift": "candle" }`. Without one (or while the pick is out of stock) the first
    /// option in stock is given.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(with = "Option<std::collections::BTreeMap<String, String>>")
    )]
    pub gift_choices: Option<Vec<(String, String)>>,
    /// How and where the order ships: the config's `shipping.methods` id (default: the first) and
    /// the destination country (ISO 3166-1 alpha-2), which choose the fee and the shipping
    /// promotions that apply.
    pub shipping: Option<CartShippingDoc>,
}

/// How and where a cart ships.
#[derive(Debug, Clone, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "CartShipping"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct CartShippingDoc {
    /// The id of one of the config's `shipping.methods`.
    pub method: Option<String>,
    /// The destination, ISO 3166-1 alpha-2 ("CN", "HK").
    pub country: Option<String>,
}

/// What the host says of one promotion's use by everyone.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, Clone, JsonSchema)]
#[schemars(rename = "UsageFact")]
#[serde(deny_unknown_fields)]
pub struct UsageFactDoc {
    /// Times it was received in all, for `usage.total`.
    pub uses: Option<Count>,
    /// Discount it gave in all, in the config's currency, for `usage.budget`.
    pub spent: Option<crate::document::Amount>,
}

/// The unit a cart's prices are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Amounts"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "snake_case"))]
pub enum AmountsDoc {
    /// Whole currency units with decimals: `"38.00"` (the default for decimal strings).
    Major,
    /// Whole minor units of the currency: `3800` for 38.00 CNY, `557` for 557 JPY.
    Minor,
}

/// One line of a cart.
#[derive(Debug, Clone)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "CartLine"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct CartLineDoc {
    /// Position in the document's list (not a JSON key): errors found later name it.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(skip))]
    pub index: usize,
    /// The item's SKU.
    pub sku: String,
    /// Unit list price.
    pub price: Amount,
    /// Whether the price was written as a JSON number (not a JSON key).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(skip))]
    pub price_is_number: bool,
    /// Units of the item.
    pub quantity: Count,
    /// The item's category (taken from the catalog when absent).
    pub category: Option<String>,
    /// The item's tags (taken from the catalog when absent).
    pub tags: Option<Vec<String>>,
    /// The item's name, for display.
    pub name: Option<String>,
    /// The line's tax rate in percent (default: the cart's `tax_rate`).
    pub tax_rate: Option<Rate>,
    /// The id of the `gift` promotion this line was added for, as the quote's `gift_actions` said:
    /// a gift line counts toward no threshold and takes no other discount; its promotion brings the
    /// units it gives down to the gift's price.
    pub gift: Option<String>,
}

/// The shopper.
#[derive(Debug, Clone)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Customer"))]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct CustomerDoc {
    /// The customer's own identifier (not used in pricing).
    pub id: Option<String>,
    /// Segments the customer belongs to: "new", "regular", "active", "dormant", "member", ...
    pub segments: Option<Vec<String>>,
    /// Orders the customer placed before this one (default 0), for `usage.first_order`.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<Count>"))]
    pub orders: u64,
    /// Times the customer received each promotion, by id (default 0), for `usage.per_customer`.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(with = "Option<std::collections::BTreeMap<String, Count>>")
    )]
    pub uses: Vec<(String, u64)>,
    /// When the customer's last order was placed (RFC 3339), for the config's `stages`.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<String>"))]
    pub last_order_at: Option<crate::time::Millis>,
    /// What the customer spent before this order, in the config's currency, for the config's
    /// `stages`.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(with = "Option<crate::document::Amount>")
    )]
    pub lifetime_spend: Option<rust_decimal::Decimal>,
}

impl CartDoc {
    /// A cart of `lines` and nothing else.
    pub(crate) fn of_lines(lines: Vec<CartLineDoc>) -> CartDoc {
        CartDoc {
            lines,
            currency: None,
            customer: None,
            coupons: None,
            now: None,
            prices_include_tax: None,
            tax_rate: None,
            amounts: None,
            usage: Default::default(),
            visitor: None,
            variants: None,
            gift_choices: None,
            shipping: None,
        }
    }

    /// The keys of a cart.
    pub const KEYS: &'static [&'static str] = &[
        "lines",
        "currency",
        "customer",
        "coupons",
        "now",
        "prices_include_tax",
        "tax_rate",
        "amounts",
        "usage",
        "visitor",
        "variants",
        "gift_choices",
        "shipping",
    ];

    /// Reads a cart; lines that cannot be read are left out, their errors recorded.
    #[cfg_attr(nexttier_speed, optimize(speed))]
    pub(crate) fn read(value: &Value<'_>, errors: &mut Vec<Error>) -> Option<Self> {
        let root = JsonPath::root();
        let object = Object::open(value, &root, Self::KEYS, errors)?;
        let lines_value = object.required("lines", errors);
        let lines = each(
            object.array("lines", errors),
            &object.path("lines"),
            errors,
            CartLineDoc::read,
        )
        .into_iter()
        .map(|(index, l)| CartLineDoc { index, ..l })
        .collect();
        let doc = Self::read_fields(&object, lines, errors);
        lines_value.map(|_| doc)
    }

    /// The cart around `lines` already read: every key of `object` but `lines`.
    #[cfg_attr(nexttier_speed, optimize(speed))]
    pub(crate) fn read_fields(
        object: &Object<'_, '_, '_>,
        lines: Vec<CartLineDoc>,
        errors: &mut Vec<Error>,
    ) -> Self {
        let customer = object.get("customer").and_then(|v| {
            let path = object.path("customer");
            let c = Object::open(v, &path, CustomerDoc::KEYS, errors)?;
            Some(CustomerDoc {
                id: c.string("id", errors),
                segments: c.strings("segments", errors),
                orders: super::facts::read_orders(&c, "orders", errors),
                uses: super::facts::read_uses(&c, "uses", false, errors),
                last_order_at: super::facts::read_last_order(&c, "last_order_at", errors),
                lifetime_spend: super::facts::read_spend(&c, "lifetime_spend", errors),
            })
        });
        CartDoc {
            lines,
            currency: object.string("currency", errors),
            customer,
            coupons: object.strings("coupons", errors),
            now: object.string("now", errors),
            prices_include_tax: object.boolean("prices_include_tax", errors),
            tax_rate: object
                .number("tax_rate", "a tax rate in percent such as \"13\"", errors)
                .map(Rate),
            amounts: object.choice(
                "amounts",
                &[("major", AmountsDoc::Major), ("minor", AmountsDoc::Minor)],
                errors,
            ),
            usage: super::facts::read_usage(object, "usage", errors),
            visitor: object.string("visitor", errors),
            variants: object.string_pairs("variants", errors),
            gift_choices: object.string_pairs("gift_choices", errors),
            shipping: object.get("shipping").and_then(|v| {
                let path = object.path("shipping");
                let s = Object::open(v, &path, &["method", "country"], errors)?;
                Some(CartShippingDoc {
                    method: s.string("method", errors),
                    country: s.string("country", errors),
                })
            }),
        }
    }
}

impl CartLineDoc {
    /// The keys of a cart line.
    pub const KEYS: &'static [&'static str] = &[
        "sku", "price", "quantity", "category", "tags", "name", "tax_rate", "gift",
    ];

    #[cfg_attr(nexttier_speed, optimize(speed))]
    fn read(value: &Value<'_>, path: &JsonPath, errors: &mut Vec<Error>) -> Option<Self> {
        let object = Object::open(value, path, Self::KEYS, errors)?;
        let before = errors.len();
        let mut ok = true;
        let sku = object.required_string("sku", &mut ok, errors);
        let price_is_number = matches!(object.get("price"), Some(Value::Number(_)));
        let price = Amount(object.required_number("price", "an amount such as \"7.50\"", &mut ok, errors));
        let quantity = Count(object.required_number("quantity", "a whole number", &mut ok, errors));
        let doc = CartLineDoc {
            index: 0,
            sku,
            price,
            price_is_number,
            quantity,
            category: object.string("category", errors),
            tags: object.strings("tags", errors),
            name: object.string("name", errors),
            tax_rate: object
                .number("tax_rate", "a tax rate in percent such as \"13\"", errors)
                .map(Rate),
            gift: object.string("gift", errors),
        };
        (ok && errors.len() == before).then_some(doc)
    }
}

impl CustomerDoc {
    /// The keys of a customer.
    pub const KEYS: &'static [&'static str] = &[
        "id",
        "segments",
        "orders",
        "uses",
        "last_order_at",
        "lifetime_spend",
    ];
}
