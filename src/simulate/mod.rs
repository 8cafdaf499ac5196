//! The what-if simulator: runs a config over historical orders and tells, per promotion and tier,
//! how many orders already reach it, how many are within a nudge zone below it and by how much
//! (the median gap), what the promotions cost now, and what order value, items per order,
//! discount cost and gross margin would become if a share of the nudge-zone shoppers topped up.
//! Orders stream through one at a time; only the order values (8 bytes an order, for the median
//! and the histogram) and the nudge-zone gaps are kept. Every figure is exact integer arithmetic.

pub mod orders;
pub mod sample;

use std::sync::Arc;

use crate::cart::{Cart, Line};
use crate::config::Kind;
use crate::error::{Error, Errors, JsonPath};
use crate::json::ObjectWriter;
use crate::money::{Measure, Money};
use crate::pricing::engine::Engine;
use crate::quote::{Detail, Quote};
use crate::time::Millis;

pub use orders::{Order, OrderLine, OrderReader};

/// What the simulation assumes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimulateOptions {
    /// The nudge zone below a threshold, in hundredths of a percent of it (3000 = within 30 %).
    pub nudge_zone: u32,
    /// The share of nudge-zone shoppers assumed to top up, in hundredths of a percent (5000 = 50 %).
    pub top_up: u32,
    /// The time orders are priced at (default: now).
    pub now: Option<Millis>,
    /// Bins of the order-value histogram.
    pub bins: u32,
    /// Whether to ask, for each order short of a tier, what the widget would have suggested (with
    /// the config's `suggest` settings): how often a one-click add closes the gap, and at what margin.
    pub suggestions: bool,
}

impl Default for SimulateOptions {
    fn default() -> Self {
        SimulateOptions {
            nudge_zone: 3000,
            top_up: 5000,
            now: None,
            bins: 20,
            suggestions: false,
        }
    }
}

/// Reads a share written as a decimal fraction ("0.3") or a percent ("30%") into hundredths of a percent.
fn share(text: &str, path: &JsonPath) -> Result<u32, Error> {
    let (number, scale) = match text.strip_suffix('%') {
        Some(p) => (p, 100u32),
        None => (text, 10_000u32),
    };
    let value = crate::money::parse_decimal(number).map_err(|d| Error::number(path, d))?;
    let scaled = (value * rust_decimal::Decimal::from(scale)).round();
    match u32::try_from(scaled.mantissa()) {
        Ok(v) if scaled.scale() == 0 && v <= 10_000 => Ok(v),
        _ => Err(Error::number(
            path,
            format!("`{text}` is not a share from 0 to 1 (or 0% to 100%)"),
        )),
    }
}

impl SimulateOptions {
    /// The keys of the options object.
    pub const KEYS: &'static [&'static str] = &["nudge_zone", "top_up", "now", "bins", "suggestions"];

    /// Reads options from JSON: `{"nudge_zone":"0.3","top_up":"0.5","now":"2026-11-11T00:00:00+08:00","bins":20,"suggestions":true}`.
    pub fn from_json(text: &str) -> Result<Self, Errors> {
        crate::json::read::document(text, |value, root, errors| {
            let mut options = SimulateOptions::default();
            let Some(object) = crate::json::read::Object::open(value, root, Self::KEYS, errors) else {
                return options;
            };
            for (key, slot) in [
                ("nudge_zone", &mut options.nudge_zone),
                ("top_up", &mut options.top_up),
            ] {
                if let Some(text) = object.number(key, "a share such as \"0.3\"", errors) {
                    match share(&text, &object.path(key)) {
                        Ok(v) => *slot = v,
                        Err(e) => errors.push(e),
                    }
                }
            }
            if let Some(now) = object.string("now", errors) {
                match crate::time::parse_rfc3339(&now) {
                    Ok(t) => options.now = Some(t),
                    Err(d) => errors.push(Error::invalid(&object.path("now"), d)),
                }
            }
            if let Some(bins) = object.count("bins", 200, errors) {
                options.bins = (bins as u32).max(1);
            }
            if let Some(suggestions) = object.boolean("suggestions", errors) {
                options.suggestions = suggestions;
            }
            options
        })
    }

    /// Reads a share option given on the command line ("0.3" or "30%").
    pub fn parse_share(text: &str, name: &str) -> Result<u32, Errors> {
        share(text, &JsonPath::root().key(name)).map_err(Errors::from)
    }
}

