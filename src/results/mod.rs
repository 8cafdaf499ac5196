//! An experiment's results: the widget's events and the shop's orders, per variant, against the
//! control (the experiment's first variant), with a 95 % interval and a plain sentence.
//!
//! Events are read first (JSON lines, [`events`]), then orders (the simulator's files, with a
//! `visitor` column), both in pieces of any size. A shopper's variant is the one their events
//! named first; a shopper with orders but no events is assigned by the config's hash of their
//! `visitor`, as the storefront and the checkout would have. Each order is priced again under its
//! variant's config, so the discount it cost and the margin it left are the engine's, exact.
//!
//! Memory grows with the shoppers (one entry an id), not with the events or the orders.

pub mod events;
pub mod stats;
pub mod synthetic;

use std::collections::HashMap;

use crate::cart::Assigned;
use crate::config::experiment::{By, Experiment};
use crate::error::{Error, Errors, JsonPath};
use crate::json::ObjectWriter;
use crate::money::Money;
use crate::pricing::engine::Engine;
use crate::quote::Detail;
use crate::simulate::orders::{Order, OrderReader};
use crate::simulate::Pieces;
use crate::time::Millis;
use stats::{compare, compare_shares, Difference, ShareDifference, Sums};

/// Fewer orders than this in a group and a sentence says it is a first look.
const FEW_ORDERS: u64 = 100;

/// What one shopper did.
#[derive(Debug, Clone, Default)]
struct Shopper {
    /// Their variant (its position in the experiment).
    variant: usize,
    reached: bool,
    clicked: bool,
    ordered: bool,
    /// What they paid for goods, in minor units.
    spend: i128,
}

/// One variant's tallies.
#[derive(Debug, Clone, Default)]
struct Tally {
    impressions: u64,
    clicks: u64,
    /// Per order: what the shopper paid for goods (subtotal − discount), in minor units.
    value: Sums,
    /// Per order: units, in hundredths.
    items: Sums,
    /// Per order: goods paid less their cost and any shipping fee waived, in minor units.
    margin: Sums,
    /// All discounts given, in minor units.
    discount: i128,
}

/// Where the reading is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Events,
    Orders,
}

/// An experiment's results, fed events then orders.
pub struct Results {
    engine: Engine,
    experiment: usize,
    now: Millis,
    phase: Phase,
    pieces: Pieces,
    line: usize,
    shoppers: HashMap<Box<str>, Shopper>,
    tallies: Vec<Tally>,
    reader: OrderReader,
    events: u64,
    orders: u64,
    /// Events of shoppers whose events name no variant of the experiment.
    outside: u64,
    /// Events naming a variant the experiment does not have.
    unknown_variant: u64,
    /// Events naming another variant than the shopper's first (the first counts).
    switched: u64,
    /// Orders without a visitor id.
    unassigned_orders: u64,
    /// Whether every order line had a cost.
    all_costed: bool,
}

impl Results {
    /// Results of `experiment` (default: the config's first) under `engine`'s config; orders are
    /// priced at `now`.
    pub fn new(engine: Engine, experiment: Option<&str>, now: Millis) -> Result<Self, Errors> {
        let config = engine.config();
        let at = match experiment {
            Some(id) => config
                .experiments
                .iter()
                .position(|e| &*e.id == id)
                .ok_or_else(|| {
                    Error::invalid(
                        &JsonPath::root().key("experiment"),
                        format!("the config has no experiment `{id}`"),
                    )
                })?,
            None if config.experiments.is_empty() => {
                return Err(Error::invalid(
                    &JsonPath::root().key("experiments"),
                    "the config has no experiments: a report compares an experiment's variants",
                )
                .into())
            }
            None => 0,
        };
        let variants = config.experiments[at].variants.len();
        Ok(Results {
            reader: OrderReader::new(config.currency),
            engine,
            experiment: at,
            now,
            phase: Phase::Events,
            pieces: Pieces::default(),
            line: 0,
            shoppers: HashMap::new(),
            tallies: vec![Tally::default(); variants],
            events: 0,
            orders: 0,
            outside: 0,
            unknown_variant: 0,
            switched: 0,
            unassigned_orders: 0,
            all_costed: true,
        })
    }

