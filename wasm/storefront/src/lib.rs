//! The storefront's WebAssembly module: a thin layer over [`nexttier::Engine`] that speaks JSON text.
//! It reads compiled configs only (`nexttier compile`): the validator and its messages are in the
//! validator's module (wasm/validator), loaded by the package when a raw config is given.
//!
//! Carts and quotes cross the boundary as JSON text (the JS side calls `JSON.stringify` and
//! `JSON.parse`, which engines run natively): a cart as UTF-8 bytes (the package encodes it with
//! `TextEncoder`, which wasm-bindgen's string copy, a JS loop a character at a time, took 28 µs
//! for a 13 KB cart), a quote as a string; errors cross as `NexttierError`s built by
//! `nexttier-js` (wasm/shared).

use wasm_bindgen::prelude::*;

use nexttier::Engine;
use nexttier_js::{clock, to_js};
// Exported from this module too: the package registers its NexttierError class with each module.
pub use nexttier_js::set_error_class;

mod intl;
#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
mod widget;

/// A parsed, validated config kept inside the wasm instance.
#[wasm_bindgen(js_name = RawEngine)]
pub struct RawEngine {
    engine: Engine,
}

#[wasm_bindgen(js_class = RawEngine)]
impl RawEngine {
    /// Reads a compiled config (`nexttier compile`; the package compiles a raw one with the
    /// validator's module first) within `limits` (JSON text of [`nexttier::Limits`], or none for
    /// the defaults); throws a `NexttierError`.
    #[wasm_bindgen(constructor)]
    pub fn new(config: &str, limits: Option<String>) -> Result<RawEngine, JsValue> {
        let limits = nexttier_js::limits_from(limits)?;
        Engine::from_compiled_within(config, limits)
            .map(|engine| RawEngine { engine })
            .map_err(|e| to_js(&e))
    }

    /// Quotes a cart (UTF-8 bytes: JSON text, or the package's compact encoding when `compact`)
    /// with options (JSON text, or none), returning the quote's JSON text; throws a
    /// `NexttierError`. Without options, `detail` says what the package's `{ detail }` alone (the
    /// options most quotes have) would: 0 a full quote, 1 a summary, 2 a summary in the compact
    /// form where it can be written (`nexttier::quote::compact`: the text starts with `Q`, JSON
    /// text never does), for `engine.quote`. `undefined` where the compact reader gives up: the
    /// package then sends the cart's JSON text.
    pub fn quote(
        &self,
        cart: &[u8],
        compact: bool,
        options: Option<String>,
        detail: u8,
    ) -> Result<Option<String>, JsValue> {
        let options = match options {
            Some(text) => nexttier::quote::QuoteOptions::from_json(&text).map_err(|e| to_js(&e))?,
            None => nexttier::quote::QuoteOptions {
                detail: if detail == 0 {
                    nexttier::quote::Detail::Full
                } else {
                    nexttier::quote::Detail::Summary
                },
                ..Default::default()
            },
        };
        let Some(cart) = read_cart(&self.engine, nexttier_js::text(cart)?, compact)? else {
            return Ok(None);
        };
        let clock = clock();
        let quote = match &options.checkout {
            Some(checkout) => self.engine.quote_checkout(cart, checkout, clock, options.detail),
            None => self.engine.quote_with(&cart, clock, options.detail),
        }
        .map_err(|e| to_js(&e))?;
        let compact_form = if detail == 2 {
            nexttier::quote::compact::summary(&quote)
        } else {
            None
        };
        Ok(Some(compact_form.unwrap_or_else(|| quote.to_json())))
    }

    /// Add-on suggestions for a cart (UTF-8 bytes, as [`RawEngine::quote`] takes it) with options
    /// (JSON text), as `{"suggestions":[...]}`; throws a `NexttierError`; `undefined` where the
    /// compact reader gives up.
    pub fn suggest(&self, cart: &[u8], compact: bool, options: &str) -> Result<Option<String>, JsValue> {
        let options = nexttier::suggest::SuggestOptions::from_json(options).map_err(|e| to_js(&e))?;
        let Some(cart) = read_cart(&self.engine, nexttier_js::text(cart)?, compact)? else {
            return Ok(None);
        };
        let found = self
            .engine
            .suggest(&cart, clock(), &options)
            .map_err(|e| to_js(&e))?;
        Ok(Some(nexttier::suggest::to_json(&found)))
    }

