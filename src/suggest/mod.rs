//! Add-on suggestions: catalog items (one, or a bundle of up to three SKUs) that close the gap to
//! the next tier of a promotion, found exactly and checked by really re-quoting the cart with them,
//! then ranked by the merchant's criteria ([`rank`]); a cart far from a tier is offered the scope's
//! pinned and best-selling items instead.

use crate::cart::{Cart, Line};
use crate::config::document::SuggestDoc;
use crate::config::suggest::SuggestSettings;
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

pub mod rank;
mod search;

use rank::{Pairing, Reason, Score};
use search::{best_singles, cheapest_units, closing_singles, least_overspend};

/// How suggestions are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rank {
    /// The merchant's ranking: the highest weighted score first ([`rank::score`]), then as
    /// `Overspend`.
    #[default]
    Score,
    /// Nearest milestone first, then least overspend, fewest units, merchant weight, lower SKU.
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
    /// Settings over the config's `suggest` (`max_units`, `far`, `weights`), already checked.
    pub settings: Option<SuggestDoc>,
}

impl Default for SuggestOptions {
    fn default() -> Self {
        SuggestOptions {
            limit: 3,
            max_items: MAX_BUNDLE,
            promotion: None,
            tier: None,
            exclude: Vec::new(),
            rank: Rank::Score,
            settings: None,
        }
    }
}

impl SuggestOptions {
    /// The keys of the options object.
    pub const KEYS: &'static [&'static str] = &[
        "limit",
        "max_items",
        "promotion",
        "tier",
        "exclude",
        "rank",
        "max_units",
        "far",
        "weights",
    ];

    /// Reads options from JSON text (`{"limit":3,"max_items":2,"promotion":"id","tier":1,
    /// "exclude":["sku"],"rank":"net","max_units":2,"far":40,"weights":{"fit":5}}`); every key is
    /// optional.
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
            &[
                ("score", Rank::Score),
                ("overspend", Rank::Overspend),
                ("net", Rank::Net),
            ],
            errors,
        ) {
            self.rank = rank;
        }
        let settings = SuggestDoc::read_keys(&object, errors);
        if settings.max_units.is_some() || settings.far.is_some() || settings.weights.is_some() {
            let before = errors.len();
            SuggestSettings::default().with(&settings, path, errors);
            if errors.len() == before {
                self.settings = Some(settings);
            }
        }
    }

    /// The config's settings with these options' on top.
    fn settings_over(&self, config: &SuggestSettings) -> SuggestSettings {
        match &self.settings {
            // Checked when read: nothing is recorded here.
            Some(doc) => config.with(doc, &JsonPath::root(), &mut Vec::new()),
            None => *config,
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
    /// The promotion tiers it unlocks, the target first (a browse suggestion may unlock none).
    pub reaches: Vec<Reach>,
    /// How much the total improves through promotions: discounts gained plus shipping saved.
    pub saving: Money,
    /// spend − saving: what the add-on really costs; negative when it pays for itself.
    pub net: Money,
    /// Found by the coarser search (the gap spans more than [`search::MAX_SEARCH_UNITS`] steps of
    /// the prices' common divisor): it reaches the tier, but a bundle with less overspend may exist.
    pub approximate: bool,
    /// Why it is offered.
    pub reason: Reason,
    /// The points behind the ranking.
    pub score: Score,
    /// The cart SKU it goes with, when one does.
    pub goes_with: Option<String>,
    /// A browse suggestion: the cart is far from the tier (or nothing within the caps closes it), so
    /// this is one of the scope's pinned or best-selling items, not a way to close the gap.
    pub browse: bool,
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
        o.string("reason", self.reason.as_str());
        if let Some(sku) = &self.goes_with {
            o.string("goes_with", sku);
        }
        if self.browse {
            o.raw("browse", "true");
        }
        let mut score = ObjectWriter::new(o.key("score"));
        score.raw("total", &self.score.total.to_string());
        for criterion in crate::config::suggest::Criterion::ALL {
            score.raw(criterion.as_str(), &self.score.of(criterion).to_string());
        }
        score.end();
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

/// A catalog item that may be added, counted in packs.
#[derive(Debug, Clone)]
struct Candidate<'c> {
    item: &'c CatalogItem,
    /// Price of a pack, in minor units.
    price: u64,
    /// Packs that may still be added (stock, per-order limit and the suggestion caps, less what the
    /// cart holds).
    available: u64,
    /// Whether it goes with the cart: the cart SKU it pairs with.
    partner: Option<&'c str>,
}

/// A bundle: (catalog item, packs) pairs.
type Bundle<'c> = Vec<(&'c CatalogItem, u64)>;

