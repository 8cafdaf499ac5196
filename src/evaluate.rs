//! The pricing pipeline: measure each promotion, pick its tier, take its discount, allocate it.

use rust_decimal::Decimal;

use crate::allocate::{allocate_minor, from_minor, to_minor};
use crate::config::{Basis, Config, Kind, Promotion, Reward, Threshold};
use crate::scope::ItemRef;

/// What a promotion's threshold measured in a cart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measured {
    /// An in-scope amount.
    Amount(Decimal),
    /// In-scope units.
    Units(u64),
}

/// A cart line reduced to what pricing needs.
#[derive(Debug, Clone)]
pub(crate) struct BasketLine {
    /// Price × quantity, in minor units.
    pub(crate) list: u128,
    /// Units.
    pub(crate) units: u64,
}

/// The lines of a cart with, for each, which promotions cover it.
#[derive(Debug, Clone)]
pub(crate) struct Basket {
    pub(crate) lines: Vec<BasketLine>,
    /// `in_scope[line * promotions + promotion]`.
    in_scope: Vec<bool>,
    promotions: usize,
}

impl Basket {
    /// An empty basket for a config.
    pub(crate) fn new(config: &Config, capacity: usize) -> Self {
        Basket {
            lines: Vec::with_capacity(capacity),
            in_scope: Vec::with_capacity(capacity * config.promotions.len()),
            promotions: config.promotions.len(),
        }
    }

    /// Adds a line of `units` at unit `price`, matching scopes on `item`.
    pub(crate) fn push(&mut self, config: &Config, item: ItemRef<'_>, price: Decimal, units: u64) {
        let unit = to_minor(price, config.currency.minor_digits);
        self.lines.push(BasketLine {
            list: unit.saturating_mul(u128::from(units)),
            units,
        });
        self.in_scope
            .extend(config.promotions.iter().map(|p| p.scope.contains(item)));
    }

    /// Removes the last line.
    pub(crate) fn pop(&mut self) {
        if self.lines.pop().is_some() {
            self.in_scope.truncate(self.lines.len() * self.promotions);
        }
    }

    fn covers(&self, line: usize, promotion: usize) -> bool {
        self.in_scope[line * self.promotions + promotion]
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
    pub amount: Decimal,
}

/// The result of pricing a basket.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Sum of list subtotals.
    pub subtotal: Decimal,
    /// Sum of discounts (not counting shipping).
    pub discount: Decimal,
    /// Shipping charged.
    pub shipping: Decimal,
    /// subtotal − discount + shipping.
    pub total: Decimal,
    /// Per line, the share of each discount: `(promotion index, amount in minor units)`.
    pub line_shares: Vec<Vec<(usize, u128)>>,
    /// Promotions that gave something, in application order.
    pub applied: Vec<AppliedRaw>,
    /// Gifts: `(promotion index, SKU)`.
    pub gifts: Vec<(usize, String)>,
    /// Per promotion (config index): what its threshold measured, for eligible promotions.
    pub measured: Vec<Option<Measured>>,
    /// Per promotion: the tier reached, if any.
    pub reached: Vec<Option<usize>>,
}

/// The tier of `promotion` that `measured` reaches: the highest whose threshold is met, skipping
/// gift tiers whose gift is out of stock.
pub(crate) fn reached_tier(config: &Config, promotion: &Promotion, measured: Measured) -> Option<usize> {
    promotion
        .tiers
        .iter()
        .enumerate()
        .rev()
        .find(|(_, tier)| {
            tier_available(config, &tier.reward)
                && match (tier.threshold, measured) {
                    (Threshold::Subtotal(t), Measured::Amount(m)) => m >= t,
                    (Threshold::Quantity(t), Measured::Units(u)) => u >= t,
                    _ => false,
                }
        })
        .map(|(i, _)| i)
}

/// Whether a tier's reward can be promised (a gift must be in stock).
pub(crate) fn tier_available(config: &Config, reward: &Reward) -> bool {
    match reward {
        Reward::Gift(sku) => config.catalog_item(sku).is_some_and(|item| item.in_stock()),
        _ => true,
    }
}

