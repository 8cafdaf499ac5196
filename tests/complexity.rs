//! Bounded work: the configs and carts that made a quote run for seconds (a large exclusive group
//! over a large cart, thousands of promotions measured after discounts) give a quote or a clear
//! `too_complex` naming the promotion whose search ran out, within the work budget; raising the
//! budget (`Limits::work_steps`) prices them in full.

use nexttier::{Engine, Limits};
use serde_json::{json, Value};

fn cart(lines: usize) -> String {
    let lines: Vec<Value> = (0..lines)
        .map(
            |i| json!({ "sku": format!("s{i}"), "price": "3.33", "quantity": 1 + i % 3, "category": "home" }),
        )
        .collect();
    json!({ "lines": lines }).to_string()
}

/// A CNY config of `count` promotions, the `i`th made by `promotion`, with a shipping fee of 10 or
/// none.
fn config_of(count: usize, shipping: bool, promotion: impl Fn(usize) -> Value) -> String {
    let mut config =
        json!({ "currency": "CNY", "promotions": (0..count).map(promotion).collect::<Vec<_>>() });
    if shipping {
        config["shipping"] = json!({ "fee": "10" });
    }
    config.to_string()
}

fn group(members: usize, basis: &str) -> String {
    config_of(members, true, |i| {
        json!({ "id": format!("g{i}"), "kind": "amount_off", "group": "only-one", "basis": basis,
        "tiers": [ { "min_subtotal": (50 + i).to_string(), "off": (1 + i % 7).to_string() } ] })
    })
}

fn discounted(promotions: usize) -> String {
    config_of(promotions, false, |i| {
        json!({ "id": format!("d{i}"), "kind": "amount_off", "basis": "discounted",
        "tiers": [ { "min_subtotal": (50 + i).to_string(), "off": "1" } ] })
    })
}

/// A quote, or `too_complex` at a promotion's path: never anything else.
fn quote_or_too_complex(engine: &Engine, cart: &str) -> Result<String, String> {
    match engine.quote_json(cart, 0) {
        Ok(quote) => Ok(quote.total.to_string()),
        Err(errors) => {
            let error = errors.first();
            assert_eq!(error.code(), "too_complex", "{error}");
            assert!(error.path().as_str().starts_with("promotions["), "{error}");
            assert!(
                error.to_string().contains("work_steps"),
                "says what to change: {error}"
            );
            Err(error.path().as_str().to_owned())
        }
    }
}

#[test]
fn the_worst_cases_are_priced_or_refused_within_the_budget() {
    // 2,000 members of one group, and 10,000 promotions measured after discounts, on two lines.
    let two = cart(2);
    let engine = Engine::from_json(&group(2_000, "original")).unwrap();
    assert_eq!(
        quote_or_too_complex(&engine, &two),
        Err("promotions[0]".to_owned()),
        "the group's first member"
    );
    let engine = Engine::from_json(&discounted(10_000)).unwrap();
    assert!(quote_or_too_complex(&engine, &two).is_err());
    // A 40-member group over 10,000 lines: each member tried measures only itself, the winner is
    // measured in full, about two evaluations of the cart in all (it was refused while every
    // candidate measured every member: 40 evaluations). 10,000 lines of 3.33 × (1, 2, 3, 1, ...)
    // reach every member's threshold; the best for the shopper is the largest amount off, 7.00
    // (g6, the first member to give it).
    let engine = Engine::from_json(&group(40, "original")).unwrap();
    let quote = engine
        .quote_json_with(&cart(10_000), 0, nexttier::Detail::Summary)
        .unwrap();
    assert_eq!(quote.subtotal.to_string(), "66596.67"); // 19,999 units: 3,334 + 3,333 × 2 + 3,333 × 3
    assert_eq!(quote.applied.len(), 1, "one member of the group applies");
    assert_eq!(&*quote.applied[0].promotion, "g6");
    assert_eq!(quote.applied[0].amount.to_string(), "7.00");
    assert_eq!(quote.total.to_string(), "66599.67");
}

#[test]
fn suggestions_share_the_budget() {
    let config: Value = serde_json::from_str(&group(2_000, "original")).unwrap();
    let mut config = config;
    config["catalog"] = json!([{ "sku": "add-on", "price": "5", "stock": 10 }]);
    let engine = Engine::from_json(&config.to_string()).unwrap();
    let error = engine
        .suggest_json(&cart(2), 0, &nexttier::suggest::SuggestOptions::default())
        .unwrap_err();
    assert_eq!(error.first().code(), "too_complex");
}

