//! Time to quote: the seed config, and generated configs of 10 and 50 mixed promotions against
//! carts of 20 and 200 lines. `cargo bench --bench quote` prints the figures.

use criterion::{criterion_group, criterion_main, Criterion};
use nexttier::{Cart, Detail, Engine};
use serde_json::{json, Value};
use std::hint::black_box;

const CATEGORIES: [&str; 6] = ["home", "cleaning", "decor", "kitchen", "garden", "gift-cards"];

/// A small deterministic generator, so every run measures the same workload.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

/// A config of `n` promotions of mixed kinds, scopes and bases.
fn config(n: usize) -> String {
    let mut rng = Lcg(n as u64);
    let promotions: Vec<Value> = (0..n)
        .map(|i| {
            let scope = json!({ "categories": [CATEGORIES[i % 6], CATEGORIES[(i + 1) % 6]] });
            let base = 50 + rng.next(100);
            let mut p = match i % 5 {
                0 => json!({ "kind": "free_shipping", "tiers": [ { "min_subtotal": base.to_string() } ] }),
                1 => json!({ "kind": "amount_off", "tiers": [
                    { "min_subtotal": base.to_string(), "off": "10" },
                    { "min_subtotal": (base * 2).to_string(), "off": "30" } ] }),
                2 => json!({ "kind": "percent_off", "tiers": [ { "min_subtotal": base.to_string(), "percent": "5" } ] }),
                3 => json!({ "kind": "amount_off_every", "tiers": [ { "every": "100", "off": "8", "max_off": "40" } ] }),
                _ => json!({ "kind": "amount_off", "basis": "discounted", "tiers": [ { "min_quantity": 3, "off": "5" } ] }),
            };
            p["id"] = json!(format!("p{i}"));
            if i % 3 != 0 {
                p["scope"] = scope;
            }
            p
        })
        .collect();
    json!({ "currency": "CNY", "shipping": { "fee": "10" }, "promotions": promotions }).to_string()
}

/// A cart of `n` lines across the categories.
fn cart(n: usize) -> String {
    let mut rng = Lcg(1000 + n as u64);
    let lines: Vec<Value> = (0..n)
        .map(|i| {
            let fen = 100 + rng.next(9900);
            json!({
                "sku": format!("sku-{i}"),
                "price": format!("{}.{:02}", fen / 100, fen % 100),
                "quantity": 1 + rng.next(3),
                "category": CATEGORIES[rng.next(6) as usize],
            })
        })
        .collect();
    json!({ "lines": lines }).to_string()
}

fn bench(c: &mut Criterion) {
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/configs/seed.json"
    ))
    .expect("seed config");
    for (name, config_text, lines) in [
        ("seed x 5 lines", seed.clone(), 5),
        ("10 promotions x 20 lines", config(10), 20),
        ("50 promotions x 200 lines", config(50), 200),
    ] {
        let engine = Engine::from_json(&config_text).expect("valid config");
        let cart_text = cart(lines);
        let parsed = Cart::from_json(&cart_text, engine.config()).expect("valid cart");
        c.bench_function(&format!("quote {name} (JSON in, quote out)"), |b| {
            b.iter(|| {
                let quote = engine.quote_json(black_box(&cart_text), 0).unwrap();
                quote.to_json()
            })
        });
        c.bench_function(&format!("quote {name} (JSON in, summary out)"), |b| {
            b.iter(|| {
                let quote = engine
                    .quote_json_with(black_box(&cart_text), 0, Detail::Summary)
                    .unwrap();
                quote.to_json()
            })
        });
        c.bench_function(&format!("quote {name} (parsed cart)"), |b| {
            b.iter(|| engine.quote(black_box(&parsed), 0).unwrap())
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
