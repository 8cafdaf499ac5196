//! A small map from strings to strings, kept as pairs sorted by key: the widget's word overrides
//! and a promotion's message templates, a few entries each. It replaces `BTreeMap<String, String>`,
//! whose node code was 6.4 KB of the storefront's wasm for maps this small.

/// Pairs sorted by key, each key once. Built from all its pairs at once ([`StringMap::from_pairs`]),
/// so that a map read from a large document costs one sort, never an insertion per pair.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StringMap(Vec<(String, String)>);

impl StringMap {
    /// The map of `pairs`; where a key appears more than once, its last value wins.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut tagged: Vec<(usize, (String, String))> = pairs.into_iter().enumerate().collect();
        // By key, and of one key the last pair first, which `dedup_by` then keeps.
        crate::sort::sort_by(&mut tagged, |a, b| a.1 .0.cmp(&b.1 .0).then(b.0.cmp(&a.0)));
        tagged.dedup_by(|later, kept| later.1 .0 == kept.1 .0);
        StringMap(tagged.into_iter().map(|(_, pair)| pair).collect())
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&String> {
        self.0
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()
            .map(|at| &self.0[at].1)
    }

    /// The pairs in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// Keeps the pairs `keep` says yes to (in key order).
    pub fn retain(&mut self, mut keep: impl FnMut(&String, &String) -> bool) {
        self.0.retain(|(k, v)| keep(k, v));
    }
}

#[cfg(test)]
mod tests {
    use super::StringMap;
    use std::collections::BTreeMap;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn agrees_with_a_btree_map_last_value_winning() {
        // A small LCG: keys from a few letters, so keys repeat.
        let mut seed: u64 = 7;
        for round in 0..500 {
            let mut items = Vec::new();
            for _ in 0..(round % 13) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let key = ["a", "b", "zh", "zh-CN", "en", ""][(seed >> 33) as usize % 6];
                items.push((key.to_owned(), format!("{}", seed >> 40)));
            }
            let map = StringMap::from_pairs(items.clone());
            let tree: BTreeMap<String, String> = items.into_iter().collect();
            let ours: Vec<(&String, &String)> = map.iter().collect();
            let theirs: Vec<(&String, &String)> = tree.iter().collect();
            assert_eq!(ours, theirs, "round {round}");
            for key in ["a", "b", "zh", "zh-CN", "en", "", "missing"] {
                assert_eq!(map.get(key), tree.get(key), "round {round}, key {key:?}");
            }
        }
    }

    #[test]
    fn retain_keeps_key_order() {
        let mut map = StringMap::from_pairs(pairs(&[("c", "3"), ("a", "1"), ("b", "2")]));
        map.retain(|k, _| k != "b");
        assert_eq!(map.iter().count(), 2);
        assert_eq!(
            map.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
            ["a", "c"]
        );
        assert_eq!(StringMap::default().iter().count(), 0);
    }
}
