//! Experiments: variants of some promotions, each shopper assigned to one by a stable hash of an
//! id the host passes, so the browser, Node, the command line and the server all agree.
//!
//! Each combination of variants becomes a config of its own, built once when the config is
//! validated (as markets are): pricing a cart is pricing it under its variant's config.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::document::{ConfigDoc, ExperimentDoc, TierDoc};
use super::tiers::validate_tiers;
use super::Config;
use crate::error::{Error, JsonPath};

/// A validated experiment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Experiment {
    /// Its id: reported in quotes and events, and the salt of the assignment hash.
    pub id: Arc<str>,
    /// Its variants, the control first.
    pub variants: Vec<Variant>,
}

/// One variant of an experiment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// Its id.
    pub id: Arc<str>,
    /// Its share, relative to the experiment's total weight.
    pub weight: u32,
}

/// How a cart's variant was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    /// By the hash of the cart's `visitor` (or `customer.id`).
    Visitor,
    /// Named by the cart's `variants` (a preview, or a server that already knows).
    Forced,
    /// The cart gives no id: the control.
    Default,
}

impl By {
    /// The name used in quotes.
    pub fn as_str(self) -> &'static str {
        match self {
            By::Visitor => "visitor",
            By::Forced => "forced",
            By::Default => "default",
        }
    }
}

/// The most variants an experiment has.
pub const MAX_VARIANTS: usize = 16;

/// The most combinations of variants a config has (each is a config of its own).
pub const MAX_COMBINATIONS: usize = 16;

/// The most weight a variant has.
pub const MAX_WEIGHT: u64 = 10_000;

/// The assignment hash of `visitor` in `experiment`: 64-bit FNV-1a over the experiment id's UTF-8
/// bytes, one zero byte and the visitor id's UTF-8 bytes, then MurmurHash3's 64-bit finaliser
/// (`fmix64`) so that ids differing in one character land far apart.
pub fn assignment_hash(experiment: &str, visitor: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let bytes = experiment.bytes().chain([0u8]).chain(visitor.bytes());
    for byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^ (hash >> 33)
}

impl Experiment {
    /// The variant `visitor` is assigned to: the hash scaled to the total weight
    /// (`hash × total ÷ 2⁶⁴`, rounded down) falls in one variant's share, the shares laid out in
    /// the variants' order.
    pub fn assign(&self, visitor: &str) -> usize {
        let total: u64 = self.variants.iter().map(|v| u64::from(v.weight)).sum();
        let point = ((u128::from(assignment_hash(&self.id, visitor)) * u128::from(total)) >> 64) as u64;
        let mut end = 0u64;
        for (i, variant) in self.variants.iter().enumerate() {
            end += u64::from(variant.weight);
            if point < end {
                return i;
            }
        }
        self.variants.len().saturating_sub(1)
    }

    /// A variant by id.
    pub fn variant(&self, id: &str) -> Option<usize> {
        self.variants.iter().position(|v| &*v.id == id)
    }
}

/// Which config of `variants` prices a cart assigned `chosen` (one variant per experiment): the
/// combinations are numbered with the first experiment's variant changing fastest.
pub fn combination(experiments: &[Experiment], chosen: impl Iterator<Item = usize>) -> usize {
    let mut index = 0;
    let mut stride = 1;
    for (experiment, variant) in experiments.iter().zip(chosen) {
        index += variant * stride;
        stride *= experiment.variants.len();
    }
    index
}

/// What one variant does to the config document: its tiers per promotion, or a holdout.
struct Plan {
    tiers: BTreeMap<String, Vec<TierDoc>>,
    holdout: bool,
}

