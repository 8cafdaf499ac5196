//! The JSON Schemas (`pkg-config/*.schema.json`, what editors check) and the engine agree: every
//! document the engine accepts, the schema accepts, and on the shape of values (types, number forms,
//! required keys, unknown keys) they decide alike. The engine refuses more, by rules a schema cannot
//! state (ordered tiers, known currencies, gifts in the catalog, ...).

use std::fs;

use nexttier::{Cart, Config};
use serde_json::{json, Value};

struct Schemas {
    schemas: boon::Schemas,
    config: boon::SchemaIndex,
    cart: boon::SchemaIndex,
    quote: boon::SchemaIndex,
}

fn schemas() -> Schemas {
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    for (url, file) in [
        ("file:///nexttier.schema.json", "pkg-config/nexttier.schema.json"),
        ("file:///cart.schema.json", "pkg-config/cart.schema.json"),
        ("file:///quote.schema.json", "pkg-config/quote.schema.json"),
    ] {
        let schema: Value = serde_json::from_str(&fs::read_to_string(file).unwrap()).unwrap();
        compiler.add_resource(url, schema).unwrap();
    }
    let config = compiler
        .compile("file:///nexttier.schema.json", &mut schemas)
        .unwrap();
    let cart = compiler
        .compile("file:///cart.schema.json", &mut schemas)
        .unwrap();
    let quote = compiler
        .compile("file:///quote.schema.json", &mut schemas)
        .unwrap();
    Schemas {
        schemas,
        config,
        cart,
        quote,
    }
}

impl Schemas {
    fn config_ok(&self, config: &Value) -> bool {
        self.schemas.validate(config, self.config).is_ok()
    }
    fn cart_ok(&self, cart: &Value) -> bool {
        self.schemas.validate(cart, self.cart).is_ok()
    }
    fn quote_errors(&self, quote: &Value) -> Option<String> {
        self.schemas
            .validate(quote, self.quote)
            .err()
            .map(|e| format!("{e:#}"))
    }
}

const SEED: &str = include_str!("vectors/configs/seed.json");

fn seed_config() -> Config {
    Config::from_json(SEED).unwrap()
}

fn engine_takes_cart(cart: &Value) -> bool {
    Cart::from_json(&cart.to_string(), &seed_config()).is_ok()
}

