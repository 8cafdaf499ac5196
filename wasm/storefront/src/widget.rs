//! The `<next-tier>` element's engine room: renders the widget's markup into the element's shadow
//! root with web-sys (text as text, attributes as attributes), patching only what changed, and
//! decides which events the element dispatches and when the live region speaks.

use std::sync::Arc;

use wasm_bindgen::prelude::*;
use web_sys::{Document, Node, ShadowRoot};

use super::intl::IntlMoney;
use nexttier::json::{write_string, ObjectWriter};
use nexttier::widget::markup::{Element, Markup};
use nexttier::widget::view::{self, View};
use nexttier::widget::{render, WidgetOptions};
use nexttier::{Engine, Errors};
use nexttier_js::{clock, to_js};

const SVG: &str = "http://www.w3.org/2000/svg";

/// At most one polite announcement this often (milliseconds); a reached tier is announced at once.
const ANNOUNCE_EVERY_MS: f64 = 1500.0;

/// The widget state behind one `<next-tier>` element.
#[wasm_bindgen(js_name = RawWidget)]
pub struct RawWidget {
    root: ShadowRoot,
    engine: Option<Engine>,
    options: WidgetOptions,
    money: Option<IntlMoney>,
    container: Option<(web_sys::Element, Markup)>,
    status: Option<web_sys::Element>,
    reached: Option<Vec<(Arc<str>, usize)>>,
    announced: String,
    announced_at: f64,
    pending: Option<String>,
}

#[wasm_bindgen(js_class = RawWidget)]
impl RawWidget {
    /// A widget rendering into `root`.
    #[wasm_bindgen(constructor)]
    pub fn new(root: ShadowRoot) -> RawWidget {
        RawWidget {
            root,
            engine: None,
            options: WidgetOptions::default(),
            money: None,
            container: None,
            status: None,
            reached: None,
            announced: String::new(),
            announced_at: f64::NEG_INFINITY,
            pending: None,
        }
    }

    /// Sets the merchant config (a compiled config's JSON text: the element compiles a raw one
    /// with the validator's module first); throws a `NexttierError`.
    #[wasm_bindgen(js_name = setConfig)]
    pub fn set_config(&mut self, config: &str) -> Result<(), JsValue> {
        let engine = Engine::from_compiled_within(config, nexttier::Limits::default());
        self.engine = Some(engine.map_err(|e| to_js(&e))?);
        self.money = None;
        self.reached = None;
        Ok(())
    }

    /// Sets the options (JSON text, as `renderHtml` takes them); throws a `NexttierError`.
    #[wasm_bindgen(js_name = setOptions)]
    pub fn set_options(&mut self, options: &str) -> Result<(), JsValue> {
        self.options = WidgetOptions::from_json(options).map_err(|e| to_js(&e))?;
        self.money = None;
        Ok(())
    }

    /// Renders the widget for `cart` (UTF-8 bytes: JSON text, or the package's compact encoding
    /// when `compact`) at `now` (performance time, milliseconds). Returns
    /// `{"events":[{"type":..,"detail":{..}}],"announce_in":ms}` (-1: nothing pending); throws a
    /// `NexttierError`; `undefined` where the compact reader gives up (the element then sends JSON).
    pub fn render(&mut self, cart: &[u8], compact: bool, now: f64) -> Result<Option<String>, JsValue> {
        let Some((view, quote)) = self.view(cart, compact)? else {
            return Ok(None);
        };
        self.show(render::container(&view, &self.options))?;
        Ok(Some(self.result(view, &quote, now)))
    }

    /// [`RawWidget::render`] with the DOM work left to JavaScript: returns
    /// `[markup, result]`, the markup as JSON (an element `[tag, svg, [name, value, ...], ...children]`,
    /// a text a string) and `render`'s result text. Only for the renderer benchmark
    /// (`scripts/bench-renderer.sh`), which measures this against the web-sys renderer.
    #[cfg(feature = "js-renderer")]
    #[wasm_bindgen(js_name = renderMarkup)]
    pub fn render_markup(&mut self, cart: &[u8], now: f64) -> Result<String, JsValue> {
        let Some((view, quote)) = self.view(cart, false)? else {
            return Ok(String::new());
        };
        let markup = render::container(&view, &self.options);
        let result = self.result(view, &quote, now);
        let mut out = String::with_capacity(result.len() + 2048);
        out.push('[');
        markup_json(&mut out, &markup);
        out.push(',');
        out.push_str(&result);
        out.push(']');
        Ok(out)
    }

    /// Speaks a pending announcement if its time has come; returns the milliseconds until it may,
    /// or -1 when nothing is pending.
    pub fn announce(&mut self, now: f64) -> f64 {
        let Some(text) = self.pending.take() else {
            return -1.0;
        };
        let wait = self.announced_at + ANNOUNCE_EVERY_MS - now;
        if wait > 0.0 {
            self.pending = Some(text);
            return wait;
        }
        self.speak(text, now);
        -1.0
    }
}

