//! A promotion's tiers: thresholds ordered and distinct, each tier's reward complete and valid for
//! the promotion's kind.

use rust_decimal::Decimal;

use super::document::TierDoc;
use super::*;
use crate::document::{Amount, Count};
use crate::error::{Error, JsonPath};
use crate::money::{parse_amount, parse_percent, Currency, Measure};

/// The keys a tier of each kind may carry besides its threshold.
fn reward_keys(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::FreeShipping => &[],
        Kind::ShippingOff => &["off", "percent"],
        Kind::AmountOff | Kind::AmountOffEach => &["off"],
        Kind::PercentOff => &["percent", "max_off"],
        Kind::Gift => &["gift", "gift_choices", "quantity", "price"],
        Kind::AmountOffEvery => &["every", "off", "max_off"],
        Kind::BuyXGetY => &["buy", "get", "percent", "price"],
        Kind::BundlePrice => &["quantity", "price"],
        Kind::PriceBreak => &["price"],
    }
}

/// A gift tier's reward: `gift` or `gift_choices` (catalog SKUs, distinct), `quantity` units (1 to
/// [`Gift::MAX_QUANTITY`], default 1), each at `price` (default 0), below every option's own price.
fn gift_reward(doc: &TierDoc, config: &Config, path: &JsonPath, errors: &mut Vec<Error>) -> Option<Reward> {
    let before = errors.len();
    let options: Vec<String> = match (&doc.gift, &doc.gift_choices) {
        (Some(_), Some(_)) => {
            errors.push(Error::invalid(
                &path.key("gift_choices"),
                "a tier has either `gift` (one SKU) or `gift_choices` (the shopper picks one), not both",
            ));
            return None;
        }
        (None, None) => return missing(path, "gift", errors),
        (Some(sku), None) => {
            if config.catalog_item(sku).is_none() {
                errors.push(Error::invalid(
                    &path.key("gift"),
                    format!("gift SKU `{sku}` is not in the catalog"),
                ));
            }
            vec![sku.clone()]
        }
        (None, Some(choices)) => {
            let at = path.key("gift_choices");
            if choices.len() < 2 || choices.len() > Gift::MAX_OPTIONS {
                errors.push(Error::invalid(
                    &at,
                    format!(
                        "`gift_choices` offers 2 to {} SKUs (one gift is `gift`)",
                        Gift::MAX_OPTIONS
                    ),
                ));
            }
            for (i, sku) in choices.iter().enumerate() {
                if config.catalog_item(sku).is_none() {
                    errors.push(Error::invalid(
                        &at.index(i),
                        format!("gift SKU `{sku}` is not in the catalog"),
                    ));
                } else if choices[..i].contains(sku) {
                    errors.push(Error::invalid(&at.index(i), format!("`{sku}` is offered twice")));
                }
            }
            choices.clone()
        }
    };
    let quantity = match &doc.quantity {
        None => 1,
        Some(q) => match parse_count(q, Gift::MAX_QUANTITY, &path.key("quantity")) {
            Ok(0) => {
                errors.push(Error::number(
                    &path.key("quantity"),
                    "a gift gives at least 1 unit",
                ));
                0
            }
            Ok(n) => n,
            Err(e) => {
                errors.push(e);
                0
            }
        },
    };
    let price = match &doc.price {
        None => Decimal::ZERO,
        Some(_) => tier_amount("price", &doc.price, false, config.currency, path, errors).unwrap_or_default(),
    };
    if !price.is_zero() {
        for sku in &options {
            if let Some(item) = config.catalog_item(sku) {
                if item.price.to_decimal() <= price {
                    errors.push(Error::invalid(
                        &path.key("price"),
                        format!(
                            "a gift's price must be below its catalog price: `{sku}` costs {}",
                            item.price
                        ),
                    ));
                }
            }
        }
    }
    (errors.len() == before).then_some(Reward::Gift(Gift {
        options,
        quantity,
        price,
    }))
}

