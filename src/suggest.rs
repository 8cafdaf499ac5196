//! Add-on suggestions: catalog items (one, or a bundle of up to three SKUs) that close the gap to
//! the next tier of a promotion, found exactly and checked by really re-quoting the cart with them.

use crate::cart::{Cart, Line};
use crate::config::CatalogItem;
use crate::error::{Error, Errors, JsonPath};
use crate::json::ObjectWriter;
use crate::money::{Measure, Money};
use crate::pricing::budget::Budget;
use crate::pricing::engine::Engine;
use crate::quote::{write_money, Detail, Quote};
use crate::time::Millis;

/// The most distinct SKUs a suggestion may bundle.
pub const MAX_BUNDLE: usize = 3;

/// The largest value range (in steps of the prices' common divisor) the exact search covers: its
/// tables take about 20 bytes a step (20 MB at most). Beyond, the search runs on coarser steps and
/// says so (`approximate`).
const MAX_SEARCH_UNITS: u64 = 1 << 20;

/// How suggestions are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rank {
    /// Nearest milestone first, then least overspend, fewest units, merchant weight, lower SKU.
    #[default]
    Overspend,
    /// Best net first: what the add-on really costs once its saving is counted.
    Net,
}

/// What the caller asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuggestOptions {
    /// How many suggestions at most (default 3).
    pub limit: usize,
    /// How many distinct SKUs a suggestion may bundle, 1 to 3 (default 3).
    pub max_items: usize,
    /// Only suggestions for this promotion.
    pub promotion: Option<String>,
    /// Only suggestions reaching this tier of `promotion` (default: its next tier).
    pub tier: Option<usize>,
    /// SKUs never to suggest (e.g. already declined).
    pub exclude: Vec<String>,
    /// The order of the list.
    pub rank: Rank,
}

impl Default for SuggestOptions {
    fn default() -> Self {
        SuggestOptions {
            limit: 3,
            max_items: MAX_BUNDLE,
            promotion: None,
            tier: None,
            exclude: Vec::new(),
            rank: Rank::Overspend,
        }
    }
}

impl SuggestOptions {
    /// The keys of the options object.
    pub const KEYS: &'static [&'static str] = &["limit", "max_items", "promotion", "tier", "exclude", "rank"];

    /// Reads options from JSON text (`{"limit":3,"max_items":2,"promotion":"id","tier":1,
    /// "exclude":["sku"],"rank":"net"}`); every key is optional.
    pub fn from_json(text: &str) -> Result<Self, Errors> {
        crate::json::read::document(text, |value, path, errors| {
            let mut options = SuggestOptions::default();
            options.read(value, path, errors);
            options
        })
    }

    /// Reads the options object at `path` over the current values, recording every error.
    pub(crate) fn read(&mut self, value: &crate::json::Json<'_>, path: &JsonPath, errors: &mut Vec<Error>) {
        let Some(object) = crate::json::read::Object::open(value, path, Self::KEYS, errors) else {
            return;
        };
        let count =
            |key: &str, max: u64, errors: &mut Vec<Error>| object.count(key, max, errors).map(|n| n as usize);
        if let Some(limit) = count("limit", 100, errors) {
            self.limit = limit;
        }
        if let Some(max_items) = count("max_items", MAX_BUNDLE as u64, errors) {
            if max_items == 0 {
                errors.push(Error::number(
                    &object.path("max_items"),
                    format!("`0` is too small: a suggestion has 1 to {MAX_BUNDLE} items"),
                ));
            } else {
                self.max_items = max_items;
            }
        }
        if let Some(tier) = count("tier", 1000, errors) {
            self.tier = Some(tier);
        }
        if let Some(promotion) = object.string("promotion", errors) {
            self.promotion = Some(promotion);
        }
        if let Some(exclude) = object.strings("exclude", errors) {
            self.exclude = exclude;
        }
        if let Some(rank) = object.choice(
            "rank",
            &[("overspend", Rank::Overspend), ("net", Rank::Net)],
            errors,
        ) {
            self.rank = rank;
        }
    }
}

/// One item of a suggestion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuggestedItem {
    /// Catalog SKU.
    pub sku: String,
    /// Units to add.
    pub quantity: u64,
}

/// A promotion tier a suggestion unlocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reach {
    /// Promotion id.
    pub promotion: String,
    /// Tier index.
    pub tier: usize,
}