/// Validates the experiments of `doc` against `config` (the config without them, validated), and
/// builds the config of every combination of variants with `build` (the validator itself), held-out
/// promotions marked. Every error is recorded with its path; with any error (the config's own
/// included) no variant's config is built.
pub(crate) fn derive(
    doc: &ConfigDoc,
    docs: &[ExperimentDoc],
    config: &Config,
    path: &JsonPath,
    errors: &mut Vec<Error>,
    build: impl Fn(ConfigDoc, &mut Vec<Error>) -> Option<Config>,
) -> (Vec<Experiment>, Vec<Arc<Config>>) {
    let mut experiments = Vec::new();
    let mut plans: Vec<Vec<Plan>> = Vec::new();
    let mut controlled: Vec<&str> = Vec::new();
    let mut combinations = 1usize;
    for doc in docs {
        let path = path.index(doc.index);
        if doc.id.is_empty() {
            errors.push(Error::invalid(
                &path.key("id"),
                "an experiment id must not be empty",
            ));
        }
        if experiments.iter().any(|e: &Experiment| *e.id == *doc.id) {
            errors.push(Error::invalid(
                &path.key("id"),
                format!("duplicate experiment id `{}`", doc.id),
            ));
        }
        if doc.promotions.is_empty() {
            errors.push(Error::invalid(
                &path.key("promotions"),
                "an experiment changes at least one promotion",
            ));
        }
        for (i, id) in doc.promotions.iter().enumerate() {
            let at = path.key("promotions").index(i);
            if config.promotion(id).is_none() {
                errors.push(Error::invalid(&at, format!("no promotion has the id `{id}`")));
            } else if controlled.contains(&id.as_str()) {
                errors.push(Error::invalid(
                    &at,
                    format!("`{id}` is already in an experiment: a promotion is in at most one"),
                ));
            } else {
                controlled.push(id);
            }
        }
        if doc.variants.len() < 2 || doc.variants.len() > MAX_VARIANTS {
            errors.push(Error::invalid(
                &path.key("variants"),
                format!(
                    "an experiment has 2 to {MAX_VARIANTS} variants (the first is the control), found {}",
                    doc.variants.len()
                ),
            ));
        }
        combinations = combinations.saturating_mul(doc.variants.len().max(1));
        let mut variants: Vec<Variant> = Vec::new();
        let mut plan = Vec::new();
        for variant in &doc.variants {
            let path = path.key("variants").index(variant.index);
            if variant.id.is_empty() {
                errors.push(Error::invalid(&path.key("id"), "a variant id must not be empty"));
            }
            if variants.iter().any(|v| *v.id == *variant.id) {
                errors.push(Error::invalid(
                    &path.key("id"),
                    format!("duplicate variant id `{}` in the experiment", variant.id),
                ));
            }
            let weight = match &variant.weight {
                Some(w) => super::parse_count(w, MAX_WEIGHT, &path.key("weight"))
                    .and_then(|w| {
                        if w == 0 {
                            Err(Error::number(
                                &path.key("weight"),
                                "`0` is too small: a variant's weight is 1 or more (leave a variant out to stop it)",
                            ))
                        } else {
                            Ok(w)
                        }
                    })
                    .unwrap_or_else(|e| {
                        errors.push(e);
                        1
                    }),
                None => 1,
            };
            let holdout = variant.holdout.unwrap_or(false);
            let tiers = variant.tiers.clone().unwrap_or_default();
            if holdout && !tiers.is_empty() {
                errors.push(Error::invalid(
                    &path.key("tiers"),
                    "a holdout offers none of the experiment's promotions: give it `tiers` or `holdout`, not both",
                ));
            }
            for (id, tier_docs) in &tiers {
                let at = path.key("tiers").key(id);
                match config.promotion(id) {
                    Some(promotion) if doc.promotions.contains(id) => {
                        validate_tiers(promotion.kind, tier_docs, config, &at, errors);
                    }
                    _ => errors.push(Error::invalid(
                        &at,
                        format!("`{id}` is not one of the experiment's `promotions`"),
                    )),
                }
            }
            variants.push(Variant {
                id: variant.id.as_str().into(),
                weight: weight as u32,
            });
            plan.push(Plan { tiers, holdout });
        }
        experiments.push(Experiment {
            id: doc.id.as_str().into(),
            variants,
        });
        plans.push(plan);
    }
    if combinations > MAX_COMBINATIONS {
        errors.push(Error::invalid(
            path,
            format!(
                "the experiments' variants make {combinations} combinations, at most {MAX_COMBINATIONS}: fewer variants or fewer experiments at once"
            ),
        ));
    }
    if !errors.is_empty() {
        // The variants' configs would repeat the config's own errors.
        return (experiments, Vec::new());
    }
    let mut configs = Vec::with_capacity(combinations);
    for index in 0..combinations {
        // The variant of each experiment in this combination (the first changing fastest).
        let mut rest = index;
        let chosen: Vec<usize> = experiments
            .iter()
            .map(|e| {
                let v = rest % e.variants.len();
                rest /= e.variants.len();
                v
            })
            .collect();
        let mut variant_doc = doc.clone();
        variant_doc.experiments = None;
        let mut held_out: Vec<(&str, usize)> = Vec::new();
        for (at, ((e, plan), &v)) in docs.iter().zip(&plans).zip(&chosen).enumerate() {
            let plan = &plan[v];
            if plan.holdout {
                held_out.extend(e.promotions.iter().map(|id| (id.as_str(), at)));
            }
            for promotion in &mut variant_doc.promotions {
                if let Some(tiers) = plan.tiers.get(&promotion.id) {
                    promotion.tiers = tiers.clone();
                }
            }
        }
        let Some(mut variant) = build(variant_doc, errors) else {
            return (experiments, Vec::new());
        };
        hold_out(&mut variant, &held_out);
        for market in &mut variant.markets {
            hold_out(Arc::make_mut(market), &held_out);
        }
        configs.push(Arc::new(variant));
    }
    (experiments, configs)
}