#[test]
fn ordinary_work_stays_far_below_the_budget_and_a_larger_budget_prices_in_full() {
    // 20 promotions (a 5-member group, 5 measured after discounts) over 500 lines: priced.
    let mut promotions: Vec<Value> = Vec::new();
    for i in 0..20 {
        let mut p = json!({ "id": format!("p{i}"), "kind": "amount_off",
            "tiers": [ { "min_subtotal": (100 + 10 * i).to_string(), "off": "2" } ] });
        if i < 5 {
            p["group"] = json!("g");
        } else if i < 10 {
            p["basis"] = json!("discounted");
        }
        promotions.push(p);
    }
    let config = json!({ "currency": "CNY", "promotions": promotions }).to_string();
    let engine = Engine::from_json(&config).unwrap();
    assert!(quote_or_too_complex(&engine, &cart(500)).is_ok());
    // A tenth of the default budget still prices it: ordinary carts are far below the limit.
    let tight = Engine::from_json(&config).unwrap().with_limits(Limits {
        work_steps: Limits::DEFAULT.work_steps / 10,
        ..Limits::DEFAULT
    });
    assert!(quote_or_too_complex(&tight, &cart(500)).is_ok());
    // A 200-member group on a cart short of every member's threshold (each member's `remaining`
    // searches the group again; below) is refused, and priced in full with a budget to match.
    let engine = Engine::from_json(&group(200, "original")).unwrap();
    assert_eq!(
        quote_or_too_complex(&engine, &cart(2)),
        Err("promotions[0]".to_owned())
    );
    let generous = Engine::from_json(&group(200, "original"))
        .unwrap()
        .with_limits(Limits {
            work_steps: 100_000_000,
            ..Limits::DEFAULT
        });
    let quote = generous.quote_json(&cart(2), 0).unwrap();
    // 3.33 + 2 × 3.33 reaches no threshold (the lowest is 50): nothing applies, and the nearest
    // member is 40.01 away.
    assert_eq!(quote.total.to_string(), "19.99");
    assert!(quote.applied.is_empty());
    let next = quote.progress[0].next.as_ref().expect("a next tier");
    let remaining = match &next.remaining {
        nexttier::money::Measure::Amount(amount) => amount.to_string(),
        nexttier::money::Measure::Units(units) => format!("{units} units"),
    };
    assert_eq!(remaining, "40.01");
    assert_eq!(
        next.switches_group.as_ref().map(|s| s.to.as_deref()),
        Some(Some("g0"))
    );
}

/// The work a quote does, in the budget's steps: the smallest `work_steps` that prices it (found
/// by bisection; a quote either fits its budget or is refused, so this is exact).
fn steps_to_quote(config: &str, cart: &str) -> u64 {
    let fits = |steps: u64| {
        Engine::from_json(config)
            .unwrap()
            .with_limits(Limits {
                work_steps: steps,
                ..Limits::DEFAULT
            })
            .quote_json(cart, 0)
            .is_ok()
    };
    let (mut low, mut high) = (0u64, 1u64 << 40);
    assert!(fits(high));
    while high - low > 1 {
        let middle = low + (high - low) / 2;
        if fits(middle) {
            high = middle;
        } else {
            low = middle;
        }
    }
    high
}

fn promotions(count: usize, basis: &str) -> String {
    config_of(count, true, |i| {
        json!({ "id": format!("p{i}"), "kind": "amount_off", "basis": basis,
        "tiers": [ { "min_subtotal": (100_000 + 1_000 * i).to_string(), "off": "1" } ] })
    })
}

/// The work of quoting `to` against `from` (each a config and a cart), printed, and asserted to
/// grow by a factor within `tenths` (in tenths: `15..=22` is 1.5× to 2.2×).
fn assert_growth(what: &str, from: (&str, &str), to: (&str, &str), tenths: std::ops::RangeInclusive<u64>) {
    let before = steps_to_quote(from.0, from.1);
    let after = steps_to_quote(to.0, to.1);
    println!("{what}: {before} → {after} steps");
    assert!(
        after * 10 >= before * tenths.start() && after * 10 <= before * tenths.end(),
        "{what}: {before} → {after} steps, outside {:.1}× to {:.1}×",
        *tenths.start() as f64 / 10.0,
        *tenths.end() as f64 / 10.0
    );
}