/// One suggestion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// What to add.
    pub items: Vec<SuggestedItem>,
    /// What the shopper adds, at list price.
    pub spend: Money,
    /// Spend beyond what was strictly needed (for a quantity tier: the value of the units beyond it).
    pub overspend: Money,
    /// The promotion tiers it unlocks, the target first.
    pub reaches: Vec<Reach>,
    /// How much the total improves through promotions: discounts gained plus shipping saved.
    pub saving: Money,
    /// spend − saving: what the add-on really costs; negative when it pays for itself.
    pub net: Money,
    /// Found by the coarser search (the gap spans more than [`MAX_SEARCH_UNITS`] steps of the
    /// prices' common divisor): it reaches the tier, but a bundle with less overspend may exist.
    pub approximate: bool,
    /// Sort keys.
    keys: SortKeys,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct SortKeys {
    milestone: i128,
    overspend: i128,
    units: u64,
    weight: i64,
    skus: String,
    net: i128,
}

impl Suggestion {
    fn write_json(&self, out: &mut String) {
        let mut o = ObjectWriter::new(out);
        o.array("items", &self.items, |out, item| {
            let mut i = ObjectWriter::new(out);
            i.string("sku", &item.sku);
            i.number("quantity", item.quantity);
            i.end();
        });
        write_money(o.key("spend"), &self.spend);
        write_money(o.key("overspend"), &self.overspend);
        o.array("reaches", &self.reaches, |out, reach| {
            let mut r = ObjectWriter::new(out);
            r.string("promotion", &reach.promotion);
            r.number("tier", reach.tier as u64);
            r.end();
        });
        write_money(o.key("saving"), &self.saving);
        write_money(o.key("net"), &self.net);
        if self.approximate {
            o.raw("approximate", "true");
        }
        o.end();
    }
}

/// Suggestions as `{"suggestions":[...]}`.
pub fn to_json(suggestions: &[Suggestion]) -> String {
    let mut out = String::new();
    let mut o = ObjectWriter::new(&mut out);
    o.array("suggestions", suggestions, |out, s| s.write_json(out));
    o.end();
    out
}

/// A catalog item that may be added, with how many units.
#[derive(Debug, Clone)]
struct Candidate<'c> {
    item: &'c CatalogItem,
    /// Price in minor units.
    price: u64,
    /// Units that may still be added (stock and per-order limit, minus what the cart holds).
    available: u64,
}

/// A bundle: (catalog item, units) pairs.
type Bundle<'c> = Vec<(&'c CatalogItem, u64)>;

impl Engine {
    /// Ranked add-on suggestions for a cart given as JSON.
    pub fn suggest_json(
        &self,
        cart: &str,
        clock: Millis,
        options: &SuggestOptions,
    ) -> Result<Vec<Suggestion>, Errors> {
        let cart = self.cart_from_json(cart)?;
        self.suggest(&cart, clock, options)
    }

    /// Ranked add-on suggestions for a cart.
    pub fn suggest(
        &self,
        cart: &Cart,
        clock: Millis,
        options: &SuggestOptions,
    ) -> Result<Vec<Suggestion>, Errors> {
        let engine = self.for_cart(cart);
        if !std::ptr::eq(engine, self) {
            return engine.suggest(cart, clock, options);
        }
        // The quote and the search share one budget of work.
        let _budget = Budget::start(self.limits().work_steps);
        let base = self.quote_with(cart, clock, Detail::Summary)?;
        self.suggest_after(cart, clock, &base, options)
    }