    /// The widget's initial HTML for a cart (JSON text as UTF-8 bytes) with options (JSON text): a `<next-tier>`
    /// element with a declarative shadow root, for server rendering, with `css` (the package's
    /// stylesheet) inlined unless the options link one; throws a `NexttierError`.
    #[wasm_bindgen(js_name = renderHtml)]
    pub fn render_html(&self, cart: &[u8], options: &str, css: &str) -> Result<String, JsValue> {
        let cart = nexttier_js::text(cart)?;
        let options = nexttier::widget::WidgetOptions::from_json(options).map_err(|e| to_js(&e))?;
        let cart = self.engine.cart_from_json(cart).map_err(|e| to_js(&e))?;
        let currency = self.engine.for_cart(&cart).config().currency.code;
        let money = intl::IntlMoney::new(&options.words.tag, currency, options.currency_display);
        self.engine
            .render_html(&cart, clock(), &options, &money, css)
            .map_err(|e| to_js(&e))
    }

    /// Quotes a cart given as a JS object, returning a JS object (serde-wasm-bindgen both ways).
    /// Built only for the boundary benchmark.
    #[cfg(feature = "serde-objects")]
    #[wasm_bindgen(js_name = quoteObject)]
    pub fn quote_object(&self, cart: JsValue) -> Result<JsValue, JsValue> {
        let value: serde_json::Value =
            serde_wasm_bindgen::from_value(cart).map_err(|e| JsValue::from_str(&e.to_string()))?;
        let json = from_serde_value(&value);
        let cart = nexttier::Cart::from_json_value(&json, self.engine.config()).map_err(|e| to_js(&e))?;
        let quote = self.engine.quote(&cart, clock()).map_err(|e| to_js(&e))?;
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        serde::Serialize::serialize(&quote, &serializer).map_err(|e| JsValue::from_str(&e.to_string()))
    }
}

/// The cart in `text`: JSON, or the package's compact encoding when `compact`
/// (`nexttier::cart::compact`); `None` where the compact reader gives up and the JSON text must be
/// sent instead.
pub(crate) fn read_cart(
    engine: &Engine,
    text: &str,
    compact: bool,
) -> Result<Option<nexttier::Cart>, JsValue> {
    let cart = if compact {
        match engine.cart_from_compact(text) {
            Some(read) => read,
            None => return Ok(None),
        }
    } else {
        engine.cart_from_json(text)
    };
    cart.map(Some).map_err(|e| to_js(&e))
}

/// A coupon code as nexttier compares it: ASCII spaces trimmed, ASCII letters in lower case.
#[wasm_bindgen(js_name = normalizeCoupon)]
pub fn normalize_coupon(code: &str) -> String {
    nexttier::config::normalize_coupon(code)
}

/// The crate's version.
#[wasm_bindgen]
pub fn version() -> String {
    nexttier::VERSION.to_owned()
}

/// Converts a serde_json value (objects crossing the boundary in the boundary benchmark).
#[cfg(feature = "serde-objects")]
fn from_serde_value(value: &serde_json::Value) -> nexttier::json::Json<'static> {
    use nexttier::json::Json;
    use std::borrow::Cow;
    match value {
        serde_json::Value::Null => Json::Null,
        serde_json::Value::Bool(b) => Json::Bool(*b),
        serde_json::Value::Number(n) => Json::Number(Cow::Owned(n.to_string())),
        serde_json::Value::String(s) => Json::String(Cow::Owned(s.clone())),
        serde_json::Value::Array(items) => Json::Array(items.iter().map(from_serde_value).collect()),
        serde_json::Value::Object(map) => Json::Object(
            map.iter()
                .map(|(k, v)| (Cow::Owned(k.clone()), from_serde_value(v)))
                .collect(),
        ),
    }
}
