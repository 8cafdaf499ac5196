//! Whether a promotion is open to a cart now: the one place these rules live, used both to price a
//! cart and to say why a promotion was skipped.

use crate::cart::Cart;
use crate::config::stages::Stage;
use crate::config::Promotion;
use crate::time::Millis;

/// Why a promotion is closed to a cart, in the order the rules are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Closed {
    /// The cart's variant of an experiment holds it out.
    Holdout,
    /// The promotion is not offered in the cart's market.
    Market,
    /// Its schedule has not started.
    NotStarted,
    /// Its schedule has ended (`ends_at` is exclusive).
    Ended,
    /// Outside its recurring schedule's windows.
    Schedule,
    /// The cart ships by another method.
    ShippingMethod,
    /// The cart ships to another country (or says none).
    Destination,
    /// The customer is in none of its segments.
    Segment,
    /// The cart does not carry its coupon code.
    CouponMissing,
    /// A usage limit is reached, by the host's facts: not the customer's first order, the
    /// customer's uses, or the uses in all.
    LimitReached,
    /// Its discount budget is spent, by the host's facts.
    BudgetSpent,
}

impl Closed {
    /// The `reason` a quote's `skipped` entry gives.
    pub(crate) fn reason(self) -> &'static str {
        match self {
            Closed::Holdout => "holdout",
            Closed::Market => "market",
            Closed::NotStarted => "not_started",
            Closed::Ended => "ended",
            Closed::Schedule => "outside_schedule",
            Closed::ShippingMethod => "shipping_method",
            Closed::Destination => "destination",
            Closed::Segment => "segment",
            Closed::CouponMissing => "coupon_missing",
            Closed::LimitReached => "limit_reached",
            Closed::BudgetSpent => "budget_spent",
        }
    }
}

/// Whether a promotion limited to `allowed` (none: no limit) admits the cart's `given` choice.
fn admits<T: PartialEq>(allowed: &[T], given: Option<&T>) -> bool {
    allowed.is_empty() || given.is_some_and(|g| allowed.contains(g))
}

/// `None` when `promotion` is open to `cart` at `now`, else the first rule that closes it. A
/// segment is the cart's (its host's) or one of the config's `stages` the cart's facts reach.
pub(crate) fn closed(promotion: &Promotion, cart: &Cart, stages: &[Stage], now: Millis) -> Option<Closed> {
    let facts = &cart.facts;
    let in_segment = |segment: &String| {
        cart.segments.contains(segment)
            || stages.iter().any(|stage| {
                stage.segment == *segment
                    && stage.matches(facts.orders, facts.last_order_at, facts.lifetime_spend, now)
            })
    };
    if promotion.held_out.is_some() {
        Some(Closed::Holdout)
    } else if !promotion.offered {
        Some(Closed::Market)
    } else if promotion.starts_at.is_some_and(|start| now < start) {
        Some(Closed::NotStarted)
    } else if promotion.ends_at.is_some_and(|end| now >= end) {
        Some(Closed::Ended)
    } else if promotion.schedule.as_ref().is_some_and(|s| !s.contains(now)) {
        Some(Closed::Schedule)
    } else if !admits(&promotion.shipping_methods, cart.shipping_method.as_ref()) {
        Some(Closed::ShippingMethod)
    } else if !admits(&promotion.countries, cart.country.as_ref()) {
        Some(Closed::Destination)
    } else if !promotion.segments.is_empty() && !promotion.segments.iter().any(in_segment) {
        Some(Closed::Segment)
    } else if promotion
        .coupon
        .as_ref()
        .is_some_and(|code| !cart.coupons.contains(code))
    {
        Some(Closed::CouponMissing)
    } else {
        limit_reached(promotion, cart).map(|limit| {
            if limit == Limit::Budget {
                Closed::BudgetSpent
            } else {
                Closed::LimitReached
            }
        })
    }
}

/// Which of a promotion's usage limits the cart's facts reach, checked in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Limit {
    /// Not the customer's first order.
    FirstOrder,
    /// The customer received it `per_customer` times.
    PerCustomer,
    /// It was received `total` times in all.
    Total,
    /// It gave its `budget` of discount in all.
    Budget,
}

