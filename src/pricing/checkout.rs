//! Server mode: pricing a cart the way a checkout must, trusting nothing the browser decides.
//!
//! A storefront's cart is the shopper's to edit: its prices, categories, tags, time, segments,
//! coupons and tax fields can say anything. A checkout keeps only what the shopper really chooses
//! (which SKUs, how many, in which of the config's currencies) and takes everything else from the
//! merchant's config and from the host: prices, categories and tags from the catalog (a SKU not in
//! it is refused), the time from the server's clock, segments, coupons and tax from the host's
//! [`Checkout`].

use super::engine::Engine;
use crate::cart::checkout::Checkout;
use crate::cart::Cart;
use crate::config::normalize_coupon;
use crate::error::{Error, Errors, JsonPath};
use crate::quote::{Detail, Quote};
use crate::time::Millis;

impl Engine {
    /// The cart as a checkout prices it: the shopper's SKUs, quantities and currency; everything
    /// else from the config's catalog and from `checkout` (`clock` when it gives no time).
    pub fn checkout_cart(&self, mut cart: Cart, checkout: &Checkout, clock: Millis) -> Result<Cart, Errors> {
        let config = self.for_cart(&cart).config();
        let mut errors = Vec::new();
        if !config.catalog_priced {
            errors.push(Error::invalid(
                &JsonPath::root().key("currency"),
                format!(
                    "the catalog has no prices in {}: a checkout cannot price this cart",
                    config.currency.code
                ),
            ));
        }
        for (i, line) in cart.lines.iter_mut().enumerate() {
            match config.catalog_item(&line.sku) {
                Some(item) => {
                    line.price = item.price;
                    line.category = item.category.clone();
                    line.tags = item.tags.clone();
                    line.tax_rate = checkout.tax_rate;
                }
                None => errors.push(Error::invalid(
                    &JsonPath::root().key("lines").index(i).key("sku"),
                    format!(
                        "`{}` is not in the catalog: a checkout prices catalog items only",
                        line.sku
                    ),
                )),
            }
        }
        let at = JsonPath::root().key("checkout");
        checkout
            .facts
            .check_ids(config, &at.key("uses"), &at.key("usage"), &mut errors);
        // The variant from the server's id, never the cart's.
        cart.assigned = crate::cart::assign(
            &self.config.experiments,
            checkout.visitor.as_deref(),
            checkout.variants.as_ref(),
            &at.key("variants"),
            &mut errors,
        );
        // The merchant's order rules are enforced here (stock only flagged: the host's inventory,
        // not the config's snapshot, says what can ship).
        for notice in super::report::notices(config, &cart) {
            if notice.code != "above_stock" {
                errors.push(Error::invalid(
                    &JsonPath::root().key("lines").index(notice.line).key("quantity"),
                    notice.message,
                ));
            }
        }
        if !errors.is_empty() {
            return Err(Errors::new(errors));
        }
        cart.now = Some(checkout.now.unwrap_or(clock));
        cart.segments = checkout.segments.clone();
        cart.coupons = checkout.coupons.iter().map(|c| normalize_coupon(c)).collect();
        cart.prices_include_tax = checkout.prices_include_tax;
        cart.tax_rate = checkout.tax_rate;
        cart.facts = checkout.facts.clone();
        Ok(cart)
    }

    /// Quotes a cart given as JSON the way a checkout must ([`Engine::checkout_cart`]).
    pub fn quote_checkout_json(
        &self,
        cart: &str,
        checkout: &Checkout,
        clock: Millis,
        detail: Detail,
    ) -> Result<Quote, Errors> {
        self.quote_checkout(self.cart_from_json(cart)?, checkout, clock, detail)
    }

