//! Time to suggest add-ons over catalogs of 1,000 and 10,000 items, bundles of 1, 2 and 3 SKUs:
//! `cargo bench --bench suggest`.

use criterion::{criterion_group, criterion_main, Criterion};
use nexttier::suggest::SuggestOptions;
use nexttier::Engine;
use serde_json::{json, Value};
use std::hint::black_box;

/// A catalog of `n` items with prices from 0.50 to 150.00 across two categories.
fn config(n: usize) -> String {
    let mut state = 7u64;
    let catalog: Vec<Value> = (0..n)
        .map(|i| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let fen = 50 + (state >> 33) % 14_950;
            json!({
                "sku": format!("sku-{i:05}"),
                "price": format!("{}.{:02}", fen / 100, fen % 100),
                "category": if i % 2 == 0 { "home" } else { "cleaning" },
                "stock": 1 + (state >> 20) % 5,
            })
        })
        .collect();
    json!({
        "currency": "CNY", "shipping": { "fee": "10" }, "catalog": catalog,
        "promotions": [
            { "id": "free-ship", "kind": "free_shipping", "tiers": [ { "min_subtotal": "99" } ],
              "scope": { "categories": ["home", "cleaning"] } },
            { "id": "anniversary", "kind": "amount_off",
              "tiers": [ { "min_subtotal": "99", "off": "10" }, { "min_subtotal": "150", "off": "30" } ],
              "scope": { "categories": ["home", "cleaning"] } } ]
    })
    .to_string()
}

fn bench(c: &mut Criterion) {
    // 92.37 in the cart: 6.63 short of 99, 57.63 short of 150.
    let cart = r#"{"lines":[{"sku":"a","price":"92.37","quantity":1,"category":"home"}]}"#;
    for n in [1_000, 10_000] {
        let engine = Engine::from_json(&config(n)).unwrap();
        for max_items in 1..=3 {
            let options = SuggestOptions {
                max_items,
                ..SuggestOptions::default()
            };
            c.bench_function(&format!("suggest {n} items, bundles of up to {max_items}"), |b| {
                b.iter(|| engine.suggest_json(black_box(cart), 0, &options).unwrap())
            });
        }
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
