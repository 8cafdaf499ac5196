//! Experiments: a cart assigned a variant is priced exactly as the config with that variant's
//! changes written in (and nothing else), whatever the visitor, in every combination.

use nexttier::engine::Engine;
use serde_json::{json, Value};

fn config() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/configs/experiments.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The config as one variant per experiment makes it: tiers replaced, a holdout's promotions gone.
fn applied(config: &Value, chosen: &[(&str, &str)]) -> Value {
    let mut out = config.clone();
    let experiments = out.as_object_mut().unwrap().remove("experiments").unwrap();
    for experiment in experiments.as_array().unwrap() {
        let (_, id) = chosen.iter().find(|(e, _)| experiment["id"] == *e).unwrap();
        let variant = experiment["variants"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["id"] == *id)
            .unwrap();
        let promotions = out["promotions"].as_array_mut().unwrap();
        if variant["holdout"] == true {
            promotions.retain(|p| !experiment["promotions"].as_array().unwrap().contains(&p["id"]));
        }
        if let Some(tiers) = variant["tiers"].as_object() {
            for p in promotions.iter_mut() {
                if let Some(t) = tiers.get(p["id"].as_str().unwrap()) {
                    p["tiers"] = t.clone();
                }
            }
        }
    }
    out
}

/// What the quote says of money and progress (a holdout's promotion is `skipped` in one and absent
/// in the other; everything else must agree).
fn figures(quote: &str) -> Value {
    let q: Value = serde_json::from_str(quote).unwrap();
    json!([
        q["subtotal"],
        q["discount"],
        q["shipping"],
        q["total"],
        q["lines"],
        q["applied"],
        q["progress"],
        q["gifts"]
    ])
}

/// A cart of the three catalog items for `visitor`.
fn cart(visitor: &str, (mop, detergent, sponge): (u64, u64, u64)) -> String {
    json!({
        "visitor": visitor,
        "lines": [
            { "sku": "mop", "price": "38", "quantity": mop, "category": "home" },
            { "sku": "detergent", "price": "18", "quantity": detergent, "category": "cleaning" },
            { "sku": "sponge", "price": "7", "quantity": sponge, "category": "cleaning" }
        ]
    })
    .to_string()
}

