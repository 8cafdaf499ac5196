//! The bodies of the fuzz targets (`fuzz/`), kept in the crate so that `cargo test` replays the
//! committed corpus and crashers (`fuzz/regressions/`) through exactly the same code.

use rust_decimal::Decimal;

use crate::Engine;

/// Parses and validates bytes as a config; errors must name a path inside the document.
pub fn config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(errors) = Engine::from_json(text) {
        for error in errors.all() {
            assert!(!error.to_string().is_empty());
        }
    }
}

/// Bytes as a config and a cart split at the first NUL (no NUL: an empty cart), with the engine of
/// the config; `None` when they are not UTF-8 or the config is refused.
fn engine_and_cart(data: &[u8]) -> Option<(Engine, &str)> {
    let text = std::str::from_utf8(data).ok()?;
    let (config, cart) = text.split_once('\0').unwrap_or((text, r#"{"lines":[]}"#));
    Some((Engine::from_json(config).ok()?, cart))
}

/// Reads bytes as a cart both ways: the direct reader (straight from the text, the path of every
/// quote) reads a cart exactly where the ordinary reader (through a tree) reads one without an
/// error, and the same cart; everywhere else it gives up, so the ordinary reader reports.
pub fn cart(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let direct = crate::cart::direct::read(text);
    let ordinary = crate::json::parse(text).ok().and_then(|value| {
        let mut errors = Vec::new();
        let doc = crate::cart::document::CartDoc::read(&value, &mut errors)?;
        errors.is_empty().then_some(doc)
    });
    match (direct, ordinary) {
        (Some(direct), Some(ordinary)) => assert_eq!(format!("{direct:?}"), format!("{ordinary:?}")),
        (None, None) => {}
        (direct, ordinary) => panic!("direct {direct:?}, ordinary {ordinary:?}"),
    }
}

/// Any bytes as a cart in the package's compact encoding: where the compact reader reads one, the
/// JSON text `JSON.stringify` would write for it reads (directly and the ordinary way) to the same
/// cart.
pub fn compact(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(compact) = crate::cart::compact::read(text) else {
        return;
    };
    let json = crate::cart::compact::json_of(text).expect("read once, read twice");
    let direct =
        crate::cart::direct::read(&json).unwrap_or_else(|| panic!("the direct reader gave up on {json}"));
    let value = crate::json::parse(&json).expect("JSON written by json_of");
    let mut errors = Vec::new();
    let ordinary = crate::cart::document::CartDoc::read(&value, &mut errors).filter(|_| errors.is_empty());
    assert_eq!(format!("{compact:?}"), format!("{direct:?}"), "{text:?}");
    assert_eq!(
        Some(format!("{compact:?}")),
        ordinary.map(|o| format!("{o:?}")),
        "{text:?}"
    );
}

/// Splits bytes at the first NUL into a config and a cart, quotes, and checks the money rules.
pub fn quote(data: &[u8]) {
    let Some((engine, cart)) = engine_and_cart(data) else {
        return;
    };
    check_quote(&engine, cart);
}

/// Splits bytes like [`quote`]. A config the validator accepts is compiled and read back: the
/// compiled engine writes the same compiled text and quotes the cart byte for byte as the raw one.
/// Anything else is taken as a compiled payload (the `config` array), sealed with its right hash so
/// that the reader's own checks are reached: refused, or an engine whose quotes keep the money rules.
pub fn compiled(data: &[u8]) {
    use crate::config::compiled::seal;
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (config, cart) = text.split_once('\0').unwrap_or((text, r#"{"lines":[]}"#));
    let limits = crate::Limits::default();
    if let Ok(engine) = Engine::from_json(config) {
        let compiled = engine.config().to_compiled();
        let again = Engine::from_compiled_within(&compiled, limits).expect("a compiled config reads back");
        assert_eq!(again.config().to_compiled(), compiled);
        match (engine.quote_json(cart, 0), again.quote_json(cart, 0)) {
            (Ok(a), Ok(b)) => assert_eq!(a.to_json(), b.to_json()),
            (Err(a), Err(b)) => assert_eq!(a.to_json(), b.to_json()),
            (a, b) => panic!("raw {a:?}, compiled {b:?}"),
        }
        return;
    }
    let Some(sealed) = seal(config) else {
        return;
    };
    match Engine::from_compiled_within(&sealed, limits) {
        Ok(engine) => check_quote(&engine, cart),
        Err(errors) => {
            for error in errors.all() {
                assert!(!error.to_string().is_empty());
            }
        }
    }
}

/// Quotes a cart and checks the money rules, the summary and the suggestions.
fn check_quote(engine: &Engine, cart: &str) {
    let Ok(quote) = engine.quote_json(cart, 0) else {
        return;
    };
    let (subtotal, discount, shipping, total) = (
        quote.subtotal.to_decimal(),
        quote.discount.to_decimal(),
        quote.shipping.to_decimal(),
        quote.total.to_decimal(),
    );
    assert_eq!(total, subtotal - discount + shipping);
    assert!(discount <= subtotal);
    assert!(!total.is_sign_negative() || total.is_zero());
    let shares: Decimal = quote.lines.iter().map(|l| l.discount.to_decimal()).sum();
    assert_eq!(shares, discount);
    // A summary says exactly what the full quote says, less the detail.
    let summary = engine
        .quote_json_with(cart, 0, crate::Detail::Summary)
        .expect("a cart that quotes also summarises");
    let mut full = quote.clone();
    full.detail = crate::Detail::Summary;
    assert_eq!(full.to_json(), summary.to_json());
    // Suggestions for the same cart: each is consistent with its own figures and the settings. The
    // cart's text is read as suggestion options too (the options reader's fuzzing).
    let options = crate::suggest::SuggestOptions::from_json(cart).unwrap_or_default();
    for options in [crate::suggest::SuggestOptions::default(), options] {
        let Ok(found) = engine.suggest_json(cart, 0, &options) else {
            continue;
        };
        let config = engine.config();
        let max_units = match &options.settings {
            Some(doc) => {
                config
                    .suggest
                    .with(doc, &crate::JsonPath::root(), &mut Vec::new())
                    .max_units
            }
            None => config.suggest.max_units,
        };
        for s in found {
            assert_eq!(s.net.minor(), s.spend.minor() - s.saving.minor());
            assert!(!s.items.is_empty() && s.items.len() <= crate::suggest::MAX_BUNDLE);
            assert!(s.overspend.minor() >= 0);
            assert!(!s.browse || s.overspend.minor() == 0);
            for criterion in crate::config::suggest::Criterion::ALL {
                assert!(s.score.of(criterion).abs() <= crate::suggest::rank::FULL);
            }
            for i in &s.items {
                let item = config
                    .catalog_item(&i.sku)
                    .expect("a suggested SKU is in the catalog");
                assert!(!item.never_suggest && i.quantity % item.pack == 0);
                assert!(i.quantity <= item.pack.saturating_mul(max_units));
                assert!(item.max_per_suggestion.is_none_or(|m| i.quantity <= m));
            }
        }
    }
}

/// Splits bytes like [`quote`]; then prices the cart again with every line split into one-unit
/// lines in its place (up to [`MAX_SPLIT_UNITS`] units in all): the total, the discount, the
/// shipping and every promotion's amount and applications must not change.
pub fn split_lines(data: &[u8]) {
    let Some((engine, cart)) = engine_and_cart(data) else {
        return;
    };
    let Ok(cart) = crate::Cart::from_json(cart, engine.config()) else {
        return;
    };
    if cart.lines.iter().map(|l| l.quantity).sum::<u64>() > MAX_SPLIT_UNITS {
        return;
    }
    let mut split = cart.clone();
    split.lines = cart
        .lines
        .iter()
        .flat_map(|line| {
            (0..line.quantity).map(move |_| crate::cart::Line {
                quantity: 1,
                ..line.clone()
            })
        })
        .collect();
    let (Ok(whole), Ok(parts)) = (engine.quote(&cart, 0), engine.quote(&split, 0)) else {
        return;
    };
    assert_eq!(
        split_figures(&whole),
        split_figures(&parts),
        "splitting lines changed the quote"
    );
}

/// The most units [`split_lines`] splits into one-unit lines.
pub const MAX_SPLIT_UNITS: u64 = 512;

/// What splitting lines must not change: the totals, each applied promotion's amount and how many
/// times it applied, the gifts.
fn split_figures(quote: &crate::Quote) -> String {
    let mut out = format!(
        "{} {} {} {} {}",
        quote.subtotal, quote.discount, quote.shipping, quote.total, quote.currency
    );
    for applied in &quote.applied {
        out.push_str(&format!(
            " | {} {} {:?}",
            applied.promotion, applied.amount, applied.times
        ));
    }
    for gift in &quote.gifts {
        out.push_str(&format!(" | gift {gift:?}"));
    }
    out
}

/// Bytes as an orders file (CSV or JSON lines) simulated under the seed config: a report or an
/// error naming its line, never a panic; and a report's figures are consistent.
pub fn orders(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Built once, not for every input.
    static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
    let engine = ENGINE.get_or_init(|| {
        Engine::from_json(
            r#"{"currency":"CNY","shipping":{"fee":"10"},"promotions":[
            {"id":"free-ship","kind":"free_shipping","tiers":[{"min_subtotal":"99"}],"scope":{"categories":["home","cleaning"]}},
            {"id":"anniversary","kind":"amount_off","tiers":[{"min_subtotal":"99","off":"10"},{"min_subtotal":"150","off":"30"}]},
            {"id":"b2g1","kind":"buy_x_get_y","scope":{"categories":["cleaning"]},"tiers":[{"buy":2,"get":1,"percent":"100"}]}]}"#,
        )
        .expect("the fuzz config is valid")
    });
    let options = crate::simulate::SimulateOptions::default();
    if let Ok(report) = crate::simulate::simulate_text(engine, text, options, 0) {
        let value: serde_json::Value = serde_json::from_str(&report).expect("reports are JSON");
        let bins: u64 = value["histogram"]["bins"]
            .as_array()
            .map(|b| b.iter().filter_map(|b| b["orders"].as_u64()).sum())
            .unwrap_or(0);
        assert_eq!(Some(bins), value["orders"].as_u64(), "every order is in one bin");
    }
}

/// Any bytes as an events file and an orders file (split at the first NUL) for an experiment's
/// report, fed in pieces of 7 bytes and whole: a report or an error, never a panic; the pieces give
/// the same report as the whole, and every counted order is in one variant.
pub fn report(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (events, orders) = text.split_once('\0').unwrap_or((text, ""));
    static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
    let engine = ENGINE.get_or_init(|| {
        Engine::from_json(
            r#"{"currency":"CNY","shipping":{"fee":"10"},"promotions":[
            {"id":"free-ship","kind":"free_shipping","tiers":[{"min_subtotal":"99"}]},
            {"id":"anniversary","kind":"amount_off","tiers":[{"min_subtotal":"99","off":"10"},{"min_subtotal":"150","off":"30"}]}],
            "experiments":[{"id":"e","promotions":["free-ship"],"variants":[{"id":"a"},{"id":"b","tiers":{"free-ship":[{"min_subtotal":"89"}]}},{"id":"h","holdout":true}]}]}"#,
        )
        .expect("the fuzz config is valid")
    });
    let run = |piece: usize| -> Option<String> {
        let mut results = crate::results::Results::new(engine.clone(), None, 0).ok()?;
        for chunk in pieces(events, piece) {
            results.push_events(chunk).ok()?;
        }
        for chunk in pieces(orders, piece) {
            results.push_orders(chunk).ok()?;
        }
        results.finish().ok().map(|r| r.to_json())
    };
    let whole = run(usize::MAX);
    assert_eq!(run(7), whole, "pieces give the whole's report");
    if let Some(report) = whole {
        let value: serde_json::Value = serde_json::from_str(&report).expect("reports are JSON");
        let per_variant: u64 = value["variants"]
            .as_array()
            .map(|v| v.iter().filter_map(|v| v["orders"].as_u64()).sum())
            .unwrap_or(0);
        assert_eq!(
            Some(per_variant),
            value["orders"].as_u64(),
            "every order in one variant"
        );
    }
}

/// `text` in pieces of at most `size` bytes, each cut on a character boundary.
fn pieces(text: &str, size: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let mut end = size.min(rest.len());
        while !rest.is_char_boundary(end) {
            end += 1;
        }
        out.push(&rest[..end]);
        rest = &rest[end..];
    }
    out
}
