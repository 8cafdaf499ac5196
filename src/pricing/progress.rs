//! Progress: for each promotion, the tier reached and what the next one needs. `remaining` is exact
//! both ways: adding it reaches the tier and one minor unit less does not, also where the threshold
//! is measured after discounts (found by search, not by subtraction). In full quotes, `explain` says
//! how each promotion was measured, line by line.

use rust_decimal::Decimal;

use std::sync::Arc;

use super::evaluate::{best_outcome, buy_get_times, tier_available, Outcome};
use crate::config::{Basis, Promotion, Reward};
use crate::money::{from_minor, to_minor, Measure};
use crate::money::{Money, MAX_INTEGER_DIGITS};
use crate::quote::{ConditionGap, Explain, GroupSwitch, Next, Progress, Unlocks};

use super::engine::{Engine, Priced};

/// The most rounds of the search for an exact `remaining` on a discounted basis.
const MAX_REMAINING_ROUNDS: usize = 64;

/// The most units the search for a buy X get Y's next application adds, where an earlier buy X
/// get Y competes for the same units (beyond it, no `next` is promised).
const MAX_BUY_GET_PROBES: u64 = 64;

impl Engine {
    /// The progress of promotion `p` towards its next tier.
    /// `skus` are the cart lines' SKUs (shared by every `explain`); `contested` says whether a group
    /// has two eligible members, the only way reaching a tier can switch winners.
    #[cfg_attr(nexttier_speed, optimize(speed))]
    pub(super) fn progress(
        &self,
        priced: &Priced,
        p: usize,
        skus: Option<&[Arc<str>]>,
        contested: bool,
    ) -> Progress {
        let config = &self.config;
        let currency = config.currency;
        let promotion = &config.promotions[p];
        let measured = priced.outcome.measured[p].unwrap_or(Measure::Amount(Decimal::ZERO));
        let tier = priced.outcome.reached[p];
        let (unit, measured_out) = match measured {
            Measure::Amount(a) => ("amount", Measure::Amount(currency.money(a))),
            Measure::Units(u) => ("quantity", Measure::Units(u)),
        };
        let mut next = self.next_tier(priced, p, promotion, measured, tier);
        if let (Some(next), true) = (&mut next, contested) {
            self.flag_group_effects(priced, p, next);
        }
        Progress {
            promotion: promotion.id.clone(),
            kind: promotion.kind.as_str(),
            unit,
            explain: match (measured, skus) {
                (Measure::Amount(a), Some(skus)) => self.explain(priced, p, currency.money(a).minor(), skus),
                _ => Vec::new(),
            },
            measured: measured_out,
            tier,
            next,
            ends_at: promotion.ends_at,
            condition: self.condition_gaps(priced, p),
        }
    }

    /// What promotion `p`'s condition lacks: per part not met, what its scope holds, needs, and
    /// lacks (spend at list price, so adding exactly that much meets it).
    #[inline(never)]
    pub(super) fn condition_gaps(&self, priced: &Priced, p: usize) -> Vec<ConditionGap> {
        let config = &self.config;
        let Some(condition) = config.promotions[p].condition.as_deref() else {
            return Vec::new();
        };
        let digits = config.currency.minor_digits;
        let (units, spend) = priced.basket.condition_measure(p);
        let mut gaps = Vec::new();
        if let Some(least) = condition.units.filter(|&least| units < least) {
            gaps.push(ConditionGap {
                unit: "quantity",
                measured: Measure::Units(units),
                threshold: Measure::Units(least),
                remaining: Measure::Units(least - units),
            });
        }
        if let Some(least) = condition.amount {
            let least = to_minor(least, digits);
            if spend < least {
                let money = |minor: u128| Money::from_minor(minor as i128, digits);
                gaps.push(ConditionGap {
                    unit: "amount",
                    measured: Measure::Amount(money(spend)),
                    threshold: Measure::Amount(money(least)),
                    remaining: Measure::Amount(money(least - spend)),
                });
            }
        }
        gaps
    }

