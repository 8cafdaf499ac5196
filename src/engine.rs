//! The engine: a validated config, ready to quote carts.

use rust_decimal::Decimal;

use crate::cart::Cart;
use crate::config::{Basis, Config, Promotion, Reward, Threshold};
use crate::error::{Error, Errors, JsonPath};
use crate::evaluate::{application_order, evaluate, tier_available, Basket, Measured, Outcome};
use crate::money::{Money, MAX_INTEGER_DIGITS};
use crate::quote::{Applied, Gift, Next, Progress, Quantity, Quote, QuoteLine, Share, Unlocks};
use crate::scope::ItemRef;
use crate::time::Millis;

/// Exhaustive search over group winners is used up to this many combinations; greedy beyond.
const MAX_GROUP_COMBINATIONS: usize = 64;

/// The most rounds of the search for an exact `remaining` on a discounted basis.
const MAX_REMAINING_ROUNDS: usize = 64;

/// A validated config, ready to quote carts.
#[derive(Debug, Clone)]
pub struct Engine {
    config: Config,
}

/// A cart priced under the config: the pieces suggestions and progress reuse.
#[derive(Debug, Clone)]
pub(crate) struct Priced {
    pub(crate) basket: Basket,
    pub(crate) order: Vec<usize>,
    pub(crate) outcome: Outcome,
}

impl Engine {
    /// An engine for a validated config.
    pub fn new(config: Config) -> Self {
        Engine { config }
    }

    /// Parses and validates a config, reporting every error.
    pub fn from_json(text: &str) -> Result<Self, Errors> {
        Config::from_json(text).map(Engine::new)
    }

    /// The config.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Quotes a cart given as JSON; `clock` is the current time, used when the cart has no `now`.
    pub fn quote_json(&self, cart: &str, clock: Millis) -> Result<Quote, Errors> {
        let cart = Cart::from_json(cart, &self.config)?;
        self.quote(&cart, clock)
    }

    /// Quotes a validated cart; `clock` is used when the cart has no `now`.
    pub fn quote(&self, cart: &Cart, clock: Millis) -> Result<Quote, Errors> {
        let priced = self.price(cart, clock)?;
        Ok(self.render(cart, &priced))
    }

    /// The promotions the customer can receive now: schedule, segment and coupon allow them.
    pub(crate) fn eligible(&self, cart: &Cart, clock: Millis) -> Vec<usize> {
        let now = cart.now.unwrap_or(clock);
        self.config
            .promotions
            .iter()
            .enumerate()
            .filter(|(_, p)| is_eligible(p, cart, now))
            .map(|(i, _)| i)
            .collect()
    }

    /// Builds the basket of a cart.
    pub(crate) fn basket(&self, cart: &Cart) -> Result<Basket, Errors> {
        let mut basket = Basket::new(&self.config, cart.lines.len() + 1);
        for line in &cart.lines {
            basket.push(&self.config, line.item(), line.price, line.quantity);
        }
        let limit = 10u128.pow(MAX_INTEGER_DIGITS as u32 + self.config.currency.minor_digits);
        if basket.subtotal_minor() >= limit {
            return Err(Error::Overflow {
                path: JsonPath::root().key("lines"),
            }
            .into());
        }
        Ok(basket)
    }

    /// Prices a cart.
    pub(crate) fn price(&self, cart: &Cart, clock: Millis) -> Result<Priced, Errors> {
        let basket = self.basket(cart)?;
        let order = application_order(&self.config, &self.eligible(cart, clock));
        let outcome = self.best_outcome(&basket, &order);
        Ok(Priced {
            basket,
            order,
            outcome,
        })
    }

