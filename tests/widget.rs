//! The widget's view and markup for the seed scenario, checked by hand, natively.

use nexttier::widget::markup::Markup;
use nexttier::widget::render;
use nexttier::widget::view::{self, State, View};
use nexttier::widget::{PlainMoney, WidgetOptions};
use nexttier::{Cart, Engine};

const SEED: &str = include_str!("vectors/configs/seed.json");

fn view_of(config: &str, cart: &str, options: &str) -> View {
    let engine = Engine::from_json(config).unwrap();
    let cart = Cart::from_json(cart, engine.config()).unwrap();
    let options = WidgetOptions::from_json(options).unwrap();
    // Money in the cart's currency: the config's, or its market's.
    let money = PlainMoney {
        code: engine.for_cart(&cart).config().currency.code,
    };
    view::build(&engine, &cart, 0, &options, &money).unwrap().0
}

const CART_92: &str =
    r#"{"lines":[{"sku":"mop","price":"38","quantity":1},{"sku":"detergent","price":"18","quantity":3}]}"#;
const CART_99: &str = r#"{"lines":[{"sku":"mop","price":"38","quantity":1},{"sku":"detergent","price":"18","quantity":3},{"sku":"sponge","price":"7","quantity":1}]}"#;

#[test]
fn seed_92_names_both_99_tiers_in_one_message() {
    let view = view_of(SEED, CART_92, "{}");
    assert_eq!(view.state, State::Progress);
    assert_eq!(
        view.message.as_deref(),
        Some("Add ¥7.00 more for free shipping and ¥10.00 off")
    );
    assert_eq!(view.celebration, None);
    assert_eq!(view.savings, None);
    // Both promotions measure the same 92.00: one bar, to 150, with two milestones (99 merged).
    assert_eq!(view.tracks.len(), 1);
    let track = &view.tracks[0];
    assert_eq!((track.value.as_str(), track.max.as_str()), ("92.00", "150.00"));
    assert_eq!(track.fill, 6133); // 92 / 150 = 61.33 %
    let markers: Vec<_> = track
        .markers
        .iter()
        .map(|m| (m.at, m.label.as_str(), m.rewards.as_str(), m.reached))
        .collect();
    assert_eq!(
        markers,
        [
            (6600, "¥99.00", "free shipping and ¥10.00 off", false),
            (10000, "¥150.00", "¥30.00 off", false)
        ]
    );
    assert_eq!(
        track.value_text,
        "¥92.00 of ¥150.00. Add ¥7.00 more for free shipping and ¥10.00 off"
    );
    // The add-on that closes the gap exactly: one sponge (7.00).
    assert_eq!(view.cards[0].items, [("sponge".to_owned(), 1)]);
    assert_eq!(view.cards[0].price, "¥7.00");
    assert_eq!(view.cards[0].unlocks, "Unlocks free shipping and ¥10.00 off");
    assert_eq!(view.cards[0].button_label, "Add Sponge 3-pack to cart");
    let nearest = view.nearest.as_ref().unwrap();
    assert_eq!(
        (nearest.remaining.as_str(), nearest.threshold.as_str()),
        ("7.00", "99.00")
    );
    assert_eq!(nearest.promotions.len(), 2);
}

#[test]
fn seed_99_celebrates_and_points_at_150() {
    let view = view_of(SEED, CART_99, "{}");
    assert_eq!(view.message.as_deref(), Some("Add ¥51.00 more for ¥30.00 off"));
    assert_eq!(
        view.celebration.as_deref(),
        Some("You've unlocked free shipping and ¥10.00 off")
    );
    // 10 off plus the 10 shipping waived.
    assert_eq!(view.savings.as_deref(), Some("You're saving ¥20.00"));
    assert_eq!(view.saved, "20.00");
    assert!(view.tracks[0].markers[0].reached);
    assert!(!view.tracks[0].markers[1].reached);
    assert_eq!(view.tracks[0].fill, 6600);
    assert_eq!(
        view.announcement(true),
        "You've unlocked free shipping and ¥10.00 off"
    );
    assert_eq!(view.announcement(false), "Add ¥51.00 more for ¥30.00 off");
}

