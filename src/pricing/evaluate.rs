//! The pricing pipeline: measure each promotion, pick its tier, take its discount, allocate it.

use rust_decimal::Decimal;

use crate::cart::Cart;
use crate::config::scope::ItemRef;
use crate::config::{Basis, Config, Kind, Promotion, Reward, TaxMode};
use crate::money::{from_minor, to_minor, Measure, Money};
use crate::pricing::budget;
use crate::pricing::units::{times, Run, Units};

/// A cart line reduced to what pricing needs.
#[derive(Debug, Clone)]
pub(crate) struct BasketLine {
    /// Price × quantity, in minor units.
    pub(crate) list: u128,
    /// Units.
    pub(crate) units: u64,
    /// Tax rate in millionths (13 % → 130_000).
    pub(crate) rate: u64,
}

/// What a promotion costs an evaluation beyond its lines, in steps of one line under one promotion
/// (measured: about 90 ns against 3 ns a line natively).
const STEPS_PER_PROMOTION: u64 = 32;

/// Millionths in one: tax rates are kept as whole millionths (percent with 4 decimals).
const MILLION: u128 = 1_000_000;

/// Scope bits of a (line, promotion) pair.
const IN_SCOPE: u8 = 1;
const IN_GET_SCOPE: u8 = 2;

/// The scope bits of an item for a promotion: [`IN_SCOPE`], and [`IN_GET_SCOPE`] for its get scope
/// (a buy X get Y's; otherwise the scope itself).
fn scope_bits(promotion: &Promotion, item: ItemRef<'_>) -> u8 {
    let main = if promotion.scope.contains(item) {
        IN_SCOPE
    } else {
        0
    };
    let get = match &promotion.get_scope {
        Some(scope) if scope.contains(item) => IN_GET_SCOPE,
        Some(_) => 0,
        None if main != 0 => IN_GET_SCOPE,
        None => 0,
    };
    main | get
}

/// Whether a scope names SKUs (to include or to exclude): only then can two items of the same
/// category and tags differ under it.
fn names_skus(scope: &crate::config::scope::Scope) -> bool {
    let [_, skus, _, _, exclude_skus, _] = scope.lists();
    !skus.is_empty() || !exclude_skus.is_empty()
}

/// The lines of a cart with, for each, which promotions cover it.
#[derive(Debug, Clone)]
pub(crate) struct Basket {
    pub(crate) lines: Vec<BasketLine>,
    /// `in_scope[line * promotions + promotion]`: [`IN_SCOPE`] and [`IN_GET_SCOPE`] bits.
    in_scope: Vec<u8>,
    /// `in_condition[line * promotions + promotion]`: the line counts toward the promotion's
    /// `condition` (empty when no promotion has one: a config without conditions pays nothing).
    in_condition: Vec<bool>,
    /// Whether some promotion has a `condition`.
    conditions: bool,
    promotions: usize,
    /// Whether the prices include tax.
    pub(crate) gross: bool,
    /// The tax rate of added goods (the cart's default), in percent.
    pub(crate) default_rate: Decimal,
    /// Units of gift SKUs the cart already holds ([`gifts_held`]).
    pub(crate) gifts_held: Vec<(String, u64)>,
    /// The gift lines: (line, its `gift` promotion, SKU). They are in no promotion's scope.
    pub(crate) gift_lines: Vec<(usize, usize, String)>,
    /// The shopper's gift picks: (promotion, SKU).
    pub(crate) gift_choices: Vec<(usize, String)>,
    /// The shipping fee of the cart's method and destination.
    pub(crate) shipping_fee: Decimal,
}

impl Basket {
    /// An empty basket for a config.
    pub(crate) fn new(config: &Config, capacity: usize) -> Self {
        Basket {
            lines: Vec::with_capacity(capacity),
            in_scope: Vec::with_capacity(capacity * config.promotions.len()),
            in_condition: Vec::new(),
            conditions: config.promotions.iter().any(|p| p.condition.is_some()),
            promotions: config.promotions.len(),
            gross: false,
            default_rate: Decimal::ZERO,
            gifts_held: Vec::new(),
            gift_lines: Vec::new(),
            gift_choices: Vec::new(),
            shipping_fee: config.shipping_fee,
        }
    }

    /// Makes the last line a gift line of `promotion` (holding `sku`): out of every scope.
    pub(crate) fn mark_gift(&mut self, promotion: usize, sku: &str) {
        let Some(line) = self.lines.len().checked_sub(1) else {
            return;
        };
        let start = line * self.promotions;
        self.in_scope[start..start + self.promotions].fill(0);
        if self.conditions {
            self.in_condition[start..start + self.promotions].fill(false);
        }
        self.gift_lines.push((line, promotion, sku.to_owned()));
    }

    /// Adds a line of `units` at unit `price` taxed at `rate` percent, matching scopes on `item`.
    pub(crate) fn push(
        &mut self,
        config: &Config,
        item: ItemRef<'_>,
        price: Money,
        units: u64,
        rate: Decimal,
    ) {
        self.push_like(config, item, price, units, rate, None);
    }

    /// [`Basket::push`], where `like` may name an earlier line with the same category and tags as
    /// `item` (and not a gift line): a scope that names no SKU covers the two alike, so only the
    /// scopes that name SKUs are matched again. (With 50 promotions over categories, matching was a
    /// fifth of a quote.)
    #[cfg_attr(nexttier_speed, optimize(speed))]
    pub(crate) fn push_like(
        &mut self,
        config: &Config,
        item: ItemRef<'_>,
        price: Money,
        units: u64,
        rate: Decimal,
        like: Option<usize>,
    ) {
        let unit = u128::try_from(price.minor()).unwrap_or(0);
        self.lines.push(BasketLine {
            list: times(unit, u128::from(units)),
            units,
            rate: to_minor(rate, 4).min(100 * 10_000) as u64,
        });
        let row = like.map(|line| line * self.promotions);
        for (p, promotion) in config.promotions.iter().enumerate() {
            let bits = match row {
                Some(row)
                    if !names_skus(&promotion.scope)
                        && promotion.get_scope.as_ref().is_none_or(|s| !names_skus(s)) =>
                {
                    self.in_scope[row + p]
                }
                _ => scope_bits(promotion, item),
            };
            self.in_scope.push(bits);
        }
        if self.conditions {
            for (p, promotion) in config.promotions.iter().enumerate() {
                let scope = promotion
                    .condition
                    .as_deref()
                    .map(|c| c.scope.as_ref().unwrap_or(&promotion.scope));
                let counts = match (row, scope) {
                    (_, None) => false,
                    (Some(row), Some(scope)) if !names_skus(scope) => self.in_condition[row + p],
                    (_, Some(scope)) => scope.contains(item),
                };
                self.in_condition.push(counts);
            }
        }
    }

    /// Removes the last line.
    pub(crate) fn pop(&mut self) {
        if self.lines.pop().is_some() {
            self.in_scope.truncate(self.lines.len() * self.promotions);
            if self.conditions {
                self.in_condition.truncate(self.lines.len() * self.promotions);
            }
            let lines = self.lines.len();
            self.gift_lines.retain(|&(line, _, _)| line < lines);
        }
    }