    fn next_tier(
        &self,
        priced: &Priced,
        p: usize,
        promotion: &Promotion,
        measured: Measure,
        tier: Option<usize>,
    ) -> Option<Next> {
        let config = &self.config;
        let currency = config.currency;
        let first = promotion.tiers.first()?;
        if let Reward::BuyGet {
            buy,
            get,
            percent,
            price,
        } = &first.reward
        {
            return self.next_buy_get(priced, p, promotion, (*buy, *get, *percent, *price));
        }
        // "N for a price": the next whole bundle, until `limit` bundles.
        if let Reward::Bundle { quantity, price } = &first.reward {
            let Measure::Units(units) = measured else {
                return None;
            };
            let times = units / quantity;
            if promotion.limit.is_some_and(|limit| times >= limit) {
                return None;
            }
            let threshold = (times + 1) * quantity;
            return Some(Next {
                tier: 0,
                threshold: Measure::Units(threshold),
                remaining: Measure::Units(threshold - units),
                unlocks: Unlocks {
                    units: Some(*quantity),
                    bundle_price: Some(currency.money(*price)),
                    ..Unlocks::default()
                },
                applies: None,
                loses: Vec::new(),
                switches_group: None,
            });
        }
        // "Every X save Y": the next multiple of X, until max_off is reached.
        if let Reward::Every { every, off, max_off } = &first.reward {
            let Measure::Amount(m) = measured else {
                return None;
            };
            let digits = currency.minor_digits;
            let steps = Decimal::from(to_minor(m, digits) / to_minor(*every, digits).max(1));
            let now_off = steps * *off;
            if max_off.is_some_and(|max| now_off >= max) {
                return None;
            }
            let threshold = (steps + Decimal::ONE) * *every;
            let next_off = match max_off {
                Some(max) => ((steps + Decimal::ONE) * *off).min(*max),
                None => (steps + Decimal::ONE) * *off,
            };
            let remaining = self.remaining_amount(priced, p, promotion, threshold, m)?;
            return Some(Next {
                tier: 0,
                threshold: Measure::Amount(currency.money(threshold)),
                remaining: Measure::Amount(currency.money(remaining)),
                unlocks: Unlocks {
                    off: Some(currency.money(next_off)),
                    saving: Some(currency.money(next_off)),
                    ..Unlocks::default()
                },
                applies: None,
                loses: Vec::new(),
                switches_group: None,
            });
        }
        let start = tier.map_or(0, |t| t + 1);
        let (index, next) = promotion
            .tiers
            .iter()
            .enumerate()
            .skip(start)
            .find(|(_, t)| tier_available(config, &priced.basket.gifts_held, &t.reward))?;
        let (threshold, remaining) = match (next.threshold, measured) {
            (Measure::Units(t), Measure::Units(u)) => {
                (Measure::Units(t), Measure::Units(t.saturating_sub(u)))
            }
            (Measure::Amount(t), Measure::Amount(m)) => {
                let remaining = self.remaining_amount(priced, p, promotion, t, m)?;
                (
                    Measure::Amount(currency.money(t)),
                    Measure::Amount(currency.money(remaining)),
                )
            }
            _ => return None,
        };
        let unlocks = match &next.reward {
            Reward::FreeShipping => Unlocks {
                free_shipping: true,
                saving: Some(currency.money(priced.basket.shipping_fee)),
                ..Unlocks::default()
            },
            Reward::AmountOffEach(off) => Unlocks {
                off_each: Some(currency.money(*off)),
                ..Unlocks::default()
            },
            Reward::UnitPrice(price) => Unlocks {
                unit_price: Some(currency.money(*price)),
                ..Unlocks::default()
            },
            Reward::ShippingOff { off, percent } => Unlocks {
                shipping_off: off.map(|o| currency.money(o)),
                shipping_percent: percent.map(|p| p.normalize().to_string()),
                // An amount off is worth at most the fee.
                saving: off.map(|o| currency.money(o.min(priced.basket.shipping_fee))),
                ..Unlocks::default()
            },
            Reward::AmountOff(off) => Unlocks {
                off: Some(currency.money(*off)),
                saving: Some(currency.money(*off)),
                ..Unlocks::default()
            },
            Reward::PercentOff { percent, max_off } => Unlocks {
                percent: Some(percent.normalize().to_string()),
                max_off: max_off.map(|m| currency.money(m)),
                ..Unlocks::default()
            },
            Reward::Gift(gift) => {
                let basket = &priced.basket;
                Unlocks {
                    gift: super::evaluate::gift_given(config, basket, p, gift).map(str::to_owned),
                    gift_choices: match gift.is_choice() {
                        true => gift
                            .options
                            .iter()
                            .filter(|sku| {
                                super::evaluate::gift_in_stock(config, &basket.gifts_held, sku, gift.quantity)
                            })
                            .cloned()
                            .collect(),
                        false => Vec::new(),
                    },
                    gift_quantity: (gift.quantity > 1).then_some(gift.quantity),
                    gift_price: (!gift.price.is_zero()).then(|| currency.money(gift.price)),
                    ..Unlocks::default()
                }
            }
            Reward::Every { .. } | Reward::BuyGet { .. } | Reward::Bundle { .. } => Unlocks::default(),
        };
        Some(Next {
            tier: index,
            threshold,
            remaining,
            unlocks,
            applies: None,
            loses: Vec::new(),
            switches_group: None,
        })
    }

