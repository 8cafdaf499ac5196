//! `nexttier report`: a hand-checked small file, then synthetic shoppers with a planted lift
//! (found, inside its interval) and with none (an A/A split: nothing found, but by chance).

use nexttier::engine::Engine;
use nexttier::results::synthetic::{generate, Plan};
use nexttier::results::Results;
use serde_json::Value;

fn dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/results")
}

fn engine() -> Engine {
    Engine::from_json(&std::fs::read_to_string(dir().join("experiment.json")).unwrap()).unwrap()
}

const NOW: i64 = 1_795_000_000_000;

fn report(events: &str, orders: &str, piece: usize) -> Value {
    let mut results = Results::new(engine(), None, NOW).unwrap();
    for chunk in events.as_bytes().chunks(piece) {
        results.push_events(std::str::from_utf8(chunk).unwrap()).unwrap();
    }
    for chunk in orders.as_bytes().chunks(piece) {
        results.push_orders(std::str::from_utf8(chunk).unwrap()).unwrap();
    }
    serde_json::from_str(&results.finish().unwrap().to_json()).unwrap()
}

#[test]
fn the_small_file_gives_its_hand_checked_figures_wherever_it_is_cut() {
    let events = std::fs::read_to_string(dir().join("events.jsonl")).unwrap();
    let orders = std::fs::read_to_string(dir().join("orders.csv")).unwrap();
    let whole = report(&events, &orders, usize::MAX);
    // Cut into pieces of 7 bytes (ASCII files: every cut is on a character), the same report.
    assert_eq!(report(&events, &orders, 7), whole);
    let (c, b) = (&whole["variants"][0], &whole["variants"][1]);
    // 8 events (a blank line skipped); z's names another experiment. Order 6 has no visitor.
    assert_eq!(
        (whole["events"].as_u64(), whole["outside_events"].as_u64()),
        (Some(8), Some(1))
    );
    assert_eq!(
        (whole["orders"].as_u64(), whole["unassigned_orders"].as_u64()),
        (Some(5), Some(1))
    );
    // Control: a (38 + 18 = 56) and b (2 × 38 + 18 = 94): 75.00 an order, 2.5 units; b reached a
    // tier. Costs 33.60 and 56.40, nothing waived (both under 99): margins 22.40 and 37.60.
    assert_eq!(c["shoppers"], 2);
    assert_eq!(c["order_value"], "75.00");
    assert_eq!(c["items_per_order"], "2.50");
    assert_eq!(c["margin"], "60.00");
    assert_eq!(c["tier_reached_share"], "50.0");
    // from-89: c (94, shipping waived from 89: margin 94 − 56.40 − 10 = 27.60), d (18: 7.20) and
    // v-1005, who has no events: the hash puts them in from-89 (0xa1c170692a5db14a ≥ 2⁶³), 7: 2.80.
    assert_eq!(b["shoppers"], 3);
    assert_eq!(b["order_value"], "39.67");
    assert_eq!(b["margin_per_order"], "12.53");
    assert_eq!(
        (
            b["addon_clicks"].as_u64(),
            &b["addon_click_rate"],
            &b["addon_conversion"]
        ),
        (Some(1), &"50.0".into(), &"100.0".into())
    );
    // Welch: control s²/n = 722/2 = 361; from-89 s²/n = 2244.33/3 = 748.11; se = √1109.11 = 33.30;
    // −35.33 ± 1.96 × 33.30 = −100.61 to 29.94.
    let d = &b["vs_control"]["order_value"];
    assert_eq!(
        (&d["difference"], &d["low"], &d["high"]),
        (&"-35.33".into(), &"-100.61".into(), &"29.94".into())
    );
    assert_eq!(d["clear"], false);
    assert!(whole["verdict"]["order_value"]
        .as_str()
        .unwrap()
        .starts_with("On order value, no variant beats `control` clearly."));
}

fn synthetic(shoppers: u64, seed: u64, lift: u64) -> Value {
    let engine = engine();
    let (mut events, mut orders) = (String::new(), String::new());
    let plan = Plan {
        shoppers,
        seed,
        conversion: 300,
        lifts: vec![(1, lift)],
    };
    generate(
        &engine,
        0,
        &plan,
        |l| {
            events.push_str(l);
            events.push('\n');
            true
        },
        |l| {
            orders.push_str(l);
            orders.push('\n');
            true
        },
    )
    .unwrap();
    report(&events, &orders, usize::MAX)
}

/// The planted difference of goods paid an order, in fen: the lift × 3.5 × the mean price (21),
/// with no discount in the config to blur it.
fn planted(lift: i128) -> i128 {
    lift * 7350 / 1000
}

fn minor(text: &Value) -> i128 {
    text.as_str().unwrap().replace('.', "").parse().unwrap()
}

#[test]
fn a_planted_lift_is_found_inside_its_interval() {
    let report = synthetic(20_000, 1, 100);
    let d = &report["variants"][1]["vs_control"]["order_value"];
    assert_eq!(d["clear"], true, "{d}");
    assert!(
        minor(&d["low"]) <= planted(100) && planted(100) <= minor(&d["high"]),
        "{d}"
    );
    assert!(report["verdict"]["order_value"]
        .as_str()
        .unwrap()
        .starts_with("On order value, `from-89` wins."));
    // Free shipping from 89 is reached by more shoppers (a real effect of the variant's tiers).
    let share = &report["variants"][1]["vs_control"]["tier_reached_share"];
    assert_eq!(share["clear"], true, "{share}");
}

#[test]
fn intervals_cover_the_planted_lift_and_an_a_a_split_finds_little() {
    let (mut covered, mut false_alarms) = (0, 0);
    for seed in 1..=20 {
        let lifted = synthetic(3_000, seed, 100);
        let d = &lifted["variants"][1]["vs_control"]["order_value"];
        covered += usize::from(minor(&d["low"]) <= planted(100) && planted(100) <= minor(&d["high"]));
        let same = synthetic(3_000, seed + 100, 0);
        false_alarms += usize::from(same["variants"][1]["vs_control"]["order_value"]["clear"] == true);
    }
    // 95 % intervals: about 19 of 20 cover; about 1 of 20 A/A splits looks "clear" by chance.
    assert!(covered >= 17, "covered {covered} of 20");
    assert!(false_alarms <= 3, "{false_alarms} of 20 A/A splits looked clear");
}

#[test]
fn bad_input_is_refused_with_its_line() {
    let mut results = Results::new(engine(), None, NOW).unwrap();
    let error = results
        .push_events("{\"type\":\"impression\",\"visitor\":\"a\",\"email\":\"x@y\"}\n")
        .unwrap_err();
    assert_eq!(error.all()[0].path().to_string(), "line 1.email");
    let mut results = Results::new(engine(), None, NOW).unwrap();
    results
        .push_orders("order_id,sku,price,quantity,visitor\n1,mop,-1,1,a\n")
        .unwrap_err();
    assert!(Results::new(engine(), Some("nope"), NOW).is_err());
    let mut results = Results::new(engine(), None, NOW).unwrap();
    results
        .push_orders("order_id,sku,price,quantity,visitor\n")
        .unwrap();
    assert!(results.push_events("{}").is_err(), "events after orders");
}