    /// Whether `line` counts for `promotion`: in its scope (or, for buy X get Y, its get scope).
    /// Always inlined: it runs for every line under every promotion, and as a call (the wasm is
    /// built for size) it took 7 % of a 50-promotion quote.
    #[inline(always)]
    pub(crate) fn covers(&self, line: usize, promotion: usize) -> bool {
        self.in_scope[line * self.promotions + promotion] != 0
    }

    #[inline(always)]
    fn bits(&self, line: usize, promotion: usize) -> u8 {
        self.in_scope[line * self.promotions + promotion]
    }

    /// What promotion `p`'s condition counts now: (units, spend at list price in minor units).
    #[inline(never)]
    pub(crate) fn condition_measure(&self, p: usize) -> (u64, u128) {
        let mut measure = (0u64, 0u128);
        for (i, line) in self.lines.iter().enumerate() {
            if self.in_condition.get(i * self.promotions + p) == Some(&true) {
                measure.0 = measure.0.saturating_add(line.units);
                measure.1 += line.list;
            }
        }
        measure
    }

    /// Whether promotion `p`'s condition holds (true without one).
    pub(crate) fn condition_met(&self, promotion: &Promotion, p: usize, digits: u32) -> bool {
        let Some(condition) = promotion.condition.as_deref() else {
            return true;
        };
        let (units, spend) = self.condition_measure(p);
        condition.units.is_none_or(|least| units >= least)
            && condition
                .amount
                .is_none_or(|least| spend >= to_minor(least, digits))
    }

    /// Whether promotion `p` converts amounts to or from tax-inclusive (its threshold counts tax
    /// differently from how the prices are given).
    pub(crate) fn converts(&self, promotion: &Promotion) -> bool {
        matches!(
            (promotion.tax, self.gross),
            (Some(TaxMode::Excluded), true) | (Some(TaxMode::Included), false)
        )
    }

    /// The sum of `amounts` (line, minor units of that line's total) as `promotion` measures it:
    /// converted to or from tax-inclusive when its threshold counts tax differently from how the
    /// prices are given, once per tax rate, half up (never per line, so that splitting a line into
    /// several never changes the measure).
    pub(crate) fn measure(
        &self,
        promotion: &Promotion,
        amounts: impl Iterator<Item = (usize, u128)>,
    ) -> u128 {
        if !self.converts(promotion) {
            return amounts.map(|(_, amount)| amount).sum();
        }
        let mut by_rate: Vec<(u64, u128)> = Vec::new();
        for (line, amount) in amounts {
            let rate = self.lines[line].rate;
            match by_rate.iter_mut().find(|(r, _)| *r == rate) {
                Some((_, sum)) => *sum += amount,
                None => by_rate.push((rate, amount)),
            }
        }
        let gross = self.gross;
        by_rate
            .into_iter()
            .map(|(rate, amount)| {
                let rate = u128::from(rate);
                match (promotion.tax, gross) {
                    (Some(TaxMode::Excluded), true) if rate > 0 => {
                        let divisor = MILLION * 100 + rate * 100;
                        (2 * amount * MILLION * 100 + divisor) / (2 * divisor)
                    }
                    (Some(TaxMode::Included), false) if rate > 0 => {
                        let product = amount * (MILLION * 100 + rate * 100);
                        (2 * product + MILLION * 100) / (2 * MILLION * 100)
                    }
                    _ => amount,
                }
            })
            .sum()
    }

    /// Units of promotion `p`'s lines: (only in its buy scope, only in its get scope, in both).
    pub(crate) fn buy_get_units(&self, p: usize) -> (u64, u64, u64) {
        let (mut buy, mut get, mut both) = (0u64, 0u64, 0u64);
        for (i, line) in self.lines.iter().enumerate() {
            match self.bits(i, p) {
                IN_SCOPE => buy += line.units,
                IN_GET_SCOPE => get += line.units,
                0 => {}
                _ => both += line.units,
            }
        }
        (buy, get, both)
    }

    /// Total list subtotal, in minor units.
    pub(crate) fn subtotal_minor(&self) -> u128 {
        self.lines.iter().map(|l| l.list).sum()
    }

    fn units(&self) -> u64 {
        self.lines.iter().map(|l| l.units).sum()
    }
}

/// A promotion that gave something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedRaw {
    /// Index of the promotion in the config.
    pub promotion: usize,
    /// Index of the tier reached.
    pub tier: usize,
    /// Discount taken, or shipping waived.
    pub amount: Money,
    /// For buy X get Y: how many times it applied.
    pub times: Option<u64>,
}

/// The result of pricing a basket.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Sum of list subtotals.
    pub subtotal: Money,
    /// Sum of discounts (not counting shipping).
    pub discount: Money,
    /// Shipping charged.
    pub shipping: Money,
    /// subtotal − discount + shipping.
    pub total: Money,
    /// Per line, the share of each discount: `(promotion index, amount in minor units)`.
    pub line_shares: Vec<Vec<(usize, u128)>>,
    /// Promotions that gave something, in application order.
    pub applied: Vec<AppliedRaw>,
    /// Gifts: `(promotion index, SKU)`.
    pub gifts: Vec<(usize, String)>,
    /// Per promotion (config index): what its threshold measured, for eligible promotions.
    pub measured: Vec<Option<Measure>>,
    /// Per promotion: the tier reached, if any.
    pub reached: Vec<Option<usize>>,
    /// Per promotion: how many times a buy X get Y could apply to the units left to it (0 for
    /// other kinds), whether or not it won its group.
    pub times: Vec<u64>,
    /// Per promotion: the promotion with `stop` that applied before it and kept it from applying.
    pub stopped: Vec<Option<usize>>,
}

/// The tier of `promotion` that `measured` reaches: the highest whose threshold is met, skipping
/// gift tiers whose gift is out of stock (counting the units `held` in the cart).
pub(crate) fn reached_tier(
    config: &Config,
    held: &[(String, u64)],
    promotion: &Promotion,
    measured: Measure,
) -> Option<usize> {
    promotion
        .tiers
        .iter()
        .enumerate()
        .rev()
        .find(|(_, tier)| {
            tier_available(config, held, &tier.reward)
                && match (tier.threshold, measured) {
                    (Measure::Amount(t), Measure::Amount(m)) => m >= t,
                    (Measure::Units(t), Measure::Units(u)) => u >= t,
                    _ => false,
                }
        })
        .map(|(i, _)| i)
}

/// Whether a tier's reward can be promised: a gift needs one option with its units in stock
/// beyond those the cart already buys (`held`, from [`gifts_held`]).
pub(crate) fn tier_available(config: &Config, held: &[(String, u64)], reward: &Reward) -> bool {
    match reward {
        Reward::Gift(gift) => gift
            .options
            .iter()
            .any(|sku| gift_in_stock(config, held, sku, gift.quantity)),
        _ => true,
    }
}

/// Whether `units` of the gift `sku` are in stock beyond the units the cart buys (`held`).
pub(crate) fn gift_in_stock(config: &Config, held: &[(String, u64)], sku: &str, units: u64) -> bool {
    config.catalog_item(sku).is_some_and(|item| match item.stock {
        None => true,
        Some(stock) => {
            let bought = held.iter().find(|(s, _)| s == sku).map_or(0, |&(_, units)| units);
            stock.saturating_sub(bought) >= units
        }
    })
}