/// What the widget's suggestions would have done (see [`SimulateOptions::suggestions`]).
#[derive(Debug, Clone, Default)]
struct SuggestionTally {
    /// Orders short of a tier the widget would show progress to.
    short: u64,
    /// Of those, orders whose first card closes the gap in one click.
    closable: u64,
    /// Orders offered browse cards only (far from the tier, or nothing within the caps closes it).
    browse: u64,
    /// What the first closing cards add, at list price.
    spend: i128,
    /// What they save the shoppers (discounts gained and shipping waived).
    saving: i128,
    /// Closing cards whose items all have a `cost`, and the margin they leave: spend − saving − cost.
    with_cost: u64,
    margin: i128,
}

/// What one tier saw.
#[derive(Debug, Clone, Default)]
struct TierTally {
    /// The threshold in minor units (money) or units.
    threshold: i128,
    money: bool,
    reached: u64,
    gaps: Vec<i128>,
    added_spend: i128,
    added_units: i128,
    extra_discount: i128,
    extra_waived: i128,
}

/// What one promotion saw.
#[derive(Debug, Clone)]
struct PromotionTally {
    id: Arc<str>,
    kind: Kind,
    label: Option<String>,
    applied_orders: u64,
    given: i128,
    tiers: Vec<TierTally>,
}

/// A simulation in progress: feed it orders, then read its report. It holds its own handle on the
/// engine (a cheap clone: the config is shared), so a binding may keep it between calls.
pub struct Simulation<'e> {
    engine: Engine,
    borrowed: std::marker::PhantomData<&'e Engine>,
    options: SimulateOptions,
    clock: Millis,
    orders: u64,
    lines: u64,
    units: i128,
    subtotal: i128,
    discount: i128,
    waived: i128,
    total: i128,
    cost: i128,
    has_cost: bool,
    values: Vec<i128>,
    promotions: Vec<PromotionTally>,
    suggestions: Option<SuggestionTally>,
    /// Per segment (the file's and the config's stages), in order of first appearance.
    segments: Vec<SegmentTally>,
}

/// The orders of one segment.
#[derive(Debug, Clone, Default)]
struct SegmentTally {
    segment: String,
    orders: u64,
    units: i128,
    subtotal: i128,
    discount: i128,
    waived: i128,
    total: i128,
}

/// The shipping fee a quote waived (free shipping, or an amount or percentage off it).
pub(crate) fn waived(quote: &Quote) -> i128 {
    quote
        .applied
        .iter()
        .filter(|a| a.kind == "free_shipping" || a.kind == "shipping_off")
        .map(|a| a.amount.minor())
        .sum()
}

impl<'e> Simulation<'e> {
    /// A simulation of `engine`'s config; `clock` prices orders when the options give no time.
    pub fn new(engine: &'e Engine, options: SimulateOptions, clock: Millis) -> Self {
        Simulation::from_engine(engine.clone(), options, clock)
    }

    /// [`Simulation::new`] with its own engine handle (of any lifetime: a binding keeps it).
    pub fn from_engine(engine: Engine, options: SimulateOptions, clock: Millis) -> Self {
        let config = engine.config();
        let digits = config.currency.minor_digits;
        let promotions = config
            .promotions
            .iter()
            .map(|p| PromotionTally {
                id: p.id.clone(),
                kind: p.kind,
                label: p.label.clone(),
                applied_orders: 0,
                given: 0,
                tiers: p
                    .tiers
                    .iter()
                    .map(|t| match t.threshold {
                        Measure::Amount(a) => TierTally {
                            threshold: Money::from_decimal(a, digits).minor(),
                            money: true,
                            ..TierTally::default()
                        },
                        Measure::Units(u) => TierTally {
                            threshold: u as i128,
                            ..TierTally::default()
                        },
                    })
                    .collect(),
            })
            .collect();
        let suggestions = options.suggestions.then(SuggestionTally::default);
        Simulation {
            suggestions,
            engine,
            borrowed: std::marker::PhantomData,
            options,
            clock,
            orders: 0,
            lines: 0,
            units: 0,
            subtotal: 0,
            discount: 0,
            waived: 0,
            total: 0,
            cost: 0,
            has_cost: false,
            values: Vec::new(),
            promotions,
            segments: Vec::new(),
        }
    }

    fn cart(&self, order: &Order) -> Cart {
        order_cart(
            self.engine.config(),
            order,
            self.options.now.unwrap_or(self.clock),
        )
    }

    /// The segments an order's customer is in: the file's, then the config's stages its facts reach.
    fn segments_of(&self, order: &Order) -> Vec<String> {
        let customer = &order.customer;
        let now = self.options.now.unwrap_or(self.clock);
        let mut out = customer.segments.clone();
        for stage in &self.engine.config().stages {
            let reached = stage.matches(
                customer.orders,
                customer.last_order_at,
                customer.lifetime_spend,
                now,
            );
            if reached && !out.contains(&stage.segment) {
                out.push(stage.segment.clone());
            }
        }
        out
    }