    /// Buy X get Y: the fewest more units that make the offer apply once more.
    fn next_buy_get(
        &self,
        priced: &Priced,
        p: usize,
        promotion: &Promotion,
        (buy, get, percent, price): (u64, u64, Decimal, Option<Decimal>),
    ) -> Option<Next> {
        let (buy_only, get_only, both) = priced.basket.buy_get_units(p);
        let times = priced.outcome.times[p];
        if promotion.limit.is_some_and(|limit| times >= limit) {
            return None;
        }
        let unlocks = Unlocks {
            percent: price.is_none().then(|| percent.normalize().to_string()),
            price: price.map(|p| self.config.currency.money(p)),
            units: Some(get),
            ..Unlocks::default()
        };
        let measured = buy_only + get_only + both;
        // Added units may count on either side when the scopes share anything: a line of the cart,
        // or (known from the config) the representative item or a catalog item.
        let overlapping = both > 0 || promotion.scopes_overlap;
        let (need_buy, need_get) = ((times + 1) * buy, (times + 1) * get);
        let remaining = if self.buy_get_before(priced, p) {
            // An earlier buy X get Y may take added units first: search, adding the cheapest units.
            self.next_buy_get_searched(priced, p, times)?
        } else if overlapping {
            // Added units can be bought or discounted: the least number that allows one more.
            let (mut low, mut high) = (0u64, (times + 1) * (buy + get));
            while high - low > 1 {
                let middle = low + (high - low) / 2;
                if buy_get_times(buy, get, (buy_only, get_only, both + middle), None) > times {
                    high = middle;
                } else {
                    low = middle;
                }
            }
            high
        } else {
            // Disjoint scopes: what each side lacks, less what the shared units can make up.
            (need_get.saturating_sub(get_only) + need_buy.saturating_sub(buy_only)).saturating_sub(both)
        };
        Some(Next {
            tier: 0,
            threshold: Measure::Units(measured + remaining),
            remaining: Measure::Units(remaining),
            unlocks,
            applies: None,
            loses: Vec::new(),
            switches_group: None,
        })
    }

