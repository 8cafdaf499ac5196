//! The wasm bindings in headless Chromium (wasm-bindgen-test): `bash scripts/wasm-test.sh`. Unit
//! tests of the crate, since a cdylib-only crate has no library for integration tests to link.

use super::{version, RawEngine};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SEED: &str = include_str!("../../../tests/vectors/configs/seed.json");

/// The compiled form of a raw config (`nexttier compile`), which is what this module reads.
fn compiled(raw: &str) -> String {
    nexttier::Engine::from_json(raw).unwrap().config().to_compiled()
}

fn vector(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

/// Golden vectors through the bindings, in the browser's wasm engine.
#[wasm_bindgen_test]
fn vectors_quote_the_same_in_the_browser() {
    for text in [
        include_str!("../../../tests/vectors/seed-92-short-of-99.json"),
        include_str!("../../../tests/vectors/seed-99-first-tier.json"),
        include_str!("../../../tests/vectors/discounted-basis-remaining.json"),
        include_str!("../../../tests/vectors/percent-half-up.json"),
        include_str!("../../../tests/vectors/jpy-whole-yen.json"),
        include_str!("../../../tests/vectors/group-amount-wins.json"),
    ] {
        let v = vector(text);
        let config = match &v["config"] {
            serde_json::Value::String(_) => SEED.to_owned(),
            inline => inline.to_string(),
        };
        let engine = RawEngine::new(&compiled(&config), None)
            .unwrap_or_else(|_| panic!("{}: config refused", v["name"]));
        let quote = engine
            .quote(v["cart"].to_string().as_bytes(), false, None, 0)
            .unwrap_or_else(|_| panic!("{}: cart refused", v["name"]))
            .expect("JSON text is always read");
        let got: serde_json::Value = serde_json::from_str(&quote).unwrap();
        assert_eq!(got, v["quote"], "{}", v["name"]);
        // In wasm too, a summary is the quote less its detail.
        let summary = engine
            .quote(
                v["cart"].to_string().as_bytes(),
                false,
                Some(r#"{"detail":"summary"}"#.to_owned()),
                0,
            )
            .unwrap()
            .expect("JSON text is always read");
        // The package's flag for `{ detail: "summary" }` alone gives the same bytes.
        let flagged = engine
            .quote(v["cart"].to_string().as_bytes(), false, None, 1)
            .unwrap()
            .expect("JSON text is always read");
        assert_eq!(flagged, summary, "{}", v["name"]);
        let summary: serde_json::Value = serde_json::from_str(&summary).unwrap();
        assert_eq!(summary["total"], v["quote"]["total"], "{}", v["name"]);
        assert!(summary.get("lines").is_none() && summary.get("skipped").is_none());
    }
}

fn get(value: &wasm_bindgen::JsValue, key: &str) -> wasm_bindgen::JsValue {
    js_sys::Reflect::get(value, &key.into()).unwrap()
}

#[wasm_bindgen_test]
fn errors_cross_as_real_errors_with_code_and_path() {
    let engine = RawEngine::new(&compiled(SEED), None).unwrap();
    let thrown = engine
        .quote(
            br#"{"lines":[{"sku":"a","price":"1.001","quantity":1},{"sku":"b","price":"-1","quantity":1}]}"#,
            false,
            None,
            0,
        )
        .err()
        .unwrap();
    // No class registered in this test: a plain `Error` named NexttierError, with the fields.
    assert!(thrown.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&thrown, "name"), "NexttierError");
    assert_eq!(get(&thrown, "code"), "invalid_number");
    assert_eq!(get(&thrown, "path"), "lines[0].price");
    assert!(get(&thrown, "message")
        .as_string()
        .unwrap()
        .starts_with("lines[0].price: "));
    let errors = js_sys::Array::from(&get(&thrown, "errors"));
    assert_eq!(errors.length(), 2);
    assert_eq!(get(&errors.get(1), "path"), "lines[1].price");
    // Malformed JSON carries where.
    let syntax = RawEngine::new("{", None).err().unwrap();
    assert_eq!(get(&syntax, "code"), "syntax");
    assert_eq!(get(&syntax, "line"), 1);
    // Bytes that are not UTF-8 (which the package's TextEncoder never writes) are refused where.
    let bytes = engine
        .quote(b"{\"lines\":\n [\xff]}", false, None, 0)
        .err()
        .unwrap();
    assert_eq!(get(&bytes, "code"), "syntax");
    assert_eq!((get(&bytes, "line"), get(&bytes, "column")), (2.into(), 3.into()));

    // With the package's class registered (as every entry point does), errors are its instances.
    let class: js_sys::Function = js_sys::eval(
        "(class Registered extends Error { constructor(data) { super(data.message); this.data = data; } })",
    )
    .unwrap()
    .into();
    nexttier_js::set_error_class(class.clone());
    // A raw config is not read here: the package compiles it with the validator's module first.
    let thrown = RawEngine::new(SEED, None).err().unwrap();
    assert!(thrown.is_instance_of::<js_sys::Error>());
    assert!(js_sys::Reflect::get_prototype_of(&thrown).unwrap() == get(&class, "prototype").into());
    assert_eq!(get(&get(&thrown, "data"), "code"), "compiled_invalid");
}

#[wasm_bindgen_test]
fn version_is_the_crates() {
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn formatted_amounts_are_kept_and_stay_what_intl_says() {
    use nexttier::money::Money;
    use nexttier::widget::FormatMoney;
    let money = crate::intl::IntlMoney::new("en-US", "USD", "symbol");
    // 100 amounts, twice: more than the 64 kept, so some come from the kept ones and some again
    // from Intl.
    for _ in 0..2 {
        for cents in 0..100i128 {
            let minor = cents * 101;
            let expected = format!("${}.{:02}", minor / 100, minor % 100);
            assert_eq!(money.format(Money::from_minor(minor, 2)), expected);
        }
    }
}

#[wasm_bindgen_test]
fn a_compact_cart_quotes_as_its_json_text_and_the_reader_gives_up_where_it_must() {
    let engine = RawEngine::new(&compiled(SEED), None).unwrap();
    let json = br#"{"lines":[{"sku":"mop","price":"38","quantity":1,"category":"home"},{"sku":"soap","price":"18","quantity":3,"name":"Soap"}]}"#;
    let compact =
        "C22\u{1}\u{1}\u{1}\u{2}1\u{1}mop\u{1}38\u{1}1\u{1}home\u{2}2\u{1}soap\u{1}18\u{1}3\u{1}Soap"
            .as_bytes();
    for summary in [0, 1] {
        let by_json = engine.quote(json, false, None, summary).unwrap();
        assert!(by_json.is_some());
        assert_eq!(engine.quote(compact, true, None, summary).unwrap(), by_json);
    }
    // An exponent in a price: the compact reader gives up (the package sends JSON, refused there).
    assert_eq!(
        engine
            .quote(
                "C21\u{1}\u{1}\u{1}\u{2}0\u{1}a\u{1}1e2\u{1}1".as_bytes(),
                true,
                None,
                0
            )
            .unwrap(),
        None
    );
    // A cart the compact reader reads but refuses is refused as its JSON text is, at the same path.
    let thrown = engine
        .quote(
            "C21\u{1}\u{1}\u{1}\u{2}0\u{1}a\u{1}-1.0\u{1}1".as_bytes(),
            true,
            None,
            0,
        )
        .err()
        .unwrap();
    // (Another test may have registered its own error class: the message says the path either way.)
    let message = get(&thrown, "message").as_string().unwrap();
    assert!(message.starts_with("lines[0].price: "), "{message}");
}
