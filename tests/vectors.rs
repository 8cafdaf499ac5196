//! Golden vectors: every file in tests/vectors/ is a config, a cart and the exact quote (or the
//! errors) they must give. The Node and browser tests read the same files.

use std::fs;
use std::path::{Path, PathBuf};

use nexttier::{Detail, Engine};
use serde_json::Value;

/// The clock the vectors are priced at when a cart has no `now` (none of them depends on it).
const CLOCK: i64 = 1_790_000_000_000;

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors")
}

/// Every vector file with its parsed content.
fn vectors() -> Vec<(String, Value)> {
    let mut files: Vec<PathBuf> = fs::read_dir(vectors_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            let value: Value = serde_json::from_str(&fs::read_to_string(&p).unwrap()).unwrap();
            (name, value)
        })
        .collect()
}

/// The config text of a vector: inline, or a file name relative to tests/vectors.
fn config_text(vector: &Value) -> String {
    match &vector["config"] {
        Value::String(file) => fs::read_to_string(vectors_dir().join(file)).unwrap(),
        inline => inline.to_string(),
    }
}

/// The vector's expected quote exactly as written, whitespace outside strings removed.
fn expected_quote_bytes(name: &str) -> String {
    #[derive(serde::Deserialize)]
    struct Raw<'a> {
        #[serde(borrow)]
        quote: &'a serde_json::value::RawValue,
    }
    let text = fs::read_to_string(vectors_dir().join(format!("{name}.json"))).unwrap();
    let raw: Raw<'_> = serde_json::from_str(&text).unwrap();
    let mut out = String::new();
    let (mut in_string, mut escaped) = (false, false);
    for c in raw.quote.get().chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if !c.is_whitespace() {
            in_string = c == '"';
            out.push(c);
        }
    }
    out
}

/// `[{code, path}]` of a list of errors.
fn codes_and_paths(errors: &[nexttier::Error]) -> Value {
    Value::Array(
        errors
            .iter()
            .map(|e| serde_json::json!({ "code": e.code(), "path": e.path().as_str() }))
            .collect(),
    )
}

#[test]
fn every_vector_gives_its_expected_quote_or_errors() {
    let all = vectors();
    assert!(all.len() >= 30, "vectors went missing: {}", all.len());
    for (name, vector) in all {
        assert_eq!(vector["name"], name.as_str(), "{name}: file name and name differ");
        assert!(
            vector["how"].as_str().is_some_and(|h| h.len() > 20),
            "{name}: say how it was computed"
        );
        let cart = vector["cart"].to_string();
        let result =
            Engine::from_json(&config_text(&vector)).and_then(|engine| engine.quote_json(&cart, CLOCK));
        match (&vector["quote"], &vector["errors"], result) {
            (expected @ Value::Object(_), Value::Null, Ok(quote)) => {
                let got = serde_json::to_value(&quote).unwrap();
                assert_eq!(&got, expected, "{name}: quote differs");
                // Byte for byte: the serialized quote is the vector's, key order included.
                assert_eq!(
                    quote.to_json(),
                    expected_quote_bytes(&name),
                    "{name}: bytes differ"
                );
                assert_eq!(
                    serde_json::to_string(&quote).unwrap(),
                    quote.to_json(),
                    "{name}: the derived serializer and the hand-written one differ"
                );
            }
            (Value::Null, expected @ Value::Array(_), Err(errors)) => {
                assert_eq!(&codes_and_paths(errors.all()), expected, "{name}: errors differ");
                for error in errors.all() {
                    assert!(!error.to_string().is_empty());
                }
            }
            (_, _, result) => panic!("{name}: unexpected outcome {result:?}"),
        }
    }
}

