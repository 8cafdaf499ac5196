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