    fn the_experiment(&self) -> &Experiment {
        &self.engine.config().experiments[self.experiment]
    }

    /// Reads the next piece of the events file; returns the events read so far.
    pub fn push_events(&mut self, piece: &str) -> Result<u64, Errors> {
        if self.phase != Phase::Events {
            return Err(Error::invalid(&JsonPath::root(), "events come before orders").into());
        }
        let mut pieces = std::mem::take(&mut self.pieces);
        let done = pieces.push(piece, "events line", |line| self.event_line(line));
        self.pieces = pieces;
        done.map(|()| self.events)
    }

    fn event_line(&mut self, text: &str) -> Result<(), Errors> {
        self.line += 1;
        let Some(event) = events::read(text, self.line)? else {
            return Ok(());
        };
        self.events += 1;
        let experiment = &self.engine.config().experiments[self.experiment];
        let named = event
            .experiments
            .iter()
            .find(|(e, _)| *e == *experiment.id)
            .map(|(_, v)| experiment.variant(v));
        let variant = match named {
            Some(Some(v)) => v,
            Some(None) => {
                self.unknown_variant += 1;
                return Ok(());
            }
            None => {
                self.outside += 1;
                return Ok(());
            }
        };
        let shopper = match self.shoppers.get_mut(event.visitor.as_str()) {
            Some(shopper) => {
                if shopper.variant != variant {
                    // The first variant stays theirs.
                    self.switched += 1;
                }
                shopper
            }
            None => self
                .shoppers
                .entry(event.visitor.into_boxed_str())
                .or_insert(Shopper {
                    variant,
                    ..Shopper::default()
                }),
        };
        let tally = &mut self.tallies[shopper.variant];
        match event.kind {
            events::Kind::Impression => tally.impressions += 1,
            events::Kind::Progress => {}
            events::Kind::TierReached => shopper.reached = true,
            events::Kind::SuggestionAdd => {
                tally.clicks += 1;
                shopper.clicked = true;
            }
        }
        Ok(())
    }

    /// Reads the next piece of the orders file; returns the orders read so far.
    pub fn push_orders(&mut self, piece: &str) -> Result<u64, Errors> {
        self.start_orders()?;
        let mut pieces = std::mem::take(&mut self.pieces);
        let done = pieces.push(piece, "orders line", |line| self.order_line(line));
        self.pieces = pieces;
        done.map(|()| self.orders)
    }

    /// Ends the events (their last line) and starts the orders.
    fn start_orders(&mut self) -> Result<(), Errors> {
        if self.phase == Phase::Events {
            let mut pieces = std::mem::take(&mut self.pieces);
            pieces.finish(|line| self.event_line(line))?;
            self.phase = Phase::Orders;
        }
        Ok(())
    }

    fn order_line(&mut self, text: &str) -> Result<(), Errors> {
        match self.reader.push_line(text)? {
            Some(order) => self.add_order(&order),
            None => Ok(()),
        }
    }

    fn add_order(&mut self, order: &Order) -> Result<(), Errors> {
        let Some(visitor) = order.customer.visitor.as_deref() else {
            self.unassigned_orders += 1;
            return Ok(());
        };
        let variant = match self.shoppers.get(visitor) {
            Some(shopper) => shopper.variant,
            None => self.the_experiment().assign(visitor),
        };
        let config = self.engine.config();
        let mut cart = crate::simulate::order_cart(config, order, self.now);
        // Priced under the variant the shopper saw (their other experiments by their id).
        cart.assigned[self.experiment] = Assigned {
            experiment: config.experiments[self.experiment].id.clone(),
            variant: config.experiments[self.experiment].variants[variant].id.clone(),
            index: variant,
            by: By::Forced,
        };
        let quote = self
            .engine
            .quote_with(&cart, self.now, Detail::Summary)
            .map_err(|e| at_order(e, &order.id))?;
        let paid = quote.subtotal.minor() - quote.discount.minor();
        let units: u64 = order.lines.iter().map(|l| l.quantity).sum();
        let cost = order.lines.iter().try_fold(0i128, |sum, line| {
            let unit = Money::from_decimal(line.cost?, config.currency.minor_digits).minor();
            Some(sum + unit * i128::from(line.quantity))
        });
        self.all_costed &= cost.is_some();
        let waived = crate::simulate::waived(&quote);
        let tally = &mut self.tallies[variant];
        tally.value.add(paid);
        tally.items.add(i128::from(units) * 100);
        tally.margin.add(paid - cost.unwrap_or(0) - waived);
        tally.discount += quote.discount.minor();
        let shopper = self.shoppers.entry(visitor.into()).or_insert(Shopper {
            variant,
            ..Shopper::default()
        });
        shopper.ordered = true;
        shopper.spend += paid;
        self.orders += 1;
        Ok(())
    }