/// A summary is the vector's quote without `lines`, `skipped` and `progress[].explain`: the same
/// figures, the same key order, nothing else left out.
#[test]
fn every_vector_summary_is_its_quote_without_the_detail() {
    let mut checked = 0;
    for (name, vector) in vectors() {
        let Value::Object(expected) = &vector["quote"] else {
            continue;
        };
        let mut expected = expected.clone();
        assert!(expected.remove("lines").is_some() && expected.remove("skipped").is_some());
        for progress in expected["progress"].as_array_mut().unwrap() {
            assert!(progress.as_object_mut().unwrap().remove("explain").is_some());
        }
        let engine = Engine::from_json(&config_text(&vector)).unwrap();
        let cart = vector["cart"].to_string();
        let summary = engine.quote_json_with(&cart, CLOCK, Detail::Summary).unwrap();
        assert!(
            summary.lines.is_empty() && summary.skipped.is_empty(),
            "{name}: computed anyway"
        );
        let got: Value = serde_json::from_str(&summary.to_json()).unwrap();
        assert_eq!(got, Value::Object(expected), "{name}: summary differs");
        // Key order: the full quote written as a summary gives the same bytes.
        let mut full = engine.quote_json(&cart, CLOCK).unwrap();
        // The command line's --pretty indents the written JSON exactly as serde_json would.
        let indented = nexttier::json::pretty(&nexttier::json::parse(&full.to_json()).unwrap());
        assert_eq!(
            indented,
            serde_json::to_string_pretty(&full).unwrap(),
            "{name}: --pretty"
        );
        full.detail = Detail::Summary;
        assert_eq!(full.to_json(), summary.to_json(), "{name}: summary bytes differ");
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} vectors with quotes");
}

/// Invariants of the brief checked on every vector's quote.
#[test]
fn every_vector_quote_keeps_the_money_rules() {
    for (name, vector) in vectors() {
        let Value::Object(quote) = &vector["quote"] else {
            continue;
        };
        let amount = |v: &Value| -> rust_decimal::Decimal { v.as_str().unwrap().parse().unwrap() };
        let (subtotal, discount, shipping, total) = (
            amount(&quote["subtotal"]),
            amount(&quote["discount"]),
            amount(&quote["shipping"]),
            amount(&quote["total"]),
        );
        assert_eq!(total, subtotal - discount + shipping, "{name}");
        assert!(discount <= subtotal && !total.is_sign_negative(), "{name}");
        let lines = quote["lines"].as_array().unwrap();
        let line_discount: rust_decimal::Decimal = lines.iter().map(|l| amount(&l["discount"])).sum();
        assert_eq!(
            line_discount, discount,
            "{name}: line shares must add up to the discount"
        );
        for applied in quote["applied"].as_array().unwrap() {
            // Shipping promotions take from the fee, not from lines.
            if applied["kind"] == "free_shipping" || applied["kind"] == "shipping_off" {
                continue;
            }
            let id = &applied["promotion"];
            let shares: rust_decimal::Decimal = lines
                .iter()
                .flat_map(|l| l["discounts"].as_array().unwrap())
                .filter(|s| &s["promotion"] == id)
                .map(|s| amount(&s["amount"]))
                .sum();
            assert_eq!(shares, amount(&applied["amount"]), "{name}: shares of {id}");
        }
    }
}

/// `NEXTTIER_BLESS=1 cargo test --test vectors bless -- --ignored` rewrites each vector's `quote`
/// with what the engine gives now. Only for extending the quote's vocabulary: the diff must then be
/// checked by hand (and every new number put in the vector's `how`).
#[test]
#[ignore]
fn bless() {
    if std::env::var("NEXTTIER_BLESS").as_deref() != Ok("1") {
        return;
    }
    for (name, vector) in vectors() {
        if !vector["quote"].is_object() {
            continue;
        }
        let path = vectors_dir().join(format!("{name}.json"));
        let text = fs::read_to_string(&path).unwrap();
        #[derive(serde::Deserialize)]
        struct Raw<'a> {
            #[serde(borrow)]
            quote: &'a serde_json::value::RawValue,
        }
        let raw: Raw<'_> = serde_json::from_str(&text).unwrap();
        let start = raw.quote.get().as_ptr() as usize - text.as_ptr() as usize;
        let end = start + raw.quote.get().len();
        let engine = Engine::from_json(&config_text(&vector)).unwrap();
        let quote = engine.quote_json(&vector["cart"].to_string(), CLOCK).unwrap();
        let pretty = serde_json::to_string_pretty(&quote)
            .unwrap()
            .replace('\n', "\n  ");
        let updated = format!("{}{}{}", &text[..start], pretty, &text[end..]);
        if updated != text {
            fs::write(&path, updated).unwrap();
        }
    }
}
