//! The engine: a validated config, ready to quote carts.

use rust_decimal::Decimal;

use crate::cart::Cart;
use std::sync::Arc;

use crate::allocate::{from_minor, to_minor};
use crate::config::{Basis, Config, Kind, Promotion, Reward, Threshold};
use crate::error::{Error, Errors, JsonPath};
use crate::evaluate::{
    application_order, buy_get_times, evaluate, tier_available, Basket, Measured, Outcome,
};
use crate::money::{Money, MAX_INTEGER_DIGITS};
use crate::quote::{
    Applied, Detail, Explain, Gift, GroupSwitch, Next, Progress, Quantity, Quote, QuoteLine, Share, Skipped,
    Unlocks,
};
use crate::time::Millis;

/// Exhaustive search over group winners is used up to this many combinations; greedy beyond.
const MAX_GROUP_COMBINATIONS: usize = 64;

/// The most rounds of the search for an exact `remaining` on a discounted basis.
const MAX_REMAINING_ROUNDS: usize = 64;

/// A validated config, ready to quote carts.
#[derive(Debug, Clone)]
pub struct Engine {
    config: Arc<Config>,
    /// One engine per market, for carts in its currency (sharing the market configs the config holds).
    markets: Vec<Engine>,
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
        Engine::shared(Arc::new(config))
    }

    fn shared(config: Arc<Config>) -> Self {
        let markets = config.markets.iter().cloned().map(Engine::shared).collect();
        Engine { config, markets }
    }

    /// The engine for a cart's currency: this one, or its market's.
    pub fn for_cart(&self, cart: &Cart) -> &Engine {
        match cart.currency {
            Some(code) if code != self.config.currency.code => self
                .markets
                .iter()
                .find(|m| m.config.currency.code == code)
                .unwrap_or(self),
            _ => self,
        }
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
        self.quote_json_with(cart, clock, Detail::Full)
    }

    /// Quotes a cart given as JSON, saying as much as `detail` asks.
    pub fn quote_json_with(&self, cart: &str, clock: Millis, detail: Detail) -> Result<Quote, Errors> {
        let cart = Cart::from_json(cart, &self.config)?;
        self.quote_with(&cart, clock, detail)
    }

    /// Quotes a validated cart; `clock` is used when the cart has no `now`.
    pub fn quote(&self, cart: &Cart, clock: Millis) -> Result<Quote, Errors> {
        self.quote_with(cart, clock, Detail::Full)
    }

    /// Quotes a validated cart, saying as much as `detail` asks. A summary has the full quote's
    /// figures; it only leaves out (and never computes) the lines, `skipped` and `explain`.
    pub fn quote_with(&self, cart: &Cart, clock: Millis, detail: Detail) -> Result<Quote, Errors> {
        let engine = self.for_cart(cart);
        let priced = engine.price(cart, clock)?;
        Ok(engine.render(cart, &priced, cart.now.unwrap_or(clock), detail))
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
        basket.gross = cart.prices_include_tax;
        basket.default_rate = cart.tax_rate;
        for line in &cart.lines {
            basket.push(
                &self.config,
                line.item(),
                line.price,
                line.quantity,
                line.tax_rate,
            );
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
        let item = probe.item();
        let limit = Decimal::from(10u64.pow(MAX_INTEGER_DIGITS as u32));
        let unit = self.config.currency.minor_unit();
        let mut basket = priced.basket.clone();
        let mut measure_with = |added: Decimal| -> Option<Decimal> {
            basket.push(&self.config, item, added, 1, priced.basket.default_rate);
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

    /// The progress of promotion `p` towards its next tier.
    /// `skus` are the cart lines' SKUs (shared by every `explain`); `contested` says whether a group
    /// has two eligible members, the only way reaching a tier can switch winners.
    fn progress(&self, priced: &Priced, p: usize, skus: Option<&[Arc<str>]>, contested: bool) -> Progress {
        let config = &self.config;
        let currency = config.currency;
        let promotion = &config.promotions[p];
        let measured = priced.outcome.measured[p].unwrap_or(Measured::Amount(Decimal::ZERO));
        let tier = priced.outcome.reached[p];
        let (unit, measured_out) = match measured {
            Measured::Amount(a) => ("amount", Quantity::Amount(currency.money(a))),
            Measured::Units(u) => ("quantity", Quantity::Units(u)),
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
                (Measured::Amount(a), Some(skus)) => self.explain(priced, p, currency.money(a).minor(), skus),
                _ => Vec::new(),
            },
            measured: measured_out,
            tier,
            next,
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
            Quantity::Amount(amount) => {
                basket.push(config, item, amount.to_decimal(), 1, basket.default_rate)
            }
            Quantity::Units(units) => basket.push(
                config,
                item,
                config.currency.minor_unit(),
                units,
                basket.default_rate,
            ),
        }
        let after = self.best_outcome(&basket, &priced.order);
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

    /// Why each promotion that gave nothing gave nothing, in config order.
    fn skipped(&self, cart: &Cart, priced: &Priced, progress: &[Progress], now: Millis) -> Vec<Skipped> {
        let config = &self.config;
        let mut out = Vec::new();
        for (p, promotion) in config.promotions.iter().enumerate() {
            if priced.outcome.applied.iter().any(|a| a.promotion == p) {
                continue;
            }
            let mut winner = None;
            let (reason, message) = if !promotion.offered {
                (
                    "market",
                    format!("not offered for carts in {}", config.currency.code),
                )
            } else if promotion.starts_at.is_some_and(|start| now < start) {
                ("not_started", "has not started yet".to_owned())
            } else if promotion.ends_at.is_some_and(|end| now >= end) {
                ("ended", "has ended".to_owned())
            } else if !promotion.segments.is_empty()
                && !promotion.segments.iter().any(|s| cart.segments.contains(s))
            {
                (
                    "segment",
                    format!("only for customers in: {}", promotion.segments.join(", ")),
                )
            } else if promotion
                .coupon
                .as_ref()
                .is_some_and(|code| !cart.coupons.contains(code))
            {
                (
                    "coupon_missing",
                    "needs a coupon code the cart does not carry".to_owned(),
                )
            } else if !(0..priced.basket.lines.len()).any(|i| priced.basket.covers(i, p)) {
                ("out_of_scope", "no item in the cart is in its scope".to_owned())
            } else if priced.outcome.reached[p].is_none() {
                let next = progress
                    .iter()
                    .find(|g| g.promotion == promotion.id)
                    .and_then(|g| g.next.as_ref());
                let message = match next.map(|n| &n.remaining) {
                    Some(Quantity::Amount(m)) => {
                        format!("{m} {} more in-scope spend reaches it", config.currency.code)
                    }
                    Some(Quantity::Units(u)) => format!("{u} more in-scope units reach it"),
                    None => "below its first tier".to_owned(),
                };
                ("below_threshold", message)
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
        if let Reward::BuyGet { buy, get, percent } = &first.reward {
            return self.next_buy_get(priced, p, promotion, (*buy, *get, *percent));
        }
        // "Every X save Y": the next multiple of X, until max_off is reached.
        if let Reward::Every { every, off, max_off } = &first.reward {
            let Measured::Amount(m) = measured else {
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
                threshold: Quantity::Amount(currency.money(threshold)),
                remaining: Quantity::Amount(currency.money(remaining)),
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
            Reward::Every { .. } | Reward::BuyGet { .. } => Unlocks::default(),
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
        (buy, get, percent): (u64, u64, Decimal),
    ) -> Option<Next> {
        let (buy_only, get_only, both) = priced.basket.buy_get_units(p);
        let times = buy_get_times(buy, get, (buy_only, get_only, both), promotion.limit);
        if promotion.limit.is_some_and(|limit| times >= limit) {
            return None;
        }
        // Added units may count on either side when the scopes share anything: a line of the cart,
        // or (known from the config) the representative item or a catalog item.
        let overlapping = both > 0 || promotion.scopes_overlap;
        let (need_buy, need_get) = ((times + 1) * buy, (times + 1) * get);
        let remaining = if overlapping {
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
        let measured = buy_only + get_only + both;
        Some(Next {
            tier: 0,
            threshold: Quantity::Units(measured + remaining),
            remaining: Quantity::Units(remaining),
            unlocks: Unlocks {
                percent: Some(percent.normalize().to_string()),
                units: Some(get),
                ..Unlocks::default()
            },
            applies: None,
            loses: Vec::new(),
            switches_group: None,
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

    fn render(&self, cart: &Cart, priced: &Priced, now: Millis, detail: Detail) -> Quote {
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
                    amount: currency.money(a.amount),
                    label: promotion.label.clone(),
                    times: a.times,
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
        // The SKUs every `explain` shares, built once.
        let skus: Option<Vec<Arc<str>>> =
            full.then(|| cart.lines.iter().map(|l| Arc::from(l.sku.as_str())).collect());
        // Only a group with two eligible members can switch winners.
        let grouped = |q: usize| config.promotions[q].group.as_deref();
        let contested = priced.order.iter().any(|&a| {
            grouped(a).is_some() && priced.order.iter().any(|&b| b != a && grouped(b) == grouped(a))
        });
        let progress: Vec<Progress> = eligible
            .iter()
            .map(|&p| self.progress(priced, p, skus.as_deref(), contested))
            .collect();
        let skipped = if full {
            self.skipped(cart, priced, &progress, now)
        } else {
            Vec::new()
        };
        Quote {
            detail,
            currency: currency.code.to_owned(),
            subtotal: currency.money(outcome.subtotal),
            discount: currency.money(outcome.discount),
            shipping: currency.money(outcome.shipping),
            total: currency.money(outcome.total),
            lines,
            applied,
            skipped,
            gifts,
            progress,
        }
    }
}

fn is_eligible(promotion: &Promotion, cart: &Cart, now: Millis) -> bool {
    promotion.offered
        && promotion.starts_at.is_none_or(|start| now >= start)
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
