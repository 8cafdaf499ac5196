//! The simulator's figures on a small orders file, each computed by hand, and the command line.

use nexttier::simulate::{simulate_text, SimulateOptions};
use nexttier::Engine;
use serde_json::Value;

const SEED: &str = include_str!("vectors/configs/seed.json");
const ORDERS: &str = include_str!("simulate/orders.csv");

fn report(config: &str, orders: &str) -> Value {
    let engine = Engine::from_json(config).unwrap();
    serde_json::from_str(&simulate_text(&engine, orders, SimulateOptions::default(), 0).unwrap()).unwrap()
}

/// The orders, by hand (seed config: free shipping from 99, 10 off from 99, 30 off from 150, all on
/// home and cleaning; shipping 10):
///
/// | order | lines | subtotal | in scope | reached | discount | shipping | cost |
/// | o1 | mop 38 + 3 × detergent 18 | 92 | 92 | – | 0 | 10 | 22.80 + 32.40 = 55.20 |
/// | o2 | 2 × mop + detergent | 94 | 94 | – | 0 | 10 | 45.60 + 10.80 = 56.40 |
/// | o3 | towel 59 | 59 | 59 | – | 0 | 10 | 35.40 |
/// | o4 | 3 × mop | 114 | 114 | 99 | 10 | waived | 68.40 |
/// | o5 | vase 100 (decor) | 100 | 0 | – | 0 | 10 | 60.00 |
/// | o6 | 9 × detergent | 162 | 162 | 150 | 30 | waived | 97.20 |
#[test]
fn figures_of_the_small_orders_file() {
    let r = report(SEED, ORDERS);
    assert_eq!(r["orders"], 6);
    assert_eq!(r["lines"], 8);
    // 4 + 3 + 1 + 3 + 1 + 9 = 21 units.
    assert_eq!(r["items_per_order"], "3.50");
    // 621 / 6; the median is the lower middle of 59, 92, 94, 100, 114, 162.
    assert_eq!(r["order_value"]["mean"], "103.50");
    assert_eq!(r["order_value"]["median"], "94.00");
    assert_eq!(r["discount"], "40.00");
    assert_eq!(r["shipping_waived"], "20.00");
    assert_eq!(r["discount_cost"], "60.00");
    // 621 − 40 + 4 × 10 shipping.
    assert_eq!(r["total"], "621.00");
    // (621 − 40 − 372.60) / 581 = 0.35869.
    assert_eq!(r["gross_margin"], "0.3587");

    let free_ship = &r["promotions"][0];
    assert_eq!(free_ship["applied_orders"], 2);
    assert_eq!(free_ship["cost"], "20.00");
    let tier = &free_ship["tiers"][0];
    assert_eq!(tier["threshold"], "99.00");
    assert_eq!(tier["reached"], 2);
    assert_eq!(tier["reached_share"], "0.3333");
    // Within 30 % below 99 (a gap of at most 29.70): o1 (7) and o2 (5); o3 is 40 short, o5 99.
    assert_eq!(tier["nudge_zone"]["orders"], 2);
    assert_eq!(tier["nudge_zone"]["median_gap"], "5.00");
    // Half of them top up: +12 × 0.5 spend, +1 unit each × 0.5 (7 < 23 and 5 < 31 a unit), and each
    // unlocks 10 off and free shipping: +40 × 0.5 of cost. Margin: revenue 627 − 50 = 577, goods
    // cost 372.60 + 6 × 0.6 = 376.20 → 0.3480.
    let p = &tier["projection"];
    assert_eq!(p["orders_topping_up"], "1");
    assert_eq!(p["order_value"], "104.50");
    assert_eq!(p["items_per_order"], "3.67");
    assert_eq!(p["discount_cost"], "80.00");
    assert_eq!(p["gross_margin"], "0.3480");

    let anniversary = &r["promotions"][1];
    assert_eq!(anniversary["cost"], "40.00");
    let top = &anniversary["tiers"][1];
    assert_eq!(top["threshold"], "150.00");
    assert_eq!(top["reached"], 1);
    // Within 45 below 150: only o4 (36 short); o1 and o2 are 58 and 56 short.
    assert_eq!(top["nudge_zone"]["orders"], 1);
    assert_eq!(top["nudge_zone"]["median_gap"], "36.00");
    // +36 × 0.5 spend; 30 off instead of 10: +20 × 0.5; half a unit more (36 < 38 a unit).
    // Margin: revenue 581 + 18 − 10 = 589, cost 372.60 + 18 × 0.6 = 383.40 → 0.3491.
    let p = &top["projection"];
    assert_eq!(p["order_value"], "106.50");
    assert_eq!(p["items_per_order"], "3.58");
    assert_eq!(p["discount_cost"], "70.00");
    assert_eq!(p["gross_margin"], "0.3491");

    // Bins of 10.00 up to 1.2 × the top threshold (180): 59 in 50–60, 92 and 94 in 90–100, ...
    let histogram = &r["histogram"];
    assert_eq!(histogram["bin_width"], "10.00");
    let bins = histogram["bins"].as_array().unwrap();
    assert_eq!(bins.len(), 19);
    let counts: Vec<u64> = bins.iter().map(|b| b["orders"].as_u64().unwrap()).collect();
    assert_eq!(counts, [0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 1, 1, 0, 0, 0, 0, 1, 0, 0]);
    assert_eq!(bins[18]["to"], Value::Null);
    let marks: Vec<&str> = histogram["thresholds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["at"].as_str().unwrap())
        .collect();
    assert_eq!(marks, ["99.00", "99.00", "150.00"]);
}

#[test]
fn json_lines_give_the_same_report() {
    let mut jsonl = String::new();
    for row in ORDERS.lines().skip(1) {
        let f: Vec<&str> = row.split(',').collect();
        jsonl.push_str(&format!(
            "{{\"order_id\":\"{}\",\"sku\":\"{}\",\"category\":\"{}\",\"price\":\"{}\",\"quantity\":{},\"cost\":\"{}\"}}\n",
            f[0], f[1], f[2], f[3], f[4], f[5]
        ));
    }
    assert_eq!(report(SEED, &jsonl), report(SEED, ORDERS));
}

#[test]
fn options_and_errors() {
    let engine = Engine::from_json(SEED).unwrap();
    let options = SimulateOptions::from_json(r#"{"nudge_zone":"50%","top_up":"1"}"#).unwrap();
    assert_eq!((options.nudge_zone, options.top_up), (5000, 10_000));
    let r: Value = serde_json::from_str(&simulate_text(&engine, ORDERS, options, 0).unwrap()).unwrap();
    // Within 49.50 of 99: o1, o2 and o3 (40 short).
    assert_eq!(r["promotions"][0]["tiers"][0]["nudge_zone"]["orders"], 3);
    let errors = SimulateOptions::from_json(r#"{"top_up":"1.5","bins":0}"#).unwrap_err();
    assert_eq!(errors.all()[0].path().as_str(), "top_up");
    let bad = simulate_text(
        &engine,
        "order_id,sku,price,quantity\no1,a,-3,1\n",
        SimulateOptions::default(),
        0,
    )
    .unwrap_err();
    assert_eq!(bad.all()[0].path().as_str(), "line 2.price");
}

#[test]
fn command_line_simulate_compare_and_sample() {
    let bin = env!("CARGO_BIN_EXE_nexttier");
    let dir = std::env::temp_dir().join(format!("nexttier-simulate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let orders = dir.join("orders.csv");
    let out = std::process::Command::new(bin)
        .args(["sample-orders", "--orders", "500", "--seed", "7"])
        .output()
        .unwrap();
    assert!(out.status.success());
    std::fs::write(&orders, &out.stdout).unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let out = std::process::Command::new(bin)
        .args([
            "simulate",
            "--config",
            &format!("{root}/examples/seed-story/2-merged.json"),
            "--compare",
            &format!("{root}/examples/seed-story/3-tiers.json"),
            "--orders",
            orders.to_str().unwrap(),
            "--json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let both: Value = serde_json::from_slice(&out.stdout).unwrap();
    let [a, b] = [&both["compare"][0]["report"], &both["compare"][1]["report"]];
    assert_eq!(a["orders"], 500);
    assert_eq!(a["order_value"], b["order_value"], "the same orders");
    assert_eq!(a["discount"], "0.00");
    assert_ne!(b["discount"], "0.00", "the tiers cost something");
    let text = std::process::Command::new(bin)
        .args([
            "simulate",
            "--config",
            &format!("{root}/examples/seed-story/3-tiers.json"),
            "--orders",
            orders.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.starts_with("500 orders"), "{text}");
    assert!(text.contains("tier 1 at 150.00 CNY"), "{text}");
}

/// An orders file fed in pieces cut anywhere — inside a line, between `\r` and `\n`, inside a JSON
/// line — gives the report of the whole file, byte for byte; and so does a file with `\r\n` ends.
#[test]
fn pieces_cut_anywhere_give_the_report_of_the_whole_file() {
    use nexttier::simulate::{sample::sample_orders, Run};
    use proptest::prelude::*;
    let engine = Engine::from_json(SEED).unwrap();
    let mut csv = String::new();
    sample_orders(120, 7, |row| {
        csv.push_str(row);
        csv.push('\n');
        true
    });
    let crlf = csv.replace('\n', "\r\n");
    let json_lines = "{\"order_id\":\"a\",\"sku\":\"mop\",\"category\":\"home\",\"price\":\"38\",\"quantity\":3}\r\n{\"order_id\":\"b\",\"sku\":\"détergent\",\"category\":\"cleaning\",\"price\":\"18\",\"quantity\":9}\n";
    for file in [csv.as_str(), crlf.as_str(), json_lines] {
        let whole = simulate_text(&engine, file, SimulateOptions::default(), 0).unwrap();
        let cuts = prop::collection::vec(0..=file.len(), 0..12);
        proptest!(ProptestConfig::with_cases(32), |(mut cuts in cuts)| {
            cuts.retain(|&c| file.is_char_boundary(c));
            cuts.sort_unstable();
            let mut run = Run::new(&engine, SimulateOptions::default(), 0);
            let mut from = 0;
            for cut in cuts.into_iter().chain([file.len()]) {
                run.push(&file[from..cut]).unwrap();
                from = cut;
            }
            prop_assert_eq!(run.finish().unwrap(), whole.clone());
        });
        // Every cut between `\r` and `\n` explicitly.
        for (at, _) in file.match_indices("\r\n") {
            let mut run = Run::new(&engine, SimulateOptions::default(), 0);
            run.push(&file[..=at]).unwrap();
            run.push(&file[at + 1..]).unwrap();
            assert_eq!(run.finish().unwrap(), whole);
        }
    }
}

/// Errors name the same line of the file however it was cut (a `\r\n` cut in two is one line end).
#[test]
fn errors_name_the_same_line_however_the_file_is_cut() {
    use nexttier::simulate::Run;
    let engine = Engine::from_json(SEED).unwrap();
    let file = "order_id,sku,category,price,quantity\r\na,mop,home,38,1\r\nb,mop,home,-1,1\r\n";
    let whole = simulate_text(&engine, file, SimulateOptions::default(), 0).unwrap_err();
    assert_eq!(whole.all()[0].path().to_string(), "line 3.price");
    for (at, _) in file.match_indices("\r\n") {
        let mut run = Run::new(&engine, SimulateOptions::default(), 0);
        let error = run
            .push(&file[..=at])
            .and_then(|_| run.push(&file[at + 1..]))
            .err()
            .unwrap_or_else(|| run.finish().unwrap_err());
        assert_eq!(error.all()[0].path().to_string(), "line 3.price", "cut at {at}");
    }
}

/// A piece that leaves more than a megabyte without a line end is refused, not buffered forever.
#[test]
fn an_endless_line_is_refused() {
    use nexttier::simulate::Run;
    let engine = Engine::from_json(SEED).unwrap();
    let mut run = Run::new(&engine, SimulateOptions::default(), 0);
    let chunk = "x".repeat(64 * 1024);
    let mut refused = None;
    for _ in 0..40 {
        if let Err(e) = run.push(&chunk) {
            refused = Some(e);
            break;
        }
    }
    let error = refused.expect("a 2.5 MB line was buffered");
    assert_eq!(error.all()[0].code(), "too_large");
}

/// What the widget's suggestions would have done to the small orders file (seed config, its
/// catalog given costs: sponge 2.50, mop 21, detergent 11), each order by hand under the default
/// settings (gap × 3, margin × 2; at most 2 of an item; far beyond 50 % of the threshold):
///
/// | order | short | first card | why | spend | saving | margin |
/// | o1 92 | 7 | sponge (exact: 3000 − 2000 = 1000; mop 552 − 156 = 396) | | 7 | 20 | 7 − 20 − 2.50 = −15.50 |
/// | o2 94 | 5 | mop (393 − 156 = 237; sponge 2142 − 2000 = 142) | margin | 38 | 20 | 38 − 20 − 21 = −3.00 |
/// | o3 59 | 40 (40 %: near) | mop ×2 (the only item closing 40 within 2 units) | | 76 | 20 | 76 − 20 − 42 = 14.00 |
/// | o4 114 | 36 to 150 | mop (2841 − 156 = 2685; detergent ×2 exact 3000 − 332 = 2668) | | 38 | 20 | −3.00 |
/// | o5 decor 100 | 99 (far) | browse cards | | | | |
/// | o6 162 | nothing ahead | | | | | |
#[test]
fn what_the_suggestions_would_have_done() {
    let mut config: Value = serde_json::from_str(SEED).unwrap();
    for (item, cost) in config["catalog"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .zip(["2.5", "21", "11"])
    {
        item["cost"] = Value::from(cost);
    }
    let engine = Engine::from_json(&config.to_string()).unwrap();
    let options = SimulateOptions {
        suggestions: true,
        ..SimulateOptions::default()
    };
    let r: Value = serde_json::from_str(&simulate_text(&engine, ORDERS, options, 0).unwrap()).unwrap();
    let s = &r["suggestions"];
    assert_eq!(s["orders_short"], 5);
    assert_eq!(s["closable"], 4);
    assert_eq!(s["closable_share"], "0.8000");
    assert_eq!(s["browse"], 1);
    assert_eq!(s["added_spend"], "159.00");
    assert_eq!(s["added_spend_mean"], "39.75");
    assert_eq!(s["saving"], "80.00");
    assert_eq!(s["with_cost"], 4);
    assert_eq!(s["margin"], "-7.50");
    // −7.50 / 4 = −1.875, halves rounded up.
    assert_eq!(s["margin_mean"], "-1.87");
    // Off by default: the report has no such section.
    assert!(report(SEED, ORDERS).get("suggestions").is_none());
}

/// Customer columns: segments and coupons from the file, stages from the facts, figures per segment.
///
/// Seed promotions plus `welcome-5` (5 off, segment `new`) and `vip-10` (10 %, segment `member`,
/// coupon VIP10); stages `new` (no earlier orders) and `dormant` (an order, the last 90+ days ago);
/// priced on 2026-11-01:
///
/// | order | subtotal | customer | segments | discount | shipping | total |
/// | o1 | 92 | 0 orders | new (stage) | welcome 5.00 | 10 | 97.00 |
/// | o2 | 94 | member, VIP10, 5 orders, last 31 days ago | member | 10 % = 9.40 | 10 | 94.60 |
/// | o3 | 59 | 2 orders, last 304 days ago | dormant (stage) | – | 10 | 69.00 |
#[test]
fn customer_columns_give_figures_per_segment() {
    let mut config: Value = serde_json::from_str(SEED).unwrap();
    config["stages"] = serde_json::json!([
        { "segment": "new", "max_orders": 0 },
        { "segment": "dormant", "min_orders": 1, "min_days_since_last_order": 90 }
    ]);
    let promotions = config["promotions"].as_array_mut().unwrap();
    promotions.push(
        serde_json::json!({ "id": "welcome-5", "kind": "amount_off", "segments": ["new"],
        "tiers": [ { "min_subtotal": "0", "off": "5" } ] }),
    );
    promotions.push(
        serde_json::json!({ "id": "vip-10", "kind": "percent_off", "segments": ["member"], "coupon": "VIP10",
        "tiers": [ { "min_subtotal": "0", "percent": "10" } ] }),
    );
    let engine = Engine::from_json(&config.to_string()).unwrap();
    let options = SimulateOptions::from_json(r#"{ "now": "2026-11-01T00:00:00Z" }"#).unwrap();
    let orders = include_str!("simulate/customers.csv");
    let r: Value =
        serde_json::from_str(&simulate_text(&engine, orders, options.clone(), 0).unwrap()).unwrap();
    assert_eq!(r["orders"], 3);
    assert_eq!(r["discount"], "14.40");
    assert_eq!(r["total"], "260.60");
    let segments: Vec<(String, u64, String, String, String)> = r["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["segment"].as_str().unwrap().to_owned(),
                s["orders"].as_u64().unwrap(),
                s["order_value_mean"].as_str().unwrap().to_owned(),
                s["discount_cost_mean"].as_str().unwrap().to_owned(),
                s["total"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let row =
        |s: &str, n, v: &str, d: &str, t: &str| (s.to_owned(), n, v.to_owned(), d.to_owned(), t.to_owned());
    assert_eq!(
        segments,
        [
            row("new", 1, "92.00", "5.00", "97.00"),
            row("member", 1, "94.00", "9.40", "94.60"),
            row("dormant", 1, "59.00", "0.00", "69.00"),
        ]
    );
    assert_eq!(r["segments"][0]["share"], "0.3333");
    assert_eq!(r["segments"][0]["items_per_order"], "4.00");
    // JSON lines with the same columns (lists as arrays) give the same report.
    let json_lines = "{\"order_id\":\"o1\",\"sku\":\"mop\",\"category\":\"home\",\"price\":\"38\",\"quantity\":1}\n\
        {\"order_id\":\"o1\",\"sku\":\"detergent\",\"category\":\"cleaning\",\"price\":\"18\",\"quantity\":3}\n\
        {\"order_id\":\"o2\",\"sku\":\"mop\",\"category\":\"home\",\"price\":\"38\",\"quantity\":2,\"segments\":[\"member\"],\"coupons\":[\"VIP10\"],\"customer_orders\":5,\"last_order_at\":\"2026-10-01T00:00:00Z\"}\n\
        {\"order_id\":\"o2\",\"sku\":\"detergent\",\"category\":\"cleaning\",\"price\":\"18\",\"quantity\":1}\n\
        {\"order_id\":\"o3\",\"sku\":\"towel\",\"category\":\"home\",\"price\":\"59\",\"quantity\":1,\"customer_orders\":\"2\",\"last_order_at\":\"2026-01-01T00:00:00Z\"}\n";
    let again: Value =
        serde_json::from_str(&simulate_text(&engine, json_lines, options.clone(), 0).unwrap()).unwrap();
    assert_eq!(again["segments"], r["segments"]);
    // Without customer columns and stages nothing is said per segment (the report is as before).
    assert!(report(SEED, ORDERS).get("segments").is_none());
    // A bad fact names its line.
    let bad = orders.replace("2026-01-01T00:00:00Z", "yesterday");
    let error = simulate_text(&engine, &bad, options, 0).unwrap_err();
    assert!(error.to_string().contains("line 6"), "{error}");
}

/// `placed_at` prices each order at its own time, so a recurring schedule is judged on the orders
/// placed inside its windows: 10 off from 99, Fridays and Saturdays 20:00–22:00 in Shanghai. Of
/// three orders of 120, one is placed on Friday 2027-01-08 at 21:00 (+08:00: inside), one the same
/// Friday at 22:00 (the window's exclusive end) and one on Sunday at 21:00: 10.00 off in all.
#[test]
fn placed_at_judges_recurring_schedules_order_by_order() {
    let config = r#"{ "currency": "CNY", "promotions": [ { "id": "night-owl", "kind": "amount_off",
        "tiers": [ { "min_subtotal": "99", "off": "10" } ],
        "schedule": { "time_zone": "Asia/Shanghai", "days": ["fri", "sat"], "from": "20:00", "until": "22:00" } } ] }"#;
    let orders = "order_id,sku,category,price,quantity,placed_at\n\
        a,lamp,home,120,1,2027-01-08T21:00:00+08:00\n\
        b,lamp,home,120,1,2027-01-08T14:00:00Z\n\
        c,lamp,home,120,1,2027-01-10T21:00:00+08:00\n";
    let r = report(config, orders);
    assert_eq!(r["orders"], 3);
    assert_eq!(r["discount"], "10.00");
    assert_eq!(r["total"], "350.00");
    // A time that is not RFC 3339 names its line and column.
    let engine = Engine::from_json(config).unwrap();
    let bad = "order_id,sku,price,quantity,placed_at\na,lamp,120,1,friday night\n";
    let error = simulate_text(&engine, bad, SimulateOptions::default(), 0).unwrap_err();
    assert_eq!(error.first().path().as_str(), "line 2.placed_at");
}

/// `shipping_method` and `country` price each order's shipping as it shipped: standard 10 (25 to
/// HK), express 30; free standard shipping to CN from 99. Three orders of 120: standard to CN
/// (waived 10.00), standard to HK (25.00 paid), express to CN (30.00 paid): 10.00 waived in all.
#[test]
fn shipping_columns_price_each_order_as_it_shipped() {
    let config = r#"{ "currency": "CNY",
      "shipping": { "fee": "10", "methods": [ { "id": "standard", "zones": [ { "countries": ["HK"], "fee": "25" } ] }, { "id": "express", "fee": "30" } ] },
      "promotions": [ { "id": "free-standard", "kind": "free_shipping", "shipping_methods": ["standard"], "countries": ["CN"], "tiers": [ { "min_subtotal": "99" } ] } ] }"#;
    let orders = "order_id,sku,category,price,quantity,shipping_method,country\n\
        a,lamp,home,120,1,standard,CN\n\
        b,lamp,home,120,1,standard,HK\n\
        c,lamp,home,120,1,express,CN\n";
    let r = report(config, orders);
    assert_eq!(r["shipping_waived"], "10.00");
    assert_eq!(r["total"], "415.00");
    let engine = Engine::from_json(config).unwrap();
    let bad = "order_id,sku,price,quantity,shipping_method\na,lamp,120,1,overnight\n";
    let error = simulate_text(&engine, bad, SimulateOptions::default(), 0).unwrap_err();
    assert_eq!(error.first().path().as_str(), "order a.shipping_method");
    let bad = "order_id,sku,price,quantity,country\na,lamp,120,1,China\n";
    let error = simulate_text(&engine, bad, SimulateOptions::default(), 0).unwrap_err();
    assert_eq!(error.first().path().as_str(), "line 2.country");
}