    /// Whether a buy X get Y comes before promotion `p` in the application order (it may use up
    /// units `p` would count).
    fn buy_get_before(&self, priced: &Priced, p: usize) -> bool {
        let is_buy_get = |q: usize| {
            matches!(
                self.config.promotions[q].tiers.first().map(|t| &t.reward),
                Some(Reward::BuyGet { .. })
            )
        };
        priced
            .order
            .iter()
            .take_while(|&&q| q != p)
            .any(|&q| is_buy_get(q))
    }

    /// The fewest units of the scope's representative item, each at one minor unit, that make buy
    /// X get Y `p` apply more than `times` times, by trying each count up to
    /// [`MAX_BUY_GET_PROBES`] (an earlier buy X get Y taking units makes the count not monotone).
    fn next_buy_get_searched(&self, priced: &Priced, p: usize, times: u64) -> Option<u64> {
        let probe = self.config.promotions[p].scope.probe();
        let price = self.config.currency.money(self.config.currency.minor_unit());
        let mut basket = priced.basket.clone();
        (1..=MAX_BUY_GET_PROBES)
            .take_while(|_| !super::budget::spent())
            .find(|&units| {
                basket.push(
                    &self.config,
                    probe.item(),
                    price,
                    units,
                    priced.basket.default_rate,
                );
                let outcome = best_outcome(&self.config, &basket, &priced.order);
                basket.pop();
                outcome.times[p] > times
            })
    }

    /// In-scope spend still needed to measure `threshold`, from `measured` now.
    fn remaining_amount(
        &self,
        priced: &Priced,
        p: usize,
        promotion: &Promotion,
        threshold: Decimal,
        measured: Decimal,
    ) -> Option<Decimal> {
        if measured >= threshold {
            return Some(Decimal::ZERO);
        }
        let converts = priced.basket.converts(promotion) && !priced.basket.default_rate.is_zero();
        match promotion.basis {
            // On list prices, every unit of in-scope spend counts in full.
            Basis::Original if !converts => Some(threshold - measured),
            // Tax added or removed per line, or earlier discounts: search.
            _ => self.remaining_discounted(priced, p, threshold, measured),
        }
    }

    /// The in-scope spend that makes promotion `p` measure at least `threshold` when its threshold
    /// is measured after earlier discounts (which added goods can themselves grow): adding exactly
    /// the answer reaches it, one minor unit less does not.
    ///
    /// While earlier discounts only grow with spend, each round's shortfall is a lower bound on what
    /// is still missing, so stepping up by it lands on the least amount that works. Where a group
    /// switching winners makes the measure jump, the step can overshoot; a bisection between the
    /// last amount that fell short and the first that reached then finds the exact edge.
    fn remaining_discounted(
        &self,
        priced: &Priced,
        p: usize,
        threshold: Decimal,
        measured: Decimal,
    ) -> Option<Decimal> {
        let promotion = &self.config.promotions[p];
        let probe = promotion.scope.probe();
        let item = probe.item();
        let limit = Decimal::from(10u64.pow(MAX_INTEGER_DIGITS as u32));
        let unit = self.config.currency.minor_unit();
        let mut basket = priced.basket.clone();
        let mut measure_with = |added: Decimal| -> Option<Decimal> {
            basket.push(
                &self.config,
                item,
                self.config.currency.money(added),
                1,
                priced.basket.default_rate,
            );
            let outcome = best_outcome(&self.config, &basket, &priced.order);
            basket.pop();
            match outcome.measured[p] {
                Some(Measure::Amount(m)) => Some(m),
                _ => None,
            }
        };
        let mut short = Decimal::ZERO;
        let mut added = threshold - measured;
        for _ in 0..MAX_REMAINING_ROUNDS {
            if added >= limit || super::budget::spent() {
                return None;
            }
            let now = measure_with(added)?;
            if now < threshold {
                short = added;
                added += threshold - now;
                continue;
            }
            // `added` reaches. Make sure one minor unit less does not; otherwise bisect for the edge.
            if added - unit <= short || measure_with(added - unit)? < threshold {
                return Some(added);
            }
            let (mut low, mut high) = (short, added);
            while high - low > unit && !super::budget::spent() {
                // Halfway, in whole minor units (integers: no decimal division).
                let digits = self.config.currency.minor_digits;
                let half = (to_minor(high, digits) - to_minor(low, digits)) / 2;
                let middle = low + from_minor(half, digits);
                if measure_with(middle)? >= threshold {
                    high = middle;
                } else {
                    low = middle;
                }
            }
            return Some(high);
        }
        None
    }