    /// Evaluates the basket, choosing in each group the member best for the customer.
    pub(crate) fn best_outcome(&self, basket: &Basket, order: &[usize]) -> Outcome {
        let config = &self.config;
        let mut active = vec![true; config.promotions.len()];
        let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
        let mut by_position: Vec<usize> = order.to_vec();
        crate::sort::sort_by(&mut by_position, Ord::cmp);
        for &p in &by_position {
            if let Some(name) = config.promotions[p].group.as_deref() {
                match groups.iter_mut().find(|(g, _)| *g == name) {
                    Some((_, members)) => members.push(p),
                    None => groups.push((name, vec![p])),
                }
            }
        }
        groups.retain(|(_, members)| members.len() > 1);
        if groups.is_empty() {
            return evaluate(config, basket, order, &active);
        }
        let set = |active: &mut Vec<bool>, choice: &[usize]| {
            for ((_, members), &pick) in groups.iter().zip(choice) {
                for (k, &m) in members.iter().enumerate() {
                    active[m] = k == pick;
                }
            }
        };
        let better = |a: &Outcome, b: &Outcome| {
            a.total < b.total || (a.total == b.total && a.gifts.len() > b.gifts.len())
        };
        let combinations = groups
            .iter()
            .try_fold(1usize, |acc, (_, m)| acc.checked_mul(m.len()))
            .unwrap_or(usize::MAX);
        let mut choice = vec![0usize; groups.len()];
        set(&mut active, &choice);
        let mut best = evaluate(config, basket, order, &active);
        if combinations <= MAX_GROUP_COMBINATIONS {
            // Odometer over every combination, first combination kept on ties.
            'all: loop {
                let mut g = 0;
                loop {
                    if g == groups.len() {
                        break 'all;
                    }
                    choice[g] += 1;
                    if choice[g] < groups[g].1.len() {
                        break;
                    }
                    choice[g] = 0;
                    g += 1;
                }
                set(&mut active, &choice);
                let candidate = evaluate(config, basket, order, &active);
                if better(&candidate, &best) {
                    best = candidate;
                }
            }
        } else {
            let mut best_choice = choice.clone();
            // Greedy: settle one group at a time, the others held at their best so far.
            for g in 0..groups.len() {
                for k in 1..groups[g].1.len() {
                    let mut trial = best_choice.clone();
                    trial[g] = k;
                    set(&mut active, &trial);
                    let candidate = evaluate(config, basket, order, &active);
                    if better(&candidate, &best) {
                        best = candidate;
                        best_choice = trial;
                    }
                }
            }
        }
        best
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
        let item = ItemRef {
            sku: &probe.sku,
            category: probe.category.as_deref(),
            tags: &probe.tags,
        };
        let limit = Decimal::from(10u64.pow(MAX_INTEGER_DIGITS as u32));
        let unit = self.config.currency.minor_unit();
        let mut basket = priced.basket.clone();
        let mut measure_with = |added: Decimal| -> Option<Decimal> {
            basket.push(&self.config, item, added, 1);
            let outcome = self.best_outcome(&basket, &priced.order);
            basket.pop();
            match outcome.measured[p] {
                Some(Measured::Amount(m)) => Some(m),
                _ => None,
            }
        };
        let mut short = Decimal::ZERO;
        let mut added = threshold - measured;
        for _ in 0..MAX_REMAINING_ROUNDS {
            if added >= limit {
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
            while high - low > unit {
                let steps = ((high - low) / unit / Decimal::TWO).floor();
                let middle = low + steps * unit;
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

    /// The progress of promotion `p` towards its next tier.
    fn progress(&self, priced: &Priced, p: usize) -> Progress {
        let config = &self.config;
        let currency = config.currency;
        let promotion = &config.promotions[p];
        let measured = priced.outcome.measured[p].unwrap_or(Measured::Amount(Decimal::ZERO));
        let tier = priced.outcome.reached[p];
        let (unit, measured_out) = match measured {
            Measured::Amount(a) => ("amount", Quantity::Amount(currency.money(a))),
            Measured::Units(u) => ("quantity", Quantity::Units(u)),
        };
        Progress {
            promotion: promotion.id.clone(),
            kind: promotion.kind.as_str().to_owned(),
            unit: unit.to_owned(),
            measured: measured_out,
            tier,
            next: self.next_tier(priced, p, promotion, measured, tier),
        }
    }

    fn next_tier(
        &self,
        priced: &Priced,
        p: usize,
        promotion: &Promotion,
        measured: Measured,
        tier: Option<usize>,
    ) -> Option<Next> {
        let config = &self.config;
        let currency = config.currency;
        let first = promotion.tiers.first()?;
        // "Every X save Y": the next multiple of X, until max_off is reached.
        if let Reward::Every { every, off, max_off } = &first.reward {
            let Measured::Amount(m) = measured else {
                return None;
            };
            let steps = (m / *every).floor();
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
                threshold: Quantity::Amount(currency.money(threshold)),
                remaining: Quantity::Amount(currency.money(remaining)),
                unlocks: Unlocks {
                    off: Some(currency.money(next_off)),
                    saving: Some(currency.money(next_off)),
                    ..Unlocks::default()
                },
            });
        }
        let start = tier.map_or(0, |t| t + 1);
        let (index, next) = promotion
            .tiers
            .iter()
            .enumerate()
            .skip(start)
            .find(|(_, t)| tier_available(config, &t.reward))?;
        let (threshold, remaining) = match (next.threshold, measured) {
            (Threshold::Quantity(t), Measured::Units(u)) => {
                (Quantity::Units(t), Quantity::Units(t.saturating_sub(u)))
            }
            (Threshold::Subtotal(t), Measured::Amount(m)) => {
                let remaining = self.remaining_amount(priced, p, promotion, t, m)?;
                (
                    Quantity::Amount(currency.money(t)),
                    Quantity::Amount(currency.money(remaining)),
                )
            }
            _ => return None,
        };
        let unlocks = match &next.reward {
            Reward::FreeShipping => Unlocks {
                free_shipping: true,
                saving: Some(currency.money(config.shipping_fee)),
                ..Unlocks::default()
            },
            Reward::AmountOff(off) => Unlocks {
                off: Some(currency.money(*off)),
                saving: Some(currency.money(*off)),
                ..Unlocks::default()
            },
            Reward::PercentOff(percent) => Unlocks {
                percent: Some(percent.normalize().to_string()),
                ..Unlocks::default()
            },
            Reward::Gift(sku) => Unlocks {
                gift: Some(sku.clone()),
                ..Unlocks::default()
            },
            Reward::Every { .. } => Unlocks::default(),
        };
        Some(Next {
            tier: index,
            threshold,
            remaining,
            unlocks,
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
        match promotion.basis {
            // On list prices, every unit of in-scope spend counts in full.
            Basis::Original => Some(threshold - measured),
            Basis::Discounted => self.remaining_discounted(priced, p, threshold, measured),
        }
    }

    fn render(&self, cart: &Cart, priced: &Priced) -> Quote {
        let config = &self.config;
        let currency = config.currency;
        let outcome = &priced.outcome;
        let id = |p: usize| config.promotions[p].id.clone();
        let lines = cart
            .lines
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
            .collect();
        let applied = outcome
            .applied
            .iter()
            .map(|a| {
                let promotion = &config.promotions[a.promotion];
                Applied {
                    promotion: promotion.id.clone(),
                    kind: promotion.kind.as_str().to_owned(),
                    tier: a.tier,
                    amount: currency.money(a.amount),
                    label: promotion.label.clone(),
                }
            })
            .collect();
        let gifts = outcome
            .gifts
            .iter()
            .map(|(p, sku)| Gift {
                promotion: id(*p),
                sku: sku.clone(),
                name: config.catalog_item(sku).and_then(|item| item.name.clone()),
                quantity: 1,
            })
            .collect();
        let mut eligible = priced.order.clone();
        crate::sort::sort_by(&mut eligible, Ord::cmp);
        let progress = eligible.iter().map(|&p| self.progress(priced, p)).collect();
        Quote {
            currency: currency.code.to_owned(),
            subtotal: currency.money(outcome.subtotal),
            discount: currency.money(outcome.discount),
            shipping: currency.money(outcome.shipping),
            total: currency.money(outcome.total),
            lines,
            applied,
            gifts,
            progress,
        }
    }
}

fn is_eligible(promotion: &Promotion, cart: &Cart, now: Millis) -> bool {
    promotion.starts_at.is_none_or(|start| now >= start)
        && promotion.ends_at.is_none_or(|end| now < end)
        && (promotion.segments.is_empty() || promotion.segments.iter().any(|s| cart.segments.contains(s)))
        && promotion
            .coupon
            .as_ref()
            .is_none_or(|code| cart.coupons.contains(code))
}

/// The current time from the system clock (native builds; the wasm bindings pass the browser's).
#[cfg(not(target_arch = "wasm32"))]
pub fn system_now() -> Millis {
    use std::time::{SystemTime, UNIX_EPOCH};
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
        Err(_) => 0,
    }
}