    /// Reads what is left and returns the report.
    pub fn finish(mut self) -> Result<Report, Errors> {
        self.start_orders()?;
        let mut pieces = std::mem::take(&mut self.pieces);
        pieces.finish(|line| self.order_line(line))?;
        if let Some(order) = self.reader.finish()? {
            self.add_order(&order)?;
        }
        Ok(self.report())
    }

    fn report(self) -> Report {
        let experiment = self.the_experiment().clone();
        let digits = self.engine.config().currency.minor_digits;
        let n = experiment.variants.len();
        let mut shoppers = vec![0u64; n];
        let mut reached = vec![0u64; n];
        let mut clickers = vec![0u64; n];
        let mut clickers_ordered = vec![0u64; n];
        let mut buyers = vec![0u64; n];
        let mut per_shopper = vec![Sums::default(); n];
        for shopper in self.shoppers.values() {
            let v = shopper.variant;
            shoppers[v] += 1;
            reached[v] += u64::from(shopper.reached);
            clickers[v] += u64::from(shopper.clicked);
            clickers_ordered[v] += u64::from(shopper.clicked && shopper.ordered);
            buyers[v] += u64::from(shopper.ordered);
            per_shopper[v].add(shopper.spend);
        }
        let variants = (0..n)
            .map(|v| {
                let t = &self.tallies[v];
                let vs = |sums: fn(&Tally) -> Sums| {
                    (v > 0)
                        .then(|| compare(&sums(&self.tallies[0]), &sums(t)))
                        .flatten()
                };
                VariantReport {
                    variant: experiment.variants[v].id.to_string(),
                    weight: experiment.variants[v].weight,
                    shoppers: shoppers[v],
                    impressions: t.impressions,
                    addon_clicks: t.clicks,
                    clickers: clickers[v],
                    clickers_ordered: clickers_ordered[v],
                    reached: reached[v],
                    buyers: buyers[v],
                    orders: t.value.n,
                    order_value: t.value,
                    items: t.items,
                    margin: self.all_costed.then_some(t.margin),
                    discount: t.discount,
                    per_shopper: per_shopper[v],
                    vs_control: (v > 0).then(|| Versus {
                        order_value: vs(|t| t.value),
                        items_per_order: vs(|t| t.items),
                        margin_per_order: if self.all_costed { vs(|t| t.margin) } else { None },
                        value_per_shopper: compare(&per_shopper[0], &per_shopper[v]),
                        conversion: compare_shares((buyers[0], shoppers[0]), (buyers[v], shoppers[v])),
                        tier_reached: compare_shares((reached[0], shoppers[0]), (reached[v], shoppers[v])),
                    }),
                }
            })
            .collect();
        Report {
            experiment: experiment.id.to_string(),
            currency: self.engine.config().currency.code,
            digits,
            events: self.events,
            orders: self.orders,
            outside_events: self.outside,
            unknown_variant_events: self.unknown_variant,
            switched_events: self.switched,
            unassigned_orders: self.unassigned_orders,
            has_cost: self.all_costed,
            variants,
        }
    }
}

/// An order's pricing error, said with its order id.
fn at_order(errors: Errors, id: &str) -> Errors {
    let path = JsonPath::root().key(&format!("order {id}"));
    Errors::new(
        errors
            .all()
            .iter()
            .map(|e| Error::invalid(&path, e.to_string()))
            .collect(),
    )
}