/// The option of `gift` (promotion `p`'s) given: the shopper's pick while in stock, else the first
/// option in stock.
#[inline(never)]
pub(crate) fn gift_given<'g>(
    config: &Config,
    basket: &Basket,
    p: usize,
    gift: &'g crate::config::Gift,
) -> Option<&'g str> {
    let in_stock = |sku: &str| gift_in_stock(config, &basket.gifts_held, sku, gift.quantity);
    let picked = basket
        .gift_choices
        .iter()
        .find(|(q, _)| *q == p)
        .and_then(|(_, sku)| gift.options.iter().find(|o| *o == sku))
        .filter(|sku| in_stock(sku));
    picked
        .or_else(|| gift.options.iter().find(|sku| in_stock(sku)))
        .map(String::as_str)
}

/// Units the cart buys of each SKU some tier gives as a gift (only those, only when bought; gift
/// lines are the gifts themselves, not bought).
pub(crate) fn gifts_held(config: &Config, cart: &Cart) -> Vec<(String, u64)> {
    let mut held: Vec<(String, u64)> = Vec::new();
    for promotion in &config.promotions {
        for tier in &promotion.tiers {
            let Reward::Gift(gift) = &tier.reward else {
                continue;
            };
            for sku in &gift.options {
                if held.iter().any(|(s, _)| s == sku) {
                    continue;
                }
                let units: u64 = cart
                    .lines
                    .iter()
                    .filter(|l| l.sku == *sku && l.gift.is_none())
                    .map(|l| l.quantity)
                    .sum();
                if units > 0 {
                    held.push((sku.clone(), units));
                }
            }
        }
    }
    held
}

/// How many times "buy `buy`, get `get`" applies to `buy_only`, `get_only` and `both` units (each
/// unit counts once, as bought or as discounted), at most `limit`.
pub(crate) fn buy_get_times(
    buy: u64,
    get: u64,
    (buy_only, get_only, both): (u64, u64, u64),
    limit: Option<u64>,
) -> u64 {
    let feasible = |k: u64| -> bool {
        let need_get = k.saturating_mul(get);
        let need_buy = k.saturating_mul(buy);
        need_get
            .saturating_sub(get_only)
            .saturating_add(need_buy.saturating_sub(buy_only))
            <= both
    };
    // Feasibility is monotone in k: bisect up to everything divided by a full application.
    let (mut low, mut high) = (0u64, (buy_only + get_only + both) / (buy + get) + 1);
    while high - low > 1 {
        let middle = low + (high - low) / 2;
        if feasible(middle) {
            low = middle;
        } else {
            high = middle;
        }
    }
    limit.map_or(low, |l| low.min(l))
}

/// Which promotions an evaluation measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Measuring {
    /// Every promotion in the order: those that do not apply too (the quote reports what each
    /// measured and reached).
    Every,
    /// Only those that apply: enough to compare the candidates of a search (their totals and
    /// gifts), at a cost that does not grow with the promotions left out.
    Applying,
}

/// Prices `basket` applying the promotions in `order` (config indices); those with `active` false
/// are measured but not applied (they lost in their group).
pub(crate) fn evaluate(config: &Config, basket: &Basket, order: &[usize], active: &[bool]) -> Outcome {
    evaluate_measuring(config, basket, order, active, Measuring::Every)
}

