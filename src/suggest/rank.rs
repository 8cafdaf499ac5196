//! How suggestions are chosen among those that close a gap: each criterion scores points (integers,
//! so the order is the same on every platform), the weighted sum ranks, the strongest criterion is
//! the `reason`, and the cards are picked for variety.

use crate::cart::Cart;
use crate::config::suggest::{Criterion, Weights};
use crate::config::CatalogItem;

/// The most points a criterion gives.
pub const FULL: i64 = 1000;

/// The points a criterion needs to be a suggestion's reason (fit and pinned give all or nothing).
const REASON_BAR: i64 = FULL / 2;

/// The points of each criterion, and their weighted sum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Score {
    /// 1000 × what was needed ÷ what is spent: 1000 for a suggestion that closes the gap exactly.
    pub gap: i64,
    /// 1000 × the merchant's margin on the add-on after the saving it unlocks ÷ its spend, within
    /// ±1000; 0 when an item has no `cost`.
    pub margin: i64,
    /// The items' average of 1000 × popularity ÷ the best seller's among the candidates.
    pub popularity: i64,
    /// 1000 when an item goes with the cart.
    pub fit: i64,
    /// 1000 when an item is pinned.
    pub pinned: i64,
    /// Σ weight × points.
    pub total: i64,
}

impl Score {
    /// The points of `criterion`.
    pub fn of(&self, criterion: Criterion) -> i64 {
        match criterion {
            Criterion::Gap => self.gap,
            Criterion::Margin => self.margin,
            Criterion::Popularity => self.popularity,
            Criterion::Fit => self.fit,
            Criterion::Pinned => self.pinned,
        }
    }

    /// The weighted sum under `weights`.
    fn weigh(mut self, weights: &Weights) -> Score {
        self.total = Criterion::ALL
            .iter()
            .map(|&c| weights.of(c) as i64 * self.of(c))
            .sum();
        self
    }
}

/// Why a suggestion is offered, strongest first: see [`reason`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// It closes the gap with nothing to spare.
    ClosesExactly,
    /// It goes with an item in the cart.
    GoesWithCart,
    /// The merchant pinned it.
    Pinned,
    /// It sells well.
    Popular,
    /// It leaves the merchant a good margin.
    Margin,
    /// It closes the gap (nothing else stands out).
    ClosesGap,
    /// A browse suggestion for a cart far from the tier: in scope, nothing else known.
    InScope,
}

impl Reason {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::ClosesExactly => "closes_exactly",
            Reason::GoesWithCart => "goes_with_cart",
            Reason::Pinned => "pinned",
            Reason::Popular => "popular",
            Reason::Margin => "margin",
            Reason::ClosesGap => "closes_gap",
            Reason::InScope => "in_scope",
        }
    }

    /// Every reason, in the order of the docs.
    pub const ALL: [Reason; 7] = [
        Reason::ClosesExactly,
        Reason::GoesWithCart,
        Reason::Pinned,
        Reason::Popular,
        Reason::Margin,
        Reason::ClosesGap,
        Reason::InScope,
    ];
}

/// The reason of a suggestion that closes the gap: exactly, when it does; otherwise the criterion
/// other than the gap whose weighted points are highest among those at half marks or more (ties in
/// the order fit, pinned, popularity, margin); otherwise that it closes the gap. For a browse
/// suggestion: pinned, popular, or in scope.
pub fn reason(score: &Score, weights: &Weights, overspend: i128, browse: bool) -> Reason {
    if browse {
        return if score.pinned > 0 {
            Reason::Pinned
        } else if score.popularity > 0 {
            Reason::Popular
        } else {
            Reason::InScope
        };
    }
    if overspend == 0 {
        return Reason::ClosesExactly;
    }
    let mut best: Option<(i64, Reason)> = None;
    for (criterion, reason) in [
        (Criterion::Fit, Reason::GoesWithCart),
        (Criterion::Pinned, Reason::Pinned),
        (Criterion::Popularity, Reason::Popular),
        (Criterion::Margin, Reason::Margin),
    ] {
        let weighted = weights.of(criterion) as i64 * score.of(criterion);
        if score.of(criterion) >= REASON_BAR && weighted > 0 && best.is_none_or(|(b, _)| weighted > b) {
            best = Some((weighted, reason));
        }
    }
    best.map_or(Reason::ClosesGap, |(_, r)| r)
}

