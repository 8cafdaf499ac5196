//! Scopes: which cart lines a promotion covers.

/// The attributes of an item that scopes match on.
#[derive(Debug, Clone, Copy)]
pub struct ItemRef<'a> {
    /// The SKU.
    pub sku: &'a str,
    /// The category, if known.
    pub category: Option<&'a str>,
    /// The tags.
    pub tags: &'a [String],
}

/// A line is in scope when it matches any included category, SKU or tag (or nothing is included,
/// meaning the whole cart) and matches no excluded one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    categories: Vec<String>,
    skus: Vec<String>,
    tags: Vec<String>,
    exclude_categories: Vec<String>,
    exclude_skus: Vec<String>,
    exclude_tags: Vec<String>,
}

fn matches(item: ItemRef<'_>, categories: &[String], skus: &[String], tags: &[String]) -> bool {
    item.category.is_some_and(|c| categories.iter().any(|x| x == c))
        || skus.iter().any(|x| x == item.sku)
        || item.tags.iter().any(|t| tags.contains(t))
}

impl Scope {
    /// The whole cart.
    pub fn everything() -> Self {
        Scope::default()
    }

    /// A scope from its include and exclude lists.
    pub fn new(
        categories: Vec<String>,
        skus: Vec<String>,
        tags: Vec<String>,
        exclude_categories: Vec<String>,
        exclude_skus: Vec<String>,
        exclude_tags: Vec<String>,
    ) -> Self {
        Scope {
            categories,
            skus,
            tags,
            exclude_categories,
            exclude_skus,
            exclude_tags,
        }
    }

    /// The include and exclude lists, in the order of [`Scope::new`].
    pub(crate) fn lists(&self) -> [&Vec<String>; 6] {
        [
            &self.categories,
            &self.skus,
            &self.tags,
            &self.exclude_categories,
            &self.exclude_skus,
            &self.exclude_tags,
        ]
    }

    /// Whether the scope includes everything not excluded.
    pub fn includes_all(&self) -> bool {
        self.categories.is_empty() && self.skus.is_empty() && self.tags.is_empty()
    }

    /// Whether an item is covered.
    pub fn contains(&self, item: ItemRef<'_>) -> bool {
        (self.includes_all() || matches(item, &self.categories, &self.skus, &self.tags))
            && !matches(
                item,
                &self.exclude_categories,
                &self.exclude_skus,
                &self.exclude_tags,
            )
    }

    /// A representative item of this scope, used to reason about "adding more in-scope goods":
    /// the first included category not excluded, else the first tag, else the first SKU not
    /// excluded; for a whole-cart scope an item with no category or tags.
    pub fn probe(&self) -> ProbeItem {
        let excluded_category = |c: &String| self.exclude_categories.contains(c);
        if let Some(category) = self.categories.iter().find(|c| !excluded_category(c)) {
            return ProbeItem {
                sku: PROBE_SKU.to_owned(),
                category: Some(category.clone()),
                tags: Vec::new(),
            };
        }
        if let Some(tag) = self.tags.iter().find(|t| !self.exclude_tags.contains(t)) {
            return ProbeItem {
                sku: PROBE_SKU.to_owned(),
                category: None,
                tags: vec![tag.clone()],
            };
        }
        if let Some(sku) = self.skus.iter().find(|s| !self.exclude_skus.contains(s)) {
            return ProbeItem {
                sku: sku.clone(),
                category: None,
                tags: Vec::new(),
            };
        }
        ProbeItem {
            sku: PROBE_SKU.to_owned(),
            category: None,
            tags: Vec::new(),
        }
    }
}

/// The SKU of the hypothetical item added when computing `remaining`.
pub const PROBE_SKU: &str = "\u{0}nexttier-probe";

/// A hypothetical item used to compute how much more in-scope spend reaches a tier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeItem {
    /// Its SKU.
    pub sku: String,
    /// Its category.
    pub category: Option<String>,
    /// Its tags.
    pub tags: Vec<String>,
}

impl ProbeItem {
    /// The attributes scopes match on.
    pub fn item(&self) -> ItemRef<'_> {
        ItemRef {
            sku: &self.sku,
            category: self.category.as_deref(),
            tags: &self.tags,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn include_any_then_exclude() {
        let scope = Scope::new(
            s(&["home"]),
            s(&["gift-card"]),
            s(&["sale"]),
            vec![],
            s(&["vase"]),
            s(&["clearance"]),
        );
        let tags = s(&["sale"]);
        let clearance = s(&["clearance"]);
        let item = |sku, category, tags| ItemRef { sku, category, tags };
        assert!(scope.contains(item("mop", Some("home"), &[])));
        assert!(scope.contains(item("gift-card", None, &[])));
        assert!(scope.contains(item("x", Some("toys"), &tags)));
        assert!(!scope.contains(item("x", Some("toys"), &[])));
        assert!(!scope.contains(item("vase", Some("home"), &[])));
        assert!(!scope.contains(item("mop", Some("home"), &clearance)));
        assert!(Scope::everything().contains(item("anything", None, &[])));
        let probe = scope.probe();
        assert!(scope.contains(item(&probe.sku, probe.category.as_deref(), &probe.tags)));
    }
}