/// A variant against the control.
#[derive(Debug, Clone)]
pub struct Versus {
    /// Goods paid per order.
    pub order_value: Option<Difference>,
    /// Units per order (in hundredths).
    pub items_per_order: Option<Difference>,
    /// Margin per order (with a cost column).
    pub margin_per_order: Option<Difference>,
    /// Goods paid per shopper (0 for those who did not order).
    pub value_per_shopper: Option<Difference>,
    /// Shoppers who ordered.
    pub conversion: Option<ShareDifference>,
    /// Shoppers who reached a tier.
    pub tier_reached: Option<ShareDifference>,
}

/// One variant's results.
#[derive(Debug, Clone)]
pub struct VariantReport {
    /// Its id.
    pub variant: String,
    /// Its weight in the config.
    pub weight: u32,
    /// Shoppers (distinct visitors) in it.
    pub shoppers: u64,
    /// Widget impressions.
    pub impressions: u64,
    /// Add-ons added from suggestions.
    pub addon_clicks: u64,
    /// Shoppers who added an add-on.
    pub clickers: u64,
    /// Of those, the ones who ordered.
    pub clickers_ordered: u64,
    /// Shoppers who reached a tier.
    pub reached: u64,
    /// Shoppers who ordered.
    pub buyers: u64,
    /// Orders.
    pub orders: u64,
    /// Goods paid per order.
    pub order_value: Sums,
    /// Units per order, in hundredths.
    pub items: Sums,
    /// Margin per order (`None` without costs).
    pub margin: Option<Sums>,
    /// All discounts, in minor units.
    pub discount: i128,
    /// Goods paid per shopper.
    pub per_shopper: Sums,
    /// Against the control (`None` for the control itself).
    pub vs_control: Option<Versus>,
}

/// An experiment's report.
#[derive(Debug, Clone)]
pub struct Report {
    /// The experiment's id.
    pub experiment: String,
    /// The currency of its amounts.
    pub currency: &'static str,
    /// Its minor digits.
    pub digits: u32,
    /// Events read.
    pub events: u64,
    /// Orders counted.
    pub orders: u64,
    /// Events naming no variant of the experiment.
    pub outside_events: u64,
    /// Events naming a variant it does not have (left out).
    pub unknown_variant_events: u64,
    /// Events naming another variant than their shopper's first (the first counts).
    pub switched_events: u64,
    /// Orders without a visitor id (left out).
    pub unassigned_orders: u64,
    /// Whether every order line had a cost (else no margin).
    pub has_cost: bool,
    /// Per variant, the control first.
    pub variants: Vec<VariantReport>,
}

/// A probability or a share written with `digits` decimals, rounded half away from zero (without
/// the float formatter, which would double the merchant module's size).
fn fixed(value: f64, digits: u32) -> String {
    let scale = 10i64.pow(digits);
    let scaled = (value * scale as f64).round() as i64;
    Money::from_minor(i128::from(scaled), digits).to_string()
}

/// `part` of `whole` as a percentage with one decimal ("12.5"), or `null`.
fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "null".into();
    }
    let tenths = stats::divide_rounded(i128::from(part) * 1000, i128::from(whole));
    format!("\"{}\"", Money::from_minor(tenths, 1))
}

impl Report {
    fn money(&self, minor: i128) -> String {
        Money::from_minor(minor, self.digits).to_string()
    }

    fn write_difference(&self, out: &mut String, d: &Option<Difference>, digits: u32) {
        let Some(d) = d else {
            out.push_str("null");
            return;
        };
        let amount = |x: i128| Money::from_minor(x, digits).to_string();
        let mut o = ObjectWriter::new(out);
        o.string("difference", &amount(d.difference));
        o.string("low", &amount(d.low));
        o.string("high", &amount(d.high));
        match d.relative_tenths {
            Some(r) => o.string("relative_percent", &Money::from_minor(r, 1).to_string()),
            None => o.raw("relative_percent", "null"),
        }
        o.string("p", &fixed(d.p, 4));
        o.string("chance_better", &fixed(d.chance_better, 4));
        o.raw("clear", if d.clear() { "true" } else { "false" });
        o.end();
    }

    fn write_share(out: &mut String, d: &Option<ShareDifference>) {
        let Some(d) = d else {
            out.push_str("null");
            return;
        };
        let mut o = ObjectWriter::new(out);
        o.string("difference", &fixed(d.difference, 1));
        o.string("low", &fixed(d.low, 1));
        o.string("high", &fixed(d.high, 1));
        o.string("p", &fixed(d.p, 4));
        o.raw(
            "clear",
            if d.low > 0.0 || d.high < 0.0 {
                "true"
            } else {
                "false"
            },
        );
        o.end();
    }