/// What the cart pairs with: the `goes_with` of its items, and its lines to match candidates'
/// own `goes_with` against.
pub struct Pairing<'a> {
    /// (cart SKU, the scope of what goes with it), one per distinct SKU.
    scopes: Vec<(&'a str, &'a crate::config::scope::Scope)>,
    /// One line per distinct SKU.
    lines: Vec<&'a crate::cart::Line>,
}

impl<'a> Pairing<'a> {
    /// The pairing of `cart` under `catalog` lookups.
    pub fn new(cart: &'a Cart, item: impl Fn(&str) -> Option<&'a CatalogItem>) -> Pairing<'a> {
        let lines: Vec<&crate::cart::Line> = cart
            .items(|_| true)
            .into_iter()
            .map(|(line, _)| &cart.lines[line])
            .collect();
        let scopes = lines
            .iter()
            .filter_map(|l| Some((l.sku.as_str(), item(&l.sku)?.goes_with.as_ref()?)))
            .collect();
        Pairing { scopes, lines }
    }

    /// The cart SKU `item` goes with, if any: an item in the cart names it in `goes_with`, or it
    /// names a cart line in its own. Spends one step of the work budget per comparison.
    pub fn partner(&self, item: &CatalogItem) -> Option<&'a str> {
        if !crate::pricing::budget::spend((self.scopes.len() + self.lines.len()) as u64) {
            return None;
        }
        if let Some((sku, _)) = self
            .scopes
            .iter()
            .find(|(sku, scope)| *sku != item.sku && scope.contains(item.item()))
        {
            return Some(sku);
        }
        let own = item.goes_with.as_ref()?;
        self.lines
            .iter()
            .find(|l| l.sku != item.sku && own.contains(l.item()))
            .map(|l| l.sku.as_str())
    }
}

/// What scoring a suggestion needs to know about it.
pub struct Facts<'c> {
    /// (item, units).
    pub items: &'c [(&'c CatalogItem, u64)],
    /// Spend, in minor units.
    pub spend: i128,
    /// Overspend, in minor units.
    pub overspend: i128,
    /// Saving, in minor units.
    pub saving: i128,
    /// Whether an item goes with the cart.
    pub fits: bool,
    /// Whether it closes the gap (false for a browse suggestion).
    pub closes: bool,
}

/// The score of a suggestion; `best_seller` is the highest popularity among the candidates.
pub fn score(facts: &Facts<'_>, best_seller: u64, weights: &Weights) -> Score {
    let per_mille = |part: i128, whole: i128| -> i64 {
        if whole <= 0 {
            return 0;
        }
        // In 64 bits when it fits (a single instruction; every candidate of a catalog is scored).
        if let (Ok(part), Ok(whole)) = (i64::try_from(part), i64::try_from(whole)) {
            if let Some(scaled) = part.checked_mul(FULL) {
                return (scaled / whole).clamp(-FULL, FULL);
            }
        }
        (part.saturating_mul(i128::from(FULL)) / whole).clamp(-i128::from(FULL), i128::from(FULL)) as i64
    };
    let cost: Option<i128> = facts
        .items
        .iter()
        .map(|(item, units)| item.cost.map(|c| c.minor().saturating_mul(*units as i128)))
        .sum();
    let popularity = if best_seller == 0 || facts.items.is_empty() {
        0
    } else {
        let sum: i128 = facts
            .items
            .iter()
            .map(|(item, _)| per_mille(item.popularity as i128, best_seller as i128) as i128)
            .sum();
        (sum / facts.items.len() as i128) as i64
    };
    Score {
        gap: if facts.closes {
            per_mille(facts.spend - facts.overspend, facts.spend)
        } else {
            0
        },
        margin: cost.map_or(0, |cost| {
            per_mille(facts.spend - facts.saving - cost, facts.spend)
        }),
        popularity,
        fit: if facts.fits { FULL } else { 0 },
        pinned: if facts.items.iter().any(|(item, _)| item.pinned) {
            FULL
        } else {
            0
        },
        total: 0,
    }
    .weigh(weights)
}

