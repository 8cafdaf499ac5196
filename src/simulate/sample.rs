//! Realistic sample orders from the seed scenario's figures: home goods around 38 a unit and 1.5
//! units an order (about 58 an order), cleaning goods 6.6 units an order; most orders are one
//! category, some both. Deterministic for a seed. Written as CSV with a `cost` column (60 % of price).

/// (SKU, category, unit price in fen, weight).
const ITEMS: &[(&str, &str, u64, u64)] = &[
    ("mop", "home", 3800, 4),
    ("laundry-basket", "home", 2900, 3),
    ("storage-box", "home", 4500, 3),
    ("towel-set", "home", 5900, 1),
    ("hangers", "home", 2500, 2),
    ("dish-rack", "home", 3500, 2),
    ("bath-mat", "home", 1900, 1),
    ("detergent", "cleaning", 1800, 3),
    ("sponge", "cleaning", 700, 4),
    ("dish-soap", "cleaning", 990, 4),
    ("glass-cleaner", "cleaning", 1250, 2),
    ("microfiber", "cleaning", 1500, 2),
    ("rubber-gloves", "cleaning", 600, 3),
    ("trash-bags", "cleaning", 1390, 3),
    ("toilet-cleaner", "cleaning", 1100, 2),
];

/// A 64-bit linear congruential generator (the benchmarks' too).
pub(crate) struct Lcg(pub(crate) u64);

impl Lcg {
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }

    fn item(&mut self, category: &str) -> (&'static str, &'static str, u64) {
        let pool: Vec<_> = ITEMS.iter().filter(|i| i.1 == category).collect();
        let total: u64 = pool.iter().map(|i| i.3).sum();
        let mut pick = self.below(total);
        for item in &pool {
            if pick < item.3 {
                return (item.0, item.1, item.2);
            }
            pick -= item.3;
        }
        let last = pool[pool.len() - 1];
        (last.0, last.1, last.2)
    }
}

fn money(fen: u64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

/// The most sample orders one call writes.
pub const MAX_SAMPLE_ORDERS: u64 = 10_000_000;

/// Writes `orders` sample orders (at most [`MAX_SAMPLE_ORDERS`]) as CSV lines, the header first, to
/// `out`, one call per line; stops as soon as `out` returns false (a closed pipe, say).
pub fn sample_orders(orders: u64, seed: u64, mut out: impl FnMut(&str) -> bool) {
    let mut rng = Lcg(seed ^ 0x9e37_79b9_7f4a_7c15);
    if !out("order_id,sku,category,price,quantity,cost") {
        return;
    }
    let orders = orders.min(MAX_SAMPLE_ORDERS);
    let mut line = String::with_capacity(64);
    for n in 1..=orders {
        let kind = rng.below(100);
        let mut lines: Vec<(&str, &str, u64, u64)> = Vec::new();
        let mut add = |rng: &mut Lcg, category: &str, units: u64| {
            let mut left = units;
            while left > 0 {
                let (sku, category, price) = rng.item(category);
                let take = if left == 1 { 1 } else { 1 + rng.below(left.min(4)) };
                match lines.iter_mut().find(|l| l.0 == sku) {
                    Some(l) => l.3 += take,
                    None => lines.push((sku, category, price, take)),
                }
                left -= take;
            }
        };
        // Home: 1 unit, and a second half the time (1.5 on average).
        let home_units = |rng: &mut Lcg| 1 + rng.below(2);
        // Cleaning: 3 to 10 units (6.5 on average).
        let cleaning_units = |rng: &mut Lcg| 3 + rng.below(8);
        if kind < 45 {
            let units = home_units(&mut rng);
            add(&mut rng, "home", units);
        } else if kind < 85 {
            let units = cleaning_units(&mut rng);
            add(&mut rng, "cleaning", units);
        } else {
            let (h, c) = (home_units(&mut rng), cleaning_units(&mut rng));
            add(&mut rng, "home", h);
            add(&mut rng, "cleaning", c);
        }
        for (sku, category, price, quantity) in lines {
            line.clear();
            line.push_str(&format!(
                "o{n:07},{sku},{category},{},{quantity},{}",
                money(price),
                money(price * 6 / 10)
            ));
            if !out(&line) {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_sample_has_the_seed_scenarios_figures() {
        let mut lines = Vec::new();
        super::sample_orders(4000, 1, |l| {
            lines.push(l.to_owned());
            true
        });
        assert_eq!(lines[0], "order_id,sku,category,price,quantity,cost");
        let (mut home_units, mut home_orders, mut home_value) =
            (0u64, std::collections::HashSet::new(), 0u64);
        let (mut cleaning_units, mut cleaning_orders) = (0u64, std::collections::HashSet::new());
        for row in &lines[1..] {
            let f: Vec<&str> = row.split(',').collect();
            let units: u64 = f[4].parse().unwrap();
            let fen: u64 = f[3].replace('.', "").parse().unwrap();
            if f[2] == "home" {
                home_units += units;
                home_value += units * fen;
                home_orders.insert(f[0].to_owned());
            } else {
                cleaning_units += units;
                cleaning_orders.insert(f[0].to_owned());
            }
        }
        // Hundredths, in integers.
        let home = home_units * 100 / home_orders.len() as u64;
        let cleaning = cleaning_units * 100 / cleaning_orders.len() as u64;
        let unit_price = home_value / home_units;
        assert!((140..160).contains(&home), "home units an order ×100: {home}");
        assert!(
            (600..720).contains(&cleaning),
            "cleaning units an order ×100: {cleaning}"
        );
        assert!(
            (3500..4100).contains(&unit_price),
            "home unit price in fen: {unit_price}"
        );
    }
}
