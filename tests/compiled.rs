//! The compiled config (`nexttier compile`, `src/config/compiled.rs`): every vector quotes byte for
//! byte the same through it, it survives re-spacing but not editing, and its reader refuses what the
//! engine cannot rely on, by position.

use std::fs;
use std::path::{Path, PathBuf};

use nexttier::config::compiled::{is_compiled, seal};
use nexttier::{Detail, Engine, Limits};
use serde_json::Value;

const CLOCK: i64 = 1_790_000_000_000;

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors")
}

fn seed() -> String {
    fs::read_to_string(vectors_dir().join("configs/seed.json")).unwrap()
}

fn compile(raw: &str) -> String {
    Engine::from_json(raw).unwrap().config().to_compiled()
}

fn read(compiled: &str) -> Result<Engine, nexttier::Errors> {
    Engine::from_compiled_within(compiled, Limits::default())
}

/// The one error of a refused compiled config, as (code, path).
fn refusal(compiled: &str) -> (String, String) {
    let errors = read(compiled)
        .err()
        .unwrap_or_else(|| panic!("not refused: {compiled}"));
    let [error] = errors.all() else {
        panic!("one error: {errors:?}")
    };
    assert!(!error.to_string().is_empty());
    (error.code().to_owned(), error.path().as_str().to_owned())
}

#[test]
fn every_vector_quotes_byte_for_byte_the_same_compiled() {
    let mut checked = 0;
    for entry in fs::read_dir(vectors_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let vector: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        if !vector["quote"].is_object() {
            continue;
        }
        let name = vector["name"].as_str().unwrap();
        let raw = match &vector["config"] {
            Value::String(file) => fs::read_to_string(vectors_dir().join(file)).unwrap(),
            inline => inline.to_string(),
        };
        let engine = Engine::from_json(&raw).unwrap();
        let compiled = engine.config().to_compiled();
        assert!(is_compiled(&compiled) && !is_compiled(&raw), "{name}");
        let lean = read(&compiled).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(
            lean.config().to_compiled(),
            compiled,
            "{name}: compiling is not stable"
        );
        let cart = vector["cart"].to_string();
        for detail in [Detail::Full, Detail::Summary] {
            assert_eq!(
                lean.quote_json_with(&cart, CLOCK, detail).unwrap().to_json(),
                engine.quote_json_with(&cart, CLOCK, detail).unwrap().to_json(),
                "{name}: the compiled config quotes differently"
            );
        }
        checked += 1;
    }
    assert!(checked >= 60, "vectors went missing: {checked}");
}

#[test]
fn the_seed_compiles_to_its_hand_checked_form() {
    // Positions as in src/config/compiled.rs: currency, rounding (0 half up), fee, promotions, catalog,
    // catalog priced, markets, suggest [max_units, far, weights gap/margin/popularity/fit/pinned].
    // Amounts are rescaled to the currency's two digits; the hash is FNV-1a over the values.
    let compiled = compile(&seed());
    let value: Value = serde_json::from_str(&compiled).unwrap();
    assert_eq!(value["nexttier_compiled"], 1);
    assert_eq!(value["by"], format!("nexttier {}", nexttier::VERSION));
    let config = &value["config"];
    assert_eq!(config[0], "CNY");
    assert_eq!(config[1], Value::Null, "half up, the usual rounding");
    assert_eq!(config[2], "10.00");
    let anniversary = &config[3][1];
    assert_eq!(anniversary[0], "anniversary");
    assert_eq!(anniversary[1], 1, "amount_off is the second kind");
    assert_eq!(
        anniversary[2],
        serde_json::json!([["99.00", "10.00"], ["150.00", "30.00"]])
    );
    assert_eq!(anniversary[3][0], serde_json::json!(["home", "cleaning"]));
    assert_eq!(config[7], serde_json::json!([2, 50, 3, 2, 2, 2, 1]));
    assert_eq!(value["hash"].as_str().unwrap().len(), 16);
}

#[test]
fn spacing_and_escapes_do_not_matter() {
    let compiled = compile(&seed());
    let value: Value = serde_json::from_str(&compiled).unwrap();
    // Pretty-printed, and a name written with an escape: the same values, the same hash.
    let pretty = serde_json::to_string_pretty(&value)
        .unwrap()
        .replace("Free shipping", "Free\\u0020shipping");
    let cart = r#"{"lines":[{"sku":"mop","price":"92","quantity":1,"category":"home"}]}"#;
    assert_eq!(
        read(&pretty).unwrap().quote_json(cart, CLOCK).unwrap().to_json(),
        Engine::from_json(&seed())
            .unwrap()
            .quote_json(cart, CLOCK)
            .unwrap()
            .to_json()
    );
}

