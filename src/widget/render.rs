//! The widget's markup, described once: the live element patches its shadow root to it, and
//! [`document`] writes it as server-rendered HTML with a declarative shadow root.

use super::markup::{Element, Markup};
use super::options::{Direction, Variant, WidgetOptions};
use super::view::{Card, GiftChoice, Track, View};

/// The widget's stylesheet (`src/widget/nexttier.css`), for native server rendering. The package
/// ships the same file as `nexttier.css` and `style.js`; its `renderHtml` passes that text in, so the
/// wasm does not carry a second copy.
#[cfg(not(target_arch = "wasm32"))]
pub const STYLESHEET: &str = include_str!("nexttier.css");

/// The class of the live region, which the element fills itself (throttled) and patching leaves alone.
pub const STATUS_CLASS: &str = "status";

/// An HTML element whose class and `part` are both `name`.
fn named(tag: &'static str, name: &'static str) -> Element {
    Element::html(tag).attr("class", name).attr("part", name)
}

/// `1234` hundredths of a percent as `12.34%`.
fn percent(hundredths: u32) -> String {
    format!("{}.{:02}%", hundredths / 100, hundredths % 100)
}

/// The widget's content: everything in the shadow root but the stylesheet and the live region.
pub fn container(view: &View, options: &WidgetOptions) -> Markup {
    let mut root = Element::html("div")
        .attr("class", "nt")
        .attr("part", "container")
        .attr("data-state", view.state.as_str())
        .attr(
            "data-variant",
            match options.variant {
                Variant::Full => "full",
                Variant::Compact => "compact",
            },
        );
    if options.dir == Direction::Rtl {
        root = root.attr("dir", "rtl");
    }
    if let Some(message) = &view.message {
        root = root.child(named("p", "message").text(message));
    }
    if let Some(celebration) = &view.celebration {
        root = root.child(named("p", "celebration").text(celebration));
    }
    for track in &view.tracks {
        root = root.child(bar(track, &view.bar_label, options.dir));
    }
    if let Some(savings) = &view.savings {
        root = root.child(named("p", "savings").text(savings));
    }
    if let Some(countdown) = &view.countdown {
        // A timer is not read out on every change (its live setting is off): the live region says
        // it in the last 10 minutes.
        root = root.child(named("p", "countdown").attr("role", "timer").text(countdown));
    }
    for choice in &view.gift_choices {
        root = root.child(gift_choice(choice));
    }
    if !view.cards.is_empty() {
        let cards = view.cards.iter().map(|card| suggestion(card, &view.add));
        root = root.child(
            named("section", "suggestions")
                .attr("aria-label", view.suggestions_title.clone())
                .child(
                    named("p", "suggestions-title")
                        .attr("aria-hidden", "true")
                        .text(&view.suggestions_title),
                )
                .child(Element::html("ul").attr("class", "cards").children(cards)),
        );
    }
    root.into()
}

/// A progress bar: an SVG (attributes only, so no inline style is needed under a strict CSP) inside
/// an element with the `progressbar` role.
fn bar(track: &Track, label: &str, dir: Direction) -> Markup {
    // Positions from the inline start: mirrored for right-to-left.
    let from_start = |at: u32| match dir {
        Direction::Ltr => at,
        Direction::Rtl => 10_000 - at,
    };
    let fill_x = match dir {
        Direction::Ltr => 0,
        Direction::Rtl => 10_000 - track.fill,
    };
    let mut svg = Element::svg("svg")
        .attr("class", "bar")
        .attr("part", "bar")
        .attr("width", "100%")
        .attr("height", "34")
        .attr("aria-hidden", "true")
        .attr("focusable", "false")
        .child(
            Element::svg("rect")
                .attr("class", "rail")
                .attr("part", "rail")
                .attr("x", "0")
                .attr("y", "4")
                .attr("width", "100%")
                .attr("height", "8")
                .attr("rx", "4"),
        )
        .child(
            Element::svg("rect")
                .attr("class", "fill")
                .attr("part", "fill")
                .attr("x", percent(fill_x))
                .attr("y", "4")
                .attr("width", percent(track.fill))
                .attr("height", "8")
                .attr("rx", "4"),
        );
    for marker in &track.markers {
        let at = from_start(marker.at);
        // Labels near the ends are anchored inwards so they stay inside the bar.
        let anchor = if at <= 800 {
            "start"
        } else if at >= 9_200 {
            "end"
        } else {
            "middle"
        };
        let cx = percent(at.clamp(60, 9_940));
        let class = if marker.reached {
            "marker reached"
        } else {
            "marker"
        };
        svg = svg.child(
            Element::svg("g")
                .attr("class", class)
                .attr(
                    "part",
                    if marker.reached {
                        "marker marker-reached"
                    } else {
                        "marker"
                    },
                )
                .child(Element::svg("title").text(format!("{}: {}", marker.label, marker.rewards)))
                .child(
                    Element::svg("circle")
                        .attr("cx", cx.clone())
                        .attr("cy", "8")
                        .attr("r", "5"),
                )
                .child(
                    Element::svg("text")
                        .attr("class", "marker-label")
                        .attr("x", cx)
                        .attr("y", "30")
                        .attr("text-anchor", anchor)
                        .text(&marker.label),
                ),
        );
    }
    named("div", "track")
        .attr("role", "progressbar")
        .attr("aria-label", label)
        .attr("aria-valuemin", "0")
        .attr("aria-valuemax", track.max.clone())
        .attr("aria-valuenow", track.value.clone())
        .attr("aria-valuetext", track.value_text.clone())
        .child(svg)
        .into()
}