    /// Suggestions for a cart this engine (the cart's own, see [`Engine::for_cart`]) has already
    /// quoted as `base` at `clock`: the widget quotes once for both.
    pub(crate) fn suggest_after(
        &self,
        cart: &Cart,
        clock: Millis,
        base: &Quote,
        options: &SuggestOptions,
    ) -> Result<Vec<Suggestion>, Errors> {
        let config = self.config();
        if !config.catalog_priced {
            // A market without a rate: catalog prices are not known in its currency.
            return Ok(Vec::new());
        }
        if let Some(id) = &options.promotion {
            if config.promotion(id).is_none() {
                return Err(Error::invalid(
                    &JsonPath::root().key("promotion"),
                    format!("no promotion `{id}`"),
                )
                .into());
            }
        }
        // Every bundle is priced at the time the cart was.
        let cart = Cart {
            now: Some(cart.now.unwrap_or(clock)),
            ..cart.clone()
        };
        let max_items = options.max_items.clamp(1, MAX_BUNDLE);
        // Each bundle is checked by re-quoting the cart: that work is counted too (`too_complex`).
        let budget = Budget::start(self.limits().work_steps);
        let mut found: Vec<Suggestion> = Vec::new();
        for progress in &base.progress {
            if options
                .promotion
                .as_ref()
                .is_some_and(|id| **id != *progress.promotion)
            {
                continue;
            }
            let Some(next) = &progress.next else { continue };
            if options.tier.is_some_and(|t| t != next.tier) {
                continue;
            }
            let Some(p) = config.promotions.iter().position(|x| x.id == progress.promotion) else {
                continue;
            };
            let promotion = &config.promotions[p];
            let candidates = self.candidates(&cart, p, options);
            if candidates.is_empty() {
                continue;
            }
            let mut approximate = false;
            let bundles = match (
                &next.remaining,
                promotion.tiers.get(next.tier).map(|t| t.threshold),
            ) {
                (Measure::Amount(remaining), _) => {
                    let gap = remaining.minor().max(0) as u128;
                    let (bundles, exact) =
                        least_overspend(&candidates, gap as u64, max_items, options.limit.max(1) * 2);
                    approximate = !exact;
                    bundles
                        .into_iter()
                        .map(|bundle| (bundle, gap as i128))
                        .collect::<Vec<_>>()
                }
                (Measure::Units(units), Some(Measure::Units(_))) => {
                    cheapest_units(&candidates, *units, max_items)
                        .into_iter()
                        .map(|b| (b, -1))
                        .collect()
                }
                _ => Vec::new(),
            };
            for (bundle, gap) in bundles {
                if crate::pricing::budget::spent() {
                    break;
                }
                if let Some(mut s) = self.evaluate_bundle(&cart, base, p, next.tier, &bundle, gap) {
                    // Single items are always found exactly; only bundles come from the coarse search.
                    s.approximate = approximate && bundle.len() > 1;
                    if !found.iter().any(|f| f.items == s.items) {
                        found.push(s);
                    }
                }
            }
        }
        // The default ranking starts with the nearest milestone; ranking by net starts with net.
        let first = |k: &SortKeys| match options.rank {
            Rank::Overspend => k.milestone,
            Rank::Net => k.net,
        };
        crate::sort::sort_by(&mut found, |a, b| {
            let (x, y) = (&a.keys, &b.keys);
            (first(x), x.overspend, x.units, -x.weight, &x.skus).cmp(&(
                first(y),
                y.overspend,
                y.units,
                -y.weight,
                &y.skus,
            ))
        });
        found.truncate(options.limit);
        match budget.spent_at() {
            None => Ok(found),
            Some(at) => Err(self.too_complex(at).into()),
        }
    }