pub(crate) fn validate_tiers(
    kind: Kind,
    docs: &[TierDoc],
    config: &Config,
    path: &JsonPath,
    errors: &mut Vec<Error>,
) -> Vec<Tier> {
    let currency = config.currency;
    if docs.is_empty() {
        errors.push(Error::invalid(path, "a promotion needs at least one tier"));
        return Vec::new();
    }
    if kind == Kind::BuyXGetY && docs.len() != 1 {
        errors.push(Error::invalid(
            path,
            "a buy_x_get_y promotion has exactly one tier { \"buy\", \"get\", \"percent\" }",
        ));
        return Vec::new();
    }
    if kind == Kind::BundlePrice && docs.len() != 1 {
        errors.push(Error::invalid(
            path,
            "a bundle_price promotion has exactly one tier { \"quantity\", \"price\" }",
        ));
        return Vec::new();
    }
    if kind == Kind::AmountOffEvery && docs.len() != 1 {
        errors.push(Error::invalid(
            path,
            "an amount_off_every promotion has exactly one tier { \"every\", \"off\", \"max_off\"? }",
        ));
        return Vec::new();
    }
    let mut tiers: Vec<Tier> = Vec::with_capacity(docs.len());
    for (i, doc) in docs.iter().enumerate() {
        let tier_path = path.index(i);
        let present: [(&str, bool); 10] = [
            ("off", doc.off.is_some()),
            ("percent", doc.percent.is_some()),
            ("gift", doc.gift.is_some()),
            ("gift_choices", doc.gift_choices.is_some()),
            ("every", doc.every.is_some()),
            ("max_off", doc.max_off.is_some()),
            ("buy", doc.buy.is_some()),
            ("get", doc.get.is_some()),
            ("price", doc.price.is_some()),
            ("quantity", doc.quantity.is_some()),
        ];
        let allowed = reward_keys(kind);
        let mut ok = true;
        for (key, is_present) in present {
            if is_present && !allowed.contains(&key) {
                errors.push(Error::invalid(
                    &tier_path.key(key),
                    format!(
                        "`{key}` does not belong in a tier of a {} promotion",
                        kind.as_str()
                    ),
                ));
                ok = false;
            }
        }
        let amount = |key: &str, value: &Option<Amount>, positive: bool, errors: &mut Vec<Error>| {
            tier_amount(key, value, positive, currency, &tier_path, errors)
        };
        let threshold = if matches!(kind, Kind::AmountOffEvery | Kind::BuyXGetY | Kind::BundlePrice) {
            for key in ["min_subtotal", "min_quantity"] {
                let is_present = if key == "min_subtotal" {
                    doc.min_subtotal.is_some()
                } else {
                    doc.min_quantity.is_some()
                };
                if is_present {
                    errors.push(Error::invalid(
                        &tier_path.key(key),
                        if kind == Kind::BuyXGetY {
                            "a buy_x_get_y tier is reached at `buy` + `get` units; it takes no minimum"
                        } else if kind == Kind::BundlePrice {
                            "a bundle_price tier is reached at its `quantity`; it takes no minimum"
                        } else {
                            "an amount_off_every tier is reached at its first `every`; it takes no minimum"
                        },
                    ));
                    ok = false;
                }
            }
            None
        } else {
            match (&doc.min_subtotal, &doc.min_quantity) {
                (Some(_), Some(_)) => {
                    errors.push(Error::invalid(
                        &tier_path.key("min_quantity"),
                        "a tier has either `min_subtotal` or `min_quantity`, not both",
                    ));
                    ok = false;
                    None
                }
                (None, None) => {
                    errors.push(Error::MissingKey {
                        path: tier_path.clone(),
                        key: "min_subtotal".into(),
                    });
                    ok = false;
                    None
                }
                (Some(_), None) => {
                    amount("min_subtotal", &doc.min_subtotal, false, errors).map(Measure::Amount)
                }
                (None, Some(q)) => match parse_count(q, MAX_QUANTITY, &tier_path.key("min_quantity")) {
                    Ok(n) => Some(Measure::Units(n)),
                    Err(e) => {
                        errors.push(e);
                        None
                    }
                },
            }
        };
        let reward = match kind {
            Kind::FreeShipping => Some(Reward::FreeShipping),
            Kind::ShippingOff => match (&doc.off, &doc.percent) {
                (Some(_), Some(_)) => {
                    errors.push(Error::invalid(
                        &tier_path.key("percent"),
                        "a tier has either `off` or `percent`, not both",
                    ));
                    None
                }
                (Some(_), None) => amount("off", &doc.off, true, errors).map(|off| Reward::ShippingOff {
                    off: Some(off),
                    percent: None,
                }),
                (None, Some(p)) => match parse_percent(&p.0, &tier_path.key("percent")) {
                    Ok(percent) => Some(Reward::ShippingOff {
                        off: None,
                        percent: Some(percent),
                    }),
                    Err(e) => {
                        errors.push(e);
                        None
                    }
                },
                (None, None) => missing(&tier_path, "off", errors),
            },
            Kind::PriceBreak => match (&doc.price, &doc.min_subtotal) {
                (_, Some(_)) => {
                    errors.push(Error::invalid(
                        &tier_path.key("min_subtotal"),
                        "a price_break tier is reached by units: `min_quantity`",
                    ));
                    None
                }
                (Some(_), None) => amount("price", &doc.price, false, errors).map(Reward::UnitPrice),
                (None, None) => missing(&tier_path, "price", errors),
            },
            Kind::AmountOffEach => match &doc.off {
                Some(_) => amount("off", &doc.off, true, errors).map(Reward::AmountOffEach),
                None => missing(&tier_path, "off", errors),
            },
            Kind::AmountOff => match &doc.off {
                Some(_) => amount("off", &doc.off, true, errors).map(Reward::AmountOff),
                None => missing(&tier_path, "off", errors),
            },
            Kind::PercentOff => {
                let max_off = amount("max_off", &doc.max_off, true, errors);
                match &doc.percent {
                    Some(p) => match parse_percent(&p.0, &tier_path.key("percent")) {
                        Ok(percent) => Some(Reward::PercentOff { percent, max_off }),
                        Err(e) => {
                            errors.push(e);
                            None
                        }
                    },
                    None => missing(&tier_path, "percent", errors),
                }
            }
            Kind::Gift => gift_reward(doc, config, &tier_path, errors),
            Kind::BuyXGetY => {
                let units = |key: &str, value: &Option<Count>, errors: &mut Vec<Error>| match value {
                    Some(v) => match parse_count(v, MAX_QUANTITY, &tier_path.key(key)) {
                        Ok(0) => {
                            errors.push(Error::number(
                                &tier_path.key(key),
                                format!("`{key}` must be at least 1"),
                            ));
                            None
                        }
                        Ok(n) => Some(n),
                        Err(e) => {
                            errors.push(e);
                            None
                        }
                    },
                    None => missing(&tier_path, key, errors),
                };
                let buy = units("buy", &doc.buy, errors);
                let get = units("get", &doc.get, errors);
                // A percentage off the discounted units, or a price they cost: one of the two.
                let (percent, price) = match (&doc.percent, &doc.price) {
                    (Some(_), Some(_)) => {
                        errors.push(Error::invalid(
                            &tier_path.key("price"),
                            "a tier has either `percent` or `price`, not both",
                        ));
                        (None, None)
                    }
                    (None, Some(_)) => (
                        Some(Decimal::ZERO),
                        amount("price", &doc.price, false, errors).map(Some),
                    ),
                    (Some(p), None) => (
                        parse_percent(&p.0, &tier_path.key("percent"))
                            .map_err(|e| errors.push(e))
                            .ok(),
                        Some(None),
                    ),
                    (None, None) => (missing(&tier_path, "percent", errors), None),
                };
                match (buy, get, percent, price) {
                    (Some(buy), Some(get), Some(percent), Some(price)) => Some(Reward::BuyGet {
                        buy,
                        get,
                        percent,
                        price,
                    }),
                    _ => None,
                }
            }
            Kind::BundlePrice => {
                let quantity = match &doc.quantity {
                    Some(q) => match parse_count(q, MAX_QUANTITY, &tier_path.key("quantity")) {
                        Ok(0 | 1) => {
                            errors.push(Error::number(
                                &tier_path.key("quantity"),
                                "a bundle has at least 2 units",
                            ));
                            None
                        }
                        Ok(n) => Some(n),
                        Err(e) => {
                            errors.push(e);
                            None
                        }
                    },
                    None => missing(&tier_path, "quantity", errors),
                };
                let price = match &doc.price {
                    Some(_) => amount("price", &doc.price, false, errors),
                    None => missing(&tier_path, "price", errors),
                };
                match (quantity, price) {
                    (Some(quantity), Some(price)) => Some(Reward::Bundle { quantity, price }),
                    _ => None,
                }
            }
            Kind::AmountOffEvery => {
                let every = match &doc.every {
                    Some(_) => amount("every", &doc.every, true, errors),
                    None => missing(&tier_path, "every", errors),
                };
                let off = match &doc.off {
                    Some(_) => amount("off", &doc.off, true, errors),
                    None => missing(&tier_path, "off", errors),
                };
                let max_off = amount("max_off", &doc.max_off, true, errors);
                match (every, off) {
                    (Some(every), Some(off)) => {
                        if let Some(max) = max_off {
                            if max < off {
                                errors.push(Error::invalid(
                                    &tier_path.key("max_off"),
                                    "`max_off` must be at least `off`",
                                ));
                            }
                        }
                        if off > every {
                            errors.push(Error::invalid(
                                &tier_path.key("off"),
                                "`off` must not exceed `every`: a step would take off more than it costs",
                            ));
                        }
                        Some(Reward::Every { every, off, max_off })
                    }
                    _ => None,
                }
            }
        };
        if !ok {
            continue;
        }
        let threshold = match (kind, threshold, &reward) {
            (Kind::AmountOffEvery, _, Some(Reward::Every { every, .. })) => Measure::Amount(*every),
            (Kind::BuyXGetY, _, Some(Reward::BuyGet { buy, get, .. })) => Measure::Units(buy + get),
            (Kind::BundlePrice, _, Some(Reward::Bundle { quantity, .. })) => Measure::Units(*quantity),
            (_, Some(t), Some(_)) => t,
            _ => continue,
        };
        let Some(reward) = reward else { continue };
        if let Some(previous) = tiers.last() {
            let ordered = match (previous.threshold, threshold) {
                (Measure::Amount(a), Measure::Amount(b)) => Some(a < b),
                (Measure::Units(a), Measure::Units(b)) => Some(a < b),
                _ => None,
            };
            match ordered {
                None => {
                    errors.push(Error::invalid(
                        &tier_path,
                        "all tiers of a promotion measure the same thing: `min_subtotal` or `min_quantity`",
                    ));
                    continue;
                }
                Some(false) => {
                    let key = if matches!(threshold, Measure::Amount(_)) {
                        "min_subtotal"
                    } else {
                        "min_quantity"
                    };
                    errors.push(Error::invalid(
                        &tier_path.key(key),
                        format!(
                            "tiers must be in strictly ascending order: this threshold is not above tier {}'s",
                            i - 1
                        ),
                    ));
                    continue;
                }
                Some(true) => {}
            }
            // A cap counts as giving less: none is more than any.
            let capped_lower = |a: &Option<Decimal>, b: &Option<Decimal>| match (a, b) {
                (None, Some(_)) => true,
                (Some(a), Some(b)) => b < a,
                _ => false,
            };
            let shrinking = match (&previous.reward, &reward) {
                (Reward::AmountOff(a), Reward::AmountOff(b))
                | (Reward::AmountOffEach(a), Reward::AmountOffEach(b)) => (b < a).then_some("off"),
                // A higher price gives less.
                (Reward::UnitPrice(a), Reward::UnitPrice(b)) => (b > a).then_some("price"),
                (
                    Reward::ShippingOff { off: a, percent: pa },
                    Reward::ShippingOff { off: b, percent: pb },
                ) => {
                    match (a, b, pa, pb) {
                        (Some(a), Some(b), _, _) => (b < a).then_some("off"),
                        (_, _, Some(a), Some(b)) => (b < a).then_some("percent"),
                        // An amount and a percentage cannot be compared: one of the two on every tier.
                        (_, b, _, _) => {
                            let key = if b.is_some() { "off" } else { "percent" };
                            errors.push(Error::invalid(
                                &tier_path.key(key),
                                "every tier of a shipping_off promotion gives the same: `off` (an amount) or `percent`",
                            ));
                            continue;
                        }
                    }
                }
                (
                    Reward::PercentOff {
                        percent: a,
                        max_off: cap_a,
                    },
                    Reward::PercentOff {
                        percent: b,
                        max_off: cap_b,
                    },
                ) => {
                    if b < a {
                        Some("percent")
                    } else if capped_lower(cap_a, cap_b) {
                        Some("max_off")
                    } else {
                        None
                    }
                }
                _ => None,
            };
            if let Some(key) = shrinking {
                errors.push(Error::invalid(
                    &tier_path.key(key),
                    format!("a higher tier must not give less than tier {}", i - 1),
                ));
                continue;
            }
        }
        tiers.push(Tier { threshold, reward });
    }
    tiers
}