    /// The report as JSON (the documented `report` format).
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        let mut o = ObjectWriter::new(&mut out);
        o.string("experiment", &self.experiment);
        o.string("currency", self.currency);
        o.string("control", &self.variants[0].variant);
        o.number("events", self.events);
        o.number("orders", self.orders);
        o.number("outside_events", self.outside_events);
        o.number("unknown_variant_events", self.unknown_variant_events);
        o.number("switched_events", self.switched_events);
        o.number("unassigned_orders", self.unassigned_orders);
        o.array("variants", &self.variants, |out, v| {
            let mut w = ObjectWriter::new(out);
            w.string("variant", &v.variant);
            w.number("weight", u64::from(v.weight));
            w.number("shoppers", v.shoppers);
            w.number("impressions", v.impressions);
            w.number("addon_clicks", v.addon_clicks);
            w.raw("addon_click_rate", &percent(v.addon_clicks, v.impressions));
            w.raw("addon_conversion", &percent(v.clickers_ordered, v.clickers));
            w.raw("tier_reached_share", &percent(v.reached, v.shoppers));
            w.number("orders", v.orders);
            w.raw("conversion", &percent(v.buyers, v.shoppers));
            let mean = |s: &Sums, digits: u32| match s.mean() {
                Some(m) => format!("\"{}\"", Money::from_minor(m, digits)),
                None => "null".into(),
            };
            w.raw("order_value", &mean(&v.order_value, self.digits));
            w.raw("items_per_order", &mean(&v.items, 2));
            w.string("discount", &self.money(v.discount));
            w.raw(
                "discount_per_order",
                &match v.orders {
                    0 => "null".into(),
                    n => format!(
                        "\"{}\"",
                        self.money(stats::divide_rounded(v.discount, i128::from(n)))
                    ),
                },
            );
            match &v.margin {
                Some(m) => {
                    w.string("margin", &self.money(m.sum));
                    w.raw("margin_per_order", &mean(m, self.digits));
                }
                None => {
                    w.raw("margin", "null");
                    w.raw("margin_per_order", "null");
                }
            }
            w.raw("value_per_shopper", &mean(&v.per_shopper, self.digits));
            match &v.vs_control {
                None => w.raw("vs_control", "null"),
                Some(vs) => {
                    let mut c = ObjectWriter::new(w.key("vs_control"));
                    self.write_difference(c.key("order_value"), &vs.order_value, self.digits);
                    self.write_difference(c.key("items_per_order"), &vs.items_per_order, 2);
                    self.write_difference(c.key("margin_per_order"), &vs.margin_per_order, self.digits);
                    self.write_difference(c.key("value_per_shopper"), &vs.value_per_shopper, self.digits);
                    Report::write_share(c.key("conversion"), &vs.conversion);
                    Report::write_share(c.key("tier_reached_share"), &vs.tier_reached);
                    c.end();
                }
            }
            w.end();
        });
        let mut verdict = ObjectWriter::new(o.key("verdict"));
        verdict.string("order_value", &self.verdict(|vs| &vs.order_value, "order value"));
        verdict.string(
            "margin",
            &if self.has_cost {
                self.verdict(|vs| &vs.margin_per_order, "margin per order")
            } else {
                "No margin without a cost column in the orders.".to_owned()
            },
        );
        verdict.end();
        o.end();
        out
    }

    /// The sentence for one variant on one measure.
    fn sentence(&self, v: &VariantReport, d: Option<&Difference>, what: &str) -> String {
        let control = &self.variants[0];
        let Some(d) = d else {
            return format!(
                "Too few orders to compare `{}` with `{}` on {what} (at least 2 in each).",
                v.variant, control.variant
            );
        };
        let (cur, m) = (self.currency, |x: i128| self.money(x));
        let relative = d
            .relative_tenths
            .map(|r| {
                format!(
                    " ({}{} %)",
                    if r >= 0 { "+" } else { "" },
                    Money::from_minor(r, 1)
                )
            })
            .unwrap_or_default();
        let p = if d.p < 0.001 {
            "p < 0.001".to_owned()
        } else {
            format!("p = {}", fixed(d.p, 3))
        };
        let range = format!("95 % interval {} to {} {cur}, {p}", m(d.low), m(d.high));
        let mut text = if d.clear() {
            format!(
                "`{}` {} {what} by {} {cur}{relative} against `{}`: {range}. A clear {} (chance it is better: {} %).",
                v.variant,
                if d.difference > 0 { "raises" } else { "lowers" },
                m(d.difference.abs()),
                control.variant,
                if d.difference > 0 { "win" } else { "loss" },
                fixed(d.chance_better * 100.0, 1)
            )
        } else {
            format!(
                "`{}` against `{}` on {what}: {} {cur}{relative}, {range}. No clear difference yet: the interval includes 0.",
                v.variant,
                control.variant,
                m(d.difference)
            )
        };
        if v.orders.min(control.orders) < FEW_ORDERS {
            text.push_str(&format!(
                " With fewer than {FEW_ORDERS} orders in a group, take it as a first look."
            ));
        }
        text
    }

    /// Which variant wins on a measure, and how sure, as sentences.
    fn verdict(&self, measure: fn(&Versus) -> &Option<Difference>, what: &str) -> String {
        let mut sentences: Vec<String> = Vec::new();
        let mut best: Option<(&VariantReport, &Difference)> = None;
        for v in self.variants.iter().skip(1) {
            let d = v.vs_control.as_ref().and_then(|vs| measure(vs).as_ref());
            sentences.push(self.sentence(v, d, what));
            if let Some(d) = d.filter(|d| d.clear() && d.difference > 0) {
                if best.is_none_or(|(_, b)| d.difference > b.difference) {
                    best = Some((v, d));
                }
            }
        }
        let head = match best {
            Some((v, _)) => format!("On {what}, `{}` wins.", v.variant),
            None => format!(
                "On {what}, no variant beats `{}` clearly.",
                self.variants[0].variant
            ),
        };
        std::iter::once(head)
            .chain(sentences)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The report as text for a terminal.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "experiment {} ({}): {} events, {} orders\n",
            self.experiment, self.currency, self.events, self.orders
        );
        out.push_str(&format!(
            "{:<16} {:>9} {:>9} {:>7} {:>8} {:>12} {:>8} {:>12} {:>12}\n",
            "variant",
            "shoppers",
            "orders",
            "conv %",
            "reached%",
            "order value",
            "items",
            "discount",
            "margin/order"
        ));
        for v in &self.variants {
            let mean = |s: &Sums, d: u32| {
                s.mean()
                    .map_or("-".into(), |m| Money::from_minor(m, d).to_string())
            };
            let share = |p: u64, w: u64| {
                if w == 0 {
                    "-".into()
                } else {
                    Money::from_minor(stats::divide_rounded(i128::from(p) * 1000, i128::from(w)), 1)
                        .to_string()
                }
            };
            out.push_str(&format!(
                "{:<16} {:>9} {:>9} {:>7} {:>8} {:>12} {:>8} {:>12} {:>12}\n",
                v.variant,
                v.shoppers,
                v.orders,
                share(v.buyers, v.shoppers),
                share(v.reached, v.shoppers),
                mean(&v.order_value, self.digits),
                mean(&v.items, 2),
                self.money(v.discount),
                v.margin.as_ref().map_or("-".into(), |m| mean(m, self.digits)),
            ));
        }
        out.push('\n');
        out.push_str(&self.verdict(|vs| &vs.order_value, "order value"));
        out.push('\n');
        if self.has_cost {
            out.push_str(&self.verdict(|vs| &vs.margin_per_order, "margin per order"));
            out.push('\n');
        }
        for (count, what) in [
            (self.unassigned_orders, "orders without a visitor id, left out"),
            (
                self.unknown_variant_events,
                "events naming a variant the experiment does not have, left out",
            ),
            (
                self.switched_events,
                "events naming another variant than their shopper's first (the first counts)",
            ),
        ] {
            if count > 0 {
                out.push_str(&format!("note: {what}: {count}\n"));
            }
        }
        out
    }
}