/// Prices `basket` applying the promotions in `order` (config indices); those with `active` false
/// are measured but not applied (they lost in their group).
pub(crate) fn evaluate(config: &Config, basket: &Basket, order: &[usize], active: &[bool]) -> Outcome {
    let digits = config.currency.minor_digits;
    let n = basket.lines.len();
    let mut current: Vec<u128> = basket.lines.iter().map(|l| l.list).collect();
    let mut line_shares: Vec<Vec<(usize, u128)>> = vec![Vec::new(); n];
    let mut applied = Vec::new();
    let mut gifts = Vec::new();
    let mut measured = vec![None; config.promotions.len()];
    let mut reached = vec![None; config.promotions.len()];
    let mut discount_minor: u128 = 0;
    let units_total = basket.units();
    let mut shipping = if units_total > 0 {
        config.shipping_fee
    } else {
        Decimal::ZERO
    };
    let mut in_scope: Vec<usize> = Vec::with_capacity(n);

    for &p in order {
        let promotion = &config.promotions[p];
        in_scope.clear();
        in_scope.extend((0..n).filter(|&i| basket.covers(i, p)));
        let value = match promotion.tiers.first().map(|t| t.threshold) {
            Some(Threshold::Quantity(_)) => {
                Measured::Units(in_scope.iter().map(|&i| basket.lines[i].units).sum())
            }
            _ => Measured::Amount(match promotion.basis {
                Basis::Original => from_minor(in_scope.iter().map(|&i| basket.lines[i].list).sum(), digits),
                Basis::Discounted => from_minor(in_scope.iter().map(|&i| current[i]).sum(), digits),
            }),
        };
        measured[p] = Some(value);
        let Some(tier) = reached_tier(config, promotion, value) else {
            continue;
        };
        reached[p] = Some(tier);
        if !active[p] {
            continue;
        }
        let base: u128 = in_scope.iter().map(|&i| current[i]).sum();
        let amount_minor = match &promotion.tiers[tier].reward {
            Reward::FreeShipping => {
                // Listed only when it waives something (not when another already did, or the fee is 0).
                if !shipping.is_zero() {
                    applied.push(AppliedRaw {
                        promotion: p,
                        tier,
                        amount: shipping,
                    });
                    shipping = Decimal::ZERO;
                }
                continue;
            }
            Reward::Gift(sku) => {
                gifts.push((p, sku.clone()));
                applied.push(AppliedRaw {
                    promotion: p,
                    tier,
                    amount: Decimal::ZERO,
                });
                continue;
            }
            Reward::AmountOff(off) => to_minor(*off, digits).min(base),
            Reward::PercentOff(percent) => {
                let exact = from_minor(base, digits) * *percent / Decimal::ONE_HUNDRED;
                to_minor(config.rounding.round(exact, digits), digits).min(base)
            }
            Reward::Every { every, off, max_off } => {
                let Measured::Amount(m) = value else { continue };
                let steps = (m / *every).floor();
                let mut total = steps * *off;
                if let Some(max) = max_off {
                    total = total.min(*max);
                }
                to_minor(total, digits).min(base)
            }
        };
        let weights: Vec<u128> = in_scope.iter().map(|&i| current[i]).collect();
        let shares = allocate_minor(amount_minor, &weights);
        for (&i, share) in in_scope.iter().zip(shares) {
            if share > 0 {
                current[i] -= share;
                line_shares[i].push((p, share));
            }
        }
        if amount_minor == 0 {
            // Nothing left to take off these lines: a promotion that gave nothing is not listed.
            continue;
        }
        discount_minor += amount_minor;
        applied.push(AppliedRaw {
            promotion: p,
            tier,
            amount: from_minor(amount_minor, digits),
        });
    }

    let subtotal = from_minor(basket.subtotal_minor(), digits);
    let discount = from_minor(discount_minor, digits);
    shipping.rescale(digits);
    Outcome {
        subtotal,
        discount,
        shipping,
        total: subtotal - discount + shipping,
        line_shares,
        applied,
        gifts,
        measured,
        reached,
    }
}

/// The order promotions apply in: non-shipping ones by (priority, position), then shipping ones.
pub(crate) fn application_order(config: &Config, eligible: &[usize]) -> Vec<usize> {
    let mut order = eligible.to_vec();
    crate::sort::sort_by_key(&mut order, |&p| {
        let promotion = &config.promotions[p];
        (
            promotion.kind == Kind::FreeShipping,
            promotion.priority,
            promotion.position,
        )
    });
    order
}
