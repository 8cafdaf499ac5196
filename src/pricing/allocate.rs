//! Splitting a discount across lines so that the shares add up to it exactly.

use rust_decimal::Decimal;

use crate::money::{from_minor, to_minor};

/// Splits `amount` across `weights` in proportion, by largest remainder in minor units:
/// each share is the floor of its exact proportion, and the minor units left over go one each to
/// the largest remainders (ties to the earlier line). Shares sum to `amount` exactly and, when
/// `amount <= sum(weights)`, no share exceeds its weight.
pub fn allocate(amount: Decimal, weights: &[Decimal], digits: u32) -> Vec<Decimal> {
    let total_minor = to_minor(amount, digits);
    let weights_minor: Vec<u128> = weights.iter().map(|w| to_minor(*w, digits)).collect();
    let mut shares = Vec::new();
    allocate_minor_into(total_minor, &weights_minor, &mut shares, &mut Vec::new());
    shares.into_iter().map(|m| from_minor(m, digits)).collect()
}

/// [`allocate`] on whole minor units, into `shares` (cleared first), with `remainders` as scratch
/// space: a caller that splits many amounts reuses both and allocates nothing per split.
pub(crate) fn allocate_minor_into(
    amount: u128,
    weights: &[u128],
    shares: &mut Vec<u128>,
    remainders: &mut Vec<(u128, usize)>,
) {
    shares.clear();
    remainders.clear();
    let sum: u128 = weights.iter().sum();
    if weights.is_empty() {
        return;
    }
    if sum == 0 {
        // Nothing to weigh by: everything on the first line (only reachable with a zero amount).
        shares.resize(weights.len(), 0);
        shares[0] = amount;
        return;
    }
    let mut given: u128 = 0;
    for (i, &w) in weights.iter().enumerate() {
        // amount and weights stay below 10^19 minor units, so the product fits in u128.
        let product = amount.saturating_mul(w);
        // Carts' figures fit 64 bits, where division is one instruction rather than a call.
        let (share, remainder) = match (u64::try_from(product), u64::try_from(sum)) {
            (Ok(p), Ok(s)) => (u128::from(p / s), u128::from(p % s)),
            _ => (product / sum, product % sum),
        };
        shares.push(share);
        remainders.push((remainder, i));
        given += share;
    }
    // Fewer minor units are left than there are lines: one each to the largest remainders,
    // ties to the earlier line. A heap of `left` selects them; no full sort is needed.
    let left = usize::try_from(amount.saturating_sub(given))
        .unwrap_or(usize::MAX)
        .min(weights.len());
    if left > 0 {
        let order = |a: &(u128, usize), b: &(u128, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        crate::sort::select_smallest_by(remainders, left, order);
        for &(_, i) in &remainders[..left] {
            shares[i] += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_sum_exactly_and_favour_largest_remainders() {
        // 10.00 over 3 equal lines: 3.34, 3.33, 3.33.
        let w = [Decimal::new(500, 2); 3];
        let shares = allocate(Decimal::new(1000, 2), &w, 2);
        assert_eq!(
            shares.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
            ["3.34", "3.33", "3.33"]
        );
        // 10.00 over 38.00 and 61.00: 3.838… → 3.84 and 6.161… → 6.16.
        let shares = allocate(
            Decimal::new(1000, 2),
            &[Decimal::new(3800, 2), Decimal::new(6100, 2)],
            2,
        );
        assert_eq!(
            shares.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
            ["3.84", "6.16"]
        );
    }

    #[test]
    fn never_exceeds_a_weight() {
        let w = [Decimal::new(1, 2), Decimal::new(1, 2), Decimal::new(1, 2)];
        let shares = allocate(Decimal::new(3, 2), &w, 2);
        assert!(shares.iter().all(|s| *s == Decimal::new(1, 2)));
    }
}