#[test]
fn an_edit_after_compiling_is_refused() {
    let compiled = compile(&seed());
    let edited = compiled.replacen("\"99.00\"", "\"9.00\"", 1);
    assert_ne!(edited, compiled);
    assert_eq!(refusal(&edited), ("compiled_invalid".into(), "hash".into()));
}

#[test]
fn another_format_is_refused_with_a_way_out() {
    let compiled = compile(&seed()).replacen("\"nexttier_compiled\":1", "\"nexttier_compiled\":2", 1);
    assert_eq!(
        refusal(&compiled),
        ("compiled_invalid".into(), "nexttier_compiled".into())
    );
    let message = read(&compiled).err().unwrap().all()[0].to_string();
    assert!(message.contains("compile the config again"), "{message}");
}

#[test]
fn a_raw_config_is_not_read_as_compiled_but_engines_read_both() {
    assert_eq!(refusal(&seed()), ("compiled_invalid".into(), "".into()));
    // Engine::from_json (the CLI, Node, servers) takes either.
    let compiled = compile(&seed());
    assert_eq!(
        Engine::from_json(&compiled).unwrap().config().to_compiled(),
        compiled
    );
}

/// A sealed payload: the seed's compiled values changed by `edit`, with the right hash.
fn sealed(edit: impl FnOnce(&mut Value)) -> String {
    let mut value: Value = serde_json::from_str(&compile(&seed())).unwrap();
    edit(&mut value["config"]);
    seal(&value["config"].to_string()).unwrap()
}

/// A change to a compiled payload.
type Edit = Box<dyn FnOnce(&mut Value)>;