impl RawWidget {
    /// What the widget shows for `cart` (as [`RawWidget::render`] takes it), and the quote behind
    /// it; `None` where the compact reader gives up.
    fn view(
        &mut self,
        cart: &[u8],
        compact: bool,
    ) -> Result<Option<(View, nexttier::quote::Quote)>, JsValue> {
        let cart = nexttier_js::text(cart)?;
        let Some(engine) = &self.engine else {
            return Err(to_js(&Errors::new(vec![nexttier::Error::invalid(
                &nexttier::JsonPath::root(),
                "no config: set the element's `config` property first",
            )])));
        };
        let Some(cart) = crate::read_cart(engine, cart, compact)? else {
            return Ok(None);
        };
        let options = &self.options;
        // Money in the cart's currency (the config's, or a market's).
        let currency = engine.for_cart(&cart).config().currency.code;
        if self.money.as_ref().is_none_or(|m| m.currency() != currency) {
            self.money = Some(IntlMoney::new(
                &options.words.tag,
                currency,
                options.currency_display,
            ));
        }
        let Some(money) = &self.money else {
            return Err(JsValue::NULL);
        };
        view::build(engine, &cart, clock(), options, money)
            .map(Some)
            .map_err(|e| to_js(&e))
    }

    /// `render`'s result text for `view` (the events, and when to announce), once it is shown;
    /// queues the announcement and keeps what the next render compares with.
    fn result(&mut self, view: View, quote: &nexttier::quote::Quote, now: f64) -> String {
        let first = self.reached.is_none();
        let before = self.reached.take().unwrap_or_default();
        let newly: Vec<&(Arc<str>, usize)> = view.reached.iter().filter(|r| !before.contains(r)).collect();
        let mut out = String::new();
        let mut o = ObjectWriter::new(&mut out);
        let events = o.key("events");
        events.push('[');
        write_progress(events, &view, quote, first);
        if !first {
            for (promotion, tier) in &newly {
                events.push_str(",{\"type\":\"tier-reached\",\"detail\":");
                let mut d = ObjectWriter::new(events);
                d.string("promotion", promotion);
                d.number("tier", *tier as u64);
                write_experiments(&mut d, quote);
                d.end();
                events.push('}');
            }
        }
        if !quote.gift_actions.is_empty() {
            // The cart's gift lines are out of step with the gifts: the host applies the actions.
            events.push_str(",{\"type\":\"gifts\",\"detail\":");
            let mut d = ObjectWriter::new(events);
            d.array("actions", &quote.gift_actions, nexttier::quote::GiftAction::write);
            d.end();
            events.push('}');
        }
        events.push(']');
        let wait = self.queue_announcement(&view, !first && !newly.is_empty(), now);
        o.raw("announce_in", &format!("{}", wait.round() as i64));
        // A countdown renders again when its minute changes.
        o.raw("refresh_in", &view.refresh_in.to_string());
        o.end();
        self.reached = Some(view.reached);
        out
    }

    /// Shows `markup`: the first time by replacing whatever the root held (a placeholder, or the
    /// server-rendered widget), later by patching the differences.
    fn show(&mut self, markup: Markup) -> Result<(), JsValue> {
        let document = self
            .root
            .owner_document()
            .ok_or_else(|| JsValue::from_str("no document"))?;
        match self.container.take() {
            Some((node, old)) => {
                let node = patch(&document, &self.root, node.into(), &old, &markup)?;
                let element = node.dyn_into::<web_sys::Element>()?;
                self.container = Some((element, markup));
            }
            None => {
                let node = create(&document, &markup)?;
                let status = create(&document, &render::status())?;
                self.root.set_text_content(None);
                self.root.append_child(&node)?;
                self.root.append_child(&status)?;
                self.container = Some((node.dyn_into()?, markup));
                self.status = Some(status.dyn_into()?);
            }
        }
        Ok(())
    }

    /// Queues what the live region should say; returns the wait before it may speak, or -1.
    fn queue_announcement(&mut self, view: &View, urgent: bool, now: f64) -> f64 {
        let text = view.announcement(urgent);
        if text.is_empty() || (text == self.announced && self.pending.is_none()) {
            self.pending = None;
            return -1.0;
        }
        if urgent || now - self.announced_at >= ANNOUNCE_EVERY_MS {
            self.pending = None;
            self.speak(text, now);
            return -1.0;
        }
        self.pending = Some(text);
        self.announced_at + ANNOUNCE_EVERY_MS - now
    }

    fn speak(&mut self, text: String, now: f64) {
        if let Some(status) = &self.status {
            status.set_text_content(Some(&text));
        }
        self.announced = text;
        self.announced_at = now;
    }
}