/// [`evaluate`], measuring what `measuring` says: with [`Measuring::Applying`] the promotions left
/// out have no `measured`, `reached` or `times`, and everything else is as [`evaluate`] gives it.
#[inline(never)]
#[cfg_attr(nexttier_speed, optimize(speed))]
pub(crate) fn evaluate_measuring(
    config: &Config,
    basket: &Basket,
    order: &[usize],
    active: &[bool],
    measuring: Measuring,
) -> Outcome {
    let digits = config.currency.minor_digits;
    let n = basket.lines.len();
    let measures = |p: usize| measuring == Measuring::Every || active[p];
    // One evaluation: every line under every promotion measured, at most, and a step for each one
    // passed over. Once the quote's budget is spent the callers' searches stop; this evaluation
    // still completes.
    let measured_count = match measuring {
        Measuring::Every => order.len(),
        Measuring::Applying => order.iter().filter(|&&p| active[p]).count(),
    } as u64;
    budget::spend(
        (n as u64 + STEPS_PER_PROMOTION)
            .saturating_mul(measured_count.max(1))
            .saturating_add(order.len() as u64 - measured_count),
    );
    let mut current: Vec<u128> = basket.lines.iter().map(|l| l.list).collect();
    // Each line's shares, sized once: a line can take a share from each promotion covering it.
    let mut line_shares: Vec<Vec<(usize, u128)>> = (0..n)
        .map(|i| {
            // A gift line takes its own promotion's share (it is in no promotion's scope).
            let gift = usize::from(basket.gift_lines.iter().any(|&(line, _, _)| line == i));
            Vec::with_capacity(
                order
                    .iter()
                    .filter(|&&p| measures(p) && basket.covers(i, p))
                    .count()
                    + gift,
            )
        })
        .collect();
    let mut applied = Vec::new();
    let mut gifts = Vec::new();
    let mut measured = vec![None; config.promotions.len()];
    let mut reached = vec![None; config.promotions.len()];
    let mut times_of = vec![0u64; config.promotions.len()];
    let mut discount_minor: u128 = 0;
    let units_total = basket.units();
    let mut shipping = if units_total > 0 {
        basket.shipping_fee
    } else {
        Decimal::ZERO
    };
    let mut in_scope: Vec<usize> = Vec::with_capacity(n);
    // Every unit with what is left of its price; the runs a promotion splits its discount over.
    let mut units = Units::new(basket.lines.iter().map(|l| (l.units, l.list)));
    let mut selected: Vec<usize> = Vec::with_capacity(n);

    // The promotion with `stop` that applied: every later one is left out (measured all the same).
    let mut stopper: Option<usize> = None;
    let mut stopped: Vec<Option<usize>> = vec![None; config.promotions.len()];
    for &p in order {
        if stopper.is_none() {
            stopper = applied
                .last()
                .map(|a: &AppliedRaw| a.promotion)
                .filter(|&q| config.promotions[q].stop);
        }
        if !measures(p) {
            continue;
        }
        let promotion = &config.promotions[p];
        in_scope.clear();
        in_scope.extend((0..n).filter(|&i| basket.covers(i, p)));
        if let Some(Reward::BuyGet {
            buy,
            get,
            percent,
            price,
        }) = promotion.tiers.first().map(|t| &t.reward)
        {
            let all = basket.buy_get_units(p);
            measured[p] = Some(Measure::Units(all.0 + all.1 + all.2));
            // Units an earlier buy X get Y bought or discounted count for no other.
            let pool = unused_buy_get_units(basket, &units.runs, p);
            let times = buy_get_times(*buy, *get, pool, promotion.limit);
            times_of[p] = times;
            if times == 0 || !basket.condition_met(promotion, p, digits) {
                continue;
            }
            reached[p] = Some(0);
            if !active[p] {
                continue;
            }
            if stopper.is_some() {
                stopped[p] = stopper;
                continue;
            }
            // The units it discounts and buys, used up for any later buy X get Y; the discount is
            // its percent of what is left of the discounted units, split unit by unit.
            let counts = (times * get, times * buy);
            let plan = choose_buy_get(basket, &units.runs, p, counts, pool, promotion.discount_dearest);
            let got = units.take(&plan);
            let value: u128 = got
                .iter()
                .map(|&r| units.runs[r].value * u128::from(units.runs[r].units))
                .sum();
            let amount_minor = match price {
                // Each discounted unit down to the price (a cheaper one keeps its own): exact per unit.
                Some(price) => {
                    let price = to_minor(*price, digits);
                    down_to(&mut units, &got, price, p, &mut current, &mut line_shares)
                }
                None => {
                    let amount = config.rounding.percent_of(value, *percent).min(value);
                    take_shares(&mut units, amount, &got, p, &mut current, &mut line_shares);
                    amount
                }
            };
            record(
                &mut applied,
                &mut discount_minor,
                (p, 0),
                amount_minor,
                Some(times),
                digits,
            );
            continue;
        }
        let value = match promotion.tiers.first().map(|t| t.threshold) {
            Some(Measure::Units(_)) => Measure::Units(in_scope.iter().map(|&i| basket.lines[i].units).sum()),
            _ => Measure::Amount(match promotion.basis {
                Basis::Original => from_minor(
                    basket.measure(promotion, in_scope.iter().map(|&i| (i, basket.lines[i].list))),
                    digits,
                ),
                Basis::Discounted => from_minor(
                    basket.measure(promotion, in_scope.iter().map(|&i| (i, current[i]))),
                    digits,
                ),
            }),
        };
        measured[p] = Some(value);
        let Some(tier) = reached_tier(config, &basket.gifts_held, promotion, value) else {
            continue;
        };
        if !basket.condition_met(promotion, p, digits) {
            continue;
        }
        reached[p] = Some(tier);
        if !active[p] {
            continue;
        }
        if stopper.is_some() {
            stopped[p] = stopper;
            continue;
        }
        let base: u128 = in_scope.iter().map(|&i| current[i]).sum();
        let reward = &promotion.tiers[tier].reward;
        // The runs a discount is taken from (free shipping and gifts take from none): every
        // evaluation of a group search or a `remaining` bisection passes here.
        if !matches!(
            reward,
            Reward::FreeShipping | Reward::ShippingOff { .. } | Reward::Gift(_)
        ) {
            selected.clear();
            selected.extend((0..units.runs.len()).filter(|&r| basket.covers(units.runs[r].line, p)));
            if let Some(most) = promotion.max_units {
                // At most `most` units take the discount: the dearest (by what is left of them) first.
                let chosen = units.dearest(&selected, most);
                selected.clear();
                selected.extend(chosen);
            }
        }
        let amount_minor = match reward {
            Reward::FreeShipping => {
                // Listed only when it waives something (not when another already did, or the fee is 0).
                if !shipping.is_zero() {
                    applied.push(AppliedRaw {
                        promotion: p,
                        tier,
                        amount: Money::from_decimal(shipping, digits),
                        times: None,
                    });
                    shipping = Decimal::ZERO;
                }
                continue;
            }
            Reward::ShippingOff { off, percent } => {
                // Off what is left of the fee: an amount (at most that), or a percentage rounded once.
                let fee = to_minor(shipping, digits);
                let taken = match (off, percent) {
                    (Some(off), _) => to_minor(*off, digits).min(fee),
                    (None, Some(percent)) => config.rounding.percent_of(fee, *percent).min(fee),
                    (None, None) => 0,
                };
                if taken > 0 {
                    let taken = Money::from_minor(taken as i128, digits);
                    applied.push(AppliedRaw {
                        promotion: p,
                        tier,
                        amount: taken,
                        times: None,
                    });
                    shipping -= taken.to_decimal();
                }
                continue;
            }
            Reward::Gift(gift) => {
                // The option given; its gift lines' units, at most the tier's, each down to the price.
                let Some(sku) = gift_given(config, basket, p, gift) else {
                    continue;
                };
                selected.clear();
                for (line, _, _) in basket.gift_lines.iter().filter(|(_, q, s)| *q == p && s == sku) {
                    selected.extend((0..units.runs.len()).filter(|&r| units.runs[r].line == *line));
                }
                let chosen = units.dearest(&selected, gift.quantity);
                let price = to_minor(gift.price, digits);
                let taken = down_to(&mut units, &chosen, price, p, &mut current, &mut line_shares);
                discount_minor += taken;
                gifts.push((p, sku.to_owned()));
                applied.push(AppliedRaw {
                    promotion: p,
                    tier,
                    amount: Money::from_minor(taken as i128, digits),
                    times: None,
                });
                continue;
            }
            Reward::Bundle { quantity, price } => {
                // Whole bundles of the dearest units, in order: each costs `price` together (a
                // bundle already cheaper keeps its own); the saving is split over the bundled units.
                let Measure::Units(in_scope_units) = value else {
                    continue;
                };
                let mut times = in_scope_units / quantity;
                if let Some(limit) = promotion.limit {
                    times = times.min(limit);
                }
                times_of[p] = times;
                let chosen = units.dearest(&selected, times * quantity);
                // The chosen units by value, dearest first, as (value, units): bundles are filled in
                // that order a run at a time (never unit by unit: a line may hold a million units).
                let mut by_value: Vec<(u128, u64)> = chosen
                    .iter()
                    .map(|&r| (units.runs[r].value, units.runs[r].units))
                    .collect();
                crate::sort::sort_by(&mut by_value, |a, b| b.0.cmp(&a.0));
                let (q, price) = (u128::from(*quantity), to_minor(*price, digits));
                let (mut saving, mut partial_sum, mut partial_units): (u128, u128, u128) = (0, 0, 0);
                for (value, count) in by_value {
                    let mut left = u128::from(count);
                    if partial_units > 0 {
                        let take = left.min(q - partial_units);
                        partial_sum += value * take;
                        partial_units += take;
                        left -= take;
                        if partial_units == q {
                            saving += partial_sum.saturating_sub(price);
                            (partial_sum, partial_units) = (0, 0);
                        }
                    }
                    let whole = left / q;
                    saving += whole * (value * q).saturating_sub(price);
                    left -= whole * q;
                    if left > 0 {
                        (partial_sum, partial_units) = (value * left, left);
                    }
                }
                take_shares(&mut units, saving, &chosen, p, &mut current, &mut line_shares);
                record(
                    &mut applied,
                    &mut discount_minor,
                    (p, tier),
                    saving,
                    Some(times),
                    digits,
                );
                continue;
            }
            Reward::AmountOffEach(off) => {
                // Each unit takes the amount, or what it has left: exact per unit, nothing to split.
                let each = to_minor(*off, digits);
                let taken = units.take_per_unit(
                    &selected,
                    |_| each,
                    |line, share| {
                        current[line] -= share;
                        add_share(&mut line_shares[line], p, share);
                    },
                );
                record(&mut applied, &mut discount_minor, (p, tier), taken, None, digits);
                continue;
            }
            Reward::UnitPrice(price) => {
                // Each unit down to the price (a cheaper unit keeps its own): exact per unit.
                let price = to_minor(*price, digits);
                let taken = down_to(&mut units, &selected, price, p, &mut current, &mut line_shares);
                record(&mut applied, &mut discount_minor, (p, tier), taken, None, digits);
                continue;
            }
            Reward::AmountOff(off) => to_minor(*off, digits).min(base),
            Reward::PercentOff { percent, max_off } => {
                let base = match promotion.max_units {
                    Some(_) => selected
                        .iter()
                        .map(|&r| units.runs[r].value * u128::from(units.runs[r].units))
                        .sum(),
                    None => base,
                };
                let off = config.rounding.percent_of(base, *percent).min(base);
                max_off.map_or(off, |max| off.min(to_minor(max, digits)))
            }
            Reward::Every { every, off, max_off } => {
                let Measure::Amount(m) = value else { continue };
                let steps = Decimal::from(to_minor(m, digits) / to_minor(*every, digits).max(1));
                let mut total = steps * *off;
                if let Some(max) = max_off {
                    total = total.min(*max);
                }
                to_minor(total, digits).min(base)
            }
            // Handled above.
            Reward::BuyGet { .. } => continue,
        };
        take_shares(
            &mut units,
            amount_minor,
            &selected,
            p,
            &mut current,
            &mut line_shares,
        );
        record(
            &mut applied,
            &mut discount_minor,
            (p, tier),
            amount_minor,
            None,
            digits,
        );
    }

    let subtotal = Money::from_minor(basket.subtotal_minor() as i128, digits);
    let discount = Money::from_minor(discount_minor as i128, digits);
    let shipping = Money::from_decimal(shipping, digits);
    Outcome {
        subtotal,
        discount,
        shipping,
        total: Money::from_minor(subtotal.minor() - discount.minor() + shipping.minor(), digits),
        line_shares,
        applied,
        gifts,
        measured,
        reached,
        times: times_of,
        stopped,
    }
}