/// The (experiment, variant) pairs a quote names.
fn chosen(quote: &Value) -> Vec<(String, String)> {
    quote["experiments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["experiment"].as_str().unwrap().to_owned(),
                e["variant"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn every_visitor_is_priced_as_its_variant_config_alone() {
    let config = config();
    let engine = Engine::from_json(&config.to_string()).unwrap();
    let compiled = Engine::from_json(&engine.config().to_compiled()).unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for i in 0..400u64 {
        let cart = cart(&format!("v-{i}"), (i % 3, (i / 3) % 7, (i / 21) % 5));
        let quote = engine.quote_json(&cart, 0).unwrap().to_json();
        assert_eq!(
            compiled.quote_json(&cart, 0).unwrap().to_json(),
            quote,
            "compiled, visitor {i}"
        );
        let q: Value = serde_json::from_str(&quote).unwrap();
        assert!(q["experiments"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["by"] == "visitor"));
        let chosen = chosen(&q);
        let pairs: Vec<(&str, &str)> = chosen.iter().map(|(e, v)| (e.as_str(), v.as_str())).collect();
        seen.insert(chosen.clone());
        let alone = Engine::from_json(&applied(&config, &pairs).to_string()).unwrap();
        let expected = alone.quote_json(&cart, 0).unwrap().to_json();
        assert_eq!(figures(&quote), figures(&expected), "visitor {i} in {pairs:?}");
        // Forcing the same variants gives the same figures.
        let mut forced: Value = serde_json::from_str(&cart).unwrap();
        forced.as_object_mut().unwrap().remove("visitor");
        forced["variants"] = pairs
            .iter()
            .map(|(e, v)| (e.to_string(), json!(v)))
            .collect::<serde_json::Map<_, _>>()
            .into();
        let forced = engine.quote_json(&forced.to_string(), 0).unwrap().to_json();
        assert_eq!(figures(&forced), figures(&quote));
    }
    // 400 visitors reach all six combinations.
    assert_eq!(seen.len(), 6, "{seen:?}");
}

#[test]
fn the_customer_id_assigns_when_there_is_no_visitor_and_the_visitor_wins() {
    let engine = Engine::from_json(&config().to_string()).unwrap();
    let variant = |cart: &str| {
        let q: Value = serde_json::from_str(&engine.quote_json(cart, 0).unwrap().to_json()).unwrap();
        (
            q["experiments"][0]["variant"].clone(),
            q["experiments"][0]["by"].clone(),
        )
    };
    assert_eq!(
        variant(r#"{"lines":[],"customer":{"id":"v-1005"}}"#),
        (json!("from-89"), json!("visitor"))
    );
    assert_eq!(
        variant(r#"{"lines":[],"customer":{"id":"v-1005"},"visitor":"v-1004"}"#),
        (json!("holdout"), json!("visitor"))
    );
    assert_eq!(variant(r#"{"lines":[]}"#), (json!("control"), json!("default")));
}

#[test]
fn a_config_without_experiments_quotes_without_the_key() {
    let mut config = config();
    config.as_object_mut().unwrap().remove("experiments");
    let engine = Engine::from_json(&config.to_string()).unwrap();
    let quote = engine
        .quote_json(r#"{"lines":[],"visitor":"v-1"}"#, 0)
        .unwrap()
        .to_json();
    assert!(!quote.contains("experiments"), "{quote}");
    // Naming a variant of no experiment is refused.
    let errors = engine
        .quote_json(r#"{"lines":[],"variants":{"x":"y"}}"#, 0)
        .unwrap_err();
    assert_eq!(errors.all()[0].path().to_string(), "variants.x");
}

#[test]
fn too_many_combinations_are_refused_at_experiments() {
    let mut config = config();
    config["promotions"].as_array_mut().unwrap().push(json!({
        "id": "extra", "kind": "amount_off", "tiers": [ { "min_subtotal": "10", "off": "1" } ]
    }));
    let variants: Vec<Value> = (0..3).map(|i| json!({ "id": format!("v{i}") })).collect();
    config["experiments"].as_array_mut().unwrap().push(json!({
        "id": "third", "promotions": ["extra"], "variants": variants
    }));
    // 3 × 2 × 3 = 18 combinations, more than 16.
    let errors = Engine::from_json(&config.to_string()).unwrap_err();
    let error = &errors.all()[0];
    assert_eq!(error.path().to_string(), "experiments");
    assert!(error.to_string().contains("18 combinations"), "{error}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 200, ..Default::default() })]

    /// Any visitor id (any Unicode) and cart: priced as the variant config alone, the money rules
    /// hold, and the same id gets the same variants again.
    #[test]
    fn any_visitor_is_priced_as_its_variant(visitor in "\\PC{0,24}", mop in 0u64..4, detergent in 0u64..9, sponge in 0u64..6) {
        let config = config();
        let engine = Engine::from_json(&config.to_string()).unwrap();
        let cart = cart(&visitor, (mop, detergent, sponge));
        let quote = engine.quote_json(&cart, 0).unwrap().to_json();
        proptest::prop_assert_eq!(&engine.quote_json(&cart, 0).unwrap().to_json(), &quote);
        let q: Value = serde_json::from_str(&quote).unwrap();
        let chosen = chosen(&q);
        let pairs: Vec<(&str, &str)> = chosen.iter().map(|(e, v)| (e.as_str(), v.as_str())).collect();
        let alone = Engine::from_json(&applied(&config, &pairs).to_string()).unwrap();
        proptest::prop_assert_eq!(figures(&quote), figures(&alone.quote_json(&cart, 0).unwrap().to_json()));
        let minor = |key: &str| q[key].as_str().unwrap().replace('.', "").parse::<i64>().unwrap();
        proptest::prop_assert_eq!(minor("total"), minor("subtotal") - minor("discount") + minor("shipping"));
        proptest::prop_assert!(minor("discount") <= minor("subtotal") && minor("total") >= 0);
    }
}

#[test]
fn the_simulator_prices_each_order_under_its_visitors_variant() {
    let engine = Engine::from_json(&config().to_string()).unwrap();
    // Two 92 orders: v-1005 is in from-89 (shipping waived), v-1001 in the control (10 charged).
    let orders = "order_id,sku,category,price,quantity,visitor\n\
        1,mop,home,38,1,v-1005\n1,detergent,cleaning,18,3,v-1005\n\
        2,mop,home,38,1,v-1001\n2,detergent,cleaning,18,3,v-1001\n";
    let report = nexttier::simulate::simulate_text(&engine, orders, Default::default(), 0).unwrap();
    let report: Value = serde_json::from_str(&report).unwrap();
    assert_eq!(report["shipping_waived"], "10.00");
    assert_eq!(report["total"], "194.00");
    assert_eq!(report["promotions"][0]["tiers"][0]["reached"], 1);
}

#[test]
fn a_variants_tiers_convert_in_a_market_and_a_holdout_holds_out_there_too() {
    let mut config = config();
    config["markets"] = json!({ "USD": { "rate": "0.14", "rounding": "up", "to": "1" } });
    let engine = Engine::from_json(&config.to_string()).unwrap();
    let compiled = Engine::from_json(&engine.config().to_compiled()).unwrap();
    let threshold = |variant: &str| {
        let cart = json!({ "currency": "USD", "variants": { "free-ship-threshold": variant },
            "lines": [ { "sku": "mop", "price": "5.30", "quantity": 1 } ] })
        .to_string();
        let quote = engine.quote_json(&cart, 0).unwrap().to_json();
        assert_eq!(compiled.quote_json(&cart, 0).unwrap().to_json(), quote);
        let q: Value = serde_json::from_str(&quote).unwrap();
        let free_ship = q["progress"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["promotion"] == "free-ship")
            .cloned();
        let skipped = q["skipped"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["promotion"] == "free-ship")
            .cloned();
        (
            free_ship.map(|p| p["next"]["threshold"].clone()),
            skipped.map(|s| s["reason"].clone()),
        )
    };
    // 99 × 0.14 = 13.86 → 14.00 (up to whole dollars); the variant's 89 × 0.14 = 12.46 → 13.00.
    assert_eq!(threshold("control").0, Some(json!("14.00")));
    assert_eq!(threshold("from-89").0, Some(json!("13.00")));
    assert_eq!(threshold("holdout"), (None, Some(json!("holdout"))));
}