    /// Quotes a validated cart the way a checkout must ([`Engine::checkout_cart`]).
    pub fn quote_checkout(
        &self,
        cart: Cart,
        checkout: &Checkout,
        clock: Millis,
        detail: Detail,
    ) -> Result<Quote, Errors> {
        let cart = self.checkout_cart(cart, checkout, clock)?;
        self.quote_with(&cart, clock, detail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_rfc3339;

    /// The seed promotions with a members' coupon, over a catalog.
    const CONFIG: &str = r#"{ "currency": "CNY", "shipping": { "fee": "10" },
      "promotions": [
        { "id": "free-ship", "kind": "free_shipping", "tiers": [ { "min_subtotal": "99" } ], "scope": { "categories": ["home"] } },
        { "id": "welcome", "kind": "amount_off", "coupon": "WELCOME10", "segments": ["member"],
          "tiers": [ { "min_subtotal": "0", "off": "10" } ] },
        { "id": "singles-day", "kind": "percent_off", "starts_at": "2026-11-11T00:00:00+08:00",
          "ends_at": "2026-11-12T00:00:00+08:00", "tiers": [ { "min_subtotal": "0", "percent": "50" } ] } ],
      "catalog": [ { "sku": "mop", "price": "38", "category": "home" },
                   { "sku": "gift-card", "price": "100", "category": "gift-cards" } ] }"#;

    /// Every field the browser may forge, forged: a gift card relabelled home, a spoofed member
    /// segment and coupon, a price cut, and 11.11 as the time.
    const SPOOFED: &str = r#"{ "lines": [ { "sku": "gift-card", "price": "1", "quantity": 1, "category": "home" } ],
      "customer": { "segments": ["member"] }, "coupons": ["WELCOME10"], "now": "2026-11-11T12:00:00+08:00",
      "prices_include_tax": true, "tax_rate": "13" }"#;

    #[test]
    fn a_checkout_trusts_nothing_the_browser_decides() {
        let engine = Engine::from_json(CONFIG).unwrap();
        let trusted = engine.quote_json(SPOOFED, 0).unwrap();
        // Trusted as sent, the forged cart prices itself: 1.00 less its discounts, plus shipping.
        assert_eq!(trusted.total, "10.00");
        let december = parse_rfc3339("2026-12-01T12:00:00+08:00").unwrap();
        let quote = engine
            .quote_checkout_json(SPOOFED, &Checkout::default(), december, Detail::Full)
            .unwrap();
        // 100 at the catalog's price, not home (no free shipping), no coupon, no 11.11: 100 + 10.
        assert_eq!(quote.total, "110.00");
        assert!(quote.applied.is_empty());
        // The host vouches for the member and the code: 10 off.
        let member = Checkout {
            segments: vec!["member".into()],
            coupons: vec![" welcome10".into()],
            ..Checkout::default()
        };
        let quote = engine
            .quote_checkout_json(SPOOFED, &member, december, Detail::Full)
            .unwrap();
        assert_eq!(quote.total, "100.00");
        assert_eq!(quote.applied[0].coupon.as_deref(), Some("welcome10"));
    }

    #[test]
    fn a_checkout_takes_the_customer_facts_for_stages_from_the_host() {
        // A vip stage from lifetime spend: the browser claims 9,999 spent; the host's records decide.
        let config = r#"{ "currency": "CNY", "shipping": { "fee": "10" },
          "stages": [ { "segment": "vip", "min_lifetime_spend": "5000" } ],
          "promotions": [ { "id": "vip-ship", "kind": "free_shipping", "segments": ["vip"], "tiers": [ { "min_subtotal": "0" } ] } ],
          "catalog": [ { "sku": "mop", "price": "38" } ] }"#;
        let engine = Engine::from_json(config).unwrap();
        let cart = r#"{ "lines": [ { "sku": "mop", "price": "38", "quantity": 1 } ], "customer": { "lifetime_spend": "9999" } }"#;
        assert_eq!(engine.quote_json(cart, 0).unwrap().total, "38.00");
        let checkout = |text: &str| crate::json::read::document(text, Checkout::read).unwrap();
        let none = engine
            .quote_checkout_json(cart, &checkout("{}"), 0, Detail::Full)
            .unwrap();
        assert_eq!(none.total, "48.00");
        let vip = checkout(r#"{ "lifetime_spend": "5000.00", "last_order_at": "2026-01-01T00:00:00Z" }"#);
        assert_eq!(
            engine
                .quote_checkout_json(cart, &vip, 0, Detail::Full)
                .unwrap()
                .total,
            "38.00"
        );
    }