    /// Where reaching `next` would make a group switch winners, flags it: whether the promotion
    /// would then apply, which applied promotions the shopper would lose, and the switch itself.
    fn flag_group_effects(&self, priced: &Priced, p: usize, next: &mut Next) {
        let config = &self.config;
        let grouped = |q: usize| config.promotions[q].group.as_deref();
        let promotion = &config.promotions[p];
        let probe = promotion.scope.probe();
        let item = probe.item();
        let mut basket = priced.basket.clone();
        match next.remaining {
            Measure::Amount(amount) => basket.push(config, item, amount, 1, basket.default_rate),
            Measure::Units(units) => basket.push(
                config,
                item,
                Money::from_minor(1, config.currency.minor_digits),
                units,
                basket.default_rate,
            ),
        }
        let after = best_outcome(&self.config, &basket, &priced.order);
        let applied = |outcome: &Outcome, q: usize| outcome.applied.iter().any(|a| a.promotion == q);
        if after.reached[p].is_some_and(|t| t >= next.tier) && !applied(&after, p) {
            next.applies = Some(false);
        }
        next.loses = priced
            .outcome
            .applied
            .iter()
            .filter(|a| a.promotion != p && !applied(&after, a.promotion))
            .map(|a| config.promotions[a.promotion].id.clone())
            .collect();
        if let Some(group) = grouped(p) {
            let winner = |outcome: &Outcome| {
                outcome
                    .applied
                    .iter()
                    .find(|a| grouped(a.promotion) == Some(group))
                    .map(|a| config.promotions[a.promotion].id.clone())
            };
            let (from, to) = (winner(&priced.outcome), winner(&after));
            if from != to {
                next.switches_group = Some(GroupSwitch {
                    group: group.to_owned(),
                    from,
                    to,
                });
            }
        }
    }

