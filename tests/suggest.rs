//! Add-on suggestions: golden vectors, and the least overspend checked against brute force.

use std::fs;
use std::path::{Path, PathBuf};

use nexttier::suggest::{to_json, SuggestOptions};
use nexttier::Engine;
use proptest::prelude::*;
use serde_json::{json, Value};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/suggestions")
}

#[test]
fn every_suggestion_vector_gives_its_expected_list() {
    let mut count = 0;
    for entry in fs::read_dir(dir()).unwrap() {
        let path = entry.unwrap().path();
        let v: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        let name = v["name"].as_str().unwrap();
        assert!(v["how"].as_str().is_some_and(|h| h.len() > 20), "{name}: say how");
        let mut config: Value = match &v["config"] {
            Value::String(file) => {
                serde_json::from_str(&fs::read_to_string(dir().join(file)).unwrap()).unwrap()
            }
            inline => inline.clone(),
        };
        if let Some(file) = v["catalog"].as_str() {
            // A storefront's product list (`www/catalog.json`): its items, less the storefront's own keys.
            let products: Value =
                serde_json::from_str(&fs::read_to_string(dir().join(file)).unwrap()).unwrap();
            let catalog: Vec<Value> = products["products"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| {
                    let mut item = p.clone();
                    item.as_object_mut().unwrap().remove("name_zh");
                    item
                })
                .collect();
            config["catalog"] = Value::Array(catalog);
        }
        let engine = Engine::from_json(&config.to_string()).unwrap();
        let options = SuggestOptions::from_json(&v["options"].to_string()).unwrap();
        let found = engine.suggest_json(&v["cart"].to_string(), 0, &options).unwrap();
        // The compiled config (the storefront's reader) suggests exactly the same.
        let compiled =
            Engine::from_compiled_within(&engine.config().to_compiled(), Default::default()).unwrap();
        let again = compiled
            .suggest_json(&v["cart"].to_string(), 0, &options)
            .unwrap();
        assert_eq!(
            to_json(&again),
            to_json(&found),
            "{name}: the compiled config differs"
        );
        let got: Value = serde_json::from_str(&to_json(&found)).unwrap();
        if std::env::var_os("NEXTTIER_BLESS").is_some() && got["suggestions"] != v["suggestions"] {
            // Writes what the engine gives beside the vector (`scripts/bless-suggestions.mjs` puts it
            // in), to be checked by hand before it is committed.
            fs::write(
                path.with_extension("got"),
                serde_json::to_string_pretty(&got["suggestions"]).unwrap(),
            )
            .unwrap();
            count += 1;
            continue;
        }
        assert_eq!(got["suggestions"], v["suggestions"], "{name}");
        count += 1;
    }
    assert!(count >= 5);
}

