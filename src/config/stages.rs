//! Journey stages by rules: segments the config derives from the customer's facts (orders so far,
//! days since the last order, lifetime spend), so the host passes facts instead of computed labels.
//! A promotion's `segments` match a stage's segment as they match one the cart names.

use rust_decimal::Decimal;

use super::document::StageDoc;
use crate::error::{Error, JsonPath};
use crate::money::{parse_amount, Currency};
use crate::time::Millis;

/// A day in milliseconds.
const DAY: Millis = 86_400_000;

/// One rule: the customer is in `segment` when every bound given holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    /// The segment the rule puts the customer in.
    pub segment: String,
    /// Orders placed before this one, at least and at most.
    pub orders: (Option<u64>, Option<u64>),
    /// Whole days since the last order, at least and at most (only with a last order).
    pub days_since_last_order: (Option<u64>, Option<u64>),
    /// Lifetime spend in the config's currency, at least and at most (none given counts as 0).
    pub lifetime_spend: (Option<Decimal>, Option<Decimal>),
}

fn within<T: PartialOrd>(value: T, (min, max): (Option<T>, Option<T>)) -> bool {
    min.is_none_or(|m| value >= m) && max.is_none_or(|m| value <= m)
}

impl Stage {
    /// Whether facts put the customer in this stage at `now`.
    pub fn matches(
        &self,
        orders: u64,
        last_order_at: Option<Millis>,
        lifetime_spend: Option<Decimal>,
        now: Millis,
    ) -> bool {
        let days = |at: Millis| u64::try_from(now.saturating_sub(at) / DAY).unwrap_or(0);
        let days_ok = match (self.days_since_last_order, last_order_at) {
            ((None, None), _) => true,
            (bounds, Some(at)) => within(days(at), bounds),
            (_, None) => false,
        };
        within(orders, self.orders)
            && days_ok
            && within(lifetime_spend.unwrap_or(Decimal::ZERO), self.lifetime_spend)
    }
}

/// Validates the config's `stages`, recording every error with its path.
pub(crate) fn validate_stages(
    docs: Vec<StageDoc>,
    currency: Currency,
    path: &JsonPath,
    errors: &mut Vec<Error>,
) -> Vec<Stage> {
    let mut out = Vec::with_capacity(docs.len());
    for doc in docs {
        let path = path.index(doc.index);
        let before = errors.len();
        let mut count = |key: &str, value: &Option<crate::document::Count>| {
            value.as_ref().and_then(|c| {
                super::parse_count(c, 1 << 53, &path.key(key))
                    .map_err(|e| errors.push(e))
                    .ok()
            })
        };
        let orders = (
            count("min_orders", &doc.min_orders),
            count("max_orders", &doc.max_orders),
        );
        let days = (
            count("min_days_since_last_order", &doc.min_days_since_last_order),
            count("max_days_since_last_order", &doc.max_days_since_last_order),
        );
        let mut amount = |key: &str, value: &Option<crate::document::Amount>| {
            value.as_ref().and_then(|a| {
                parse_amount(&a.0, currency, &path.key(key))
                    .map_err(|e| errors.push(e))
                    .ok()
            })
        };
        let spend = (
            amount("min_lifetime_spend", &doc.min_lifetime_spend),
            amount("max_lifetime_spend", &doc.max_lifetime_spend),
        );
        if doc.segment.is_empty() {
            errors.push(Error::invalid(&path.key("segment"), "a stage names its segment"));
        }
        let given = [
            doc.min_orders.is_some(),
            doc.max_orders.is_some(),
            doc.min_days_since_last_order.is_some(),
            doc.max_days_since_last_order.is_some(),
            doc.min_lifetime_spend.is_some(),
            doc.max_lifetime_spend.is_some(),
        ];
        if !given.contains(&true) {
            errors.push(Error::invalid(
                &path,
                "a stage needs at least one rule: min_orders, max_orders, min_days_since_last_order, max_days_since_last_order, min_lifetime_spend or max_lifetime_spend",
            ));
        }
        let ordered = |key: &str, min: bool| {
            if !min {
                errors.push(Error::invalid(
                    &path.key(key),
                    "the minimum is above the maximum: no customer is in this stage",
                ));
            }
        };
        let mut ordered = ordered;
        if let (Some(a), Some(b)) = orders {
            ordered("max_orders", a <= b);
        }
        if let (Some(a), Some(b)) = days {
            ordered("max_days_since_last_order", a <= b);
        }
        if let (Some(a), Some(b)) = spend {
            ordered("max_lifetime_spend", a <= b);
        }
        if errors.len() == before {
            out.push(Stage {
                segment: doc.segment,
                orders,
                days_since_last_order: days,
                lifetime_spend: spend,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_count_whole_days_to_the_millisecond() {
        let dormant = Stage {
            segment: "dormant".into(),
            orders: (None, None),
            days_since_last_order: (Some(90), None),
            lifetime_spend: (None, None),
        };
        let now = 1_790_000_000_000;
        assert!(dormant.matches(3, Some(now - 90 * DAY), None, now));
        assert!(!dormant.matches(3, Some(now - 90 * DAY + 1), None, now));
        // Never ordered: no last order, not dormant.
        assert!(!dormant.matches(0, None, None, now));
        // A last order after `now` (a clock off): 0 days.
        assert!(!dormant.matches(3, Some(now + DAY), None, now));
        let new = Stage {
            segment: "new".into(),
            orders: (None, Some(0)),
            days_since_last_order: (None, None),
            lifetime_spend: (None, None),
        };
        assert!(new.matches(0, None, None, now) && !new.matches(1, None, None, now));
        let vip = Stage {
            segment: "vip".into(),
            orders: (None, None),
            days_since_last_order: (None, None),
            lifetime_spend: (Some(Decimal::new(5000, 0)), None),
        };
        assert!(vip.matches(9, None, Some(Decimal::new(500000, 2)), now));
        assert!(!vip.matches(9, None, Some(Decimal::new(499999, 2)), now));
        assert!(!vip.matches(9, None, None, now));
    }
}