#[test]
fn everything_reached_is_done_with_a_full_bar() {
    let cart = r#"{"lines":[{"sku":"mop","price":"38","quantity":4}]}"#;
    let view = view_of(SEED, cart, "{}");
    assert_eq!(view.state, State::Done);
    assert_eq!(view.message, None);
    assert!(view.cards.is_empty());
    assert_eq!(view.tracks[0].fill, 10000);
    assert_eq!(
        view.celebration.as_deref(),
        Some("You've unlocked free shipping and ¥30.00 off")
    );
}

#[test]
fn chinese_words_and_overrides() {
    let view = view_of(SEED, CART_92, r#"{"lang":"zh-CN"}"#);
    assert_eq!(
        view.message.as_deref(),
        Some("再买¥7.00，即可享免运费和立减¥10.00")
    );
    assert_eq!(view.add, "加购");
    let view = view_of(
        SEED,
        CART_92,
        r#"{"messages":{"progress":"Only {remaining} to go: {reward}!","add":"Grab it"}}"#,
    );
    assert_eq!(
        view.message.as_deref(),
        Some("Only ¥7.00 to go: free shipping and ¥10.00 off!")
    );
    assert_eq!(view.add, "Grab it");
}

#[test]
fn a_promotions_own_template_wins_in_its_language() {
    let config = SEED.replace(
        r#""label": "Free shipping","#,
        r#""label": "Free shipping", "messages": { "progress": { "en": "{remaining} away from {reward} (at {threshold})", "zh": "差{remaining}包邮" }, "reached": { "en": "Shipping is on us" } },"#,
    );
    let view = view_of(&config, CART_92, "{}");
    assert_eq!(
        view.message.as_deref(),
        Some("¥7.00 away from free shipping and ¥10.00 off (at ¥99.00)")
    );
    let view = view_of(&config, CART_92, r#"{"lang":"zh"}"#);
    assert_eq!(view.message.as_deref(), Some("差¥7.00包邮"));
    let view = view_of(&config, CART_99, "{}");
    assert_eq!(view.celebration.as_deref(), Some("Shipping is on us"));
}

#[test]
fn quantity_tiers_speak_in_items() {
    let config = r#"{"currency":"CNY","promotions":[{"id":"bulk","kind":"percent_off",
        "tiers":[{"min_quantity":3,"percent":"10"},{"min_quantity":5,"percent":"20"}]}]}"#;
    let view = view_of(
        config,
        r#"{"lines":[{"sku":"a","price":"5","quantity":2}]}"#,
        r#"{"suggest":false}"#,
    );
    assert_eq!(view.message.as_deref(), Some("Add 1 more item for 10% off"));
    assert_eq!(
        (view.tracks[0].value.as_str(), view.tracks[0].max.as_str()),
        ("2", "5")
    );
    assert!(!view.tracks[0].money);
    let view = view_of(
        config,
        r#"{"lines":[{"sku":"a","price":"5","quantity":3}]}"#,
        r#"{"suggest":false}"#,
    );
    assert_eq!(view.message.as_deref(), Some("Add 2 more items for 20% off"));
}

