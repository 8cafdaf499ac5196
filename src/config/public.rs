//! The public config: what a storefront needs to show the bars, and nothing it must not see.
//!
//! A storefront's config is downloaded by every shopper. Its coupon codes are the merchant's secret
//! (a code handed out by e-mail must not be readable in the page), so the public config replaces
//! each promotion's `coupon` with `accepted:<promotion id>`: the storefront shows that promotion's
//! progress once the host, having checked the shopper's code on its server, puts
//! `accepted:<promotion id>` in the cart's `coupons`. Everything else is kept as written. The
//! checkout still prices with the full config (`pricing::checkout`).

use std::borrow::Cow;

use super::Config;
use crate::error::Errors;
use crate::json::{parse, pretty, Json};

/// The prefix of a coupon promotion's reference in a public config.
pub const ACCEPTED: &str = "accepted:";

/// The public form of a config given as JSON text (validated first: an invalid config is refused
/// with every error), as indented JSON text.
pub fn public_config(text: &str) -> Result<String, Errors> {
    public_config_within(text, &crate::limits::Limits::default())
}

/// [`public_config`] within `limits` (the config's bytes).
pub fn public_config_within(text: &str, limits: &crate::limits::Limits) -> Result<String, Errors> {
    let config = Config::from_json_within(text, limits)?;
    let mut document = parse(text.strip_prefix('\u{feff}').unwrap_or(text))?;
    if let Json::Object(members) = &mut document {
        for (key, value) in members.iter_mut() {
            if key == "promotions" {
                if let Json::Array(promotions) = value {
                    for (promotion, validated) in promotions.iter_mut().zip(&config.promotions) {
                        hide_coupon(promotion, &validated.id);
                    }
                }
            }
        }
    }
    Ok(pretty(&document))
}

fn hide_coupon(promotion: &mut Json<'_>, id: &str) {
    if let Json::Object(members) = promotion {
        for (key, value) in members.iter_mut() {
            if key == "coupon" {
                *value = Json::String(Cow::Owned(format!("{ACCEPTED}{id}")));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::engine::Engine;

    const CONFIG: &str = r#"{ "currency": "CNY", "promotions": [
        { "id": "welcome", "kind": "amount_off", "coupon": "SECRET-2026", "tiers": [ { "min_subtotal": "50", "off": "10" } ] },
        { "id": "ship", "kind": "free_shipping", "tiers": [ { "min_subtotal": "99" } ] } ] }"#;

    #[test]
    fn coupon_codes_never_reach_the_public_config() {
        let public = public_config(CONFIG).unwrap();
        assert!(!public.contains("SECRET"), "{public}");
        assert!(public.contains(r#""coupon": "accepted:welcome""#), "{public}");
        // Still a valid config, with the same promotions.
        let engine = Engine::from_json(&public).unwrap();
        assert_eq!(engine.config().promotions.len(), 2);
        // The host marks the code accepted: the storefront shows the promotion as the checkout will.
        let cart = r#"{ "lines": [ { "sku": "a", "price": "60", "quantity": 1 } ], "coupons": ["accepted:welcome"] }"#;
        assert_eq!(engine.quote_json(cart, 0).unwrap().total, "50.00");
        // The secret code itself does nothing against the public config.
        let typed =
            r#"{ "lines": [ { "sku": "a", "price": "60", "quantity": 1 } ], "coupons": ["SECRET-2026"] }"#;
        assert_eq!(engine.quote_json(typed, 0).unwrap().total, "60.00");
    }

    #[test]
    fn an_invalid_config_is_refused_not_published() {
        let errors = public_config(r#"{ "currency": "XXX", "promotions": [] }"#).unwrap_err();
        assert_eq!(errors.first().code(), "unknown_currency");
    }
}