fn tier_amount(
    key: &str,
    value: &Option<Amount>,
    positive: bool,
    currency: Currency,
    tier_path: &JsonPath,
    errors: &mut Vec<Error>,
) -> Option<Decimal> {
    let text = value.as_ref()?;
    let key_path = tier_path.key(key);
    match parse_amount(&text.0, currency, &key_path) {
        Ok(v) if positive && v.is_zero() => {
            errors.push(Error::number(&key_path, format!("`{key}` must be more than 0")));
            None
        }
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(e);
            None
        }
    }
}

fn missing<T>(path: &JsonPath, key: &str, errors: &mut Vec<Error>) -> Option<T> {
    errors.push(Error::MissingKey {
        path: path.clone(),
        key: key.into(),
    });
    None
}

#[cfg(test)]
mod tests {
    use crate::config::Config;

    #[test]
    fn a_shipping_discount_keeps_one_measure_across_its_tiers_and_says_so() {
        let mixed = r#"{"currency":"CNY","promotions":[{"id":"s","kind":"shipping_off",
            "tiers":[{"min_subtotal":"0","percent":"10"},{"min_subtotal":"50","off":"5"}]}]}"#;
        let errors = Config::from_json(mixed).unwrap_err();
        let error = errors.first();
        assert_eq!(error.path().as_str(), "promotions[0].tiers[1].off");
        assert!(
            error
                .to_string()
                .contains("gives the same: `off` (an amount) or `percent`"),
            "{error}"
        );
        // Stepped the same way, a lower second tier is "less".
        let lower = r#"{"currency":"CNY","promotions":[{"id":"s","kind":"shipping_off",
            "tiers":[{"min_subtotal":"0","off":"5"},{"min_subtotal":"50","off":"3"}]}]}"#;
        let error = Config::from_json(lower).unwrap_err().first().to_string();
        assert!(error.contains("must not give less than tier 0"), "{error}");
    }
}