    /// Catalog items that count towards promotion `p` and can be added.
    fn candidates(&self, cart: &Cart, p: usize, options: &SuggestOptions) -> Vec<Candidate<'_>> {
        let config = self.config();
        let promotion = &config.promotions[p];
        config
            .catalog
            .iter()
            .filter(|item| !options.exclude.contains(&item.sku))
            .filter(|item| promotion.scope.contains(item.item()))
            .filter_map(|item| {
                let in_cart: u64 = cart
                    .lines
                    .iter()
                    .filter(|l| l.sku == item.sku)
                    .map(|l| l.quantity)
                    .sum();
                let stock_left = item.stock.map_or(u64::MAX, |s| s.saturating_sub(in_cart));
                let order_left = item.max_per_order.map_or(u64::MAX, |m| m.saturating_sub(in_cart));
                let available = stock_left.min(order_left).min(crate::config::MAX_QUANTITY);
                let price = u64::try_from(item.price.minor()).ok()?;
                (available > 0 && price > 0).then_some(Candidate {
                    item,
                    price,
                    available,
                })
            })
            .collect()
    }

    /// Re-quotes the cart with `bundle` added; a suggestion if it reaches tier `tier` of `p`.
    fn evaluate_bundle(
        &self,
        cart: &Cart,
        base: &Quote,
        p: usize,
        tier: usize,
        bundle: &Bundle<'_>,
        gap: i128,
    ) -> Option<Suggestion> {
        let config = self.config();
        let digits = config.currency.minor_digits;
        let mut with = cart.clone();
        for (item, quantity) in bundle {
            with.lines.push(Line {
                sku: item.sku.clone(),
                price: item.price,
                quantity: *quantity,
                category: item.category.clone(),
                tags: item.tags.clone(),
                tax_rate: cart.tax_rate,
            });
        }
        // Priced, not rendered: only the totals and the tiers reached are needed.
        let priced = self.price(&with, with.now.unwrap_or(0)).ok()?;
        let outcome = &priced.outcome;
        let id = &config.promotions[p].id;
        let reached = outcome.reached[p];
        if reached.is_none_or(|t| t < tier) {
            return None;
        }
        if config.promotions[p].kind == crate::config::Kind::BuyXGetY {
            // Reached once already: the suggestion must make it apply once more.
            let times = |applied: Option<u64>| applied.unwrap_or(0);
            let before = times(
                base.applied
                    .iter()
                    .find(|a| a.promotion == *id)
                    .and_then(|a| a.times),
            );
            let after = times(
                outcome
                    .applied
                    .iter()
                    .find(|a| a.promotion == p)
                    .and_then(|a| a.times),
            );
            if after <= before {
                return None;
            }
        }
        let spend: i128 = bundle
            .iter()
            .map(|(item, q)| item.price.minor() * *q as i128)
            .sum();
        let saving = (outcome.discount.minor() - base.discount.minor())
            + (base.shipping.minor() - outcome.shipping.minor());
        let overspend = if gap >= 0 { (spend - gap).max(0) } else { 0 };
        let mut reaches = vec![Reach {
            promotion: id.to_string(),
            tier: reached.unwrap_or(tier),
        }];
        let mut eligible = priced.order.clone();
        crate::sort::sort_by(&mut eligible, Ord::cmp);
        for q in eligible.into_iter().filter(|&q| q != p) {
            let other = &config.promotions[q].id;
            let before = base
                .progress
                .iter()
                .find(|b| b.promotion == *other)
                .and_then(|b| b.tier);
            if let Some(t) = outcome.reached[q] {
                if before.is_none_or(|b| t > b) {
                    reaches.push(Reach {
                        promotion: other.to_string(),
                        tier: t,
                    });
                }
            }
        }
        let mut items: Vec<SuggestedItem> = bundle
            .iter()
            .map(|(item, q)| SuggestedItem {
                sku: item.sku.clone(),
                quantity: *q,
            })
            .collect();
        crate::sort::sort_by(&mut items, |a, b| a.sku.cmp(&b.sku));
        let milestone = base
            .progress
            .iter()
            .find(|x| x.promotion == *id)
            .and_then(|x| x.next.as_ref())
            .map_or(0, |n| match &n.remaining {
                Measure::Amount(a) => a.minor(),
                Measure::Units(u) => *u as i128,
            });
        Some(Suggestion {
            spend: Money::from_minor(spend, digits),
            overspend: Money::from_minor(overspend, digits),
            saving: Money::from_minor(saving, digits),
            net: Money::from_minor(spend - saving, digits),
            approximate: false,
            keys: SortKeys {
                milestone,
                overspend,
                units: bundle.iter().map(|(_, q)| q).sum(),
                weight: bundle.iter().map(|(item, _)| item.weight).max().unwrap_or(0),
                skus: items
                    .iter()
                    .map(|i| format!("{}\u{0}{}", i.sku, i.quantity))
                    .collect::<Vec<_>>()
                    .join(","),
                net: spend - saving,
            },
            items,
            reaches,
        })
    }
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// The bundles of at most `max_items` distinct candidates, each within its available units, whose
/// list-price sum is at least `gap`, for the `count` smallest such sums (least overspend first),
/// and whether the search was exact.
///
/// Exact up to [`MAX_SEARCH_UNITS`] steps: a bitset dynamic programme over the sums (in units of the prices' greatest common divisor,
/// up to an upper bound no optimal bundle exceeds) records which sums `k` distinct items reach and the
/// first item that reached each, in the order of merchant preference. Candidates are taken one at a
/// time, so a bundle never uses an item twice.
///
/// Beyond that, the steps are coarser (`limit` / [`MAX_SEARCH_UNITS`], rounded up) and each price
/// counts as the whole steps it holds, rounded down: every bundle found still reaches `gap`, its
/// overspend is within `max_items` steps of the least, and items cheaper than one step are left to
/// the single-item list (which stays exact).
fn least_overspend<'c>(
    candidates: &[Candidate<'c>],
    gap: u64,
    max_items: usize,
    count: usize,
) -> (Vec<Bundle<'c>>, bool) {
    if gap == 0 {
        return (Vec::new(), true);
    }
    let single = |c: &Candidate<'c>| -> Option<u64> {
        let units = gap.div_ceil(c.price);
        (units <= c.available).then(|| units * c.price)
    };
    // An optimal bundle stays below gap + its dearest unit price (drop one unit otherwise), and no
    // dearer than the best single item.
    let best_single = candidates.iter().filter_map(single).min();
    let dearest = candidates.iter().map(|c| c.price).max().unwrap_or(0);
    let mut limit = gap + dearest - 1;
    if let Some(best) = best_single {
        limit = limit.min(best);
    }
    // The best single items too, so that equally good or nearly as good alternatives are offered.
    let singles = best_singles(candidates, gap, count);
    // Merchant preference decides which of equally good bundles is found first. Only the items that
    // can be part of an optimal bundle are searched (and sorted).
    let mut usable: Vec<&Candidate<'c>> = candidates.iter().filter(|c| c.price <= limit).collect();
    crate::sort::sort_by(&mut usable, |a, b| preference(a, b));
    let mut divisor = usable.iter().fold(0, |g, c| gcd(g, c.price)).max(1);
    let exact = limit / divisor <= MAX_SEARCH_UNITS;
    if !exact {
        // Coarser steps; a price counts as the whole steps it holds (so sums never overstate).
        divisor = limit.div_ceil(MAX_SEARCH_UNITS);
        usable.retain(|c| c.price >= divisor);
    }
    let target = gap.div_ceil(divisor);
    let top = limit / divisor;
    if usable.is_empty() {
        return (singles, exact);
    }
    let size = top as usize + 1;
    let words = size.div_ceil(64);
    let tail_mask = if size % 64 == 0 {
        u64::MAX
    } else {
        (1u64 << (size % 64)) - 1
    };
    // reach[k]: sums reached by exactly k distinct items; setter[k][v]: the candidate that first did.
    let mut reach = vec![vec![0u64; words]; max_items + 1];
    reach[0][0] = 1;
    let mut setter = vec![vec![u32::MAX; size]; max_items + 1];
    let below_target = |word: usize| -> u64 {
        let start = word as u64 * 64;
        if start + 64 <= target {
            u64::MAX
        } else if start >= target {
            0
        } else {
            (1u64 << (target - start)) - 1
        }
    };
    let mut acc = vec![0u64; words];
    let mut tmp = vec![0u64; words];
    for (index, candidate) in usable.iter().enumerate() {
        let step = candidate.price / divisor;
        let most = candidate.available.min(top / step);
        if most == 0 {
            continue;
        }
        for k in (1..=max_items).rev() {
            // Sums below the target at level k−1 (before this candidate), plus 1..=most units of it:
            // one shift, then doubling the covered range of units (log2(most) shifts, not most).
            for (w, slot) in tmp.iter_mut().enumerate() {
                *slot = reach[k - 1][w] & below_target(w);
            }
            shift_into(&tmp, step as usize, &mut acc);
            let mut covered = 1;
            while covered < most {
                let add = covered.min(most - covered);
                shift_into(&acc, (add * step) as usize, &mut tmp);
                for (a, t) in acc.iter_mut().zip(&tmp) {
                    *a |= *t;
                }
                covered += add;
            }
            if let Some(last) = acc.last_mut() {
                *last &= tail_mask;
            }
            for w in 0..words {
                let mut fresh = acc[w] & !reach[k][w];
                reach[k][w] |= fresh;
                while fresh != 0 {
                    let bit = fresh.trailing_zeros() as usize;
                    fresh &= fresh - 1;
                    setter[k][w * 64 + bit] = index as u32;
                }
            }
        }
    }
    let was_set_before = |level: usize, value: usize, index: u32| -> bool {
        if level == 0 {
            value == 0
        } else {
            setter[level][value] < index
        }
    };
    let mut bundles = singles;
    for value in target..=top {
        let v = value as usize;
        // Fewest distinct items first at the same sum.
        for (k, bits) in reach.iter().enumerate().skip(1) {
            if (bits[v / 64] >> (v % 64)) & 1 == 0 {
                continue;
            }
            let mut bundle = Vec::with_capacity(k);
            let (mut level, mut at) = (k, v);
            while level > 0 {
                let index = setter[level][at];
                let candidate = usable[index as usize];
                let step = (candidate.price / divisor) as usize;
                // The units of this candidate: the smallest count leading back to a sum reached
                // with one item fewer before it was taken.
                let units = (1..=candidate.available.min(at as u64 / step as u64))
                    .find(|&u| was_set_before(level - 1, at - u as usize * step, index));
                let Some(units) = units else { break };
                bundle.push((candidate.item, units));
                at -= units as usize * step;
                level -= 1;
            }
            if level == 0 {
                let same = |b: &Bundle<'c>| {
                    b.len() == bundle.len()
                        && b.iter()
                            .zip(&bundle)
                            .all(|(x, y)| std::ptr::eq(x.0, y.0) && x.1 == y.1)
                };
                if !bundles.iter().any(same) {
                    bundles.push(bundle);
                }
                break;
            }
        }
        if bundles.len() >= 2 * count {
            break;
        }
    }
    (bundles, exact)
}

