//! The report: the priced cart written as a [`Quote`], with why each promotion that gave nothing gave
//! nothing (`skipped`).

use crate::cart::Cart;
use std::sync::Arc;

use crate::config::Kind;
use crate::config::{Config, Reward};
use crate::money::{Measure, Money};
use crate::quote::{
    Applied, Detail, Gift, GiftAction, GiftOption, Progress, Quote, QuoteLine, Share, ShippingOption, Skipped,
};
use crate::time::Millis;

use super::eligibility::{closed, Closed};
use super::engine::{Engine, Priced};
use super::evaluate::gift_in_stock;

impl Engine {
    pub(super) fn render(&self, cart: &Cart, priced: &Priced, now: Millis, detail: Detail) -> Quote {
        let config = &self.config;
        let currency = config.currency;
        let outcome = &priced.outcome;
        let id = |p: usize| config.promotions[p].id.clone();
        let full = detail == Detail::Full;
        let lines = if !full {
            Vec::new()
        } else {
            cart.lines
                .iter()
                .zip(&outcome.line_shares)
                .zip(&priced.basket.lines)
                .map(|((line, shares), basket_line)| {
                    let digits = currency.minor_digits;
                    let subtotal = basket_line.list as i128;
                    let discount: i128 = shares.iter().map(|(_, a)| *a as i128).sum();
                    QuoteLine {
                        sku: line.sku.clone(),
                        quantity: line.quantity,
                        subtotal: Money::from_minor(subtotal, digits),
                        discount: Money::from_minor(discount, digits),
                        total: Money::from_minor(subtotal - discount, digits),
                        discounts: shares
                            .iter()
                            .map(|(p, amount)| Share {
                                promotion: id(*p),
                                amount: Money::from_minor(*amount as i128, digits),
                            })
                            .collect(),
                    }
                })
                .collect()
        };
        let applied = outcome
            .applied
            .iter()
            .map(|a| {
                let promotion = &config.promotions[a.promotion];
                Applied {
                    promotion: promotion.id.clone(),
                    kind: promotion.kind.as_str(),
                    tier: a.tier,
                    amount: a.amount,
                    label: promotion.label.clone(),
                    times: a.times,
                    coupon: promotion.coupon.clone(),
                }
            })
            .collect();
        let gifts: Vec<Gift> = outcome
            .gifts
            .iter()
            .filter_map(|(p, sku)| {
                let tier = outcome.applied.iter().find(|a| a.promotion == *p)?.tier;
                let Reward::Gift(gift) = &config.promotions[*p].tiers[tier].reward else {
                    return None;
                };
                let name = |sku: &str| config.catalog_item(sku).and_then(|item| item.name.clone());
                let basket = &priced.basket;
                let options: Vec<GiftOption> = match gift.is_choice() {
                    true => gift
                        .options
                        .iter()
                        .filter(|o| gift_in_stock(config, &basket.gifts_held, o, gift.quantity))
                        .map(|o| GiftOption {
                            sku: o.clone(),
                            name: name(o),
                        })
                        .collect(),
                    false => Vec::new(),
                };
                Some(Gift {
                    promotion: id(*p),
                    sku: sku.clone(),
                    name: name(sku),
                    quantity: gift.quantity,
                    price: (!gift.price.is_zero()).then(|| currency.money(gift.price)),
                    chosen: gift
                        .is_choice()
                        .then(|| basket.gift_choices.iter().any(|(q, s)| q == p && s == sku)),
                    options,
                })
            })
            .collect();
        let gift_actions = gift_actions(config, cart, &gifts);
        let mut eligible = priced.order.clone();
        crate::sort::sort_by(&mut eligible, Ord::cmp);
        // The SKUs every `explain` shares, built once.
        let skus: Option<Vec<Arc<str>>> =
            full.then(|| cart.lines.iter().map(|l| Arc::from(l.sku.as_str())).collect());
        // Only a group with two eligible members can switch winners.
        let grouped = |q: usize| config.promotions[q].group.as_deref();
        let mut groups: Vec<&str> = priced.order.iter().filter_map(|&q| grouped(q)).collect();
        crate::sort::sort_by(&mut groups, Ord::cmp);
        // A promotion that stops further ones, or two that do not combine, can keep a reached tier
        // from applying too.
        let contested = groups.windows(2).any(|pair| pair[0] == pair[1])
            || priced.order.iter().any(|&q| config.promotions[q].stop)
            || !super::evaluate::not_combining(config, &priced.order).is_empty();
        // Each promotion's progress spends from the quote's budget in its name; once it is spent
        // the quote is refused (`too_complex`), so the rest is not computed.
        let progress: Vec<Progress> = eligible
            .iter()
            .take_while(|_| !super::budget::spent())
            .map(|&p| {
                let before = super::budget::working_on(Some(p));
                let mut progress = self.progress(priced, p, skus.as_deref(), contested);
                super::budget::working_on(before);
                // A recurring schedule ends its window sooner than `ends_at`, or alone.
                let window = config.promotions[p]
                    .schedule
                    .as_ref()
                    .and_then(|s| s.window_end(now));
                if let Some(end) = window {
                    progress.ends_at = Some(progress.ends_at.map_or(end, |e| e.min(end)));
                }
                progress
            })
            .collect();
        let skipped = if full {
            self.skipped(cart, priced, &progress, now)
        } else {
            Vec::new()
        };
        let shipping_options = self.shipping_options(cart, outcome.shipping, now);
        Quote {
            detail,
            currency: currency.code.to_owned(),
            subtotal: outcome.subtotal,
            discount: outcome.discount,
            shipping: outcome.shipping,
            total: outcome.total,
            shipping_options,
            lines,
            applied,
            skipped,
            gifts,
            gift_actions,
            progress,
            experiments: cart
                .assigned
                .iter()
                .map(|a| crate::quote::ExperimentVariant {
                    experiment: a.experiment.clone(),
                    variant: a.variant.clone(),
                    by: a.by.as_str(),
                })
                .collect(),
            notices: notices(&self.config, cart),
        }
    }