    /// Adds one order.
    pub fn add(&mut self, order: &Order) -> Result<(), Errors> {
        let config = self.engine.config();
        if let Some(method) = &order.customer.shipping_method {
            if !config.shipping_methods.iter().any(|m| *m.id == **method) {
                return Err(crate::error::Error::invalid(
                    &crate::error::JsonPath::root()
                        .key(&format!("order {}", order.id))
                        .key("shipping_method"),
                    format!("no shipping method `{method}` in the config's `shipping.methods`"),
                )
                .into());
            }
        }
        let digits = config.currency.minor_digits;
        let cart = self.cart(order);
        let quote = self.engine.quote_with(&cart, self.clock, Detail::Summary)?;
        let units: i128 = order.lines.iter().map(|l| l.quantity as i128).sum();
        let subtotal = quote.subtotal.minor();
        self.orders += 1;
        self.lines += order.lines.len() as u64;
        self.units += units;
        self.subtotal += subtotal;
        self.discount += quote.discount.minor();
        let waived_now = waived(&quote);
        self.waived += waived_now;
        self.total += quote.total.minor();
        for line in &order.lines {
            if let Some(cost) = line.cost {
                self.has_cost = true;
                self.cost += Money::from_decimal(cost, digits).minor() * line.quantity as i128;
            }
        }
        self.values.push(subtotal);
        for segment in self.segments_of(order) {
            let at = match self.segments.iter().position(|t| t.segment == segment) {
                Some(at) => at,
                None => {
                    self.segments.push(SegmentTally {
                        segment,
                        ..SegmentTally::default()
                    });
                    self.segments.len() - 1
                }
            };
            let tally = &mut self.segments[at];
            tally.orders += 1;
            tally.units += units;
            tally.subtotal += subtotal;
            tally.discount += quote.discount.minor();
            tally.waived += waived_now;
            tally.total += quote.total.minor();
        }
        for applied in &quote.applied {
            if let Some(p) = self.promotions.iter_mut().find(|p| p.id == applied.promotion) {
                p.applied_orders += 1;
                p.given += applied.amount.minor();
            }
        }
        // The order's mean unit price: how many units an amount of extra spend is, roughly.
        let unit_price = if units > 0 { (subtotal / units).max(1) } else { 1 };
        for progress in &quote.progress {
            let Some(index) = self.promotions.iter().position(|p| p.id == progress.promotion) else {
                continue;
            };
            let kind = self.promotions[index].kind;
            let repeating = matches!(kind, Kind::AmountOffEvery | Kind::BuyXGetY | Kind::BundlePrice);
            let tier_count = if repeating {
                1
            } else {
                self.promotions[index].tiers.len()
            };
            let measured = match progress.measured {
                Measure::Amount(m) => m.minor(),
                Measure::Units(u) => u as i128,
            };
            for t in 0..tier_count {
                let reached = if repeating {
                    progress.tier.is_some()
                } else {
                    progress.tier.is_some_and(|r| r >= t)
                };
                let tally = &self.promotions[index].tiers[t];
                let (threshold, gap) = match (&progress.next, repeating) {
                    (Some(next), _) if next.tier == t || repeating => {
                        let value = |q: &Measure<Money>| match q {
                            Measure::Amount(m) => m.minor(),
                            Measure::Units(u) => *u as i128,
                        };
                        (value(&next.threshold), value(&next.remaining))
                    }
                    _ => (tally.threshold, tally.threshold - measured),
                };
                let money = matches!(progress.measured, Measure::Amount(_));
                if reached && !repeating {
                    self.promotions[index].tiers[t].reached += 1;
                    continue;
                }
                if repeating && reached {
                    self.promotions[index].tiers[t].reached += 1;
                }
                if gap <= 0 || gap * 10_000 > threshold * i128::from(self.options.nudge_zone) {
                    continue;
                }
                // In the nudge zone: price the order as if the shopper had topped up exactly.
                let probe = config
                    .promotions
                    .iter()
                    .find(|p| p.id == progress.promotion)
                    .map(|p| p.scope.probe());
                let mut topped = cart.clone();
                let (price, quantity, added_units) = if money {
                    (
                        Money::from_minor(gap, digits),
                        1,
                        (gap + unit_price - 1) / unit_price,
                    )
                } else {
                    (Money::from_minor(unit_price, digits), gap as u64, gap)
                };
                if let Some(probe) = probe {
                    topped.lines.push(Line {
                        sku: probe.sku,
                        price,
                        quantity,
                        category: probe.category,
                        tags: probe.tags,
                        tax_rate: rust_decimal::Decimal::ZERO,
                        gift: None,
                    });
                }
                let after = self.engine.quote_with(&topped, self.clock, Detail::Summary)?;
                let tally = &mut self.promotions[index].tiers[t];
                tally.gaps.push(gap);
                tally.added_spend += after.subtotal.minor() - subtotal;
                tally.added_units += added_units;
                tally.extra_discount += after.discount.minor() - quote.discount.minor();
                tally.extra_waived += waived(&after) - waived_now;
            }
        }
        if self.suggestions.is_some() && quote.progress.iter().any(|p| p.next.is_some()) {
            // What the widget would have shown: its default options under the config's settings.
            let widget = crate::widget::options::WidgetOptions::default()
                .suggest
                .unwrap_or_default();
            let cards = self.engine.suggest_after(&cart, self.clock, &quote, &widget)?;
            let tally = self.suggestions.get_or_insert_with(SuggestionTally::default);
            tally.short += 1;
            match cards.first() {
                Some(card) if !card.browse => {
                    tally.closable += 1;
                    tally.spend += card.spend.minor();
                    tally.saving += card.saving.minor();
                    let cost: Option<i128> = card
                        .items
                        .iter()
                        .map(|i| Some(config.catalog_item(&i.sku)?.cost?.minor() * i.quantity as i128))
                        .sum();
                    if let Some(cost) = cost {
                        tally.with_cost += 1;
                        tally.margin += card.spend.minor() - card.saving.minor() - cost;
                    }
                }
                Some(_) => tally.browse += 1,
                None => {}
            }
        }
        Ok(())
    }