    #[test]
    fn a_checkout_refuses_what_the_catalog_does_not_sell() {
        let engine = Engine::from_json(CONFIG).unwrap();
        let cart = r#"{ "lines": [ { "sku": "mop", "price": "38", "quantity": 1 }, { "sku": "mystery", "price": "1", "quantity": 1 } ] }"#;
        let errors = engine
            .quote_checkout_json(cart, &Checkout::default(), 0, Detail::Full)
            .unwrap_err();
        assert_eq!(errors.first().path().as_str(), "lines[1].sku");
        assert_eq!(errors.all().len(), 1);
    }

    /// A first-order offer, once per customer, and a flash sale for 1,000 orders in all.
    const LIMITED: &str = r#"{ "currency": "CNY", "promotions": [
        { "id": "welcome", "kind": "amount_off", "usage": { "first_order": true, "per_customer": 1 },
          "tiers": [ { "min_subtotal": "0", "off": "10" } ] },
        { "id": "flash", "kind": "amount_off", "usage": { "total": 1000 },
          "tiers": [ { "min_subtotal": "0", "off": "5" } ] } ],
      "catalog": [ { "sku": "mop", "price": "38" } ] }"#;

    #[test]
    fn a_checkout_counts_uses_by_the_host_s_facts_never_the_cart_s() {
        let engine = Engine::from_json(LIMITED).unwrap();
        // The browser claims a first order and no uses at all.
        let cart = r#"{ "lines": [ { "sku": "mop", "price": "38", "quantity": 1 } ],
          "customer": { "orders": 0, "uses": { "welcome": 0 } }, "usage": { "flash": { "uses": 0 } } }"#;
        assert_eq!(engine.quote_json(cart, 0).unwrap().total, "23.00");
        // The host's records: a returning customer, and the flash sale sold out.
        let records = Checkout {
            facts: crate::cart::facts::Facts {
                orders: 4,
                uses: vec![("welcome".into(), 1)],
                total_uses: vec![("flash".into(), 1000)],
                ..Default::default()
            },
            ..Checkout::default()
        };
        let quote = engine
            .quote_checkout_json(cart, &records, 0, Detail::Full)
            .unwrap();
        assert_eq!(quote.total, "38.00");
        let reasons: Vec<&str> = quote.skipped.iter().map(|s| s.reason).collect();
        assert_eq!(reasons, ["limit_reached", "limit_reached"]);
        // And the other way: the cart claims the limits are reached; the host says they are not.
        let claims = r#"{ "lines": [ { "sku": "mop", "price": "38", "quantity": 1 } ],
          "customer": { "orders": 9, "uses": { "welcome": 5 } }, "usage": { "flash": { "uses": 5000 } } }"#;
        let open = engine
            .quote_checkout_json(claims, &Checkout::default(), 0, Detail::Full)
            .unwrap();
        assert_eq!(open.total, "23.00");
        // A fact about a promotion the config does not have is refused at its checkout path.
        let typo = Checkout {
            facts: crate::cart::facts::Facts {
                uses: vec![("welcom".into(), 1)],
                ..crate::cart::facts::Facts::default()
            },
            ..Checkout::default()
        };
        let errors = engine
            .quote_checkout_json(cart, &typo, 0, Detail::Full)
            .unwrap_err();
        assert_eq!(errors.first().path().as_str(), "checkout.uses.welcom");
    }
}
