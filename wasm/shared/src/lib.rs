//! What nexttier's two WebAssembly modules (the storefront's and the merchant tools') share at the
//! JS boundary: how errors cross it and which clock a cart without `now` is priced at.
//!
//! An rlib of its own: a crate that is both `cdylib` and `rlib` keeps its public items and made the
//! storefront module 6.6 KB gzip larger (measured when the bindings moved out of the core crate).

use wasm_bindgen::JsValue;

use nexttier::Errors;

/// The browser's clock in milliseconds since the epoch: a time, never an amount.
pub fn clock() -> i64 {
    js_sys::Date::now() as i64
}

/// The errors as the value a binding throws: the JSON of [`Errors`], which the package's JS turns
/// into a `NexttierError`.
pub fn to_js(errors: &Errors) -> JsValue {
    JsValue::from_str(&errors.to_json())
}