    /// The report.
    pub fn report(mut self) -> Report<'e> {
        let config = self.engine.config();
        crate::sort::sort_by(&mut self.values, Ord::cmp);
        for p in &mut self.promotions {
            for t in &mut p.tiers {
                crate::sort::sort_by(&mut t.gaps, Ord::cmp);
            }
        }
        Report {
            currency: config.currency.code,
            digits: config.currency.minor_digits,
            sim: self,
        }
    }
}

/// A finished simulation, written as JSON or as text.
pub struct Report<'e> {
    currency: &'static str,
    digits: u32,
    sim: Simulation<'e>,
}

/// `numerator / denominator` rounded half up, for non-negative integers (0 when the denominator is 0).
fn div(numerator: i128, denominator: i128) -> i128 {
    if denominator <= 0 {
        return 0;
    }
    (2 * numerator + denominator) / (2 * denominator)
}

/// A ratio as a decimal string with `places` decimals ("0.4123").
fn ratio(numerator: i128, denominator: i128, places: u32) -> String {
    let scaled = div(numerator * 10i128.pow(places), denominator);
    Money::from_minor(scaled, places).to_string()
}

/// The median of sorted values (the lower middle for an even count).
fn median(sorted: &[i128]) -> i128 {
    if sorted.is_empty() {
        0
    } else {
        sorted[(sorted.len() - 1) / 2]
    }
}

/// A round bin width at or above `raw`: 1, 2 or 5 times a power of ten.
fn nice(raw: i128) -> i128 {
    let mut power = 1i128;
    loop {
        for step in [1, 2, 5] {
            if step * power >= raw {
                return step * power;
            }
        }
        power *= 10;
    }
}

/// Figures for one tier, projected.
struct Projection {
    order_value: i128,
    items_per_order: String,
    discount_cost: i128,
    gross_margin: Option<String>,
    topping_up: String,
}

