//! The merchant's suggestion settings: how many units of one item a suggestion may add, when a cart
//! counts as far from a tier, and the weights of the ranking's criteria.

use super::document::SuggestDoc;
use super::{parse_count, MAX_QUANTITY};
use crate::error::{Error, JsonPath};

/// A criterion of the suggestion ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Criterion {
    /// Closing the gap with the least overspend: 1000 × needed ÷ spend.
    Gap,
    /// The merchant's margin on the add-on after the saving it unlocks, per mille of its spend.
    Margin,
    /// How well the items sell, per mille of the best seller among the candidates.
    Popularity,
    /// Going with what is in the cart (1000 or 0).
    Fit,
    /// Pinned by the merchant (1000 or 0).
    Pinned,
}

impl Criterion {
    /// Every criterion, in the order of the JSON and of ties between reasons.
    pub const ALL: [Criterion; 5] = [
        Criterion::Gap,
        Criterion::Fit,
        Criterion::Pinned,
        Criterion::Popularity,
        Criterion::Margin,
    ];

    /// The name used in JSON (`weights`, `score`).
    pub fn as_str(self) -> &'static str {
        match self {
            Criterion::Gap => "gap",
            Criterion::Margin => "margin",
            Criterion::Popularity => "popularity",
            Criterion::Fit => "fit",
            Criterion::Pinned => "pinned",
        }
    }
}

/// The weight of each criterion, 0 to [`Weights::MAX`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weights {
    /// Weight of [`Criterion::Gap`].
    pub gap: u64,
    /// Weight of [`Criterion::Margin`].
    pub margin: u64,
    /// Weight of [`Criterion::Popularity`].
    pub popularity: u64,
    /// Weight of [`Criterion::Fit`].
    pub fit: u64,
    /// Weight of [`Criterion::Pinned`].
    pub pinned: u64,
}

impl Weights {
    /// The highest weight.
    pub const MAX: u64 = 100;

    /// The weight of `criterion`.
    pub fn of(&self, criterion: Criterion) -> u64 {
        match criterion {
            Criterion::Gap => self.gap,
            Criterion::Margin => self.margin,
            Criterion::Popularity => self.popularity,
            Criterion::Fit => self.fit,
            Criterion::Pinned => self.pinned,
        }
    }

    fn slot(&mut self, criterion: Criterion) -> &mut u64 {
        match criterion {
            Criterion::Gap => &mut self.gap,
            Criterion::Margin => &mut self.margin,
            Criterion::Popularity => &mut self.popularity,
            Criterion::Fit => &mut self.fit,
            Criterion::Pinned => &mut self.pinned,
        }
    }
}

/// How suggestions are chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SuggestSettings {
    /// The most units (packs, for an item sold in packs) of one item in a suggestion.
    pub max_units: u64,
    /// A gap of more than this percent of its tier's threshold is far: browse suggestions instead.
    pub far: u64,
    /// The ranking's weights.
    pub weights: Weights,
}

impl Default for SuggestSettings {
    fn default() -> Self {
        SuggestSettings {
            max_units: 2,
            far: 50,
            weights: Weights {
                gap: 3,
                margin: 2,
                popularity: 2,
                fit: 2,
                pinned: 1,
            },
        }
    }
}

impl SuggestSettings {
    /// These settings with the keys `doc` gives (read at `path`) on top; a value out of range is
    /// recorded and leaves the setting as it was.
    pub(crate) fn with(mut self, doc: &SuggestDoc, path: &JsonPath, errors: &mut Vec<Error>) -> Self {
        let mut read = |value: &Option<crate::document::Count>, key: JsonPath, min: u64, max: u64| {
            let n = parse_count(value.as_ref()?, max, &key)
                .map_err(|e| errors.push(e))
                .ok()?;
            if n < min {
                errors.push(Error::number(&key, format!("`{n}` is too small: at least {min}")));
                return None;
            }
            Some(n)
        };
        if let Some(n) = read(&doc.max_units, path.key("max_units"), 1, MAX_QUANTITY) {
            self.max_units = n;
        }
        if let Some(n) = read(&doc.far, path.key("far"), 0, 100) {
            self.far = n;
        }
        if let Some(weights) = &doc.weights {
            let path = path.key("weights");
            for (criterion, value) in [
                (Criterion::Gap, &weights.gap),
                (Criterion::Margin, &weights.margin),
                (Criterion::Popularity, &weights.popularity),
                (Criterion::Fit, &weights.fit),
                (Criterion::Pinned, &weights.pinned),
            ] {
                if let Some(n) = read(value, path.key(criterion.as_str()), 0, Weights::MAX) {
                    *self.weights.slot(criterion) = n;
                }
            }
        }
        self
    }
}