#[test]
fn markup_of_the_seed_cart() {
    let options = WidgetOptions::from_json("{}").unwrap();
    let view = view_of(SEED, CART_92, "{}");
    let Markup::Element(root) = render::container(&view, &options) else {
        panic!()
    };
    assert_eq!(root.get("data-state"), Some("progress"));
    let html = render::container(&view, &options).to_html();
    assert!(html.contains(r#"role="progressbar" aria-label="Progress to the next reward" aria-valuemin="0" aria-valuemax="150.00" aria-valuenow="92.00""#), "{html}");
    assert!(
        html.contains(r#"<rect class="fill" part="fill" x="0.00%" y="4" width="61.33%""#),
        "{html}"
    );
    assert!(html.contains(r#"data-sku="sponge" data-quantity="1""#), "{html}");
    assert!(
        !html.contains("style="),
        "no inline style attribute: the strict CSP forbids them"
    );
}

#[test]
fn right_to_left_fills_from_the_inline_start() {
    let options = WidgetOptions::from_json(r#"{"dir":"rtl"}"#).unwrap();
    let view = view_of(SEED, CART_92, r#"{"dir":"rtl"}"#);
    let html = render::container(&view, &options).to_html();
    // The fill starts at the right: x = 100 − 61.33.
    assert!(html.contains(r#"x="38.67%" y="4" width="61.33%""#), "{html}");
    assert!(html.contains(
        r#"<div class="nt" part="container" data-state="progress" data-variant="full" dir="rtl">"#
    ));
}

/// The server-rendered HTML of the 92 cart for a config and options.
fn server_html(config: &str, options: &str) -> String {
    let engine = Engine::from_json(config).unwrap();
    let cart = Cart::from_json(CART_92, engine.config()).unwrap();
    let options = WidgetOptions::from_json(options).unwrap();
    let money = PlainMoney { code: "CNY" };
    engine
        .render_html(&cart, 0, &options, &money, render::STYLESHEET)
        .unwrap()
}

#[test]
fn hostile_names_stay_text_in_server_html() {
    let config = SEED.replace("Sponge 3-pack", "<img src=x onerror=alert(1)>");
    let html = server_html(&config, r#"{"messages":{"add":"<b>Add</b>"}}"#);
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
    assert!(html.contains("Add &lt;img src=x onerror=alert(1)&gt; to cart"));
    assert!(html.starts_with(r#"<next-tier lang="en"><template shadowrootmode="open"><style>:host {"#));
    assert!(html.ends_with(r#"<div class="status" part="status" role="status" aria-live="polite" aria-atomic="true"></div></template></next-tier>"#));
}

#[test]
fn a_stylesheet_cannot_end_its_style_element() {
    let engine = Engine::from_json(SEED).unwrap();
    let cart = Cart::from_json(CART_92, engine.config()).unwrap();
    let options = WidgetOptions::from_json("{}").unwrap();
    let money = PlainMoney { code: "CNY" };
    let css = "a{}</style><script>x</script></ b{}</";
    let html = engine.render_html(&cart, 0, &options, &money, css).unwrap();
    let styled =
        r#"<template shadowrootmode="open"><style>a{}<\/style><script>x<\/script><\/ b{}<\/</style><div"#;
    assert!(html.contains(styled), "{html}");
    assert_eq!(html.matches("</style>").count(), 1, "{html}");
}

#[test]
fn server_html_can_link_its_stylesheet() {
    let html = server_html(SEED, r#"{"stylesheet":"/pkg/nexttier.css","variant":"compact"}"#);
    assert!(html.starts_with(r#"<next-tier lang="en" variant="compact"><template shadowrootmode="open"><link rel="stylesheet" href="/pkg/nexttier.css"><div"#), "{html}");
}

#[test]
fn a_tier_that_would_not_apply_is_never_promised() {
    // ten-off applies at 150; fifteen-pct (at 200: 30 > 10) would replace it; five-pct (at 180: 9 < 10)
    // would not apply at all, so the widget must not promise it although it is nearer.
    let config = r#"{"currency":"CNY","promotions":[
        {"id":"ten-off","kind":"amount_off","group":"sitewide","tiers":[{"min_subtotal":"99","off":"10"}]},
        {"id":"fifteen-pct","kind":"percent_off","group":"sitewide","tiers":[{"min_subtotal":"200","percent":"15"}]},
        {"id":"five-pct","kind":"percent_off","group":"sitewide","tiers":[{"min_subtotal":"180","percent":"5"}]}]}"#;
    let view = view_of(
        config,
        r#"{"lines":[{"sku":"a","price":"150","quantity":1}]}"#,
        r#"{"suggest":false}"#,
    );
    assert_eq!(view.message.as_deref(), Some("Add ¥50.00 more for 15% off"));
    assert_eq!(view.celebration.as_deref(), Some("You've unlocked ¥10.00 off"));
}

#[test]
fn buy_x_get_y_speaks_in_items() {
    let config = r#"{"currency":"CNY","promotions":[{"id":"b2g1","kind":"buy_x_get_y",
        "tiers":[{"buy":2,"get":1,"percent":"100"}]}]}"#;
    let view = view_of(
        config,
        r#"{"lines":[{"sku":"a","price":"5","quantity":2}]}"#,
        r#"{"suggest":false}"#,
    );
    assert_eq!(view.message.as_deref(), Some("Add 1 more item for 1 item free"));
    let view = view_of(
        config,
        r#"{"lines":[{"sku":"a","price":"5","quantity":3}]}"#,
        r#"{"suggest":false}"#,
    );
    assert_eq!(view.celebration.as_deref(), Some("You've unlocked 1 item free"));
    assert_eq!(view.message.as_deref(), Some("Add 3 more items for 1 item free"));
}

#[test]
fn a_cart_in_a_market_is_worded_in_its_currency() {
    // USD at 0.14, thresholds up to whole dollars: 99 → 14.00, 10 off → 1.40; the cart is 12.86.
    let config = SEED.replacen(
        "\"currency\": \"CNY\",",
        "\"currency\": \"CNY\", \"markets\": { \"USD\": { \"rate\": \"0.14\", \"to\": \"1\" } },",
        1,
    );
    let cart = r#"{"currency":"USD","lines":[{"sku":"mop","price":"5.30","quantity":1},{"sku":"detergent","price":"2.52","quantity":3}]}"#;
    let view = view_of(&config, cart, "{}");
    assert_eq!(
        view.message.as_deref(),
        Some("Add $1.14 more for free shipping and $1.40 off")
    );
    assert_eq!(view.tracks[0].markers[0].label, "$14.00");
    // The sponge costs 7 × 0.14 = 0.98 in the market's catalog: two close the 1.14 gap.
    assert_eq!(view.cards[0].price, "$1.96");
}

/// A bundle price in the widget's words (tests/vectors/bundle-price-three-for-fifty.json).
#[test]
fn a_bundle_price_is_worded_in_both_languages() {
    let config = r#"{"currency":"CNY","promotions":[{"id":"tea","kind":"bundle_price",
        "tiers":[{"quantity":3,"price":"50"}]}]}"#;
    let cart = r#"{"lines":[{"sku":"oolong","price":"20","quantity":4}]}"#;
    assert_eq!(
        view_of(config, cart, "{}").message.as_deref(),
        Some("Add 2 more items for 3 for ¥50.00")
    );
    assert_eq!(
        view_of(config, cart, r#"{"lang":"zh"}"#).message.as_deref(),
        Some("再买2件，即可享3件¥50.00")
    );
}

/// A buy X get Y at a price in the widget's words (tests/vectors/buy-x-get-y-second-for-one.json).
#[test]
fn the_second_for_one_is_worded_in_both_languages() {
    let config = r#"{"currency":"CNY","promotions":[{"id":"b1","kind":"buy_x_get_y",
        "tiers":[{"buy":1,"get":1,"price":"1"}]}]}"#;
    let cart = r#"{"lines":[{"sku":"tee","price":"30","quantity":3}]}"#;
    assert_eq!(
        view_of(config, cart, "{}").message.as_deref(),
        Some("Add 1 more item for 1 item for ¥1.00")
    );
    assert_eq!(
        view_of(config, cart, r#"{"lang":"zh"}"#).message.as_deref(),
        Some("再买1件，即可享1件仅需¥1.00")
    );
}

/// An amount off each unit in the widget's words (tests/vectors/amount-off-each-stepped.json).
#[test]
fn an_amount_off_each_unit_is_worded_in_both_languages() {
    let config = r#"{"currency":"CNY","promotions":[{"id":"mugs","kind":"amount_off_each","tiers":[
        {"min_quantity":2,"off":"2"},{"min_quantity":5,"off":"3"}]}]}"#;
    let cart = r#"{"lines":[{"sku":"mug","price":"12","quantity":3}]}"#;
    let en = view_of(config, cart, "{}");
    assert_eq!(
        en.message.as_deref(),
        Some("Add 2 more items for ¥3.00 off each item")
    );
    assert_eq!(
        en.celebration.as_deref(),
        Some("You've unlocked ¥2.00 off each item")
    );
    let zh = view_of(config, cart, r#"{"lang":"zh-CN"}"#);
    assert_eq!(zh.message.as_deref(), Some("再买2件，即可享每件立减¥3.00"));
}

/// A capped percentage in the widget's words, in English and Chinese; nothing in scope yet reads
/// "Spend …", not "Add … more" (tests/vectors/percent-max-off-stepped.json has the figures).
#[test]
fn a_capped_percentage_and_an_empty_scope_are_worded_in_both_languages() {
    let config = r#"{"currency":"CNY","promotions":[{"id":"pct","kind":"percent_off","tiers":[
        {"min_subtotal":"200","percent":"10","max_off":"25"},{"min_subtotal":"500","percent":"20","max_off":"60"}]}]}"#;
    let cart = r#"{"lines":[{"sku":"a","price":"300","quantity":1}]}"#;
    let en = view_of(config, cart, "{}");
    assert_eq!(
        en.message.as_deref(),
        Some("Add ¥200.00 more for 20% off (up to ¥60.00)")
    );
    assert_eq!(
        en.celebration.as_deref(),
        Some("You've unlocked 10% off (up to ¥25.00)")
    );
    let zh = view_of(config, cart, r#"{"lang":"zh-CN"}"#);
    assert_eq!(
        zh.message.as_deref(),
        Some("再买¥200.00，即可享20%优惠（最高¥60.00）")
    );
    assert_eq!(zh.celebration.as_deref(), Some("已解锁10%优惠（最高¥25.00）"));
    let empty = r#"{"lines":[]}"#;
    assert_eq!(
        view_of(config, empty, "{}").message.as_deref(),
        Some("Spend ¥200.00 for 10% off (up to ¥25.00)")
    );
    assert_eq!(
        view_of(config, empty, r#"{"lang":"zh"}"#).message.as_deref(),
        Some("满¥200.00即可享10%优惠（最高¥25.00）")
    );
}

/// Shipping discounts in the widget's words (tests/vectors/shipping-off-*.json).
#[test]
fn shipping_discounts_are_worded_in_both_languages() {
    let percent = r#"{"currency":"CNY","shipping":{"fee":"10"},"promotions":[{"id":"s","kind":"shipping_off",
        "tiers":[{"min_subtotal":"50","percent":"50"},{"min_subtotal":"100","percent":"100"}]}]}"#;
    let cart = r#"{"lines":[{"sku":"mug","price":"60","quantity":1}]}"#;
    assert_eq!(
        view_of(percent, cart, "{}").message.as_deref(),
        Some("Add ¥40.00 more for 100% off shipping")
    );
    assert_eq!(
        view_of(percent, cart, r#"{"lang":"zh"}"#).message.as_deref(),
        Some("再买¥40.00，即可享运费100%优惠")
    );
    let amount = r#"{"currency":"CNY","shipping":{"fee":"10"},"promotions":[{"id":"s","kind":"shipping_off",
        "tiers":[{"min_subtotal":"99","off":"5"}]}]}"#;
    assert_eq!(
        view_of(amount, cart, "{}").message.as_deref(),
        Some("Add ¥39.00 more for ¥5.00 off shipping")
    );
    assert_eq!(
        view_of(amount, cart, r#"{"lang":"zh"}"#).message.as_deref(),
        Some("再买¥39.00，即可享运费立减¥5.00")
    );
}