    /// Each shipping method's fee to the cart's destination and what the cart would pay with it
    /// (the cart priced again by every other method; `shipping` is the chosen one's).
    #[inline(never)]
    fn shipping_options(&self, cart: &Cart, shipping: Money, now: Millis) -> Vec<ShippingOption> {
        let config = &self.config;
        let mut options = Vec::with_capacity(config.shipping_methods.len());
        for method in &config.shipping_methods {
            if super::budget::spent() {
                break;
            }
            let chosen = cart.shipping_method.as_ref() == Some(&method.id);
            let charged = if chosen {
                shipping
            } else {
                let mut other = cart.clone();
                other.shipping_method = Some(method.id.clone());
                match self.price(&other, now) {
                    Ok(priced) => priced.outcome.shipping,
                    Err(_) => continue,
                }
            };
            options.push(ShippingOption {
                method: method.id.clone(),
                label: method.label.clone(),
                fee: config.currency.money(method.fee_to(cart.country.as_deref())),
                shipping: charged,
                chosen,
            });
        }
        options
    }

    /// Why each promotion that gave nothing gave nothing, in config order.
    fn skipped(&self, cart: &Cart, priced: &Priced, progress: &[Progress], now: Millis) -> Vec<Skipped> {
        let config = &self.config;
        let mut out = Vec::new();
        for (p, promotion) in config.promotions.iter().enumerate() {
            if priced.outcome.applied.iter().any(|a| a.promotion == p) {
                continue;
            }
            let mut winner = None;
            let (reason, message) = if let Some(rule) = closed(promotion, cart, &config.stages, now) {
                let message = match rule {
                    Closed::Holdout => match promotion.held_out.and_then(|e| cart.assigned.get(e)) {
                        Some(a) => format!(
                            "not offered in the holdout variant `{}` of experiment `{}`",
                            a.variant, a.experiment
                        ),
                        None => "held out by the cart's variant".to_owned(),
                    },
                    Closed::Market => format!("not offered for carts in {}", config.currency.code),
                    Closed::NotStarted => "has not started yet".to_owned(),
                    Closed::Ended => "has ended".to_owned(),
                    Closed::ShippingMethod => format!(
                        "only for shipping by: {}",
                        promotion
                            .shipping_methods
                            .iter()
                            .map(|m| &**m)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    Closed::Destination => {
                        format!("only for orders shipped to: {}", promotion.countries.join(", "))
                    }
                    Closed::Schedule => match &promotion.schedule {
                        Some(schedule) => format!("outside its schedule ({})", schedule.describe()),
                        None => "outside its schedule".to_owned(),
                    },
                    Closed::Segment => format!("only for customers in: {}", promotion.segments.join(", ")),
                    Closed::CouponMissing => "needs a coupon code the cart does not carry".to_owned(),
                    Closed::LimitReached | Closed::BudgetSpent => {
                        super::eligibility::limit_message(promotion, cart)
                    }
                };
                (rule.reason(), message)
            } else if !(0..priced.basket.lines.len()).any(|i| priced.basket.covers(i, p)) {
                ("out_of_scope", "no item in the cart is in its scope".to_owned())
            } else if !priced
                .basket
                .condition_met(promotion, p, config.currency.minor_digits)
            {
                let gaps: Vec<String> = self
                    .condition_gaps(priced, p)
                    .iter()
                    .map(|gap| match &gap.remaining {
                        Measure::Units(1) => "1 more unit".to_owned(),
                        Measure::Units(u) => format!("{u} more units"),
                        Measure::Amount(m) => format!("{m} {} more spend", config.currency.code),
                    })
                    .collect();
                let message = format!("its condition needs {} in its scope", gaps.join(" and "));
                ("condition_unmet", message)
            } else if priced.outcome.reached[p].is_none() {
                let next = progress
                    .iter()
                    .find(|g| g.promotion == promotion.id)
                    .and_then(|g| g.next.as_ref());
                let message = match next.map(|n| &n.remaining) {
                    Some(Measure::Amount(m)) => {
                        format!("{m} {} more in-scope spend reaches it", config.currency.code)
                    }
                    Some(Measure::Units(u)) => format!("{u} more in-scope units reach it"),
                    None => "below its first tier".to_owned(),
                };
                ("below_threshold", message)
            } else if let Some(stopper) = priced.outcome.stopped[p] {
                let id = config.promotions[stopper].id.clone();
                let message = format!("reached, but `{id}` applied before it and stops further promotions");
                winner = Some(id);
                ("stopped", message)
            } else if let Some(won) = promotion.group.as_deref().and_then(|group| {
                priced
                    .outcome
                    .applied
                    .iter()
                    .find(|a| config.promotions[a.promotion].group.as_deref() == Some(group))
            }) {
                let id = config.promotions[won.promotion].id.clone();
                let message = format!(
                    "reached, but `{id}` saves more and only one offer of group `{}` applies",
                    promotion.group.as_deref().unwrap_or_default()
                );
                winner = Some(id);
                ("lost_in_group", message)
            } else if let Some(other) = priced
                .outcome
                .applied
                .iter()
                .find(|a| !promotion.combines(&config.promotions[a.promotion]))
            {
                let other = &config.promotions[other.promotion];
                let message = format!(
                    "reached, but `{}` applied and the two do not combine ({} and {} discounts)",
                    other.id,
                    promotion.class.as_str(),
                    other.class.as_str()
                );
                winner = Some(other.id.clone());
                ("not_combinable", message)
            } else if promotion.kind == Kind::FreeShipping {
                ("no_effect", "reached, but shipping is already free".to_owned())
            } else {
                (
                    "no_effect",
                    "reached, but nothing was left to take off".to_owned(),
                )
            };
            out.push(Skipped {
                promotion: promotion.id.clone(),
                kind: promotion.kind.as_str(),
                reason,
                message: format!(
                    "{}: {message}",
                    promotion.label.as_deref().unwrap_or(&promotion.id)
                ),
                winner,
            });
        }
        out
    }
}

/// The catalog's order rules the cart breaks, per item (its units over all its lines), in the
/// order of the item's first line: a minimum, a maximum, whole cases, stock.
pub(crate) fn notices(config: &crate::config::Config, cart: &Cart) -> Vec<crate::quote::Notice> {
    let items = cart.items(|l| {
        config.catalog_item(&l.sku).is_some_and(|i| {
            i.min_per_order.is_some()
                || i.max_per_order.is_some()
                || i.case_pack.is_some()
                || i.stock.is_some()
        })
    });
    let mut out = Vec::new();
    for (line, quantity) in items {
        let sku = cart.lines[line].sku.as_str();
        let Some(item) = config.catalog_item(sku) else {
            continue;
        };
        let rules = [
            (
                "below_minimum",
                item.min_per_order.filter(|&min| quantity > 0 && quantity < min),
                "at least ",
                " an order",
            ),
            (
                "above_maximum",
                item.max_per_order.filter(|&max| quantity > max),
                "at most ",
                " an order",
            ),
            (
                "not_whole_cases",
                item.case_pack.filter(|&case| quantity % case != 0),
                "sold in cases of ",
                "",
            ),
            (
                "above_stock",
                item.stock.filter(|&stock| quantity > stock),
                "only ",
                " in stock",
            ),
        ];
        for (code, broken, before, after) in rules {
            let Some(limit) = broken else { continue };
            out.push(crate::quote::Notice {
                code,
                sku: sku.to_owned(),
                line,
                quantity,
                limit,
                message: format!("`{sku}`: {before}{limit}{after} ({quantity} in the cart)"),
            });
        }
    }
    out
}

/// What to do to the cart's gift lines so they hold exactly `gifts`: per gift promotion in config
/// order, remove the units of SKUs it no longer gives (or beyond what it gives), then add what is
/// missing.
#[inline(never)]
fn gift_actions(config: &Config, cart: &Cart, gifts: &[Gift]) -> Vec<GiftAction> {
    let mut actions = Vec::new();
    for (p, promotion) in config.promotions.iter().enumerate() {
        if promotion.kind != Kind::Gift {
            continue;
        }
        let given = gifts.iter().find(|g| *g.promotion == *promotion.id);
        // Units the cart's gift lines of this promotion hold, by SKU in cart order.
        let mut held: Vec<(&str, u64)> = Vec::new();
        for line in cart.lines.iter().filter(|l| l.gift == Some(p)) {
            match held.iter_mut().find(|(sku, _)| *sku == line.sku) {
                Some((_, units)) => *units = units.saturating_add(line.quantity),
                None => held.push((&line.sku, line.quantity)),
            }
        }
        let want = |sku: &str| given.filter(|g| g.sku == sku).map_or(0, |g| g.quantity);
        for &(sku, units) in &held {
            if units > want(sku) {
                actions.push(GiftAction {
                    action: "remove",
                    promotion: promotion.id.clone(),
                    sku: sku.to_owned(),
                    quantity: units - want(sku),
                });
            }
        }
        if let Some(gift) = given {
            let have = held
                .iter()
                .find(|(sku, _)| *sku == gift.sku)
                .map_or(0, |&(_, units)| units);
            if have < gift.quantity {
                actions.push(GiftAction {
                    action: "add",
                    promotion: promotion.id.clone(),
                    sku: gift.sku.clone(),
                    quantity: gift.quantity - have,
                });
            }
        }
    }
    actions
}

#[cfg(test)]
mod tests {
    use crate::cart::Cart;
    use crate::pricing::engine::Engine;
    use crate::quote::Detail;

