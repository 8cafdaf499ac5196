//! Money formatted by the host's `Intl.NumberFormat`, given the exact decimal string (never a
//! float), for the locale and currency.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use nexttier::money::Money;
use nexttier::widget::{FormatMoney, PlainMoney};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = NumberFormat)]
    type NumberFormat;

    /// `new Intl.NumberFormat(locale, options)`; throws a RangeError for an invalid locale.
    #[wasm_bindgen(constructor, catch, js_namespace = Intl, js_class = "NumberFormat")]
    fn new(locale: &str, options: &js_sys::Object) -> Result<NumberFormat, JsValue>;

    /// Formats a decimal string exactly (Intl.NumberFormat v3: strings are read as decimals).
    #[wasm_bindgen(method, js_name = format)]
    fn format_decimal(this: &NumberFormat, value: &str) -> String;
}

/// The most formatted amounts an [`IntlMoney`] keeps.
const KEPT: usize = 64;

/// An `Intl.NumberFormat` for a currency, or the plain formatter if the host has none for the locale.
pub(crate) struct IntlMoney {
    format: Option<NumberFormat>,
    plain: PlainMoney,
    /// The amounts formatted so far, the latest last (at most [`KEPT`]). A cart change shows
    /// mostly amounts the last render showed (thresholds, rewards, prices), and each `format` is a
    /// trip through JS (the amount's text out, `Intl`, the result's text back): a quarter of the
    /// widget's render in a CPU profile before they were kept.
    formatted: RefCell<Vec<(Money, String)>>,
}

impl IntlMoney {
    /// A formatter for `locale`, `currency` and `display` (`narrowSymbol`, `symbol`, `code`, `name`).
    pub(crate) fn new(locale: &str, currency: &'static str, display: &str) -> Self {
        let options = js_sys::Object::new();
        let set = |key: &str, value: &str| {
            let _ = js_sys::Reflect::set(&options, &JsValue::from_str(key), &JsValue::from_str(value));
        };
        set("style", "currency");
        set("currency", currency);
        set("currencyDisplay", display);
        let format = NumberFormat::new(locale, &options)
            .or_else(|_| NumberFormat::new("en", &options))
            .ok();
        IntlMoney {
            format,
            plain: PlainMoney { code: currency },
            formatted: RefCell::new(Vec::new()),
        }
    }
}

impl IntlMoney {
    /// The ISO 4217 code it formats.
    pub(crate) fn currency(&self) -> &'static str {
        self.plain.code
    }
}

impl FormatMoney for IntlMoney {
    fn format(&self, amount: Money) -> String {
        let Some(format) = &self.format else {
            return self.plain.format(amount);
        };
        let mut formatted = self.formatted.borrow_mut();
        if let Some((_, text)) = formatted.iter().find(|(a, _)| *a == amount) {
            return text.clone();
        }
        let text = format.format_decimal(&amount.to_string());
        if formatted.len() == KEPT {
            formatted.remove(0);
        }
        formatted.push((amount, text.clone()));
        text
    }
}
