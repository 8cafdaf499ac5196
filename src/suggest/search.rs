//! The search for bundles: the least overspend over sums of catalog prices (a bitset dynamic
//! programme), the best single items, and the cheapest units for a quantity tier. Quantities here
//! are packs (one unit for an item sold singly).

use super::{Bundle, Candidate};

/// The largest value range (in steps of the prices' common divisor) the exact search covers: its
/// tables take about 20 bytes a step (20 MB at most). Beyond, the search runs on coarser steps and
/// says so (`approximate`).
pub(super) const MAX_SEARCH_UNITS: u64 = 1 << 20;

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// The bundles of at most `max_items` distinct candidates, each within its available packs, whose
/// list-price sum is at least `gap`, for the `count` smallest such sums (least overspend first),
/// and whether the search was exact. Single items are the callers' ([`closing_singles`]).
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
pub(super) fn least_overspend<'c>(
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
        return (Vec::new(), exact);
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
    let mut bundles: Vec<Bundle<'c>> = Vec::new();
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
        if bundles.len() >= count {
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

/// Every single item that closes the gap within its available packs: (spend, packs, candidate),
/// with the fewest packs that do.
pub(super) fn closing_singles<'c, 'r>(
    candidates: &'r [Candidate<'c>],
    gap: u64,
) -> Vec<(u64, u64, &'r Candidate<'c>)> {
    candidates
        .iter()
        .filter_map(|c| {
            let packs = gap.div_ceil(c.price);
            (packs <= c.available).then_some((packs * c.price, packs, c))
        })
        .collect()
}

/// The `count` single items of least spend, equal spends in merchant preference order. Linear
/// selection, then a sort of the few selected.
pub(super) fn best_singles<'c>(candidates: &[Candidate<'c>], gap: u64, count: usize) -> Vec<Bundle<'c>> {
    let mut singles = closing_singles(candidates, gap);
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
        .map(|(_, packs, c)| vec![(c.item, packs)])
        .collect()
}

/// The cheapest way to add `units` in-scope units with at most `max_items` distinct items: the
/// cheapest units first, in whole packs.
pub(super) fn cheapest_units<'c>(
    candidates: &[Candidate<'c>],
    units: u64,
    max_items: usize,
) -> Vec<Bundle<'c>> {
    let mut by_price: Vec<&Candidate<'c>> = candidates.iter().collect();
    // Unit price a / pack a against b / pack b, compared as a × pack b against b × pack a.
    crate::sort::sort_by(&mut by_price, |a, b| {
        (u128::from(a.price) * u128::from(b.item.pack))
            .cmp(&(u128::from(b.price) * u128::from(a.item.pack)))
            .then(b.item.weight.cmp(&a.item.weight))
            .then_with(|| a.item.sku.cmp(&b.item.sku))
    });
    let mut bundle = Vec::new();
    let mut left = units;
    for c in by_price.into_iter().take(max_items) {
        if left == 0 {
            break;
        }
        let packs = c.available.min(left.div_ceil(c.item.pack));
        bundle.push((c.item, packs));
        left = left.saturating_sub(packs.saturating_mul(c.item.pack));
    }
    if left > 0 {
        return Vec::new();
    }
    vec![bundle]
}