impl Report<'_> {
    fn money(&self, minor: i128) -> Money {
        Money::from_minor(minor, self.digits)
    }

    fn gross_margin(&self, revenue: i128, cost: i128) -> Option<String> {
        (self.sim.has_cost && revenue > 0).then(|| ratio(revenue - cost, revenue, 4))
    }

    fn project(&self, tier: &TierTally) -> Projection {
        // Everything in ten-thousandths of an order (the share is in hundredths of a percent) until
        // the last division, so half an added unit is not rounded away.
        const SCALE: i128 = 10_000;
        let s = &self.sim;
        let share = i128::from(s.options.top_up);
        let orders = s.orders as i128 * SCALE;
        let subtotal = s.subtotal * SCALE + tier.added_spend * share;
        let units = s.units * SCALE + tier.added_units * share;
        let discount = s.discount * SCALE + tier.extra_discount * share;
        let given = (s.discount + s.waived) * SCALE + (tier.extra_discount + tier.extra_waived) * share;
        // Added goods cost what the orders' goods cost on average.
        let cost = s.cost * SCALE + div(tier.added_spend * share * s.cost, s.subtotal.max(1));
        Projection {
            order_value: div(subtotal, orders),
            items_per_order: ratio(units, orders, 2),
            discount_cost: div(given, SCALE),
            gross_margin: self.gross_margin(subtotal - discount, cost),
            topping_up: ratio(tier.gaps.len() as i128 * share, SCALE, 0),
        }
    }

    /// The histogram of order values: (from, to or None for the last, orders).
    fn histogram(&self) -> (i128, Vec<(i128, Option<i128>, u64)>) {
        let s = &self.sim;
        let values = &s.values;
        let p99 = values
            .get(values.len().saturating_sub(1) * 99 / 100)
            .copied()
            .unwrap_or(0);
        let highest_threshold = s
            .promotions
            .iter()
            .flat_map(|p| p.tiers.iter().filter(|t| t.money).map(|t| t.threshold))
            .max()
            .unwrap_or(0);
        let upper = p99.max(highest_threshold * 6 / 5).max(1);
        let width = nice(div(upper, i128::from(s.options.bins)).max(1));
        let count = (upper / width + 1) as usize;
        let mut bins: Vec<(i128, Option<i128>, u64)> = (0..count)
            .map(|i| (i as i128 * width, Some((i as i128 + 1) * width), 0))
            .collect();
        if let Some(last) = bins.last_mut() {
            last.1 = None;
        }
        for &v in values {
            let i = ((v / width) as usize).min(count - 1);
            bins[i].2 += 1;
        }
        (width, bins)
    }

    /// The report as compact JSON.
    pub fn to_json(&self) -> String {
        let s = &self.sim;
        let orders = s.orders as i128;
        let mut out = String::new();
        let mut o = ObjectWriter::new(&mut out);
        o.string("currency", self.currency);
        o.number("orders", s.orders);
        o.number("lines", s.lines);
        o.string("items_per_order", &ratio(s.units, orders, 2));
        let mut value = ObjectWriter::new(o.key("order_value"));
        value.string("mean", &self.money(div(s.subtotal, orders)).to_string());
        value.string("median", &self.money(median(&s.values)).to_string());
        value.end();
        o.string("subtotal", &self.money(s.subtotal).to_string());
        o.string("total", &self.money(s.total).to_string());
        o.string("discount", &self.money(s.discount).to_string());
        o.string("shipping_waived", &self.money(s.waived).to_string());
        o.string("discount_cost", &self.money(s.discount + s.waived).to_string());
        match self.gross_margin(s.subtotal - s.discount, s.cost) {
            Some(m) => o.string("gross_margin", &m),
            None => o.raw("gross_margin", "null"),
        }
        o.string("nudge_zone", &ratio(i128::from(s.options.nudge_zone), 10_000, 2));
        o.string("top_up", &ratio(i128::from(s.options.top_up), 10_000, 2));
        if let Some(t) = &s.suggestions {
            let mut so = ObjectWriter::new(o.key("suggestions"));
            so.number("orders_short", t.short);
            so.number("closable", t.closable);
            so.string(
                "closable_share",
                &ratio(i128::from(t.closable), i128::from(t.short), 4),
            );
            so.number("browse", t.browse);
            so.string("added_spend", &self.money(t.spend).to_string());
            so.string(
                "added_spend_mean",
                &self.money(div(t.spend, i128::from(t.closable))).to_string(),
            );
            so.string("saving", &self.money(t.saving).to_string());
            so.number("with_cost", t.with_cost);
            if t.with_cost > 0 {
                so.string("margin", &self.money(t.margin).to_string());
                so.string(
                    "margin_mean",
                    &self.money(div(t.margin, i128::from(t.with_cost))).to_string(),
                );
            } else {
                so.raw("margin", "null");
                so.raw("margin_mean", "null");
            }
            so.end();
        }
        if !s.segments.is_empty() {
            // Per segment (an order counts in each of its segments): what each group ordered and got.
            o.array("segments", &s.segments, |out, t| {
                let n = t.orders as i128;
                let mut so = ObjectWriter::new(out);
                so.string("segment", &t.segment);
                so.number("orders", t.orders);
                so.string("share", &ratio(n, orders, 4));
                so.string("order_value_mean", &self.money(div(t.subtotal, n)).to_string());
                so.string("items_per_order", &ratio(t.units, n, 2));
                so.string("discount", &self.money(t.discount).to_string());
                so.string("shipping_waived", &self.money(t.waived).to_string());
                so.string(
                    "discount_cost_mean",
                    &self.money(div(t.discount + t.waived, n)).to_string(),
                );
                so.string("total", &self.money(t.total).to_string());
                so.end();
            });
        }
        o.array("promotions", &s.promotions, |out, p| {
            let mut po = ObjectWriter::new(out);
            po.string("promotion", &p.id);
            po.string("kind", p.kind.as_str());
            if let Some(label) = &p.label {
                po.string("label", label);
            }
            po.number("applied_orders", p.applied_orders);
            po.string("cost", &self.money(p.given).to_string());
            let repeating = matches!(p.kind, Kind::AmountOffEvery | Kind::BuyXGetY | Kind::BundlePrice);
            let shown = if repeating {
                &p.tiers[..p.tiers.len().min(1)]
            } else {
                &p.tiers[..]
            };
            let indexed: Vec<(usize, &TierTally)> = shown.iter().enumerate().collect();
            po.array("tiers", &indexed, |out, (i, t)| {
                let mut to = ObjectWriter::new(out);
                to.number("tier", *i as u64);
                if repeating {
                    to.raw("threshold", "null");
                } else if t.money {
                    to.string("threshold", &self.money(t.threshold).to_string());
                } else {
                    to.number("threshold", t.threshold as u64);
                }
                to.number("reached", t.reached);
                to.string("reached_share", &ratio(t.reached as i128, orders, 4));
                let mut zone = ObjectWriter::new(to.key("nudge_zone"));
                zone.number("orders", t.gaps.len() as u64);
                zone.string("share", &ratio(t.gaps.len() as i128, orders, 4));
                let gap = median(&t.gaps);
                if t.money || repeating && p.kind == Kind::AmountOffEvery {
                    zone.string("median_gap", &self.money(gap).to_string());
                } else {
                    zone.number("median_gap", gap as u64);
                }
                zone.end();
                let projection = self.project(t);
                let mut pr = ObjectWriter::new(to.key("projection"));
                pr.string("orders_topping_up", &projection.topping_up);
                pr.string("order_value", &self.money(projection.order_value).to_string());
                pr.string("items_per_order", &projection.items_per_order);
                pr.string("discount_cost", &self.money(projection.discount_cost).to_string());
                match &projection.gross_margin {
                    Some(m) => pr.string("gross_margin", m),
                    None => pr.raw("gross_margin", "null"),
                }
                pr.end();
                to.end();
            });
            po.end();
        });
        let (width, bins) = self.histogram();
        let mut h = ObjectWriter::new(o.key("histogram"));
        h.string("bin_width", &self.money(width).to_string());
        h.array("bins", &bins, |out, (from, to, count)| {
            let mut b = ObjectWriter::new(out);
            b.string("from", &self.money(*from).to_string());
            match to {
                Some(to) => b.string("to", &self.money(*to).to_string()),
                None => b.raw("to", "null"),
            }
            b.number("orders", *count);
            b.end();
        });
        let marks: Vec<(&Arc<str>, usize, i128)> = s
            .promotions
            .iter()
            .flat_map(|p| {
                p.tiers
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.money && t.threshold > 0)
                    .map(move |(i, t)| (&p.id, i, t.threshold))
            })
            .collect();
        h.array("thresholds", &marks, |out, (id, tier, at)| {
            let mut m = ObjectWriter::new(out);
            m.string("promotion", id);
            m.number("tier", *tier as u64);
            m.string("at", &self.money(*at).to_string());
            m.end();
        });
        h.end();
        o.end();
        out
    }

    /// The report as text for a terminal.
    pub fn to_text(&self) -> String {
        let s = &self.sim;
        let orders = s.orders as i128;
        let c = self.currency;
        let mut out = String::new();
        let mut line = |text: String| {
            out.push_str(&text);
            out.push('\n');
        };
        line(format!(
            "{} orders, {} lines; order value mean {} {c}, median {} {c}; {} items an order",
            s.orders,
            s.lines,
            self.money(div(s.subtotal, orders)),
            self.money(median(&s.values)),
            ratio(s.units, orders, 2)
        ));
        line(format!(
            "discount cost {} {c} (discounts {} + shipping waived {}){}",
            self.money(s.discount + s.waived),
            self.money(s.discount),
            self.money(s.waived),
            self.gross_margin(s.subtotal - s.discount, s.cost)
                .map(|m| format!("; gross margin {m}"))
                .unwrap_or_default()
        ));
        line(format!(
            "nudge zone: within {} of a threshold; projection: {} of those shoppers top up",
            ratio(i128::from(s.options.nudge_zone), 100, 0) + "%",
            ratio(i128::from(s.options.top_up), 100, 0) + "%"
        ));
        for t in &s.segments {
            let n = t.orders as i128;
            line(format!(
                "segment {}: {} orders ({}), order value mean {} {c}, {} items an order, discount cost {} {c} an order",
                t.segment,
                t.orders,
                ratio(n * 100, orders, 1) + "%",
                self.money(div(t.subtotal, n)),
                ratio(t.units, n, 2),
                self.money(div(t.discount + t.waived, n)),
            ));
        }
        if let Some(t) = &s.suggestions {
            line(format!(
                "suggestions: {} of {} orders short of a tier ({}) had a one-click add that closes the gap, adding {} {c} on average (saving the shopper {} {c} in all); {} got browse cards{}",
                t.closable,
                t.short,
                ratio(i128::from(t.closable) * 100, i128::from(t.short), 1) + "%",
                self.money(div(t.spend, i128::from(t.closable))),
                self.money(t.saving),
                t.browse,
                if t.with_cost > 0 {
                    format!(
                        "; the {} with costs left a margin of {} {c} on average",
                        t.with_cost,
                        self.money(div(t.margin, i128::from(t.with_cost)))
                    )
                } else {
                    String::new()
                }
            ));
        }
        for p in &s.promotions {
            line(String::new());
            line(format!(
                "{} ({}): applied to {} orders, cost {} {c}",
                p.label.as_deref().unwrap_or(&p.id),
                p.kind.as_str(),
                p.applied_orders,
                self.money(p.given)
            ));
            let repeating = matches!(p.kind, Kind::AmountOffEvery | Kind::BuyXGetY | Kind::BundlePrice);
            for (i, t) in p
                .tiers
                .iter()
                .enumerate()
                .take(if repeating { 1 } else { usize::MAX })
            {
                let projection = self.project(t);
                let threshold = if repeating {
                    "next step".to_owned()
                } else if t.money {
                    format!("{} {c}", self.money(t.threshold))
                } else {
                    format!("{} units", t.threshold)
                };
                let gap = if t.money || p.kind == Kind::AmountOffEvery {
                    format!("{} {c}", self.money(median(&t.gaps)))
                } else {
                    format!("{} units", median(&t.gaps))
                };
                line(format!(
                    "  tier {i} at {threshold}: reached by {} ({}), {} in the nudge zone (median gap {gap})",
                    t.reached,
                    ratio(t.reached as i128 * 100, orders, 1) + "%",
                    t.gaps.len()
                ));
                line(format!(
                    "    if {} top up: order value {} {c}, {} items an order, discount cost {} {c}{}",
                    projection.topping_up,
                    self.money(projection.order_value),
                    projection.items_per_order,
                    self.money(projection.discount_cost),
                    projection
                        .gross_margin
                        .map(|m| format!(", gross margin {m}"))
                        .unwrap_or_default()
                ));
            }
        }
        let (width, bins) = self.histogram();
        let most = bins.iter().map(|b| b.2).max().unwrap_or(1).max(1);
        line(String::new());
        line(format!(
            "order values (bins of {} {c}; | marks a threshold):",
            self.money(width)
        ));
        for (from, to, count) in &bins {
            let marked = s
                .promotions
                .iter()
                .flat_map(|p| p.tiers.iter())
                .any(|t| t.money && t.threshold >= *from && to.is_none_or(|to| t.threshold < to));
            let bar = "#".repeat((*count * 40 / most) as usize);
            let range = match to {
                Some(to) => format!(
                    "{:>8} – {:<8}",
                    self.money(*from).to_string(),
                    self.money(*to).to_string()
                ),
                None => format!("{:>8} and above", self.money(*from).to_string()),
            };
            line(format!(
                "{range} {} {count:>7} {bar}",
                if marked { "|" } else { " " }
            ));
        }
        out
    }
}