/// Takes each unit of the `selected` runs down to `price` (a cheaper unit keeps its own) for
/// promotion `p`: exact per unit, nothing to split. Returns what was taken.
fn down_to(
    units: &mut Units,
    selected: &[usize],
    price: u128,
    p: usize,
    current: &mut [u128],
    line_shares: &mut [Vec<(usize, u128)>],
) -> u128 {
    units.take_per_unit(
        selected,
        |value| value.saturating_sub(price),
        |line, share| {
            current[line] -= share;
            add_share(&mut line_shares[line], p, share);
        },
    )
}

/// Records what promotion `p` gave at `tier` (with its applications, for the repeating kinds); a
/// promotion that gave nothing is not listed.
fn record(
    applied: &mut Vec<AppliedRaw>,
    discount_minor: &mut u128,
    (p, tier): (usize, usize),
    amount_minor: u128,
    times: Option<u64>,
    digits: u32,
) {
    if amount_minor == 0 {
        return;
    }
    *discount_minor += amount_minor;
    applied.push(AppliedRaw {
        promotion: p,
        tier,
        amount: Money::from_minor(amount_minor as i128, digits),
        times,
    });
}

/// Splits promotion `p`'s `amount` over the `selected` runs of `units`, taking each line's share
/// off what is left of it (`current`) and recording it (`line_shares`). One function for every
/// kind, so that the split is compiled once.
#[cfg_attr(nexttier_speed, optimize(speed))]
fn take_shares(
    units: &mut Units,
    amount: u128,
    selected: &[usize],
    p: usize,
    current: &mut [u128],
    line_shares: &mut [Vec<(usize, u128)>],
) {
    units.allocate(amount, selected, |line, share| {
        current[line] -= share;
        add_share(&mut line_shares[line], p, share);
    });
}

/// Adds `share` of promotion `p` to a line's shares (one entry a promotion: a line's runs report
/// one after another).
#[inline(always)]
fn add_share(shares: &mut Vec<(usize, u128)>, p: usize, share: u128) {
    match shares.last_mut() {
        Some((q, amount)) if *q == p => *amount += share,
        _ => shares.push((p, share)),
    }
}

/// Units of promotion `p`'s lines no earlier buy X get Y used: (only in its buy scope, only in its
/// get scope, in both).
fn unused_buy_get_units(basket: &Basket, runs: &[Run], p: usize) -> (u64, u64, u64) {
    let (mut buy, mut get, mut both) = (0u64, 0u64, 0u64);
    for run in runs.iter().filter(|r| !r.used) {
        match basket.bits(run.line, p) {
            IN_SCOPE => buy += run.units,
            IN_GET_SCOPE => get += run.units,
            0 => {}
            _ => both += run.units,
        }
    }
    (buy, get, both)
}

/// The units a buy X get Y applied `count.0 / get` times takes, as `(run, got, bought)` by
/// ascending run: `count.0` units of its get scope discounted, the least value left first (the
/// most, when `dearest`; the earlier unit on ties), leaving in the runs covered by both scopes enough units to make up
/// `count.1` bought; then those bought, the most value left first. Only unused runs count.
fn choose_buy_get(
    basket: &Basket,
    runs: &[Run],
    p: usize,
    (count, bought): (u64, u64),
    (buy_only, _, both): (u64, u64, u64),
    dearest: bool,
) -> Vec<(usize, u64, u64)> {
    let open = |r: &Run, bit: u8| !r.used && basket.bits(r.line, p) & bit != 0;
    // Units of the shared runs the bought side needs.
    let mut shared_left = both - bought.saturating_sub(buy_only).min(both);
    let mut plan: Vec<(usize, u64, u64)> = (0..runs.len())
        .filter(|&r| open(&runs[r], IN_GET_SCOPE) || open(&runs[r], IN_SCOPE))
        .map(|r| (r, 0, 0))
        .collect();
    // (value left, plan entry): the least value first (the most, for `discount: "dearest"`), then the
    // earlier run (plan entries are by run).
    let mut order: Vec<(u128, usize)> = (0..plan.len())
        .filter(|&k| open(&runs[plan[k].0], IN_GET_SCOPE))
        .map(|k| {
            let value = runs[plan[k].0].value;
            (if dearest { u128::MAX - value } else { value }, k)
        })
        .collect();
    crate::sort::sort_by(&mut order, by_key);
    let mut left = count;
    for &(_, k) in &order {
        if left == 0 {
            break;
        }
        let run = &runs[plan[k].0];
        let mut take = run.units.min(left);
        if basket.bits(run.line, p) & IN_SCOPE != 0 {
            take = take.min(shared_left);
            shared_left -= take;
        }
        plan[k].1 = take;
        left -= take;
    }
    // The most value first (its complement the least), then the earlier run.
    order.clear();
    order.extend(
        (0..plan.len())
            .filter(|&k| open(&runs[plan[k].0], IN_SCOPE))
            .map(|k| (u128::MAX - runs[plan[k].0].value, k)),
    );
    crate::sort::sort_by(&mut order, by_key);
    let mut left = bought;
    for &(_, k) in &order {
        if left == 0 {
            break;
        }
        let (r, got, _) = plan[k];
        let take = (runs[r].units - got).min(left);
        plan[k].2 = take;
        left -= take;
    }
    plan.retain(|&(_, got, bought)| got + bought > 0);
    plan
}