/// A suggestion card with its "Add" button; the element turns a click into `nexttier:add`.
fn suggestion(card: &Card, add: &str) -> Markup {
    let mut li = Element::html("li")
        .attr("class", "card")
        .attr("part", "suggestion");
    if let Some(image) = &card.image {
        li = li.child(
            Element::html("img")
                .attr("class", "image")
                .attr("part", "suggestion-image")
                .attr("src", image.clone())
                .attr("alt", "")
                .attr("width", "40")
                .attr("height", "40")
                .attr("loading", "lazy"),
        );
    }
    let (sku, quantity) = card.items.first().cloned().unwrap_or_default();
    // The items as JSON (`[["blue mug",2]]`): a SKU may hold spaces, `*`, quotes, anything, and
    // reaches the `nexttier:add` event exactly.
    let mut items = String::from("[");
    for (i, (sku, quantity)) in card.items.iter().enumerate() {
        if i > 0 {
            items.push(',');
        }
        items.push('[');
        crate::json::write_string(&mut items, sku);
        items.push(',');
        crate::json::push_u64(&mut items, *quantity);
        items.push(']');
    }
    items.push(']');
    li.child(
        Element::html("span")
            .attr("class", "text")
            .child(
                Element::html("span")
                    .attr("class", "name")
                    .attr("part", "suggestion-name")
                    .text(&card.name),
            )
            .child(
                Element::html("span")
                    .attr("class", "unlocks")
                    .attr("part", "suggestion-unlocks")
                    .text(&card.unlocks),
            )
            // Always there (empty when the reason is not the shopper's), so a re-render patches
            // its text instead of adding or removing a node.
            .child(
                Element::html("span")
                    .attr("class", "reason")
                    .attr("part", "suggestion-reason")
                    .text(card.reason.as_deref().unwrap_or("")),
            ),
    )
    .child(
        Element::html("span")
            .attr("class", "price")
            .attr("part", "suggestion-price")
            .text(&card.price),
    )
    .child(
        Element::html("button")
            .attr("type", "button")
            .attr("class", "add")
            .attr("part", "add-button")
            .attr("data-sku", sku)
            .attr("data-quantity", quantity.to_string())
            .attr("data-items", items)
            .attr("aria-label", card.button_label.clone())
            .text(add),
    )
    .into()
}

/// A gift to choose: a button per option, the one given pressed; the element turns a click into
/// `nexttier:choose-gift`.
fn gift_choice(choice: &GiftChoice) -> Markup {
    let buttons = choice.options.iter().map(|(sku, name, given)| {
        Element::html("button")
            .attr("type", "button")
            .attr("class", "gift-option")
            .attr(
                "part",
                if *given {
                    "gift-option gift-option-chosen"
                } else {
                    "gift-option"
                },
            )
            .attr("data-gift", choice.promotion.to_string())
            .attr("data-gift-sku", sku.clone())
            .attr("aria-pressed", if *given { "true" } else { "false" })
            .text(name)
            .into()
    });
    named("section", "gift-choice")
        .child(
            named("p", "gift-choice-title")
                .attr("aria-hidden", "true")
                .text(&choice.title),
        )
        .child(
            Element::html("div")
                .attr("class", "gift-options")
                .attr("role", "group")
                .attr("aria-label", choice.title.clone())
                .children(buttons),
        )
        .into()
}

/// The live region the element announces into (empty when server-rendered).
pub fn status() -> Markup {
    Element::html("div")
        .attr("class", STATUS_CLASS)
        .attr("part", "status")
        .attr("role", "status")
        .attr("aria-live", "polite")
        .attr("aria-atomic", "true")
        .into()
}

/// The whole element as HTML, with a declarative shadow root: a server or a static page shows the
/// right bar before any script runs, and the element takes it over when the package loads. The
/// stylesheet is linked when `options.stylesheet` names it, else `css` is inlined.
pub fn document(view: &View, options: &WidgetOptions, css: &str) -> String {
    let mut host = Element::html("next-tier").attr("lang", options.words.tag.clone());
    if options.variant == Variant::Compact {
        host = host.attr("variant", "compact");
    }
    if options.dir == Direction::Rtl {
        host = host.attr("dir", "rtl");
    }
    let mut template = Element::html("template").attr("shadowrootmode", "open");
    if let Some(href) = &options.stylesheet {
        template = template.child(
            Element::html("link")
                .attr("rel", "stylesheet")
                .attr("href", href.clone()),
        );
    }
    let template = template.child(container(view, options)).child(status());
    let html = Markup::from(host.child(template)).to_html();
    if options.stylesheet.is_some() {
        return html;
    }
    // The stylesheet is the package's own text, written raw (escaping would break it); a `</` in it
    // could never end the style element early.
    let open = "<template shadowrootmode=\"open\">";
    let at = find(&html, open).map_or(0, |i| i + open.len());
    let mut out = String::with_capacity(html.len() + css.len() + 16);
    out.push_str(&html[..at]);
    out.push_str("<style>");
    let mut rest = css;
    while let Some(i) = find(rest, "</") {
        out.push_str(&rest[..i]);
        out.push_str("<\\/");
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out.push_str("</style>");
    out.push_str(&html[at..]);
    out
}

/// Where `needle` (not empty, starting with an ASCII byte) first occurs in `text`: a plain scan,
/// since the standard library's two-way searcher is 1.3 KB of wasm for the two short needles here.
fn find(text: &str, needle: &str) -> Option<usize> {
    text.as_bytes()
        .windows(needle.len())
        .position(|window| window == needle.as_bytes())
}
