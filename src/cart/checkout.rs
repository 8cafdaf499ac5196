//! What the host of a checkout says beside the cart: the time, the customer's segments, the coupons
//! it accepted and the tax settings (`engine.quote(cart, { checkout })`, `nexttier quote --checkout`).
//! The pricing that uses it is `pricing::checkout`.

use rust_decimal::Decimal;

use super::tax_rate;
use crate::error::{Error, JsonPath};
use crate::json::read::{Object, Value};
use crate::time::{parse_rfc3339, Millis};

/// What the host of a checkout says beside the cart (never inside it).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Checkout {
    /// The pricing time; the server's clock when absent. A cart's own `now` is ignored.
    pub now: Option<Millis>,
    /// The customer's segments, as the host's records say.
    pub segments: Vec<String>,
    /// The coupon codes the host accepted for this order.
    pub coupons: Vec<String>,
    /// Whether the catalog's prices include tax.
    pub prices_include_tax: bool,
    /// The tax rate of the order's lines, in percent.
    pub tax_rate: Decimal,
    /// The customer's earlier orders and the promotions' use, from the host's records (`orders`,
    /// `uses`, `usage`): usage limits are checked against these, never against the cart's.
    pub facts: super::facts::Facts,
    /// The id experiments assign the variant by, from the server's own session (a cart's
    /// `visitor` and `variants` are ignored): the variant the shopper saw when the storefront
    /// was given the same id.
    pub visitor: Option<String>,
    /// Variants named by experiment id, from the server's own records, instead of the assignment.
    pub variants: Option<Vec<(String, String)>>,
}

impl Checkout {
    /// The keys of the `checkout` options object.
    pub const KEYS: &'static [&'static str] = &[
        "now",
        "segments",
        "coupons",
        "prices_include_tax",
        "tax_rate",
        "orders",
        "uses",
        "usage",
        "last_order_at",
        "lifetime_spend",
        "visitor",
        "variants",
    ];

    /// Reads the `checkout` options object at `path`, recording every error.
    pub(crate) fn read(value: &Value<'_>, path: &JsonPath, errors: &mut Vec<Error>) -> Checkout {
        let mut checkout = Checkout::default();
        let Some(object) = Object::open(value, path, Self::KEYS, errors) else {
            return checkout;
        };
        if let Some(now) = object.string("now", errors) {
            match parse_rfc3339(&now) {
                Ok(t) => checkout.now = Some(t),
                Err(detail) => errors.push(Error::invalid(&object.path("now"), detail)),
            }
        }
        checkout.segments = object.strings("segments", errors).unwrap_or_default();
        checkout.coupons = object.strings("coupons", errors).unwrap_or_default();
        checkout.prices_include_tax = object.boolean("prices_include_tax", errors).unwrap_or(false);
        if let Some(rate) = object.number("tax_rate", "a percent such as \"13\"", errors) {
            match tax_rate(&rate, &object.path("tax_rate")) {
                Ok(rate) => checkout.tax_rate = rate,
                Err(e) => errors.push(e),
            }
        }
        let (total_uses, spent) = super::facts::read_usage(&object, "usage", errors);
        checkout.facts = super::facts::Facts {
            orders: super::facts::read_orders(&object, "orders", errors),
            uses: super::facts::read_uses(&object, "uses", false, errors),
            total_uses,
            spent,
            last_order_at: super::facts::read_last_order(&object, "last_order_at", errors),
            lifetime_spend: super::facts::read_spend(&object, "lifetime_spend", errors),
        };
        checkout.visitor = object.string("visitor", errors);
        checkout.variants = object.string_pairs("variants", errors);
        checkout
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checkout_options_are_read_with_their_paths() {
        let read = |text: &str| crate::json::read::document(text, Checkout::read);
        let checkout =
            read(r#"{ "now": "2026-11-11T00:00:00Z", "segments": ["member"], "tax_rate": "13" }"#).unwrap();
        assert_eq!(checkout.segments, ["member"]);
        assert_eq!(checkout.tax_rate, Decimal::from(13));
        let errors = read(r#"{ "now": "tomorrow", "coupon": "X" }"#).unwrap_err();
        let paths: Vec<&str> = errors.all().iter().map(|e| e.path().as_str()).collect();
        assert_eq!(paths, ["coupon", "now"]);
    }
}