/// `out = bits << by` (towards higher values), dropping what falls off the end.
fn shift_into(bits: &[u64], by: usize, out: &mut [u64]) {
    let (words, bit) = (by / 64, by % 64);
    for w in (0..out.len()).rev() {
        out[w] = if w < words {
            0
        } else {
            let src = w - words;
            let mut value = bits[src] << bit;
            if bit > 0 && src > 0 {
                value |= bits[src - 1] >> (64 - bit);
            }
            value
        };
    }
}

/// Higher merchant weight first, then lower SKU.
fn preference(a: &Candidate<'_>, b: &Candidate<'_>) -> std::cmp::Ordering {
    b.item
        .weight
        .cmp(&a.item.weight)
        .then_with(|| a.item.sku.cmp(&b.item.sku))
}

/// The `count` single items (each with the fewest units that close the gap) of least spend, equal
/// spends in merchant preference order. Linear selection, then a sort of the few selected.
fn best_singles<'c>(candidates: &[Candidate<'c>], gap: u64, count: usize) -> Vec<Bundle<'c>> {
    let mut singles: Vec<(u64, u64, &Candidate<'c>)> = candidates
        .iter()
        .filter_map(|c| {
            let units = gap.div_ceil(c.price);
            (units <= c.available).then_some((units * c.price, units, c))
        })
        .collect();
    let order = |a: &(u64, u64, &Candidate<'c>), b: &(u64, u64, &Candidate<'c>)| {
        a.0.cmp(&b.0).then_with(|| preference(a.2, b.2))
    };
    if count == 0 {
        return Vec::new();
    }
    if singles.len() > count {
        crate::sort::select_smallest_by(&mut singles, count, order);
        singles.truncate(count);
    }
    crate::sort::sort_by(&mut singles, order);
    singles
        .into_iter()
        .map(|(_, units, c)| vec![(c.item, units)])
        .collect()
}

/// The cheapest way to add `units` in-scope units with at most `max_items` distinct items: the
/// cheapest units first.
fn cheapest_units<'c>(candidates: &[Candidate<'c>], units: u64, max_items: usize) -> Vec<Bundle<'c>> {
    let mut by_price: Vec<&Candidate<'c>> = candidates.iter().collect();
    crate::sort::sort_by(&mut by_price, |a, b| {
        a.price
            .cmp(&b.price)
            .then(b.item.weight.cmp(&a.item.weight))
            .then_with(|| a.item.sku.cmp(&b.item.sku))
    });
    let mut bundle = Vec::new();
    let mut left = units;
    for c in by_price.into_iter().take(max_items) {
        if left == 0 {
            break;
        }
        let take = c.available.min(left);
        bundle.push((c.item, take));
        left -= take;
    }
    if left > 0 {
        return Vec::new();
    }
    vec![bundle]
}