#[test]
fn the_reader_refuses_what_the_engine_cannot_rely_on_by_position() {
    let cases: Vec<(&str, Edit, &str)> = vec![
        (
            "tiers out of order",
            Box::new(|c| c[3][1][2][1][0] = "50.00".into()),
            "config[3][1][2][1]",
        ),
        (
            "no tiers",
            Box::new(|c| c[3][1][2] = serde_json::json!([])),
            "config[3][1][2]",
        ),
        (
            "a units tier after an amount",
            Box::new(|c| c[3][1][2][1][0] = 200.into()),
            "config[3][1][2][1]",
        ),
        ("a negative amount", Box::new(|c| c[2] = "-1".into()), "config[2]"),
        (
            "an unknown currency",
            Box::new(|c| c[0] = "XXX".into()),
            "config[0]",
        ),
        (
            "a kind past the last",
            Box::new(|c| c[3][0][1] = 10.into()),
            "config[3][0][1]",
        ),
        (
            "a required value missing",
            Box::new(|c| c[3][0] = serde_json::json!(["free-ship"])),
            "config[3][0][1]",
        ),
        (
            "a boolean that is a string",
            Box::new(|c| c[3][0][4] = "yes".into()),
            "config[3][0][4]",
        ),
        (
            "a value too many",
            Box::new(|c| c[7].as_array_mut().unwrap().push(1.into())),
            "config[7][7]",
        ),
        (
            "a weight above 100",
            Box::new(|c| c[7][2] = 101.into()),
            "config[7][2]",
        ),
        ("max_units 0", Box::new(|c| c[7][0] = 0.into()), "config[7][0]"),
        (
            "a scope of seven lists",
            Box::new(|c| {
                c[3][0][3]
                    .as_array_mut()
                    .unwrap()
                    .extend(std::iter::repeat_n(serde_json::json!([]), 6))
            }),
            "config[3][0][3][6]",
        ),
        (
            "markets inside a market",
            Box::new(|c| {
                let mut market = c.clone();
                market[0] = "USD".into();
                market[6] = serde_json::json!([c.clone()]);
                c[6] = serde_json::json!([market]);
            }),
            "config[6][0][6]",
        ),
    ];
    for (what, edit, path) in cases {
        assert_eq!(
            refusal(&sealed(edit)),
            ("compiled_invalid".into(), path.into()),
            "{what}"
        );
    }
    // A percentage above 100, a zero step, a duplicate SKU: configs of those kinds.
    let percent = r#"{"currency":"CNY","promotions":[{"id":"p","kind":"percent_off","tiers":[{"min_subtotal":"10","percent":"50"}]}],
        "catalog":[{"sku":"a","price":"1"},{"sku":"b","price":"2"}]}"#;
    let every = r#"{"currency":"CNY","promotions":[{"id":"e","kind":"amount_off_every","tiers":[{"every":"100","off":"10"}]}]}"#;
    let reseal = |raw: &str, edit: &dyn Fn(&mut Value)| {
        let mut value: Value = serde_json::from_str(&compile(raw)).unwrap();
        edit(&mut value["config"]);
        seal(&value["config"].to_string()).unwrap()
    };
    assert_eq!(
        refusal(&reseal(percent, &|c| c[3][0][2][0][1] = "100.5".into())).1,
        "config[3][0][2][0][1]"
    );
    assert_eq!(
        refusal(&reseal(percent, &|c| c[4][1][0] = "a".into())).1,
        "config[4][1]"
    );
    assert_eq!(
        refusal(&reseal(every, &|c| c[3][0][2][0][1] = "0".into())).1,
        "config[3][0][2][0][1]"
    );
    // A schedule: its rule must read, its hours differ, its excepted days ascend; a gift's options
    // are at most 10.
    let scheduled = r#"{"currency":"CNY","promotions":[{"id":"s","kind":"amount_off","tiers":[{"min_subtotal":"10","off":"1"}],
        "schedule":{"time_zone":"Europe/Berlin","days":["sat"],"from":"20:00","until":"02:00","except":["2027-01-02","2027-01-09"]}}]}"#;
    let compiled: Value = serde_json::from_str(&compile(scheduled)).unwrap();
    assert_eq!(
        compiled["config"][3][0][28],
        serde_json::json!([
            "Europe/Berlin",
            [3600, 7200, 3, 5, 0, 7200, 10, 5, 0, 10800],
            32,
            1200,
            120,
            [20820, 20827]
        ])
    );
    assert_eq!(
        refusal(&reseal(scheduled, &|c| c[3][0][28][1] = "CET".into())).1,
        "config[3][0][28][1]"
    );
    // A month past December, or a zone of 2 numbers.
    let month_13 = serde_json::json!([3600, 7200, 13, 5, 0, 7200, 10, 5, 0, 10800]);
    assert_eq!(
        refusal(&reseal(scheduled, &|c| c[3][0][28][1] = month_13.clone())).1,
        "config[3][0][28][1]"
    );
    assert_eq!(
        refusal(&reseal(scheduled, &|c| c[3][0][28][1] = serde_json::json!([3600, 7200]))).1,
        "config[3][0][28][1]"
    );
    assert_eq!(
        refusal(&reseal(scheduled, &|c| c[3][0][28][4] = 1200.into())).1,
        "config[3][0][28][3]"
    );
    assert_eq!(
        refusal(&reseal(scheduled, &|c| c[3][0][28][5] = serde_json::json!([20827, 20820]))).1,
        "config[3][0][28][5][1]"
    );
    // A window ending at midnight ("until": "00:00", written 0) reads back and prices as the raw
    // config does on either side of midnight (the compiled reader refused 0 until the fuzzer found it).
    let midnight = r#"{"currency":"CNY","promotions":[{"id":"n","kind":"amount_off","tiers":[{"min_subtotal":"10","off":"1"}],
        "schedule":{"time_zone":"Asia/Shanghai","days":["fri"],"from":"20:00","until":"00:00"}}]}"#;
    let compiled_text = compile(midnight);
    let compiled: Value = serde_json::from_str(&compiled_text).unwrap();
    assert_eq!(compiled["config"][3][0][28][3], 1200);
    assert_eq!(compiled["config"][3][0][28][4], 0);
    let (raw, read_back) = (
        Engine::from_json(midnight).unwrap(),
        read(&compiled_text).unwrap(),
    );
    // Friday 2027-01-08 23:59 and Saturday 00:00 in Shanghai: open, then closed.
    for (now, total) in [
        ("2027-01-08T23:59:00+08:00", "11.00"),
        ("2027-01-09T00:00:00+08:00", "12.00"),
    ] {
        let cart = format!(r#"{{"lines":[{{"sku":"a","price":"12","quantity":1}}],"now":"{now}"}}"#);
        let (a, b) = (
            raw.quote_json(&cart, 0).unwrap(),
            read_back.quote_json(&cart, 0).unwrap(),
        );
        assert_eq!(a.to_json(), b.to_json(), "{now}");
        assert_eq!(a.total.to_string(), total, "{now}");
    }
    let gift = r#"{"currency":"CNY","promotions":[{"id":"g","kind":"gift","tiers":[{"min_subtotal":"10","gift_choices":["a","b"]}]}],
        "catalog":[{"sku":"a","price":"1"},{"sku":"b","price":"2"}]}"#;
    let compiled: Value = serde_json::from_str(&compile(gift)).unwrap();
    assert_eq!(
        compiled["config"][3][0][2][0],
        serde_json::json!(["10.00", "a", null, null, ["b"]])
    );
    assert_eq!(
        refusal(&reseal(gift, &|c| c[3][0][2][0][4] = serde_json::json!(vec!["b"; 10]))).1,
        "config[3][0][2][0][4]"
    );
}