#[test]
fn options_are_validated_with_paths() {
    let errors = SuggestOptions::from_json(r#"{"limit": -1, "rank": "cheap", "colour": 1}"#).unwrap_err();
    let paths: Vec<&str> = errors.all().iter().map(|e| e.path().as_str()).collect();
    assert_eq!(paths, ["colour", "limit", "rank"]);
    let errors =
        SuggestOptions::from_json(r#"{"max_units": 0, "far": 101, "weights": {"fit": 101, "luck": 1}}"#)
            .unwrap_err();
    let paths: Vec<&str> = errors.all().iter().map(|e| e.path().as_str()).collect();
    assert_eq!(paths, ["weights.luck", "max_units", "far", "weights.fit"]);
    let engine = Engine::from_json(r#"{"currency":"CNY"}"#).unwrap();
    let options = SuggestOptions {
        promotion: Some("nope".into()),
        ..SuggestOptions::default()
    };
    let error = engine.suggest_json(r#"{"lines":[]}"#, 0, &options).unwrap_err();
    assert_eq!(error.first().path().as_str(), "promotion");
}

/// A call's settings go over the config's: the margin-first weights of `weights-margin-first`
/// put the vase first; the call's `{"margin": 0}` gives the exact tray back its place.
#[test]
fn options_override_the_configs_settings() {
    let v: Value =
        serde_json::from_str(&fs::read_to_string(dir().join("weights-margin-first.json")).unwrap()).unwrap();
    let engine = Engine::from_json(&v["config"].to_string()).unwrap();
    let cart = v["cart"].to_string();
    let first = |options: &str| {
        let found = engine
            .suggest_json(&cart, 0, &SuggestOptions::from_json(options).unwrap())
            .unwrap();
        found[0].items[0].sku.clone()
    };
    assert_eq!(first("{}"), "vase");
    assert_eq!(first(r#"{"weights": {"margin": 0}}"#), "tray");
    // A cart of 60 is 40 short (40 % of the threshold): near by default, so two trays close it;
    // with `far` at 30 it is far, and the cards are one unit each of the scope's items, browsing.
    let cart = r#"{"lines":[{"sku":"plates","price":"60","quantity":1}]}"#;
    let near = engine.suggest_json(cart, 0, &SuggestOptions::default()).unwrap();
    assert!(near.iter().all(|s| !s.browse));
    assert!(near
        .iter()
        .any(|s| s.items[0].sku == "tray" && s.items[0].quantity == 2 && s.overspend.minor() == 0));
    let far = engine
        .suggest_json(cart, 0, &SuggestOptions::from_json(r#"{"far": 30}"#).unwrap())
        .unwrap();
    assert_eq!(far.len(), 2);
    assert!(far
        .iter()
        .all(|s| s.browse && s.reaches.is_empty() && s.items[0].quantity == 1));
}

/// The least overspend over every bundle of at most `max_items` distinct items with quantities
/// within their availability, by brute force; `None` when nothing reaches the gap.
fn brute_force(prices: &[u64], available: &[u64], gap: u64, max_items: usize) -> Option<u64> {
    let n = prices.len();
    let mut best: Option<u64> = None;
    let mut quantities = vec![0u64; n];
    fn walk(
        i: usize,
        prices: &[u64],
        available: &[u64],
        q: &mut Vec<u64>,
        gap: u64,
        max_items: usize,
        best: &mut Option<u64>,
    ) {
        if i == prices.len() {
            let distinct = q.iter().filter(|&&x| x > 0).count();
            let sum: u64 = q.iter().zip(prices).map(|(a, p)| a * p).sum();
            if distinct >= 1 && distinct <= max_items && sum >= gap {
                *best = Some(best.map_or(sum - gap, |b| b.min(sum - gap)));
            }
            return;
        }
        for a in 0..=available[i] {
            q[i] = a;
            walk(i + 1, prices, available, q, gap, max_items, best);
        }
        q[i] = 0;
    }
    walk(0, prices, available, &mut quantities, gap, max_items, &mut best);
    best
}

/// A config with catalog items `(price in fen, stock)` and one tier, 5 off from `threshold` yuan.
fn catalog_config(items: &[(u64, u64)], threshold: u64) -> Value {
    let catalog: Vec<Value> = items.iter().enumerate().map(|(i, (fen, stock))| json!({
        "sku": format!("item-{i}"), "price": format!("{}.{:02}", fen / 100, fen % 100), "stock": stock,
    })).collect();
    json!({ "currency": "CNY", "catalog": catalog, "promotions": [
        { "id": "t", "kind": "amount_off", "tiers": [ { "min_subtotal": threshold.to_string(), "off": "5" } ] } ] })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    /// Ranked by overspend, the top suggestion has the least possible overspend among the bundles
    /// the settings allow: at most `max_items` distinct items, each within its stock and
    /// `max_units`. When none closes the gap, only browse suggestions are offered.
    #[test]
    fn top_suggestion_has_the_least_overspend(
        items in prop::collection::vec((1u64..4000, 1u64..6), 1..6),
        in_cart in 1u64..20_000,
        threshold in 50u64..300,
        max_items in 1usize..=3,
        max_units in 1u64..5,
    ) {
        let config = catalog_config(&items, threshold);
        let threshold_fen = threshold * 100;
        prop_assume!(in_cart < threshold_fen);
        let cart = json!({ "lines": [ { "sku": "x", "price": format!("{}.{:02}", in_cart / 100, in_cart % 100), "quantity": 1 } ] });
        let engine = Engine::from_json(&config.to_string()).unwrap();
        let options = SuggestOptions::from_json(&json!({
            "max_items": max_items, "limit": 1, "rank": "overspend", "far": 100, "max_units": max_units,
        }).to_string()).unwrap();
        let found = engine.suggest_json(&cart.to_string(), 0, &options).unwrap();
        let prices: Vec<u64> = items.iter().map(|(p, _)| *p).collect();
        let available: Vec<u64> = items.iter().map(|(_, s)| (*s).min(max_units)).collect();
        let expected = brute_force(&prices, &available, threshold_fen - in_cart, max_items);
        let found: Vec<_> = found.into_iter().filter(|s| !s.browse).collect();
        match (expected, found.first()) {
            (None, None) => {}
            (Some(best), Some(top)) => {
                prop_assert_eq!(top.overspend.minor(), best as i128, "top: {:?}", top.items);
                prop_assert!(top.items.len() <= max_items);
            }
            (expected, got) => prop_assert!(false, "brute force {:?}, suggest {:?}", expected, got),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    /// Past the exact search's range (gaps of more than 2^20 fen here), the coarser search still
    /// only offers what really reaches the tier, and never passes off a worse bundle as the best:
    /// a top suggestion with more than the least overspend says `approximate`.
    #[test]
    fn a_gap_beyond_the_exact_range_is_searched_and_flagged(
        items in prop::collection::vec((100_000u64..3_000_000, 1u64..4), 1..6),
        threshold in 20_000u64..60_000,
        max_items in 1usize..=3,
    ) {
        let config = catalog_config(&items, threshold);
        let cart = json!({ "lines": [ { "sku": "x", "price": "0.01", "quantity": 1 } ] });
        let engine = Engine::from_json(&config.to_string()).unwrap();
        let options = SuggestOptions::from_json(&json!({
            "max_items": max_items, "limit": 3, "rank": "overspend", "far": 100, "max_units": 1000,
        }).to_string()).unwrap();
        let found: Vec<_> = engine.suggest_json(&cart.to_string(), 0, &options).unwrap()
            .into_iter().filter(|s| !s.browse).collect();
        let gap = threshold * 100 - 1;
        let prices: Vec<u64> = items.iter().map(|(p, _)| *p).collect();
        let available: Vec<u64> = items.iter().map(|(_, s)| *s).collect();
        let expected = brute_force(&prices, &available, gap, max_items);
        prop_assert_eq!(expected.is_some(), !found.is_empty());
        for s in &found {
            prop_assert!(s.reaches.iter().any(|r| r.promotion == "t"));
            prop_assert!(s.overspend.minor() >= expected.unwrap() as i128);
            prop_assert!(s.items.len() <= max_items);
        }
        if let (Some(best), Some(top)) = (expected, found.first()) {
            if top.overspend.minor() != best as i128 {
                prop_assert!(found.iter().all(|s| s.items.len() == 1 || s.approximate),
                    "a bundle off the least overspend ({} > {}) without `approximate`", top.overspend, best);
                prop_assert!(found.iter().any(|s| s.approximate), "inexact, and nothing says so");
            }
        }
    }
}