/// Work grows linearly with the cart, and with the promotions measured on list prices: doubling
/// either at most doubles a full quote's steps (with 10 % for rounding). A search that grew faster —
/// a loop over lines inside a loop over lines — fails here, on any machine.
#[test]
fn a_quote_s_work_grows_linearly_with_lines_and_promotions() {
    for basis in ["original", "discounted"] {
        let config = promotions(8, basis);
        let what = format!("{basis}: 250 → 500 lines");
        assert_growth(&what, (&config, &cart(250)), (&config, &cart(500)), 15..=22);
    }
    let lines = cart(250);
    let (eight, sixteen) = (promotions(8, "original"), promotions(16, "original"));
    assert_growth(
        "original: 8 → 16 promotions",
        (&eight, &lines),
        (&sixteen, &lines),
        15..=22,
    );
}

/// Promotions measured after discounts are not linear: each one's `remaining` re-prices the cart
/// (every promotion over every line) a few times, so their work grows with their number squared —
/// bounded by the budget, not by lines × promotions (issue 16's goal, not met). This pins that
/// growth, so a change that made it worse, or better, is seen.
#[test]
fn promotions_after_discounts_grow_with_their_number_squared() {
    let lines = cart(250);
    let (eight, sixteen) = (promotions(8, "discounted"), promotions(16, "discounted"));
    assert_growth(
        "discounted: 8 → 16 promotions",
        (&eight, &lines),
        (&sixteen, &lines),
        30..=44,
    );
}

/// `count` amount_off promotions that combine with nothing (`combines_with: []`).
fn loners(count: usize) -> String {
    config_of(count, true, |i| {
        json!({ "id": format!("c{i}"), "kind": "amount_off", "combines_with": [],
        "tiers": [ { "min_subtotal": (50 + i).to_string(), "off": (1 + i % 7).to_string() } ] })
    })
}

#[test]
fn promotions_that_do_not_combine_are_searched_within_the_budget() {
    // 2,000 promotions none of which combines with another: refused at the one whose turn in the
    // search ran out (each is tried on in turn), never left running.
    let engine = Engine::from_json(&loners(2_000)).unwrap();
    assert!(quote_or_too_complex(&engine, &cart(2)).is_err());
    // Twice as many that do not combine: the search's work grows like a group's (each one on or off,
    // one evaluation each past 64 combinations, measuring only those on), not with the combinations.
    let lines = cart(100);
    let (eight, sixteen) = (loners(8), loners(16));
    assert_growth(
        "do not combine: 8 → 16 promotions",
        (&eight, &lines),
        (&sixteen, &lines),
        15..=22,
    );
}

/// A group is searched member by member, each member tried measuring only what applies, and the
/// winner measured in full: its work grows with lines × members, like any promotions'. A search
/// that measured every member for every member tried (members² × lines) fails here.
#[test]
fn a_group_s_work_grows_linearly_with_its_members_and_lines() {
    let (hundred, two_hundred) = (cart(100), cart(200));
    let (eight, sixteen) = (group(8, "original"), group(16, "original"));
    assert_growth(
        "group: 8 → 16 members",
        (&eight, &hundred),
        (&sixteen, &hundred),
        15..=22,
    );
    assert_growth(
        "group: 100 → 200 lines",
        (&eight, &hundred),
        (&eight, &two_hundred),
        15..=22,
    );
}

/// On a cart short of the members' thresholds, each member's `remaining` asks what the group does
/// once it is reached: a search of the group per member, so members² searches' worth of candidates
/// (members × lines × members, with a step for each member a candidate leaves out). Bounded by the
/// budget, not by lines × promotions (issue 16's goal, not met for this case); this pins the growth.
#[test]
fn a_short_cart_s_progress_searches_the_group_once_per_member() {
    let short = cart(2);
    let (sixteen, thirty_two) = (group(16, "original"), group(32, "original"));
    assert_growth(
        "short cart, group: 16 → 32 members",
        (&sixteen, &short),
        (&thirty_two, &short),
        35..=60,
    );
}