/// Volume pricing in the widget's words (tests/vectors/price-break-*.json).
#[test]
fn price_breaks_are_worded_in_both_languages() {
    let config = r#"{"currency":"CNY","promotions":[{"id":"case","kind":"price_break","scope":{"skus":["detergent"]},
        "tiers":[{"min_quantity":10,"price":"9.20"},{"min_quantity":50,"price":"8.50"}]}]}"#;
    let seven = r#"{"lines":[{"sku":"detergent","price":"10","quantity":7}]}"#;
    assert_eq!(
        view_of(config, seven, "{}").message.as_deref(),
        Some("Add 3 more items for ¥9.20 each")
    );
    assert_eq!(
        view_of(config, seven, r#"{"lang":"zh"}"#).message.as_deref(),
        Some("再买3件，即可享每件¥9.20")
    );
    let twelve = r#"{"lines":[{"sku":"detergent","price":"10","quantity":12}]}"#;
    assert_eq!(
        view_of(config, twelve, "{}").message.as_deref(),
        Some("Add 38 more items for ¥8.50 each")
    );
}

/// The countdown to a promotion's end, in both languages, as the cart's time says
/// (tests/vectors/schedule-inside.json's promotion ends 2026-11-12T00:00:00+08:00).
#[test]
fn a_countdown_says_when_the_soonest_promotion_ends() {
    let config = r#"{"currency":"CNY","promotions":[{"id":"flash","kind":"percent_off","label":"Flash sale",
        "ends_at":"2026-11-12T00:00:00+08:00","tiers":[{"min_subtotal":"99","percent":"10"}]}]}"#;
    let at = |now: &str| format!(r#"{{"now":"{now}","lines":[{{"sku":"mug","price":"60","quantity":1}}]}}"#);
    let view = view_of(config, &at("2026-11-11T21:46:30+08:00"), "{}");
    assert_eq!(view.countdown.as_deref(), Some("Ends in 2 h 13 min"));
    // The text changes when 2 h 13 min becomes 2 h 12 min: 30 s on.
    assert_eq!(view.refresh_in, 30_000);
    assert!(!view.countdown_urgent);
    assert_eq!(
        view_of(config, &at("2026-11-11T21:46:30+08:00"), r#"{"lang":"zh"}"#)
            .countdown
            .as_deref(),
        Some("2小时13分钟后结束")
    );
    assert_eq!(
        view_of(config, &at("2026-11-09T20:00:00+08:00"), "{}")
            .countdown
            .as_deref(),
        Some("Ends in 2 d 4 h")
    );
    // In its last 10 minutes the live region says it too; in its last minute, "less than a minute".
    let late = view_of(config, &at("2026-11-11T23:51:00+08:00"), "{}");
    assert_eq!(late.countdown.as_deref(), Some("Ends in 9 min"));
    assert_eq!(
        late.announcement(false),
        "Add ¥39.00 more for 10% off. Ends in 9 min"
    );
    assert_eq!(
        view_of(config, &at("2026-11-11T23:59:30+08:00"), r#"{"lang":"zh"}"#)
            .countdown
            .as_deref(),
        Some("不到1分钟后结束")
    );
    // More than a week ahead, or ended: no countdown.
    assert_eq!(
        view_of(config, &at("2026-11-01T00:00:00+08:00"), "{}").countdown,
        None
    );
    assert_eq!(
        view_of(config, &at("2026-11-12T00:00:00+08:00"), "{}").refresh_in,
        -1
    );
}

/// Gifts to choose, several units and reduced prices: the words in both languages, and the
/// choice as pressed buttons naming their promotion and SKU.
const GIFTS: &str = r#"{ "currency": "CNY",
  "promotions": [
    { "id": "welcome-gift", "kind": "gift", "tiers": [
      { "min_subtotal": "100", "gift_choices": ["towel", "mug", "candle"] },
      { "min_subtotal": "200", "gift_choices": ["vase", "mug"], "quantity": 2 } ] },
    { "id": "mug-deal", "kind": "gift", "tiers": [ { "min_subtotal": "300", "gift": "mug", "quantity": 2, "price": "1" } ] } ],
  "catalog": [
    { "sku": "towel", "name": "Hand towel", "price": "12", "stock": 5 },
    { "sku": "mug", "name": "Mug", "price": "15", "stock": 10 },
    { "sku": "candle", "name": "Candle", "price": "20", "stock": 0 },
    { "sku": "vase", "name": "Glass vase", "price": "30" } ] }"#;

#[test]
fn gifts_are_worded_and_chosen_in_both_languages() {
    let cart =
        r#"{"lines":[{"sku":"plates","price":"150","quantity":1}],"gift_choices":{"welcome-gift":"mug"}}"#;
    let view = view_of(GIFTS, cart, "{}");
    assert_eq!(
        view.message.as_deref(),
        Some("Add ¥50.00 more for 2 free gifts of your choice")
    );
    assert_eq!(
        view.celebration.as_deref(),
        Some("You've unlocked a free gift of your choice")
    );
    let markers: Vec<_> = view.tracks[0]
        .markers
        .iter()
        .map(|m| m.rewards.as_str())
        .collect();
    assert_eq!(
        markers,
        [
            "a free gift of your choice",
            "2 free gifts of your choice",
            "Mug ×2 at ¥1.00 each"
        ]
    );
    // The choice: the candle has no stock; the mug is the shopper's pick.
    assert_eq!(view.gift_choices.len(), 1);
    let choice = &view.gift_choices[0];
    assert_eq!(&*choice.promotion, "welcome-gift");
    assert_eq!(choice.title, "Choose your gift");
    assert_eq!(
        choice.options,
        [
            ("towel".to_owned(), "Hand towel".to_owned(), false),
            ("mug".to_owned(), "Mug".to_owned(), true)
        ]
    );
    let html = render::container(&view, &WidgetOptions::from_json("{}").unwrap()).to_html();
    assert!(html.contains(
        r#"<button type="button" class="gift-option" part="gift-option gift-option-chosen" data-gift="welcome-gift" data-gift-sku="mug" aria-pressed="true">Mug</button>"#
    ), "{html}");
    assert!(
        html.contains(r#"role="group" aria-label="Choose your gift""#),
        "{html}"
    );

    let zh = view_of(GIFTS, cart, r#"{"lang":"zh-CN"}"#);
    assert_eq!(zh.message.as_deref(), Some("再买¥50.00，即可享自选赠品2件"));
    let markers: Vec<_> = zh.tracks[0].markers.iter().map(|m| m.rewards.as_str()).collect();
    assert_eq!(markers, ["自选赠品", "自选赠品2件", "每件¥1.00换购Mug×2"]);
    assert_eq!(zh.gift_choices[0].title, "选择您的赠品");

    // A fixed gift at a price: "Mug for ¥1.00" once reached; no choice to show.
    let one = GIFTS.replace(r#""quantity": 2, "price": "1""#, r#""price": "1""#);
    let cart =
        r#"{"lines":[{"sku":"plates","price":"300","quantity":1}],"gift_choices":{"welcome-gift":"vase"}}"#;
    let view = view_of(&one, cart, "{}");
    assert!(
        view.celebration.as_deref().unwrap().contains("Mug for ¥1.00"),
        "{:?}",
        view.celebration
    );
    assert_eq!(
        view.gift_choices[0].options[0],
        ("vase".to_owned(), "Glass vase".to_owned(), true)
    );
}

/// A recurring window counts down to its own end (not to an `ends_at`): Friday 21:30 in Shanghai,
/// the 20:00–22:00 window ends in 30 minutes, in both languages; in the last 10 minutes the live
/// region says it too.
#[test]
fn a_recurring_window_counts_down_to_its_end() {
    let config = r#"{ "currency": "CNY", "promotions": [ { "id": "night-owl", "kind": "percent_off",
        "tiers": [ { "min_subtotal": "99", "percent": "10" } ],
        "schedule": { "time_zone": "Asia/Shanghai", "days": ["fri", "sat"], "from": "20:00", "until": "22:00" } } ] }"#;
    let cart =
        |now: &str| format!(r#"{{"lines":[{{"sku":"lamp","price":"60","quantity":1}}],"now":"{now}"}}"#);
    let view = view_of(config, &cart("2027-01-08T21:30:00+08:00"), "{}");
    assert_eq!(view.countdown.as_deref(), Some("Ends in 30 min"));
    assert!(!view.countdown_urgent);
    let zh = view_of(config, &cart("2027-01-08T21:30:00+08:00"), r#"{"lang":"zh-CN"}"#);
    assert_eq!(zh.countdown.as_deref(), Some("30分钟后结束"));
    let late = view_of(config, &cart("2027-01-08T21:55:00+08:00"), "{}");
    assert_eq!(late.countdown.as_deref(), Some("Ends in 5 min"));
    assert!(late.countdown_urgent);
    assert_eq!(
        late.announcement(false),
        "Add ¥39.00 more for 10% off. Ends in 5 min"
    );
    // Outside the window: no offer, nothing to count down.
    let closed = view_of(config, &cart("2027-01-08T22:00:00+08:00"), "{}");
    assert_eq!((closed.countdown, closed.message), (None, None));
}

/// A shipping promotion limited to one method names it: "Add ¥39.00 more for 50% off Express
/// shipping" ("…Express运费50%优惠"), and "free Standard shipping" once the cart ships by standard.
#[test]
fn shipping_promotions_name_their_method() {
    let config = r#"{ "currency": "CNY",
      "shipping": { "fee": "10", "methods": [ { "id": "standard", "label": "Standard" }, { "id": "express", "label": "Express", "fee": "30" } ] },
      "promotions": [
        { "id": "free-standard", "kind": "free_shipping", "shipping_methods": ["standard"], "tiers": [ { "min_subtotal": "99" } ] },
        { "id": "express-half", "kind": "shipping_off", "shipping_methods": ["express"], "tiers": [ { "min_subtotal": "99", "percent": "50" } ] } ] }"#;
    let express = r#"{"lines":[{"sku":"lamp","price":"60","quantity":1}],"shipping":{"method":"express"}}"#;
    let view = view_of(config, express, "{}");
    assert_eq!(
        view.message.as_deref(),
        Some("Add ¥39.00 more for 50% off Express shipping")
    );
    let zh = view_of(config, express, r#"{"lang":"zh-CN"}"#);
    assert_eq!(
        zh.message.as_deref(),
        Some("再买¥39.00，即可享Express运费50%优惠")
    );
    let standard = r#"{"lines":[{"sku":"lamp","price":"120","quantity":1}]}"#;
    let view = view_of(config, standard, "{}");
    assert_eq!(
        view.celebration.as_deref(),
        Some("You've unlocked free Standard shipping")
    );
}

/// A promotion whose spend is there and only its condition is missing says what the condition
/// needs: "Add 1 more qualifying item for 10% off" ("再买1件指定商品，即可享10%优惠"); its spend
/// part missing too, the ordinary message for the spend stays.
#[test]
fn an_unmet_condition_is_worded_as_what_it_needs() {
    let config = r#"{ "currency": "CNY", "promotions": [ { "id": "two-shirts", "kind": "percent_off",
        "tiers": [ { "min_subtotal": "0", "percent": "10" } ],
        "condition": { "scope": { "categories": ["shirts"] }, "min_quantity": 2 } } ] }"#;
    let cart = r#"{"lines":[{"sku":"shirt","price":"50","quantity":1,"category":"shirts"},{"sku":"trousers","price":"100","quantity":1}]}"#;
    let view = view_of(config, cart, "{}");
    assert_eq!(
        view.message.as_deref(),
        Some("Add 1 more qualifying item for 10% off")
    );
    let nearest = view.nearest.unwrap();
    assert_eq!((nearest.remaining.as_str(), nearest.unit), ("1", "quantity"));
    let zh = view_of(config, cart, r#"{"lang":"zh-CN"}"#);
    assert_eq!(zh.message.as_deref(), Some("再买1件指定商品，即可享10%优惠"));
    // Spend and count: both short, the spend is said first.
    let both = r#"{ "currency": "CNY", "promotions": [ { "id": "p", "kind": "amount_off",
        "tiers": [ { "min_subtotal": "100", "off": "15" } ], "condition": { "min_subtotal": "150" } } ] }"#;
    let view = view_of(
        both,
        r#"{"lines":[{"sku":"lamp","price":"60","quantity":1}]}"#,
        "{}",
    );
    assert_eq!(view.message.as_deref(), Some("Add ¥40.00 more for ¥15.00 off"));
    let view = view_of(
        both,
        r#"{"lines":[{"sku":"lamp","price":"120","quantity":1}]}"#,
        "{}",
    );
    assert_eq!(
        view.message.as_deref(),
        Some("Spend ¥30.00 more on qualifying items for ¥15.00 off")
    );
}