/// The first of `promotion`'s usage limits that the cart's facts reach, if any.
pub(crate) fn limit_reached(promotion: &Promotion, cart: &Cart) -> Option<Limit> {
    let usage = &promotion.usage;
    let facts = &cart.facts;
    if usage.first_order && facts.orders > 0 {
        Some(Limit::FirstOrder)
    } else if usage
        .per_customer
        .is_some_and(|most| facts.uses_of(&promotion.id) >= most)
    {
        Some(Limit::PerCustomer)
    } else if usage
        .total
        .is_some_and(|most| facts.total_uses_of(&promotion.id) >= most)
    {
        Some(Limit::Total)
    } else if usage
        .budget
        .is_some_and(|budget| facts.spent_on(&promotion.id) >= budget)
    {
        Some(Limit::Budget)
    } else {
        None
    }
}

/// The sentence for a promotion closed by a usage limit: which limit, and the fact.
pub(crate) fn limit_message(promotion: &Promotion, cart: &Cart) -> String {
    let usage = &promotion.usage;
    let facts = &cart.facts;
    match limit_reached(promotion, cart) {
        Some(Limit::FirstOrder) => {
            format!(
                "only on a first order; the customer has {} earlier orders",
                facts.orders
            )
        }
        Some(Limit::PerCustomer) => format!(
            "at most {} per customer; this customer has received it {} times",
            usage.per_customer.unwrap_or(0),
            facts.uses_of(&promotion.id)
        ),
        Some(Limit::Budget) => format!(
            "its budget of {} in discounts is spent ({} given so far)",
            usage.budget.unwrap_or_default(),
            facts.spent_on(&promotion.id)
        ),
        Some(Limit::Total) | None => format!(
            "at most {} in all; it has been received {} times",
            usage.total.unwrap_or(0),
            facts.total_uses_of(&promotion.id)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    /// One promotion open only to members with the coupon `WELCOME`, from 11.11 to 11.12 Beijing time.
    const CONFIG: &str = r#"{ "currency": "CNY", "promotions": [ { "id": "p", "kind": "amount_off",
        "starts_at": "2026-11-11T00:00:00+08:00", "ends_at": "2026-11-12T00:00:00+08:00",
        "segments": ["member"], "coupon": "WELCOME", "tiers": [ { "min_subtotal": "0", "off": "1" } ] } ] }"#;

    fn check(cart: &str) -> Option<Closed> {
        let config = Config::from_json(CONFIG).unwrap();
        let cart = Cart::from_json(cart, &config).unwrap();
        let now = cart.now.expect("the cart says when");
        closed(&config.promotions[0], &cart, &config.stages, now)
    }

    #[test]
    fn each_rule_closes_in_order_and_all_met_opens() {
        let cart = |now: &str, segments: &str, coupons: &str| {
            format!(
                r#"{{ "lines": [], "now": "{now}", "customer": {{ "segments": [{segments}] }}, "coupons": [{coupons}] }}"#
            )
        };
        let inside = "2026-11-11T10:00:00+08:00";
        assert_eq!(check(&cart(inside, r#""member""#, r#""WELCOME""#)), None);
        // The schedule is checked before who is shopping; `ends_at` is exclusive.
        assert_eq!(
            check(&cart("2026-11-10T23:59:59+08:00", "", "")),
            Some(Closed::NotStarted)
        );
        assert_eq!(
            check(&cart("2026-11-11T16:00:00Z", r#""member""#, r#""WELCOME""#)),
            Some(Closed::Ended)
        );
        assert_eq!(
            check(&cart("2026-11-11T15:59:59Z", r#""member""#, r#""WELCOME""#)),
            None
        );
        // Then the segment, then the coupon.
        assert_eq!(check(&cart(inside, r#""new""#, "")), Some(Closed::Segment));
        assert_eq!(
            check(&cart(inside, r#""member""#, r#""OTHER""#)),
            Some(Closed::CouponMissing)
        );
    }

    #[test]
    fn a_promotion_not_offered_in_the_market_is_closed_first() {
        let config = Config::from_json(CONFIG).unwrap();
        let mut promotion = config.promotions[0].clone();
        promotion.offered = false;
        let cart = Cart::from_json(r#"{ "lines": [] }"#, &config).unwrap();
        assert_eq!(closed(&promotion, &cart, &[], 0), Some(Closed::Market));
        assert_eq!(Closed::Market.reason(), "market");
        assert_eq!(Closed::CouponMissing.reason(), "coupon_missing");
    }
}
