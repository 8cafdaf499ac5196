//! Markets: the config as it applies to carts in another currency. Each market becomes a config of
//! its own, built once when the config is validated, so pricing never compares amounts across
//! currencies. Per promotion, in this order: the market's own tiers (used as written, in the
//! market's currency); else the config's tiers converted at the market's `rate` (thresholds rounded
//! to the market's step, `up` by default; amounts off rounded down to the minor unit); else the
//! promotion is not offered in that market. Own amounts are never converted: the two never stack.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::document::{MarketDoc, MarketRoundingDoc};
use super::tiers::validate_tiers;
use super::{Config, Reward, Tier};
use crate::error::{Error, JsonPath};
use crate::money::{from_minor, to_minor, Measure, Money};
use crate::money::{parse_amount, parse_decimal, Currency, Rounding};

/// The largest exchange rate accepted.
const MAX_RATE: i64 = 1_000_000;

/// Builds the config of every market, recording every error with its path.
pub(crate) fn derive(
    base: &Config,
    markets: BTreeMap<String, MarketDoc>,
    path: &JsonPath,
    errors: &mut Vec<Error>,
) -> Vec<Config> {
    let mut out = Vec::with_capacity(markets.len());
    for (code, doc) in markets {
        let path = path.key(&code);
        let Some(currency) = Currency::from_code(&code) else {
            errors.push(Error::UnknownCurrency { path, code });
            continue;
        };
        if currency == base.currency {
            errors.push(Error::invalid(&path, "the config's own currency needs no market"));
            continue;
        }
        if let Some(market) = market(base, currency, doc, &path, errors) {
            out.push(market);
        }
    }
    out
}

fn market(
    base: &Config,
    currency: Currency,
    doc: MarketDoc,
    path: &JsonPath,
    errors: &mut Vec<Error>,
) -> Option<Config> {
    let before = errors.len();
    let digits = currency.minor_digits;
    let rate = doc.rate.as_ref().and_then(|rate| {
        let rate_path = path.key("rate");
        match parse_decimal(&rate.0) {
            Ok(r) if r > Decimal::ZERO && r <= Decimal::from(MAX_RATE) => Some(r),
            Ok(_) => {
                errors.push(Error::number(
                    &rate_path,
                    format!("a rate is above 0 and at most {MAX_RATE}"),
                ));
                None
            }
            Err(detail) => {
                errors.push(Error::number(&rate_path, detail));
                None
            }
        }
    });
    let step = match &doc.to {
        Some(to) => match parse_amount(&to.0, currency, &path.key("to")) {
            Ok(step) if step > Decimal::ZERO => step,
            Ok(_) => {
                errors.push(Error::number(&path.key("to"), "`to` must be more than 0"));
                currency.minor_unit()
            }
            Err(e) => {
                errors.push(e);
                currency.minor_unit()
            }
        },
        None => currency.minor_unit(),
    };
    let strategy = match doc.rounding.unwrap_or(MarketRoundingDoc::Up) {
        MarketRoundingDoc::Up => Rounding::Up,
        MarketRoundingDoc::Down => Rounding::Down,
        MarketRoundingDoc::HalfUp => Rounding::HalfUp,
    };
    let base_free = base.shipping_fee.is_zero()
        && base
            .shipping_methods
            .iter()
            .all(|m| m.fee.is_zero() && m.zones.iter().all(|z| z.fee.is_zero()));
    let (shipping_fee, shipping_methods) = match (&doc.shipping, rate) {
        // Its own shipping, in its currency: its fee, and its methods when it lists them (else the
        // config's methods, each at that fee and without zones).
        (Some(shipping), _) => {
            let fee = parse_amount(&shipping.fee.0, currency, &path.key("shipping").key("fee"))
                .map_err(|e| errors.push(e))
                .unwrap_or(Decimal::ZERO);
            let methods = match &shipping.methods {
                Some(methods) => super::shipping::validate_methods(
                    methods,
                    fee,
                    currency,
                    &path.key("shipping").key("methods"),
                    errors,
                ),
                None => base
                    .shipping_methods
                    .iter()
                    .map(|m| super::shipping::ShippingMethod {
                        fee,
                        zones: Vec::new(),
                        ..m.clone()
                    })
                    .collect(),
            };
            (methods.first().map_or(fee, |m| m.fee), methods)
        }
        (None, Some(rate)) => (
            Rounding::HalfUp.round(base.shipping_fee * rate, digits),
            base.shipping_methods
                .iter()
                .map(|m| m.converted(rate, digits))
                .collect(),
        ),
        (None, None) if base_free => (Decimal::ZERO, base.shipping_methods.clone()),
        (None, None) => {
            errors.push(Error::MissingKey {
                path: path.clone(),
                key: "shipping".into(),
            });
            (Decimal::ZERO, Vec::new())
        }
    };
    let own = doc.promotions.unwrap_or_default();
    for id in own.keys() {
        if base.promotion(id).is_none() {
            errors.push(Error::invalid(
                &path.key("promotions").key(id),
                format!("no promotion `{id}` in the config"),
            ));
        }
    }
    let mut market = Config {
        currency,
        rounding: base.rounding,
        shipping_fee,
        shipping_methods,
        promotions: Vec::new(),
        catalog: base.catalog.clone(),
        catalog_index: base.catalog_index.clone(),
        catalog_priced: rate.is_some(),
        markets: Vec::new(),
        suggest: base.suggest,
        stages: base.stages.clone(),
        experiments: Vec::new(),
        variants: Vec::new(),
    };
    let convert = |amount: Money| match rate {
        Some(rate) => Money::from_decimal(Rounding::HalfUp.round(amount.to_decimal() * rate, digits), digits),
        None => Money::from_minor(0, digits),
    };
    for item in &mut market.catalog {
        item.price = convert(item.price);
        item.cost = item.cost.map(convert);
    }
    let mut promotions = Vec::with_capacity(base.promotions.len());
    for promotion in &base.promotions {
        let mut p = promotion.clone();
        let own_tiers = own.get(&*promotion.id);
        if let Some(tiers) = own_tiers {
            let tiers_path = path.key("promotions").key(&promotion.id).key("tiers");
            p.tiers = validate_tiers(p.kind, &tiers.tiers, &market, &tiers_path, errors);
        } else if let Some(rate) = rate {
            let convert = Conversion {
                rate,
                step,
                strategy,
                digits,
            };
            match convert.tiers(&promotion.tiers) {
                Ok(tiers) => p.tiers = tiers,
                Err(detail) => errors.push(Error::invalid(
                    &path.key("rate"),
                    format!(
                        "promotion `{}`: {detail}; give the market its own tiers for it",
                        promotion.id
                    ),
                )),
            }
        } else {
            p.offered = false;
        }
        // A condition's spend converts like a threshold; without a rate it cannot.
        if let Some(amount) = promotion.condition.as_ref().and_then(|c| c.amount) {
            match rate {
                Some(rate) => {
                    let convert = Conversion {
                        rate,
                        step,
                        strategy,
                        digits,
                    };
                    p.condition = promotion.condition.as_ref().map(|c| {
                        std::sync::Arc::new(crate::config::Condition {
                            amount: Some(convert.threshold(amount)),
                            ..(**c).clone()
                        })
                    });
                }
                None if p.offered => errors.push(Error::invalid(
                    &path.key("promotions").key(&promotion.id),
                    format!(
                        "promotion `{}`: its condition's `min_subtotal` cannot be converted without a `rate`",
                        promotion.id
                    ),
                )),
                None => {}
            }
        }
        promotions.push(p);
    }
    market.promotions = promotions;
    (errors.len() == before).then_some(market)
}