#[test]
fn a_compiled_config_is_held_to_the_config_byte_limit() {
    let compiled = compile(&seed());
    let limits = Limits {
        config_bytes: compiled.len() - 1,
        ..Limits::default()
    };
    let errors = Engine::from_compiled_within(&compiled, limits).err().unwrap();
    assert_eq!(errors.all()[0].code(), "too_large");
}

#[test]
fn the_first_bar_fixture_holds_its_config_compiled_by_this_version() {
    // tests/browser/fixtures/first-bar.js (the storefront page `npm run bench` measures) carries the
    // compiled form of first-bar-config.json: regenerate it with `nexttier compile` when this fails.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/fixtures");
    let raw = fs::read_to_string(fixtures.join("first-bar-config.json")).unwrap();
    let page = fs::read_to_string(fixtures.join("first-bar.js")).unwrap();
    let line = format!("const config = {};", compile(&raw));
    assert!(
        page.contains(&line),
        "first-bar.js: compile first-bar-config.json again"
    );
    // And the worker fixture's (createEngineSync from a compiled config).
    let raw = fs::read_to_string(fixtures.join("worker-config.json")).unwrap();
    let page = fs::read_to_string(fixtures.join("worker.js")).unwrap();
    let line = format!("const config = {};", compile(&raw));
    assert!(
        page.contains(&line),
        "worker.js: compile worker-config.json again"
    );
}

#[test]
fn experiments_compile_once_with_each_combination_as_its_promotions() {
    let raw = fs::read_to_string(vectors_dir().join("configs/experiments.json")).unwrap();
    let compiled = compile(&raw);
    let value: Value = serde_json::from_str(&compiled).unwrap();
    let config = &value["config"];
    // [id, [[variant, weight]…]] per experiment, then each combination (3 × 2) as
    // [promotions, [each market's promotions]]: the catalog is written once.
    assert_eq!(config[9][0][0], "free-ship-threshold");
    assert_eq!(config[9][0][1][2], serde_json::json!(["holdout", 10]));
    assert_eq!(config[10].as_array().unwrap().len(), 6);
    assert_eq!(compiled.matches("Sponge 3-pack").count(), 1);
    // Combination 2 (holdout, "150") holds free shipping out, naming the experiment (0);
    // combination 1 (from-89) has its threshold.
    assert_eq!(config[10][2][0][0][27], 0);
    assert_eq!(config[10][1][0][0][2], serde_json::json!([["89.00"]]));
    let engine = read(&compiled).unwrap();
    assert_eq!(engine.config().variants.len(), 6);
    assert_eq!(engine.config().variants[2].catalog.len(), 3);

    let refused = |edit: Box<dyn FnOnce(&mut Value)>| {
        let mut value = value.clone();
        edit(&mut value["config"]);
        let text = seal(&value["config"].to_string()).unwrap();
        let errors = read(&text).unwrap_err();
        let error = &errors.all()[0];
        (error.code().to_owned(), error.path().to_string())
    };
    let cases: Vec<(&str, Edit, &str)> = vec![
        (
            "a combination missing",
            Box::new(|c| {
                c[10].as_array_mut().unwrap().pop();
            }),
            "config[10]",
        ),
        (
            "promotions for a market the config does not have",
            Box::new(|c| c[10][1][1] = serde_json::json!([[]])),
            "config[10][1][1]",
        ),
        (
            "a value too many in a combination",
            Box::new(|c| c[10][0].as_array_mut().unwrap().push(serde_json::json!([]))),
            "config[10][0][2]",
        ),
        (
            "tiers out of order in a combination",
            Box::new(|c| c[10][1][0][0][2] = serde_json::json!([["99.00"], ["89.00"]])),
            "config[10][1][0][0][2][1]",
        ),
        (
            "an experiment of one variant",
            Box::new(|c| c[9][1][1] = serde_json::json!([["150", 1]])),
            "config[9][1][1]",
        ),
        (
            "a weight of 0",
            Box::new(|c| c[9][1][1][0][1] = 0.into()),
            "config[9][1][1][0][1]",
        ),
        (
            "experiments inside a market",
            Box::new(|c| {
                let mut market = c.clone();
                market[9] = serde_json::json!([["x", [["a", 1], ["b", 1]]]]);
                market.as_array_mut().unwrap().truncate(10);
                market[6] = serde_json::json!([]);
                c[6] = serde_json::json!([market]);
            }),
            "config[6][0][9]",
        ),
    ];
    for (what, edit, path) in cases {
        assert_eq!(
            refused(edit),
            ("compiled_invalid".to_owned(), path.to_owned()),
            "{what}"
        );
    }
}