/// Runs a config over orders given as text (CSV or JSON lines): the report's JSON.
pub fn simulate_text(
    engine: &Engine,
    orders: &str,
    options: SimulateOptions,
    clock: Millis,
) -> Result<String, Errors> {
    let mut run = Run::new(engine, options, clock);
    run.push(orders)?;
    run.finish()
}

/// The longest line a piece of text may leave unfinished (1 MiB): longer is no orders file.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// A simulation fed with an orders file in pieces of any size, cut anywhere (a file read in chunks):
/// a binding reports progress and can stop between pieces. The report is the same, byte for byte,
/// wherever the pieces are cut (`tests/simulate.rs`).
pub struct Run<'e> {
    reader: OrderReader,
    simulation: Simulation<'e>,
    pieces: Pieces,
}

/// Text given in pieces of any size, cut anywhere, handed on one whole line at a time.
#[derive(Debug, Default)]
pub struct Pieces {
    /// The start of a line that the pieces so far have not ended.
    pending: String,
}

impl Pieces {
    /// Hands `each` every line `piece` completes; keeps the unfinished rest (at most
    /// [`MAX_LINE_BYTES`]: longer is refused as `what`).
    pub fn push(
        &mut self,
        piece: &str,
        what: &'static str,
        mut each: impl FnMut(&str) -> Result<(), Errors>,
    ) -> Result<(), Errors> {
        // The unfinished line of the last piece goes first; without one, the piece is read in place
        // (a whole file given at once is never copied).
        let joined;
        let text: &str = if self.pending.is_empty() {
            piece
        } else {
            self.pending.push_str(piece);
            joined = std::mem::take(&mut self.pending);
            &joined
        };
        // Lines up to the last line end; a `\r` at the very end may be the first half of `\r\n`.
        let search = text.strip_suffix('\r').unwrap_or(text);
        let complete = search.rfind(['\n', '\r']).map_or(0, |end| end + 1);
        for line in orders::lines(&text[..complete]) {
            each(line)?;
        }
        if text.len() - complete > MAX_LINE_BYTES {
            return Err(Errors::from(Error::TooLarge {
                what,
                limit: MAX_LINE_BYTES,
            }));
        }
        self.pending = text[complete..].to_owned();
        Ok(())
    }