/// Ascending (key, index) order: one comparison function, so the sort is compiled once.
fn by_key(a: &(u128, usize), b: &(u128, usize)) -> std::cmp::Ordering {
    a.cmp(b)
}

/// The order promotions apply in: non-shipping ones by (priority, position), then shipping ones.
pub(crate) fn application_order(config: &Config, eligible: &[usize]) -> Vec<usize> {
    let mut order = eligible.to_vec();
    crate::sort::sort_by_key(&mut order, |&p| {
        let promotion = &config.promotions[p];
        (
            matches!(promotion.kind, Kind::FreeShipping | Kind::ShippingOff),
            promotion.priority,
            promotion.position,
        )
    });
    order
}

/// Exhaustive search over group winners is used up to this many combinations; greedy beyond.
const MAX_GROUP_COMBINATIONS: usize = 64;

/// The promotions of `promotions` that do not combine with some other one of them
/// ([`crate::config::Promotion::combines`]), in order: counted per class, so linear in their number.
pub(crate) fn not_combining(config: &Config, promotions: &[usize]) -> Vec<usize> {
    use crate::config::Class;
    // Per class: how many promotions are of it, and how many refuse it.
    let (mut of, mut refusing) = ([0usize; 3], [0usize; 3]);
    for &p in promotions {
        let promotion = &config.promotions[p];
        of[promotion.class as usize] += 1;
        for class in Class::ALL {
            if promotion.combines_with & class.bit() == 0 {
                refusing[class as usize] += 1;
            }
        }
    }
    if refusing == [0; 3] {
        return Vec::new();
    }
    promotions
        .iter()
        .copied()
        .filter(|&p| {
            let promotion = &config.promotions[p];
            let own = promotion.class;
            let refuses = |class: Class| promotion.combines_with & class.bit() == 0;
            // It refuses a class another one has, or another one refuses its class.
            Class::ALL
                .into_iter()
                .any(|class| refuses(class) && of[class as usize] > usize::from(class == own))
                || refusing[own as usize] > usize::from(refuses(own))
        })
        .collect()
}