/// Bundles searched per (scope, gap), with whether the search was inexact.
type Memo<'c> = Vec<((usize, Measure<Money>), (Vec<Bundle<'c>>, bool))>;

/// What every search for one cart shares.
#[derive(Clone, Copy)]
struct Search<'a> {
    /// Which of the cart's distinct scopes the target has.
    scope_at: usize,
    /// The most distinct items of a bundle.
    max_items: usize,
    /// How many single items to re-quote under the merchant's ranking.
    pool: usize,
    /// The highest popularity among the candidates.
    best_seller: u64,
    settings: &'a SuggestSettings,
    pairing: &'a Pairing<'a>,
}

/// One search target: a promotion's next tier, and how far the cart is from it.
struct Target<'q> {
    p: usize,
    next: &'q crate::quote::Next,
    far: bool,
}

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
        let settings = options.settings_over(&config.suggest);
        // Every bundle is priced at the time the cart was.
        let cart = Cart {
            now: Some(cart.now.unwrap_or(clock)),
            ..cart.clone()
        };
        let max_items = options.max_items.clamp(1, MAX_BUNDLE);
        // Each bundle is checked by re-quoting the cart: that work is counted too (`too_complex`).
        let budget = Budget::start(self.limits().work_steps);
        let pairing = Pairing::new(&cart, |sku| config.catalog_item(sku));
        // Enough to rank by the merchant's criteria and still pick varied cards: the score before
        // pricing misses only the saving, the same for every item that reaches the same tier.
        let pool = options.limit.max(1) * 2;
        let mut found: Vec<Suggestion> = Vec::new();
        // Candidates per scope: promotions sharing one (free shipping and the tiers of one event
        // usually do) read the catalog once.
        let mut by_scope: Vec<(&crate::config::scope::Scope, Vec<Candidate<'_>>)> = Vec::new();
        let mut memo: Memo<'_> = Vec::new();
        for target in self.targets(base, options, &settings) {
            let scope = &config.promotions[target.p].scope;
            let at = match by_scope.iter().position(|(s, _)| *s == scope) {
                Some(at) => at,
                None => {
                    by_scope.push((
                        scope,
                        self.candidates(&cart, target.p, options, &settings, &pairing),
                    ));
                    by_scope.len() - 1
                }
            };
            let candidates = &by_scope[at].1;
            if candidates.is_empty() {
                continue;
            }
            let best_seller = candidates.iter().map(|c| c.item.popularity).max().unwrap_or(0);
            let mut closed = false;
            if !target.far {
                let search = Search {
                    scope_at: at,
                    max_items,
                    pool,
                    best_seller,
                    settings: &settings,
                    pairing: &pairing,
                };
                closed = self.closing(
                    &cart, base, &target, candidates, options, &search, &mut memo, &mut found,
                );
            }
            if !closed {
                // Far away, or nothing within the caps closes the gap: the scope's best. Picked for
                // variety among the best 8 × `limit` (a selection, not a sort of the catalog).
                let order = |a: &&Candidate<'_>, b: &&Candidate<'_>| {
                    (b.item.pinned, b.item.popularity, b.item.weight)
                        .cmp(&(a.item.pinned, a.item.popularity, a.item.weight))
                        .then_with(|| a.item.sku.cmp(&b.item.sku))
                };
                let mut browse: Vec<&Candidate<'_>> = candidates.iter().collect();
                let shortlist = options.limit.max(1) * 8;
                crate::sort::select_smallest_by(&mut browse, shortlist, order);
                browse.truncate(shortlist);
                crate::sort::sort_by(&mut browse, order);
                let cards: Vec<rank::Variety> = browse
                    .iter()
                    .map(|c| rank::Variety {
                        skus: vec![c.item.sku.clone()],
                        categories: vec![c.item.category.clone()],
                        // Best sellers of each category first, in the order above.
                        cost: (0, 1),
                    })
                    .collect();
                let browse: Vec<&Candidate<'_>> = rank::pick_varied(&cards, options.limit)
                    .into_iter()
                    .map(|at| browse[at])
                    .collect();
                for c in browse {
                    if let Some(s) = self.evaluate_bundle(
                        &cart,
                        base,
                        &target,
                        &[(c.item, 1)],
                        &settings,
                        best_seller,
                        &pairing,
                    ) {
                        if !found.iter().any(|f| f.items == s.items) {
                            found.push(s);
                        }
                    }
                }
            }
        }
        // Those that close a gap by the chosen ranking, then the browse suggestions in their order.
        let (mut found, browse): (Vec<Suggestion>, Vec<Suggestion>) =
            found.into_iter().partition(|s| !s.browse);
        let first = |s: &Suggestion| match options.rank {
            Rank::Score => -(s.score.total as i128),
            Rank::Overspend => s.keys.milestone,
            Rank::Net => s.keys.net,
        };
        crate::sort::sort_by(&mut found, |a, b| {
            let (x, y) = (&a.keys, &b.keys);
            (first(a), x.overspend, x.units, -x.weight, &x.skus).cmp(&(
                first(b),
                y.overspend,
                y.units,
                -y.weight,
                &y.skus,
            ))
        });
        found.extend(browse);
        // Cards of new SKUs first; under the merchant's ranking, a card repeating a category counts
        // a quarter less. The caller's own orders (overspend, net) are kept as they are; browse
        // suggestions stay after those that close a gap, in their order.
        let cards: Vec<rank::Variety> = found
            .iter()
            .map(|s| rank::Variety {
                skus: s.items.iter().map(|i| i.sku.clone()).collect(),
                categories: s
                    .items
                    .iter()
                    .map(|i| config.catalog_item(&i.sku).and_then(|c| c.category.clone()))
                    .collect(),
                cost: match (s.browse, options.rank) {
                    (true, _) => (i128::MAX, i128::MAX),
                    (false, Rank::Score) => (
                        rank::repeat_penalised(s.score.total, false),
                        rank::repeat_penalised(s.score.total, true),
                    ),
                    (false, Rank::Overspend | Rank::Net) => (0, 0),
                },
            })
            .collect();
        let mut found: Vec<Option<Suggestion>> = found.into_iter().map(Some).collect();
        let found: Vec<Suggestion> = rank::pick_varied(&cards, options.limit)
            .into_iter()
            .filter_map(|at| found[at].take())
            .collect();
        match budget.spent_at() {
            None => Ok(found),
            Some(at) => Err(self.too_complex(at).into()),
        }
    }

    /// The promotions' next tiers the options ask for, each with whether the cart is far from it:
    /// what it still needs is more than `far` percent of the tier's threshold.
    fn targets<'q>(
        &self,
        base: &'q Quote,
        options: &SuggestOptions,
        settings: &SuggestSettings,
    ) -> Vec<Target<'q>> {
        let config = self.config();
        base.progress
            .iter()
            .filter(|progress| {
                options
                    .promotion
                    .as_ref()
                    .is_none_or(|id| **id == *progress.promotion)
            })
            .filter_map(|progress| {
                let next = progress.next.as_ref()?;
                if options.tier.is_some_and(|t| t != next.tier) {
                    return None;
                }
                let p = config
                    .promotions
                    .iter()
                    .position(|x| x.id == progress.promotion)?;
                let (needed, threshold) = match (&next.remaining, &next.threshold) {
                    (Measure::Amount(r), Measure::Amount(t)) => (r.minor(), t.minor()),
                    (Measure::Units(r), Measure::Units(t)) => (*r as i128, *t as i128),
                    _ => return None,
                };
                let far = needed.saturating_mul(100) > threshold.saturating_mul(settings.far as i128);
                Some(Target { p, next, far })
            })
            .collect()
    }

    /// The suggestions that close `target`'s gap, into `found`; whether any does (one found
    /// already for another target counts).
    #[allow(clippy::too_many_arguments)]
    fn closing<'c>(
        &self,
        cart: &Cart,
        base: &Quote,
        target: &Target<'_>,
        candidates: &[Candidate<'c>],
        options: &SuggestOptions,
        search: &Search<'_>,
        memo: &mut Memo<'c>,
        found: &mut Vec<Suggestion>,
    ) -> bool {
        let promotion = &self.config().promotions[target.p];
        let mut closed = false;
        let Search {
            max_items,
            pool,
            best_seller,
            settings,
            pairing,
            ..
        } = *search;
        // Another target of the same scope with the same gap searched the same bundles.
        let key = (search.scope_at, target.next.remaining);
        let known = memo.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone());
        let (bundles, approximate) = known.unwrap_or_else(|| {
            match (
                &target.next.remaining,
                promotion.tiers.get(target.next.tier).map(|t| t.threshold),
            ) {
                (Measure::Amount(remaining), _) => {
                    let gap = remaining.minor().max(0) as u64;
                    let singles = match options.rank {
                        Rank::Score => self.promising_singles(candidates, gap, pool, settings, best_seller),
                        Rank::Overspend | Rank::Net => best_singles(candidates, gap, options.limit.max(1)),
                    };
                    let (mut bundles, exact) = if max_items > 1 {
                        least_overspend(candidates, gap, max_items, options.limit.max(1) * 2)
                    } else {
                        (Vec::new(), true)
                    };
                    bundles.retain(|b| b.len() > 1);
                    let mut all = singles;
                    all.extend(bundles);
                    (all, !exact)
                }
                (Measure::Units(units), Some(Measure::Units(_))) => {
                    (cheapest_units(candidates, *units, max_items), false)
                }
                _ => (Vec::new(), false),
            }
        });
        if !memo.iter().any(|(k, _)| *k == key) {
            memo.push((key, (bundles.clone(), approximate)));
        }
        for bundle in bundles {
            if crate::pricing::budget::spent() {
                break;
            }
            // Priced already for another target (the same cart and bundle give the same outcome):
            // it closes this one too when it reaches this tier.
            let same = |s: &Suggestion| {
                s.items.len() == bundle.len()
                    && bundle.iter().all(|(item, packs)| {
                        s.items
                            .iter()
                            .any(|i| i.sku == item.sku && i.quantity == packs * item.pack)
                    })
            };
            if let Some(known) = found.iter().find(|s| same(s)) {
                let id = &self.config().promotions[target.p].id;
                closed |= known
                    .reaches
                    .iter()
                    .any(|r| *r.promotion == **id && r.tier >= target.next.tier);
                continue;
            }
            if let Some(mut s) =
                self.evaluate_bundle(cart, base, target, &bundle, settings, best_seller, pairing)
            {
                // Single items are always found exactly; only bundles come from the coarse search.
                s.approximate = approximate && bundle.len() > 1;
                if !s.browse {
                    closed = true;
                    found.push(s);
                }
            }
        }
        closed
    }

    /// The `pool` single items most worth re-quoting under the merchant's ranking: scored before
    /// pricing, the saving (the same for every item reaching the tier) left out of the margin.
    fn promising_singles<'c>(
        &self,
        candidates: &[Candidate<'c>],
        gap: u64,
        pool: usize,
        settings: &SuggestSettings,
        best_seller: u64,
    ) -> Vec<Bundle<'c>> {
        let mut singles: Vec<(i64, &Candidate<'c>, u64)> = closing_singles(candidates, gap)
            .into_iter()
            .map(|(spend, packs, c)| {
                let items = [(c.item, packs * c.item.pack)];
                let facts = rank::Facts {
                    items: &items,
                    spend: spend as i128,
                    overspend: spend.saturating_sub(gap) as i128,
                    saving: 0,
                    fits: c.partner.is_some(),
                    closes: true,
                };
                (
                    rank::score(&facts, best_seller, &settings.weights).total,
                    c,
                    packs,
                )
            })
            .collect();
        let order = |a: &(i64, &Candidate<'c>, u64), b: &(i64, &Candidate<'c>, u64)| {
            b.0.cmp(&a.0)
                .then_with(|| (a.1.price * a.2).cmp(&(b.1.price * b.2)))
                .then_with(|| a.1.item.sku.cmp(&b.1.item.sku))
        };
        crate::sort::select_smallest_by(&mut singles, pool, order);
        singles.truncate(pool);
        crate::sort::sort_by(&mut singles, order);
        singles
            .into_iter()
            .map(|(_, c, packs)| vec![(c.item, packs)])
            .collect()
    }

    /// Catalog items that count towards promotion `p` and can be suggested, in packs.
    fn candidates<'c>(
        &'c self,
        cart: &Cart,
        p: usize,
        options: &SuggestOptions,
        settings: &SuggestSettings,
        pairing: &Pairing<'c>,
    ) -> Vec<Candidate<'c>> {
        let config = self.config();
        let promotion = &config.promotions[p];
        config
            .catalog
            .iter()
            .filter(|item| !item.never_suggest && !options.exclude.contains(&item.sku))
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
                let units = stock_left
                    .min(order_left)
                    .min(item.max_per_suggestion.unwrap_or(u64::MAX))
                    .min(crate::config::MAX_QUANTITY);
                let available = (units / item.pack).min(settings.max_units);
                let price = u64::try_from(item.price.minor()).ok()?.checked_mul(item.pack)?;
                (available > 0 && price > 0).then(|| Candidate {
                    item,
                    price,
                    available,
                    partner: pairing.partner(item),
                })
            })
            .collect()
    }

    /// Re-quotes the cart with `bundle` (item, packs) added: a suggestion if it reaches the target
    /// tier, or, for a browse target, whatever it reaches.
    #[allow(clippy::too_many_arguments)]
    fn evaluate_bundle(
        &self,
        cart: &Cart,
        base: &Quote,
        target: &Target<'_>,
        bundle: &[(&CatalogItem, u64)],
        settings: &SuggestSettings,
        best_seller: u64,
        pairing: &Pairing<'_>,
    ) -> Option<Suggestion> {
        let config = self.config();
        let digits = config.currency.minor_digits;
        let (p, tier) = (target.p, target.next.tier);
        let units: Vec<(&CatalogItem, u64)> = bundle
            .iter()
            .map(|(item, packs)| (*item, packs * item.pack))
            .collect();
        let mut with = cart.clone();
        for (item, quantity) in &units {
            with.lines.push(Line {
                sku: item.sku.clone(),
                price: item.price,
                quantity: *quantity,
                category: item.category.clone(),
                tags: item.tags.clone(),
                tax_rate: cart.tax_rate,
                gift: None,
            });
        }
        // Priced, not rendered: only the totals and the tiers reached are needed.
        let priced = self.price(&with, with.now.unwrap_or(0)).ok()?;
        let outcome = &priced.outcome;
        let id = &config.promotions[p].id;
        let reached = outcome.reached[p];
        let mut closes = reached.is_some_and(|t| t >= tier);
        if closes
            && matches!(
                config.promotions[p].kind,
                crate::config::Kind::BuyXGetY | crate::config::Kind::BundlePrice
            )
        {
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
            closes = after > before;
        }
        if !closes && !target.far {
            return None;
        }
        let spend: i128 = units
            .iter()
            .map(|(item, q)| item.price.minor() * *q as i128)
            .sum();
        let saving = (outcome.discount.minor() - base.discount.minor())
            + (base.shipping.minor() - outcome.shipping.minor());
        let gap = match &target.next.remaining {
            Measure::Amount(a) => Some(a.minor()),
            Measure::Units(_) => None,
        };
        let overspend = match (closes, gap) {
            (true, Some(gap)) => (spend - gap).max(0),
            _ => 0,
        };
        let mut reaches = Vec::new();
        if closes {
            reaches.push(Reach {
                promotion: id.to_string(),
                tier: reached.unwrap_or(tier),
            });
        }
        let mut eligible = priced.order.clone();
        crate::sort::sort_by(&mut eligible, Ord::cmp);
        for q in eligible.into_iter().filter(|&q| q != p || !closes) {
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
        let mut items: Vec<SuggestedItem> = units
            .iter()
            .map(|(item, q)| SuggestedItem {
                sku: item.sku.clone(),
                quantity: *q,
            })
            .collect();
        crate::sort::sort_by(&mut items, |a, b| a.sku.cmp(&b.sku));
        let goes_with = units
            .iter()
            .find_map(|(item, _)| pairing.partner(item))
            .map(str::to_owned);
        let facts = rank::Facts {
            items: &units,
            spend,
            overspend,
            saving,
            fits: goes_with.is_some(),
            closes,
        };
        let score = rank::score(&facts, best_seller, &settings.weights);
        let browse = !closes;
        let milestone = match &target.next.remaining {
            Measure::Amount(a) => a.minor(),
            Measure::Units(u) => *u as i128,
        };
        Some(Suggestion {
            spend: Money::from_minor(spend, digits),
            overspend: Money::from_minor(overspend, digits),
            saving: Money::from_minor(saving, digits),
            net: Money::from_minor(spend - saving, digits),
            approximate: false,
            reason: rank::reason(&score, &settings.weights, overspend, browse),
            score,
            goes_with,
            browse,
            keys: SortKeys {
                milestone,
                overspend,
                units: units.iter().map(|(_, q)| q).sum(),
                weight: units.iter().map(|(item, _)| item.weight).max().unwrap_or(0),
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