    /// Hands `each` the lines left at the end of the text.
    pub fn finish(&mut self, mut each: impl FnMut(&str) -> Result<(), Errors>) -> Result<(), Errors> {
        let rest = std::mem::take(&mut self.pending);
        let done = orders::lines(&rest).try_for_each(&mut each);
        done
    }
}

impl<'e> Run<'e> {
    /// A run of `engine`'s config; `clock` prices orders when the options give no time.
    pub fn new(engine: &'e Engine, options: SimulateOptions, clock: Millis) -> Self {
        Run::from_engine(engine.clone(), options, clock)
    }

    /// [`Run::new`] with its own engine handle (of any lifetime: a binding keeps it between calls).
    pub fn from_engine(engine: Engine, options: SimulateOptions, clock: Millis) -> Self {
        Run {
            reader: OrderReader::new(engine.config().currency),
            simulation: Simulation::from_engine(engine, options, clock),
            pieces: Pieces::default(),
        }
    }

    /// Reads the next piece of the file; returns the orders read so far.
    pub fn push(&mut self, piece: &str) -> Result<u64, Errors> {
        let (reader, simulation) = (&mut self.reader, &mut self.simulation);
        self.pieces.push(piece, "orders line", |line| {
            if let Some(order) = reader.push_line(line)? {
                simulation.add(&order)?;
            }
            Ok(())
        })?;
        Ok(self.simulation.orders)
    }