/// The best outcome for the customer over the choices the config leaves open: which member of each
/// exclusive group applies, and which promotions that do not combine (their `class` and
/// `combines_with`) apply together. Every combination is evaluated up to
/// [`MAX_GROUP_COMBINATIONS`], greedily beyond; a tie keeps the first found (group members in config
/// order, promotions that do not combine on before off).
#[cfg_attr(nexttier_speed, optimize(speed))]
pub(crate) fn best_outcome(config: &Config, basket: &Basket, order: &[usize]) -> Outcome {
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
    // Eligible promotions that do not combine with some other eligible one: each is on or off.
    let restricted = not_combining(config, &by_position);
    if groups.is_empty() && restricted.is_empty() {
        return evaluate(config, basket, order, &active);
    }
    // One choice per group (its member) and per restricted promotion (0: on, 1: off).
    let sizes: Vec<usize> = groups
        .iter()
        .map(|(_, members)| members.len())
        .chain(restricted.iter().map(|_| 2))
        .collect();
    let set = |active: &mut Vec<bool>, choice: &[usize]| {
        for &p in &restricted {
            active[p] = true;
        }
        for ((_, members), &pick) in groups.iter().zip(choice) {
            for (k, &m) in members.iter().enumerate() {
                active[m] = k == pick;
            }
        }
        for (&p, &pick) in restricted.iter().zip(&choice[groups.len()..]) {
            if pick == 1 {
                active[p] = false;
            }
        }
    };
    // No two active promotions that do not combine.
    let valid = |active: &[bool]| {
        let on: Vec<usize> = by_position.iter().copied().filter(|&p| active[p]).collect();
        not_combining(config, &on).is_empty()
    };
    // Compared as if the cart held no gift lines: what a gift line saves depends on whether the host
    // added it yet, and the choice must not (it would flip once the host follows `gift_actions`).
    let weighed = |o: &Outcome| -> i128 {
        let on_gifts: u128 = basket
            .gift_lines
            .iter()
            .flat_map(|&(line, _, _)| o.line_shares[line].iter().map(|&(_, a)| a))
            .sum();
        o.total.minor().saturating_add(on_gifts as i128)
    };
    let better = |a: &Outcome, b: &Outcome| {
        let (wa, wb) = (weighed(a), weighed(b));
        wa < wb || (wa == wb && a.gifts.len() > b.gifts.len())
    };
    let combinations = sizes
        .iter()
        .try_fold(1usize, |acc, &n| acc.checked_mul(n))
        .unwrap_or(usize::MAX);
    // Work spent here is the first choice's (the search over it is what grows).
    let first = groups
        .first()
        .map_or_else(|| restricted[0], |(_, members)| members[0]);
    let before = budget::working_on(Some(first));
    // Candidates are compared by what applies. Where measuring the members left out of every
    // candidate would cost more than one more evaluation, they are measured only for the winner:
    // a group's search then costs about lines × promotions in all, not that times its members.
    let candidates = if combinations <= MAX_GROUP_COMBINATIONS {
        combinations
    } else {
        1 + sizes.iter().map(|&k| k - 1).sum::<usize>()
    };
    // Promotions a candidate leaves out: all members of each group but one, and (on average) half
    // of those that do not combine.
    let left_out: usize =
        groups.iter().map(|(_, members)| members.len() - 1).sum::<usize>() + restricted.len() / 2;
    let measuring = if candidates.saturating_mul(left_out) > order.len() {
        Measuring::Applying
    } else {
        Measuring::Every
    };
    // The best so far, and which promotions it applied.
    let mut best: Option<(Outcome, Vec<bool>)> = None;
    let consider = |active: &[bool], best: &mut Option<(Outcome, Vec<bool>)>| -> bool {
        if !valid(active) {
            return false;
        }
        let candidate = evaluate_measuring(config, basket, order, active, measuring);
        let wins = best.as_ref().is_none_or(|(b, _)| better(&candidate, b));
        if wins {
            *best = Some((candidate, active.to_vec()));
        }
        wins
    };
    if combinations <= MAX_GROUP_COMBINATIONS {
        // Odometer over every combination.
        let mut choice = vec![0usize; sizes.len()];
        'all: loop {
            set(&mut active, &choice);
            consider(&active, &mut best);
            if budget::spent() {
                break;
            }
            let mut g = 0;
            loop {
                if g == sizes.len() {
                    break 'all;
                }
                choice[g] += 1;
                if choice[g] < sizes[g] {
                    break;
                }
                choice[g] = 0;
                g += 1;
            }
        }
    } else {
        // Greedy: from the first member of each group with every restricted promotion off (always
        // valid), settle one choice at a time, the others held at their best so far.
        let mut best_choice: Vec<usize> = groups
            .iter()
            .map(|_| 0)
            .chain(restricted.iter().map(|_| 1))
            .collect();
        set(&mut active, &best_choice);
        consider(&active, &mut best);
        for g in 0..sizes.len() {
            budget::working_on(Some(
                groups
                    .get(g)
                    .map_or_else(|| restricted[g - groups.len()], |(_, members)| members[0]),
            ));
            for k in 0..sizes[g] {
                if k == best_choice[g] || budget::spent() {
                    continue;
                }
                let mut trial = best_choice.clone();
                trial[g] = k;
                set(&mut active, &trial);
                if consider(&active, &mut best) {
                    best_choice = trial;
                }
            }
        }
    }
    // Every restricted promotion off is valid and considered first or on the way, so there is one.
    let outcome = match best {
        Some((outcome, _)) if measuring == Measuring::Every => outcome,
        // The winner again, measuring every promotion: the same figures, and what the others reached.
        Some((_, active)) => evaluate(config, basket, order, &active),
        None => {
            let mut active = vec![true; config.promotions.len()];
            for &p in &restricted {
                active[p] = false;
            }
            evaluate(config, basket, order, &active)
        }
    };
    budget::working_on(before);
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cart::Cart;
    use crate::pricing::engine::Engine;

    const SEED: &str = include_str!("../../tests/vectors/configs/seed.json");

    #[test]
    fn lines_like_an_earlier_one_take_its_scope_bits_only_where_no_sku_is_named() {
        // Scopes by category, by tag, by SKU (included and excluded), a get scope naming a SKU and
        // a condition on a SKU: every way two lines of one category and tags can differ or not.
        let engine = Engine::from_json(
            r#"{"currency":"CNY","promotions":[
              {"id":"cat","kind":"amount_off","scope":{"categories":["tea"]},"tiers":[{"min_subtotal":"1","off":"1"}]},
              {"id":"tag","kind":"amount_off","scope":{"tags":["green"]},"tiers":[{"min_subtotal":"1","off":"1"}]},
              {"id":"sku","kind":"amount_off","scope":{"skus":["b"]},"tiers":[{"min_subtotal":"1","off":"1"}]},
              {"id":"not-sku","kind":"amount_off","scope":{"categories":["tea"],"exclude":{"skus":["c"]}},"tiers":[{"min_subtotal":"1","off":"1"}]},
              {"id":"bxgy","kind":"buy_x_get_y","scope":{"categories":["tea"]},"get_scope":{"skus":["a"]},"tiers":[{"buy":1,"get":1,"percent":"100"}]},
              {"id":"cond","kind":"percent_off","tiers":[{"min_subtotal":"0","percent":"5"}],"condition":{"scope":{"skus":["c"]},"min_quantity":1}},
              {"id":"cond-cat","kind":"percent_off","tiers":[{"min_subtotal":"0","percent":"5"}],"condition":{"scope":{"categories":["tea"]},"min_quantity":1}}
            ]}"#,
        )
        .unwrap();
        let line = |sku: &str, category: &str, tags: &str| {
            format!(r#"{{"sku":"{sku}","price":"3","quantity":1,"category":"{category}","tags":[{tags}]}}"#)
        };
        let lines = [
            line("a", "tea", r#""green""#),
            line("b", "tea", r#""green""#),
            line("c", "tea", r#""green""#),
            line("d", "tea", ""),
            line("a", "tea", ""),
            line("c", "cups", r#""green""#),
            line("b", "tea", r#""green""#),
        ];
        let cart =
            Cart::from_json(&format!(r#"{{"lines":[{}]}}"#, lines.join(",")), engine.config()).unwrap();
        let reused = engine.basket(&cart).unwrap();
        let mut fresh = Basket::new(engine.config(), cart.lines.len());
        for l in &cart.lines {
            fresh.push(engine.config(), l.item(), l.price, l.quantity, l.tax_rate);
        }
        assert_eq!(reused.in_scope, fresh.in_scope);
        assert_eq!(reused.in_condition, fresh.in_condition);
        // The lines differ where SKUs are named: the test would catch bits copied there.
        let row =
            |b: &Basket, line: usize| b.in_scope[line * b.promotions..(line + 1) * b.promotions].to_vec();
        assert_ne!(row(&fresh, 0), row(&fresh, 1));
        assert_ne!(row(&fresh, 1), row(&fresh, 2));
    }

    #[test]
    fn not_combining_counts_what_the_pairs_say() {
        // Every class and every set of classes it combines with, for three promotions: the counted
        // answer is the pairwise one.
        let classes = ["product", "order", "shipping"];
        for code in 0..24usize.pow(3) {
            let promotions: Vec<String> = (0..3)
                .map(|i| {
                    let (class, mask) = ((code / 24usize.pow(i)) % 24 / 8, (code / 24usize.pow(i)) % 8);
                    let with: Vec<String> = (0..3)
                        .filter(|c| mask & (1 << c) != 0)
                        .map(|c| format!("\"{}\"", classes[c]))
                        .collect();
                    format!(
                        r#"{{"id":"p{i}","kind":"amount_off","class":"{}","combines_with":[{}],"tiers":[{{"min_subtotal":"1","off":"1"}}]}}"#,
                        classes[class],
                        with.join(",")
                    )
                })
                .collect();
            let text = format!(r#"{{"currency":"CNY","promotions":[{}]}}"#, promotions.join(","));
            let engine = Engine::from_json(&text).unwrap();
            let config = engine.config();
            let all = [0, 1, 2];
            let pairwise: Vec<usize> = all
                .into_iter()
                .filter(|&p| {
                    all.iter()
                        .any(|&q| q != p && !config.promotions[p].combines(&config.promotions[q]))
                })
                .collect();
            assert_eq!(not_combining(config, &all), pairwise, "{text}");
        }
    }

    fn amount(text: &str) -> Measure {
        Measure::Amount(text.parse().unwrap())
    }

    #[test]
    fn the_highest_tier_reached_applies() {
        let config = Config::from_json(SEED).unwrap();
        let anniversary = &config.promotions[1];
        assert_eq!(reached_tier(&config, &[], anniversary, amount("98.99")), None);
        assert_eq!(reached_tier(&config, &[], anniversary, amount("99")), Some(0));
        assert_eq!(reached_tier(&config, &[], anniversary, amount("149.99")), Some(0));
        assert_eq!(reached_tier(&config, &[], anniversary, amount("150")), Some(1));
        // Units never meet an amount threshold.
        assert_eq!(
            reached_tier(&config, &[], anniversary, Measure::Units(1000)),
            None
        );
    }

    #[test]
    fn a_gift_out_of_stock_is_never_the_tier_reached() {
        let config = Config::from_json(
            r#"{ "currency": "CNY", "catalog": [ { "sku": "tote", "price": "20", "stock": 0 },
                 { "sku": "mug", "price": "10", "stock": 3 } ],
               "promotions": [ { "id": "g", "kind": "gift",
                 "tiers": [ { "min_subtotal": "100", "gift": "mug" }, { "min_subtotal": "200", "gift": "tote" } ] } ] }"#,
        )
        .unwrap();
        assert_eq!(
            reached_tier(&config, &[], &config.promotions[0], amount("250")),
            Some(0)
        );
    }

    #[test]
    fn buy_x_get_y_counts_each_unit_once() {
        // Buy 2 get 1 over units that can be either.
        assert_eq!(buy_get_times(2, 1, (0, 0, 2), None), 0);
        assert_eq!(buy_get_times(2, 1, (0, 0, 3), None), 1);
        assert_eq!(buy_get_times(2, 1, (0, 0, 5), None), 1);
        assert_eq!(buy_get_times(2, 1, (0, 0, 6), None), 2);
        assert_eq!(buy_get_times(2, 1, (0, 0, 9), Some(1)), 1);
        // Four units only to buy and two that may be either: two applications (4 + 2 free), not three.
        assert_eq!(buy_get_times(2, 1, (4, 0, 2), None), 2);
        // Nothing to get: no application however much is bought.
        assert_eq!(buy_get_times(1, 1, (100, 0, 0), None), 0);
    }

    #[test]
    fn promotions_apply_by_priority_then_position_and_free_shipping_last() {
        let config = Config::from_json(
            r#"{ "currency": "CNY", "promotions": [
                 { "id": "ship", "kind": "free_shipping", "tiers": [ { "min_subtotal": "0" } ] },
                 { "id": "late", "kind": "amount_off", "priority": 5, "tiers": [ { "min_subtotal": "0", "off": "1" } ] },
                 { "id": "first", "kind": "amount_off", "tiers": [ { "min_subtotal": "0", "off": "1" } ] },
                 { "id": "second", "kind": "percent_off", "tiers": [ { "min_subtotal": "0", "percent": "5" } ] } ] }"#,
        )
        .unwrap();
        let ids: Vec<&str> = application_order(&config, &[0, 1, 2, 3])
            .iter()
            .map(|&p| &*config.promotions[p].id)
            .collect();
        assert_eq!(ids, ["first", "second", "late", "ship"]);
        // Only the eligible are ordered.
        assert_eq!(application_order(&config, &[3, 0]), vec![3, 0]);
    }

    /// A search's candidates measure only the promotions that apply (`Measuring::Applying`): on every
    /// golden vector's config and cart, and every choice of promotions applying (up to 2⁸ of them),
    /// that gives the very figures a full evaluation gives, and the same measures for those applying
    /// (329 choices over the 134 vectors).
    #[test]
    fn measuring_only_what_applies_changes_no_figure() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors");
        let mut compared = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let vector: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let config = match &vector["config"] {
                serde_json::Value::String(file) => std::fs::read_to_string(format!("{dir}/{file}")).unwrap(),
                other => other.to_string(),
            };
            let Ok(engine) = Engine::from_json(&config) else {
                continue;
            };
            let Ok(cart) = Cart::from_json(&vector["cart"].to_string(), engine.config()) else {
                continue;
            };
            let Ok(basket) = engine.basket(&cart) else {
                continue;
            };
            let config = engine.config();
            let order = application_order(config, &engine.eligible(&cart, 0));
            let choices = 1usize << order.len().min(8);
            for choice in 0..choices {
                let mut active = vec![false; config.promotions.len()];
                for (k, &p) in order.iter().enumerate() {
                    active[p] = k >= 8 || choice & (1 << k) != 0;
                }
                let every = evaluate_measuring(config, &basket, &order, &active, Measuring::Every);
                let applying = evaluate_measuring(config, &basket, &order, &active, Measuring::Applying);
                let at = format!("{} with {active:?}", path.display());
                assert_eq!(every.total, applying.total, "{at}");
                assert_eq!(every.discount, applying.discount, "{at}");
                assert_eq!(every.shipping, applying.shipping, "{at}");
                assert_eq!(every.line_shares, applying.line_shares, "{at}");
                assert_eq!(every.applied, applying.applied, "{at}");
                assert_eq!(every.gifts, applying.gifts, "{at}");
                assert_eq!(every.stopped, applying.stopped, "{at}");
                for &p in order.iter().filter(|&&p| active[p]) {
                    assert_eq!(every.measured[p], applying.measured[p], "{at}: {p}");
                    assert_eq!(every.reached[p], applying.reached[p], "{at}: {p}");
                    assert_eq!(every.times[p], applying.times[p], "{at}: {p}");
                }
                compared += 1;
            }
        }
        assert!(compared >= 300, "{compared} choices compared");
    }

    #[test]
    fn the_best_member_of_a_group_applies() {
        let engine = Engine::from_json(
            r#"{ "currency": "CNY", "promotions": [
                 { "id": "ten-off", "kind": "amount_off", "group": "g", "tiers": [ { "min_subtotal": "0", "off": "10" } ] },
                 { "id": "fifteen-percent", "kind": "percent_off", "group": "g", "tiers": [ { "min_subtotal": "0", "percent": "15" } ] } ] }"#,
        )
        .unwrap();
        let winner = |subtotal: &str| {
            let cart =
                format!(r#"{{ "lines": [ {{ "sku": "a", "price": "{subtotal}", "quantity": 1 }} ] }}"#);
            let cart = Cart::from_json(&cart, engine.config()).unwrap();
            let basket = engine.basket(&cart).unwrap();
            let outcome = best_outcome(engine.config(), &basket, &[0, 1]);
            assert_eq!(outcome.applied.len(), 1, "one member of a group applies");
            (
                engine.config().promotions[outcome.applied[0].promotion]
                    .id
                    .to_string(),
                outcome.discount.to_string(),
            )
        };
        // 15 % of 100 is 15 > 10; 15 % of 50 is 7.50 < 10.
        assert_eq!(winner("100"), ("fifteen-percent".to_owned(), "15.00".to_owned()));
        assert_eq!(winner("50"), ("ten-off".to_owned(), "10.00".to_owned()));
    }

    #[test]
    fn the_outcome_adds_up_in_minor_units() {
        let engine = Engine::from_json(SEED).unwrap();
        let cart = r#"{ "lines": [ { "sku": "mop", "price": "38", "quantity": 2, "category": "home" },
            { "sku": "sponge", "price": "7", "quantity": 4, "category": "cleaning" } ] }"#;
        let cart = Cart::from_json(cart, engine.config()).unwrap();
        let basket = engine.basket(&cart).unwrap();
        let outcome = best_outcome(
            engine.config(),
            &basket,
            &application_order(engine.config(), &[0, 1]),
        );
        // 104 reaches free shipping and 10 off: 104 − 10 + 0.
        assert_eq!(outcome.subtotal.to_string(), "104.00");
        assert_eq!(outcome.discount.to_string(), "10.00");
        assert_eq!(outcome.shipping.to_string(), "0.00");
        assert_eq!(outcome.total.to_string(), "94.00");
        let shares: u128 = outcome
            .line_shares
            .iter()
            .flatten()
            .map(|&(_, share)| share)
            .sum();
        assert_eq!(shares, 1000, "the lines' shares of the 10.00 off, in fen");
        // Split unit by unit: each mop 38/104 of 10.00 = 3.653…, each sponge 7/104 = 0.673…; the
        // floors give 3.65 × 2 + 0.67 × 4 = 9.98, and the two cents left go to the largest
        // remainders, the mops': 7.32 and 2.68 (as two mop lines and four sponge lines would).
        assert_eq!(outcome.line_shares[0], vec![(1, 732)]);
        assert_eq!(outcome.line_shares[1], vec![(1, 268)]);
    }
}