/// Every vector's config and cart: what the engine accepts, the schema accepts.
#[test]
fn every_document_the_engine_accepts_the_schema_accepts() {
    let schemas = schemas();
    let mut checked = 0;
    for entry in fs::read_dir("tests/vectors").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let vector: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        let config = match &vector["config"] {
            Value::String(relative) => {
                serde_json::from_str(&fs::read_to_string(path.parent().unwrap().join(relative)).unwrap())
                    .unwrap()
            }
            other => other.clone(),
        };
        if let Ok(validated) = Config::from_json(&config.to_string()) {
            assert!(
                schemas.config_ok(&config),
                "{}: the engine takes the config, the schema does not",
                path.display()
            );
            checked += 1;
            if Cart::from_json(&vector["cart"].to_string(), &validated).is_ok() {
                assert!(
                    schemas.cart_ok(&vector["cart"]),
                    "{}: the engine takes the cart, the schema does not",
                    path.display()
                );
                checked += 1;
                // The quote the engine gives fits the quote schema (its enumerations too).
                let engine = nexttier::Engine::from_json(&config.to_string()).unwrap();
                // A fixed clock: the vectors that depend on time carry their own `now`.
                let priced = engine.quote_json(&vector["cart"].to_string(), 0).unwrap();
                let quote: Value = serde_json::from_str(&priced.to_json()).unwrap();
                if let Some(errors) = schemas.quote_errors(&quote) {
                    panic!(
                        "{}: the quote does not fit the quote schema: {errors}",
                        path.display()
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 80, "only {checked} documents checked");
}

/// The fuzz regressions that the engine accepts as configs are valid for the schema too.
#[test]
fn accepted_fuzz_inputs_are_valid_for_the_schema() {
    let schemas = schemas();
    for dir in ["fuzz/regressions/config", "fuzz/regressions/quote"] {
        for entry in fs::read_dir(dir).unwrap() {
            let bytes = fs::read(entry.unwrap().path()).unwrap();
            let Ok(text) = String::from_utf8(bytes) else {
                continue;
            };
            let config_text = text.split('\0').next().unwrap_or_default();
            if Config::from_json(config_text).is_ok() {
                let config: Value = serde_json::from_str(config_text.trim_start_matches('\u{feff}')).unwrap();
                assert!(schemas.config_ok(&config), "{dir}: {config_text}");
            }
        }
    }
}

/// Values of each form, through both: they decide alike.
#[test]
fn the_schema_and_the_engine_decide_alike_on_value_forms() {
    let schemas = schemas();
    let cart = |price: Value, quantity: Value| json!({ "lines": [ { "sku": "a", "price": price, "quantity": quantity } ] });
    let cases = [
        // (cart, both accept)
        (cart(json!("7.50"), json!(2)), true),
        (cart(json!("7.50"), json!("2")), true),
        (
            cart(json!("7.50"), serde_json::from_str::<Value>("2.0").unwrap()),
            true,
        ),
        (
            cart(json!("7.50"), serde_json::from_str::<Value>("3.8e1").unwrap()),
            true,
        ),
        (cart(json!("7.50"), json!("3.8e1")), false),
        (cart(json!("7.50"), json!(1.5)), false),
        (cart(json!("7.50"), json!(-1)), false),
        (cart(json!("7.50"), json!("two")), false),
        // A JSON number price needs the cart to say its unit.
        (cart(json!(7.5), json!(1)), false),
        (
            cart(serde_json::from_str::<Value>("1e2").unwrap(), json!(1)),
            false,
        ),
        (
            json!({ "amounts": "major", "lines": [ { "sku": "a", "price": 7.5, "quantity": 1 } ] }),
            true,
        ),
        (
            json!({ "amounts": "major", "lines": [ { "sku": "a", "price": serde_json::from_str::<Value>("1e2").unwrap(), "quantity": 1 } ] }),
            true,
        ),
        (
            json!({ "amounts": "minor", "lines": [ { "sku": "a", "price": 3800, "quantity": 1 } ] }),
            true,
        ),
        (
            json!({ "amounts": "minor", "lines": [ { "sku": "a", "price": "3800", "quantity": 1 } ] }),
            true,
        ),
        (
            json!({ "amounts": "minor", "lines": [ { "sku": "a", "price": 38.5, "quantity": 1 } ] }),
            false,
        ),
        (
            json!({ "amounts": "minor", "lines": [ { "sku": "a", "price": "38.5", "quantity": 1 } ] }),
            false,
        ),
        (
            json!({ "amounts": "cents", "lines": [ { "sku": "a", "price": "38", "quantity": 1 } ] }),
            false,
        ),
        (cart(json!("1e2"), json!(1)), false),
        (cart(json!("-7"), json!(1)), false),
        (cart(json!("1234567890123456"), json!(1)), false),
        (cart(json!(true), json!(1)), false),
        (
            json!({ "lines": [ { "sku": "a", "price": "1", "quantity": 1, "colour": "red" } ] }),
            false,
        ),
        (json!({ "lines": [ { "sku": "a", "quantity": 1 } ] }), false),
        (json!({ "lines": [], "now": 5 }), false),
    ];
    for (document, expected) in cases {
        assert_eq!(schemas.cart_ok(&document), expected, "schema: {document}");
        assert_eq!(engine_takes_cart(&document), expected, "engine: {document}");
    }
    let promotion = |extra: Value| {
        let mut p =
            json!({ "id": "p", "kind": "amount_off", "tiers": [ { "min_subtotal": "10", "off": "1" } ] });
        p.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        json!({ "currency": "CNY", "promotions": [p] })
    };
    for (config, expected) in [
        (promotion(json!({})), true),
        (promotion(json!({ "segments": [] })), false),
        (promotion(json!({ "segments": ["member"] })), true),
        (promotion(json!({ "priority": "3" })), true),
        (promotion(json!({ "priority": -2 })), true),
        (promotion(json!({ "priority": "x" })), false),
        (promotion(json!({ "colour": "red" })), false),
    ] {
        assert_eq!(schemas.config_ok(&config), expected, "schema: {config}");
        assert_eq!(
            Config::from_json(&config.to_string()).is_ok(),
            expected,
            "engine: {config}"
        );
    }
}
