//! Synthetic shoppers with a planted effect, so the report can be tested against a known answer
//! (and tried in the playground without real data). Deterministic for a seed.
//!
//! Each shopper is assigned a variant by the config's own hash, sees the widget (`impression`),
//! and orders with a set chance: 1 to 6 units (uniformly) of catalog items drawn uniformly. In a
//! variant with a planted lift of L ‰, the shopper also adds one unit of the dearest catalog item
//! (as a suggested add-on: a `suggestion_add` event) with the chance that raises the expected
//! basket by exactly L ‰: `L ÷ 1000 × 3.5 × mean price ÷ dearest price`. A `tier_reached` event is
//! written when the order reaches a tier under the shopper's variant.

use crate::error::{Error, Errors, JsonPath};
use crate::money::Money;
use crate::pricing::engine::Engine;
use crate::quote::Detail;
use crate::simulate::sample::Lcg;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Plan {
    /// How many shoppers.
    pub shoppers: u64,
    /// The seed.
    pub seed: u64,
    /// The chance a shopper orders, in permille.
    pub conversion: u64,
    /// The planted lift of each variant's expected basket (list value), in permille, by position.
    pub lifts: Vec<(usize, u64)>,
}

/// The most shoppers one call generates.
pub const MAX_SHOPPERS: u64 = 10_000_000;

/// The expected basket at list price without a lift, in minor units × 2 (exact: 3.5 × the mean
/// price), and the dearest item's price: what a lift is planted with.
pub fn base_basket(engine: &Engine) -> Option<(i128, i128)> {
    let catalog = &engine.config().catalog;
    let n = i128::try_from(catalog.len()).ok().filter(|n| *n > 0)?;
    let sum: i128 = catalog.iter().map(|i| i.price.minor()).sum();
    let dearest = catalog.iter().map(|i| i.price.minor()).max()?;
    // 3.5 × sum ÷ n, doubled to stay whole: 7 × sum ÷ n.
    Some((super::stats::divide_rounded(7 * sum, n), dearest))
}

/// Writes the events (JSON lines) and the orders (CSV with a `visitor` column) of `plan`'s
/// shoppers in `experiment` (by position) to `event` and `order`, one call a line; stops when
/// either returns false.
pub fn generate(
    engine: &Engine,
    experiment: usize,
    plan: &Plan,
    mut event: impl FnMut(&str) -> bool,
    mut order: impl FnMut(&str) -> bool,
) -> Result<(), Errors> {
    let config = engine.config();
    let path = JsonPath::root();
    let experiment = config
        .experiments
        .get(experiment)
        .ok_or_else(|| Error::invalid(&path.key("experiments"), "the config has no such experiment"))?;
    if config.catalog.is_empty() || plan.shoppers > MAX_SHOPPERS || plan.conversion > 1000 {
        return Err(Error::invalid(
            &path,
            format!("synthetic shoppers need a catalog, at most {MAX_SHOPPERS} shoppers and a conversion of at most 1000 ‰"),
        )
        .into());
    }
    let digits = config.currency.minor_digits;
    let (base_twice, dearest_price) = base_basket(engine).unwrap_or((0, 1));
    let dearest = config
        .catalog
        .iter()
        .find(|i| i.price.minor() == dearest_price)
        .unwrap_or(&config.catalog[0]);
    let mut rng = Lcg(plan.seed ^ 0x9e37_79b9_7f4a_7c15);
    if !order("order_id,sku,category,price,quantity,cost,visitor") {
        return Ok(());
    }
    for i in 0..plan.shoppers {
        let visitor = format!("s{}-{i}", plan.seed);
        let variant = experiment.assign(&visitor);
        let tag = format!(
            "\"visitor\":\"{visitor}\",\"experiments\":[{{\"experiment\":{},\"variant\":{}}}]",
            json_string(&experiment.id),
            json_string(&experiment.variants[variant].id)
        );
        if !event(&format!("{{\"type\":\"impression\",{tag}}}")) {
            return Ok(());
        }
        if rng.below(1000) >= plan.conversion {
            continue;
        }
        let mut lines: Vec<(&crate::config::CatalogItem, u64)> = Vec::new();
        for _ in 0..1 + rng.below(6) {
            let item = &config.catalog[rng.below(config.catalog.len() as u64) as usize];
            match lines.iter_mut().find(|(i, _)| i.sku == item.sku) {
                Some((_, q)) => *q += 1,
                None => lines.push((item, 1)),
            }
        }
        // The chance of the add-on, in parts per million: lift × base ÷ dearest.
        let lift = plan
            .lifts
            .iter()
            .find(|(v, _)| *v == variant)
            .map_or(0, |(_, l)| *l);
        let chance = i128::from(lift) * base_twice * 500 / dearest_price.max(1);
        if i128::from(rng.below(1_000_000)) < chance {
            match lines.iter_mut().find(|(i, _)| i.sku == dearest.sku) {
                Some((_, q)) => *q += 1,
                None => lines.push((dearest, 1)),
            }
            let add = format!(
                "{{\"type\":\"suggestion_add\",{tag},\"sku\":{},\"quantity\":1}}",
                json_string(&dearest.sku)
            );
            if !event(&add) {
                return Ok(());
            }
        }
        // Reached a tier under the shopper's variant?
        let cart = crate::cart::Cart {
            lines: lines
                .iter()
                .map(|(item, q)| crate::cart::Line {
                    sku: item.sku.clone(),
                    price: item.price,
                    quantity: *q,
                    category: item.category.clone(),
                    tags: item.tags.clone(),
                    tax_rate: rust_decimal::Decimal::ZERO,
                    gift: None,
                })
                .collect(),
            assigned: crate::cart::assign(&config.experiments, Some(&visitor), None, &path, &mut Vec::new()),
            now: Some(0),
            ..crate::cart::Cart::default()
        };
        let quote = engine.quote_with(&cart, 0, Detail::Summary)?;
        if let Some(applied) = quote.applied.first() {
            let reached = format!(
                "{{\"type\":\"tier_reached\",{tag},\"promotion\":{},\"tier\":{}}}",
                json_string(&applied.promotion),
                applied.tier
            );
            if !event(&reached) {
                return Ok(());
            }
        }
        for (item, quantity) in &lines {
            let cost = Money::from_minor(item.price.minor() * 6 / 10, digits);
            let row = format!(
                "o{}-{i},{},{},{},{quantity},{cost},{visitor}",
                plan.seed,
                csv(&item.sku),
                csv(item.category.as_deref().unwrap_or("")),
                item.price
            );
            if !order(&row) {
                return Ok(());
            }
        }
    }
    Ok(())
}

fn json_string(text: &str) -> String {
    let mut out = String::new();
    crate::json::write_string(&mut out, text);
    out
}

/// A CSV field, quoted when it holds a comma, a quote or a line end.
fn csv(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}