    /// Reads what is left and returns the report's JSON.
    pub fn finish(mut self) -> Result<String, Errors> {
        let (reader, simulation) = (&mut self.reader, &mut self.simulation);
        self.pieces.finish(|line| {
            if let Some(order) = reader.push_line(line)? {
                simulation.add(&order)?;
            }
            Ok(())
        })?;
        if let Some(order) = self.reader.finish()? {
            self.simulation.add(&order)?;
        }
        Ok(self.simulation.report().to_json())
    }
}

/// An order as a cart priced at its `placed_at`, else `now`: categories and tags from the catalog where the order gives
/// none, the customer's facts, and the variant its `visitor` is assigned (the control without one).
pub(crate) fn order_cart(config: &crate::config::Config, order: &Order, now: Millis) -> Cart {
    Cart {
        lines: order
            .lines
            .iter()
            .map(|l| Line {
                sku: l.sku.clone(),
                price: l.price,
                quantity: l.quantity,
                category: l
                    .category
                    .clone()
                    .or_else(|| config.catalog_item(&l.sku).and_then(|c| c.category.clone())),
                tags: config
                    .catalog_item(&l.sku)
                    .map(|c| c.tags.clone())
                    .unwrap_or_default(),
                tax_rate: rust_decimal::Decimal::ZERO,
                gift: None,
            })
            .collect(),
        now: Some(order.customer.placed_at.unwrap_or(now)),
        shipping_method: order
            .customer
            .shipping_method
            .as_deref()
            .and_then(|id| config.shipping_methods.iter().find(|m| *m.id == *id))
            .or(config.shipping_methods.first())
            .map(|m| m.id.clone()),
        country: order.customer.country.clone(),
        segments: order.customer.segments.clone(),
        coupons: order
            .customer
            .coupons
            .iter()
            .map(|c| crate::config::normalize_coupon(c))
            .collect(),
        facts: crate::cart::facts::Facts {
            orders: order.customer.orders,
            last_order_at: order.customer.last_order_at,
            lifetime_spend: order.customer.lifetime_spend,
            ..Default::default()
        },
        // Priced under the variant its visitor was assigned (the control without one).
        assigned: crate::cart::assign(
            &config.experiments,
            order.customer.visitor.as_deref(),
            None,
            &crate::error::JsonPath::root(),
            &mut Vec::new(),
        ),
        ..Cart::default()
    }
}