fn hold_out(config: &mut Config, ids: &[(&str, usize)]) {
    for promotion in &mut config.promotions {
        if let Some((_, at)) = ids.iter().find(|(id, _)| *id == &*promotion.id) {
            promotion.held_out = Some(*at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn experiment(weights: &[u32]) -> Experiment {
        Experiment {
            id: "exp".into(),
            variants: weights
                .iter()
                .enumerate()
                .map(|(i, &weight)| Variant {
                    id: i.to_string().into(),
                    weight,
                })
                .collect(),
        }
    }

    #[test]
    fn the_hash_is_the_documented_one() {
        // Worked by hand in docs/experiments.md (and by an independent BigInt version in Node).
        assert_eq!(
            assignment_hash("free-ship-threshold", "v-1001"),
            0x4f6c_12b8_7ee6_0d00
        );
        assert_eq!(assignment_hash("top-tier", "v-1005"), 0xdc6a_9ac8_5a68_e4b5);
        assert_eq!(assignment_hash("", ""), assignment_hash("", ""));
        assert_ne!(assignment_hash("a", "b"), assignment_hash("ab", ""));
    }

    #[test]
    fn a_million_ids_split_as_the_weights_say() {
        let e = experiment(&[45, 45, 10]);
        let mut counts = [0u32; 3];
        for i in 0..1_000_000u32 {
            counts[e.assign(&format!("visitor-{i}"))] += 1;
        }
        // Binomial standard deviation at 45 %: 0.05 points; 0.3 points is six of them.
        for (count, share) in counts.iter().zip([45.0, 45.0, 10.0]) {
            let got = f64::from(*count) / 10_000.0;
            assert!((got - share).abs() < 0.3, "{counts:?}");
        }
    }

    #[test]
    fn two_experiments_assign_independently() {
        let a = experiment(&[1, 1]);
        let b = Experiment {
            id: "other".into(),
            ..experiment(&[1, 1])
        };
        let mut both = [[0u32; 2]; 2];
        for i in 0..200_000u32 {
            let id = format!("c{i}");
            both[a.assign(&id)][b.assign(&id)] += 1;
        }
        // Each quarter within 1 point of 25 % (standard deviation 0.1 points).
        for row in both {
            for cell in row {
                assert!((f64::from(cell) / 2_000.0 - 25.0).abs() < 1.0, "{both:?}");
            }
        }
    }

    #[test]
    fn a_single_heavy_variant_takes_everyone_and_ids_are_sticky() {
        let e = experiment(&[1, 10_000]);
        let first = e.assign("someone");
        assert_eq!(e.assign("someone"), first);
        let ones = (0..10_000).filter(|i| e.assign(&i.to_string()) == 1).count();
        assert!(ones > 9_950, "{ones}");
    }

    #[test]
    fn combinations_are_numbered_first_experiment_fastest() {
        let experiments = [experiment(&[1, 1, 1]), experiment(&[1, 1])];
        assert_eq!(combination(&experiments, [0, 0].into_iter()), 0);
        assert_eq!(combination(&experiments, [2, 0].into_iter()), 2);
        assert_eq!(combination(&experiments, [0, 1].into_iter()), 3);
        assert_eq!(combination(&experiments, [2, 1].into_iter()), 5);
        // A cart assigned nothing (the simulator's) is the all-control combination.
        assert_eq!(combination(&experiments, std::iter::empty()), 0);
    }
}