    /// Why promotion `p` measures `measured` (minor units) rather than the cart's subtotal: the lines
    /// outside its scope, the discounts taken before it measured (discounted basis), and tax.
    fn explain(&self, priced: &Priced, p: usize, measured: i128, skus: &[Arc<str>]) -> Vec<Explain> {
        let config = &self.config;
        let digits = config.currency.minor_digits;
        let promotion = &config.promotions[p];
        let basket = &priced.basket;
        let mut out = Vec::new();
        let mut excluded: i128 = 0;
        let mut excluded_lines = Vec::new();
        let mut in_scope: i128 = 0;
        for (i, line) in basket.lines.iter().enumerate() {
            if basket.covers(i, p) {
                in_scope += line.list as i128;
            } else {
                excluded += line.list as i128;
                excluded_lines.push(skus[i].clone());
            }
        }
        if excluded > 0 {
            out.push(Explain {
                cause: "excluded_lines",
                amount: Money::from_minor(-excluded, digits),
                lines: excluded_lines,
                promotions: Vec::new(),
            });
        }
        let mut earlier: i128 = 0;
        let mut earlier_ids: Vec<Arc<str>> = Vec::new();
        if promotion.basis == Basis::Discounted {
            // Each promotion's place in the application order, looked up once.
            let mut rank = vec![usize::MAX; config.promotions.len()];
            for (at, &q) in priced.order.iter().enumerate() {
                rank[q] = at;
            }
            let position = |q: usize| rank[q];
            let mine = position(p);
            for (i, shares) in priced.outcome.line_shares.iter().enumerate() {
                if !basket.covers(i, p) {
                    continue;
                }
                for &(q, amount) in shares {
                    if position(q) < mine {
                        earlier += amount as i128;
                        let id = &config.promotions[q].id;
                        if !earlier_ids.contains(id) {
                            earlier_ids.push(id.clone());
                        }
                    }
                }
            }
            if earlier > 0 {
                out.push(Explain {
                    cause: "earlier_discounts",
                    amount: Money::from_minor(-earlier, digits),
                    lines: Vec::new(),
                    promotions: earlier_ids,
                });
            }
        }
        let tax = measured - (in_scope - earlier);
        if tax != 0 {
            out.push(Explain {
                cause: "tax",
                amount: Money::from_minor(tax, digits),
                lines: Vec::new(),
                promotions: Vec::new(),
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::cart::Cart;
    use crate::money::Measure;
    use crate::pricing::engine::Engine;

    /// Free shipping from 99 measured after discounts, and 10 off from 99 (the discounted-basis vector).
    const AFTER_DISCOUNTS: &str = r#"{ "currency": "CNY", "shipping": { "fee": "10" }, "promotions": [
        { "id": "ten-off", "kind": "amount_off", "tiers": [ { "min_subtotal": "99", "off": "10" } ] },
        { "id": "free-ship", "kind": "free_shipping", "basis": "discounted", "tiers": [ { "min_subtotal": "99" } ] } ] }"#;

    fn remaining(engine: &Engine, price: &str, p: usize) -> Option<String> {
        let cart = format!(r#"{{ "lines": [ {{ "sku": "mop", "price": "{price}", "quantity": 1 }} ] }}"#);
        let cart = Cart::from_json(&cart, engine.config()).unwrap();
        let priced = engine.price(&cart, 0).unwrap();
        engine
            .progress(&priced, p, None, false)
            .next
            .map(|next| match next.remaining {
                Measure::Amount(m) => m.to_string(),
                Measure::Units(u) => format!("{u} units"),
            })
    }

    #[test]
    fn remaining_on_list_price_is_the_difference() {
        let engine = Engine::from_json(AFTER_DISCOUNTS).unwrap();
        assert_eq!(remaining(&engine, "92", 0).as_deref(), Some("7.00"));
        assert_eq!(remaining(&engine, "98.99", 0).as_deref(), Some("0.01"));
        assert_eq!(remaining(&engine, "99", 0), None, "reached, and no tier after it");
    }

    #[test]
    fn remaining_after_discounts_is_searched_not_subtracted() {
        let engine = Engine::from_json(AFTER_DISCOUNTS).unwrap();
        // At 92, adding 7 reaches 99 list, which takes 10 off: 89 after discounts. The least that
        // works is 17 (109 − 10 = 99); 16.99 gives 98.99.
        assert_eq!(remaining(&engine, "92", 1).as_deref(), Some("17.00"));
        assert_eq!(remaining(&engine, "108.99", 1).as_deref(), Some("0.01"));
        assert_eq!(remaining(&engine, "109", 1), None);
        // From 50 too: adding 49 reaches the 10 off as well, so the least list total is 109 again.
        assert_eq!(remaining(&engine, "50", 1).as_deref(), Some("59.00"));
    }

    #[test]
    fn remaining_in_units_for_a_quantity_tier() {
        let engine = Engine::from_json(
            r#"{ "currency": "CNY", "promotions": [ { "id": "three", "kind": "percent_off",
                 "tiers": [ { "min_quantity": 3, "percent": "10" } ] } ] }"#,
        )
        .unwrap();
        let cart = r#"{ "lines": [ { "sku": "a", "price": "5", "quantity": 1 } ] }"#;
        let cart = Cart::from_json(cart, engine.config()).unwrap();
        let priced = engine.price(&cart, 0).unwrap();
        let progress = engine.progress(&priced, 0, None, false);
        assert_eq!(progress.unit, "quantity");
        assert_eq!(progress.next.unwrap().remaining, Measure::Units(2));
    }
}