/// The cart's variants (`[{ experiment, variant }]`) in an event's detail, when the config has
/// experiments: analytics can then say which variant the shopper saw.
fn write_experiments(d: &mut ObjectWriter<'_>, quote: &nexttier::quote::Quote) {
    if !quote.experiments.is_empty() {
        d.array("experiments", &quote.experiments, |out, e| {
            let mut o = ObjectWriter::new(out);
            o.string("experiment", &e.experiment);
            o.string("variant", &e.variant);
            o.end();
        });
    }
}

/// The `progress` event's JSON.
fn write_progress(out: &mut String, view: &View, quote: &nexttier::quote::Quote, first: bool) {
    out.push_str("{\"type\":\"progress\",\"detail\":");
    let mut d = ObjectWriter::new(out);
    d.string("state", view.state.as_str());
    match &view.nearest {
        Some(nearest) => {
            d.string("unit", nearest.unit);
            d.string("remaining", &nearest.remaining);
            d.string("threshold", &nearest.threshold);
            d.array("next", &nearest.promotions, |out, (promotion, tier)| {
                let mut n = ObjectWriter::new(out);
                n.string("promotion", promotion);
                n.number("tier", *tier as u64);
                n.end();
            });
        }
        None => d.raw("next", "[]"),
    }
    let message = d.key("message");
    match &view.message {
        Some(m) => write_string(message, m),
        None => message.push_str("null"),
    }
    d.string("saved", &view.saved);
    d.string("total", &quote.total.to_string());
    d.raw("first", if first { "true" } else { "false" });
    write_experiments(&mut d, quote);
    d.end();
    out.push('}');
}

/// `markup` as JSON for the JavaScript renderer of the benchmark: an element is
/// `[tag, svg, [name, value, ...], ...children]` (`svg` 0 or 1), a text is a string.
#[cfg(feature = "js-renderer")]
fn markup_json(out: &mut String, markup: &Markup) {
    match markup {
        Markup::Text(text) => write_string(out, text),
        Markup::Element(element) => {
            out.push_str("[\"");
            out.push_str(element.tag);
            out.push_str(if element.svg { "\",1,[" } else { "\",0,[" });
            for (i, (name, value)) in element.attrs.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, name);
                out.push(',');
                write_string(out, value);
            }
            out.push(']');
            for child in &element.children {
                out.push(',');
                markup_json(out, child);
            }
            out.push(']');
        }
    }
}

/// A DOM node for `markup`.
fn create(document: &Document, markup: &Markup) -> Result<Node, JsValue> {
    match markup {
        Markup::Text(text) => Ok(document.create_text_node(text).into()),
        Markup::Element(element) => {
            let node = if element.svg {
                document.create_element_ns(Some(SVG), element.tag)?
            } else {
                document.create_element(element.tag)?
            };
            for (name, value) in &element.attrs {
                node.set_attribute(name, value)?;
            }
            for child in &element.children {
                node.append_child(&create(document, child)?)?;
            }
            Ok(node.into())
        }
    }
}

/// Brings `node` (showing `old`) to `new`, touching only what differs; returns the node now shown.
fn patch(
    document: &Document,
    parent: &Node,
    node: Node,
    old: &Markup,
    new: &Markup,
) -> Result<Node, JsValue> {
    match (old, new) {
        (Markup::Text(a), Markup::Text(b)) => {
            if a != b {
                node.set_text_content(Some(b));
            }
            Ok(node)
        }
        (Markup::Element(a), Markup::Element(b)) if a.tag == b.tag && a.svg == b.svg => {
            patch_element(document, &node, a, b)?;
            Ok(node)
        }
        _ => {
            let fresh = create(document, new)?;
            parent.replace_child(&fresh, &node)?;
            Ok(fresh)
        }
    }
}

fn patch_element(document: &Document, node: &Node, old: &Element, new: &Element) -> Result<(), JsValue> {
    let element: &web_sys::Element = node.unchecked_ref();
    for (name, value) in &new.attrs {
        if old.get(name) != Some(value.as_str()) {
            element.set_attribute(name, value)?;
        }
    }
    for (name, _) in &old.attrs {
        if new.get(name).is_none() {
            element.remove_attribute(name)?;
        }
    }
    let nodes = node.child_nodes();
    let mut children = Vec::with_capacity(nodes.length() as usize);
    for i in 0..nodes.length() {
        if let Some(child) = nodes.item(i) {
            children.push(child);
        }
    }
    for (i, next) in new.children.iter().enumerate() {
        match (old.children.get(i), children.get(i)) {
            (Some(before), Some(child)) => {
                patch(document, node, child.clone(), before, next)?;
            }
            _ => {
                node.append_child(&create(document, next)?)?;
            }
        }
    }
    for child in children.iter().skip(new.children.len()) {
        node.remove_child(child)?;
    }
    Ok(())
}
