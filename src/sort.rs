//! One small sort for the whole crate: a heapsort, O(n log n) and in place. The standard library's
//! sorts are faster on large inputs but each use instantiates several kilobytes of wasm; every list
//! sorted here is short (promotions, suggestions) or sorted once per call (a catalog).

use std::cmp::Ordering;

/// Sorts `items` by `compare` (not stable: equal items may be reordered).
pub(crate) fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let len = items.len();
    for start in (0..len / 2).rev() {
        sift_down(items, start, len, &mut compare);
    }
    for end in (1..len).rev() {
        items.swap(0, end);
        sift_down(items, 0, end, &mut compare);
    }
}

/// Moves the `count` smallest items by `compare` to the front, in no particular order: a max-heap
/// of the first `count` that every later smaller item replaces the top of. O(n log count), and
/// it shares `sift_down` with the sort (the standard library's selection would add kilobytes).
pub(crate) fn select_smallest_by<T>(
    items: &mut [T],
    count: usize,
    mut compare: impl FnMut(&T, &T) -> Ordering,
) {
    if count == 0 || count >= items.len() {
        return;
    }
    for start in (0..count / 2).rev() {
        sift_down(items, start, count, &mut compare);
    }
    for i in count..items.len() {
        if compare(&items[i], &items[0]) == Ordering::Less {
            items.swap(0, i);
            sift_down(items, 0, count, &mut compare);
        }
    }
}

/// Finds where the running `weight` of `items`, taken in order by `compare` (a total order), first
/// reaches `target`: moves the items before that one to the front (in no particular order), puts
/// it next and returns its index; returns `items.len()` when all of them weigh less. Quickselect,
/// expected O(n); past 2 log n rounds (an unlucky input) the rest is sorted instead, O(n log n).
pub(crate) fn select_weight_by<T: Copy>(
    items: &mut [T],
    target: u128,
    weight: impl Fn(&T) -> u128,
    mut compare: impl FnMut(&T, &T) -> Ordering,
) -> usize {
    let (mut low, mut high) = (0, items.len());
    let mut need = target;
    let rounds = 2 * (usize::BITS - items.len().leading_zeros()) + 4;
    for _ in 0..rounds {
        if low >= high {
            return low;
        }
        // Median of the first, middle and last as the pivot, moved to the end.
        let (a, b, c) = (low, low + (high - low) / 2, high - 1);
        let less = |x: usize, y: usize, compare: &mut dyn FnMut(&T, &T) -> Ordering| {
            compare(&items[x], &items[y]) == Ordering::Less
        };
        let median = if less(a, b, &mut compare) {
            if less(b, c, &mut compare) {
                b
            } else if less(a, c, &mut compare) {
                c
            } else {
                a
            }
        } else if less(a, c, &mut compare) {
            a
        } else if less(b, c, &mut compare) {
            c
        } else {
            b
        };
        swap(items, median, high - 1);
        let mut store = low;
        let mut before: u128 = 0;
        for i in low..high - 1 {
            if compare(&items[i], &items[high - 1]) == Ordering::Less {
                swap(items, i, store);
                before += weight(&items[store]);
                store += 1;
            }
        }
        swap(items, store, high - 1);
        let with_pivot = before + weight(&items[store]);
        if before >= need {
            high = store;
        } else if with_pivot >= need {
            return store;
        } else {
            need -= with_pivot;
            low = store + 1;
        }
    }
    sort_by(&mut items[low..high], &mut compare);
    for (i, item) in items.iter().enumerate().take(high).skip(low) {
        let w = weight(item);
        if w >= need {
            return i;
        }
        need -= w;
    }
    high
}

/// Swaps two items by copying, inlined: the slice's own `swap`, generic and built for size, stays a
/// call (2 % of a 50-promotion quote, in the allocation's selection).
#[inline(always)]
#[allow(clippy::manual_swap)] // `items.swap` is the call this avoids.
fn swap<T: Copy>(items: &mut [T], a: usize, b: usize) {
    let item = items[a];
    items[a] = items[b];
    items[b] = item;
}

/// Sorts `items` by a key (not stable).
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

fn sift_down<T>(items: &mut [T], mut root: usize, end: usize, compare: &mut impl FnMut(&T, &T) -> Ordering) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && compare(&items[child], &items[child + 1]) == Ordering::Less {
            child += 1;
        }
        if compare(&items[root], &items[child]) != Ordering::Less {
            return;
        }
        items.swap(root, child);
        root = child;
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_like_the_standard_library(mut items in proptest::collection::vec(any::<(u8, u16)>(), 0..200)) {
            let mut expected = items.clone();
            expected.sort();
            super::sort_by(&mut items, |a, b| a.cmp(b));
            prop_assert_eq!(items, expected);
        }

        #[test]
        fn selects_by_weight(mut items in proptest::collection::vec((any::<u16>(), 0u8..4), 0..300), target in 0u128..800) {
            // Distinct keys (a total order): the index breaks ties.
            let mut keyed: Vec<(u16, usize, u8)> = items.drain(..).enumerate().map(|(i, (k, w))| (k, i, w)).collect();
            let mut sorted = keyed.clone();
            sorted.sort();
            let mut running = 0u128;
            let expected = sorted.iter().position(|&(_, _, w)| { running += u128::from(w); running >= target }).unwrap_or(sorted.len());
            let at = super::select_weight_by(&mut keyed, target, |&(_, _, w)| u128::from(w), |a, b| a.cmp(b));
            prop_assert_eq!(at, expected);
            if at < keyed.len() {
                prop_assert_eq!(keyed[at], sorted[at]);
            }
            let mut front = keyed[..at].to_vec();
            front.sort();
            prop_assert_eq!(&front[..], &sorted[..at]);
        }

        #[test]
        fn selects_the_smallest(mut items in proptest::collection::vec(any::<(u8, u16)>(), 0..200), count in 0usize..220) {
            let mut expected = items.clone();
            expected.sort();
            expected.truncate(count.max(1).min(items.len()));
            super::select_smallest_by(&mut items, count, |a, b| a.cmp(b));
            let mut front = items[..expected.len()].to_vec();
            front.sort();
            if count > 0 {
                prop_assert_eq!(front, expected);
            }
        }
    }
}