/// What variety looks at in a ranked card.
pub struct Variety {
    /// Its SKUs.
    pub skus: Vec<String>,
    /// Its items' categories.
    pub categories: Vec<Option<String>>,
    /// Its cost when it brings only new categories, and when it repeats one (lower first).
    pub cost: (i128, i128),
}

/// Picks up to `limit` of the ranked cards (best first), as their positions: each next pick is one
/// whose SKUs are all new, when there is one; among those, the least cost (ties keep the ranked
/// order).
pub fn pick_varied(cards: &[Variety], limit: usize) -> Vec<usize> {
    let mut picked: Vec<usize> = Vec::new();
    let mut seen_skus: Vec<&str> = Vec::new();
    let mut seen_categories: Vec<Option<&str>> = Vec::new();
    while picked.len() < limit.min(cards.len()) {
        let left = || (0..cards.len()).filter(|at| !picked.contains(at));
        let new_skus = |at: &usize| cards[*at].skus.iter().all(|s| !seen_skus.contains(&s.as_str()));
        let any_new = left().any(|at| new_skus(&at));
        let mut best: Option<(i128, usize)> = None;
        for at in left().filter(|at| !any_new || new_skus(at)) {
            let card = &cards[at];
            let repeats = card
                .categories
                .iter()
                .any(|c| seen_categories.contains(&c.as_deref()));
            let cost = if repeats { card.cost.1 } else { card.cost.0 };
            if best.is_none_or(|(b, _)| cost < b) {
                best = Some((cost, at));
            }
        }
        let Some((_, at)) = best else { break };
        seen_skus.extend(cards[at].skus.iter().map(String::as_str));
        seen_categories.extend(cards[at].categories.iter().map(Option::as_deref));
        picked.push(at);
    }
    picked
}

/// The variety cost of a suggestion under the merchant's ranking: its score, a quarter lower when
/// it repeats a category already shown (so a much better card of the same category still wins).
pub fn repeat_penalised(total: i64, repeats_category: bool) -> i128 {
    let total = i128::from(total);
    -(if repeats_category {
        total - total.abs() / 4
    } else {
        total
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cart::Cart;
    use crate::pricing::engine::Engine;

    #[test]
    fn a_pairing_keeps_the_first_line_of_each_sku_in_cart_order() {
        let engine = Engine::from_json(r#"{ "currency": "CNY", "promotions": [] }"#).unwrap();
        let line = |sku: &str, quantity: u32| {
            format!(r#"{{ "sku": "{sku}", "price": "1", "quantity": {quantity} }}"#)
        };
        let cart = format!(
            r#"{{ "lines": [ {}, {}, {}, {}, {} ] }}"#,
            line("b", 1),
            line("a", 2),
            line("b", 3),
            line("c", 4),
            line("a", 5)
        );
        let cart = Cart::from_json(&cart, engine.config()).unwrap();
        let pairing = Pairing::new(&cart, |_| None);
        let kept: Vec<(&str, u64)> = pairing
            .lines
            .iter()
            .map(|l| (l.sku.as_str(), l.quantity))
            .collect();
        assert_eq!(kept, [("b", 1), ("a", 2), ("c", 4)]);
    }
}
