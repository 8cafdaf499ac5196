//! Money formatted by the host's `Intl.NumberFormat`, given the exact decimal string (never a
//! float), for the locale and currency.

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

/// An `Intl.NumberFormat` for a currency, or the plain formatter if the host has none for the locale.
pub(crate) struct IntlMoney {
    format: Option<NumberFormat>,
    plain: PlainMoney,
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
        match &self.format {
            Some(format) => format.format_decimal(&amount.to_string()),
            None => self.plain.format(amount),
        }
    }
}