    #[test]
    fn every_promotion_that_gave_nothing_says_why_in_config_order() {
        let engine = Engine::from_json(
            r#"{ "currency": "CNY", "shipping": { "fee": "0" }, "promotions": [
                 { "id": "later", "kind": "amount_off", "starts_at": "2027-01-01T00:00:00Z",
                   "tiers": [ { "min_subtotal": "0", "off": "1" } ] },
                 { "id": "vip", "kind": "amount_off", "segments": ["vip"], "tiers": [ { "min_subtotal": "0", "off": "1" } ] },
                 { "id": "decor", "kind": "amount_off", "scope": { "categories": ["decor"] },
                   "tiers": [ { "min_subtotal": "0", "off": "1" } ] },
                 { "id": "big", "kind": "amount_off", "tiers": [ { "min_subtotal": "500", "off": "50" } ] },
                 { "id": "small", "kind": "amount_off", "group": "g", "tiers": [ { "min_subtotal": "0", "off": "2" } ] },
                 { "id": "large", "kind": "amount_off", "group": "g", "tiers": [ { "min_subtotal": "0", "off": "3" } ] },
                 { "id": "ship", "kind": "free_shipping", "tiers": [ { "min_subtotal": "0" } ] } ] }"#,
        )
        .unwrap();
        let cart = r#"{ "lines": [ { "sku": "a", "price": "100", "quantity": 1, "category": "home" } ],
            "now": "2026-12-01T00:00:00Z" }"#;
        let cart = Cart::from_json(cart, engine.config()).unwrap();
        let now = cart.now.unwrap();
        let priced = engine.price(&cart, now).unwrap();
        let quote = engine.render(&cart, &priced, now, Detail::Full);
        let reasons: Vec<(&str, &str)> = quote.skipped.iter().map(|s| (&*s.promotion, s.reason)).collect();
        assert_eq!(
            reasons,
            [
                ("later", "not_started"),
                ("vip", "segment"),
                ("decor", "out_of_scope"),
                ("big", "below_threshold"),
                ("small", "lost_in_group"),
                ("ship", "no_effect"),
            ]
        );
        assert_eq!(
            quote.skipped[3].message,
            "big: 400.00 CNY more in-scope spend reaches it"
        );
        assert_eq!(quote.skipped[4].winner.as_deref(), Some("large"));
        assert_eq!(
            quote.skipped[5].message,
            "ship: reached, but shipping is already free"
        );
        // What applied: the group's larger member only; 100 − 3.
        assert_eq!(quote.total.to_string(), "97.00");
    }
}