/// Converts a promotion's amounts at a rate.
struct Conversion {
    rate: Decimal,
    step: Decimal,
    strategy: Rounding,
    digits: u32,
}

impl Conversion {
    /// A threshold: converted, then rounded to the step.
    fn threshold(&self, amount: Decimal) -> Decimal {
        // In integers: amount × rate = mantissa / 10^scale; the step is `step` minor units.
        let product = amount * self.rate;
        let mantissa = u128::try_from(product.mantissa()).unwrap_or(0);
        let step = to_minor(self.step, self.digits).max(1);
        let scale = product.scale();
        let (numerator, denominator) = if scale >= self.digits {
            (mantissa, step * 10u128.pow(scale - self.digits))
        } else {
            (mantissa * 10u128.pow(self.digits - scale), step)
        };
        from_minor(self.strategy.divide(numerator, denominator) * step, self.digits)
    }

    /// An amount off: converted, rounded down to the minor unit (never more than the merchant meant).
    fn off(&self, amount: Decimal) -> Result<Decimal, String> {
        let converted = Rounding::Down.round(amount * self.rate, self.digits);
        if converted.is_zero() {
            return Err(format!("{amount} off converts to nothing"));
        }
        Ok(converted)
    }

    fn tiers(&self, tiers: &[Tier]) -> Result<Vec<Tier>, String> {
        let mut out: Vec<Tier> = Vec::with_capacity(tiers.len());
        for (i, tier) in tiers.iter().enumerate() {
            let threshold = match tier.threshold {
                Measure::Amount(t) => Measure::Amount(self.threshold(t)),
                units => units,
            };
            let reward = match &tier.reward {
                Reward::AmountOff(off) => Reward::AmountOff(self.off(*off)?),
                Reward::AmountOffEach(off) => Reward::AmountOffEach(self.off(*off)?),
                Reward::ShippingOff {
                    off: Some(off),
                    percent,
                } => Reward::ShippingOff {
                    off: Some(self.off(*off)?),
                    percent: *percent,
                },
                // A price is converted like the catalog's: half up.
                Reward::Gift(gift) => Reward::Gift(crate::config::Gift {
                    price: Rounding::HalfUp.round(gift.price * self.rate, self.digits),
                    ..gift.clone()
                }),
                Reward::UnitPrice(price) => {
                    Reward::UnitPrice(Rounding::HalfUp.round(*price * self.rate, self.digits))
                }
                Reward::BuyGet {
                    buy,
                    get,
                    percent,
                    price: Some(price),
                } => Reward::BuyGet {
                    buy: *buy,
                    get: *get,
                    percent: *percent,
                    price: Some(Rounding::HalfUp.round(*price * self.rate, self.digits)),
                },
                Reward::PercentOff { percent, max_off } => Reward::PercentOff {
                    percent: *percent,
                    max_off: max_off.map(|m| self.off(m)).transpose()?,
                },
                Reward::Every { every, off, max_off } => {
                    let every = self.threshold(*every);
                    if every.is_zero() {
                        return Err("`every` converts to nothing".into());
                    }
                    let off = self.off(*off)?.min(every);
                    let max_off = max_off.map(|m| self.off(m)).transpose()?.map(|m| m.max(off));
                    Reward::Every { every, off, max_off }
                }
                other => other.clone(),
            };
            let threshold = match reward {
                Reward::Every { every, .. } => Measure::Amount(every),
                _ => threshold,
            };
            if let (Some(previous), Measure::Amount(now)) = (out.last(), threshold) {
                if let Measure::Amount(before) = previous.threshold {
                    if now <= before {
                        return Err(format!("converted, tiers {} and {i} both start at {now}", i - 1));
                    }
                }
            }
            out.push(Tier { threshold, reward });
        }
        Ok(out)
    }
}
