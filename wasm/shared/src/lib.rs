//! What nexttier's two WebAssembly modules (the storefront's and the merchant tools') share at the
//! JS boundary: how errors cross it and which clock a cart without `now` is priced at.
//!
//! An rlib of its own: a crate that is both `cdylib` and `rlib` keeps its public items and made the
//! storefront module 6.6 KB gzip larger (measured when the bindings moved out of the core crate).
//!
//! Errors are translated here and only here: every refusal of the core becomes a real JS `Error`
//! built on this side, an instance of the package's `NexttierError` once the package has registered
//! that class (`setErrorClass`, called by each entry point right after instantiating a module), with
//! `code`, `path`, `message`, `errors` (and `line`, `column` for malformed JSON). No JSON text of
//! errors crosses the boundary, so the JS never sniffs strings.

use std::cell::RefCell;

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;

use nexttier::{Error, Errors};

thread_local! {
    /// The package's `NexttierError` class, once registered.
    static ERROR_CLASS: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Registers the class errors are built with: the package's `NexttierError`, whose constructor
/// takes `{ code, path, message, errors, line?, column? }`. Without it, errors are plain `Error`s
/// named `NexttierError` with the same properties.
#[wasm_bindgen(js_name = setErrorClass)]
pub fn set_error_class(class: Function) {
    ERROR_CLASS.with(|slot| *slot.borrow_mut() = Some(class));
}

/// The browser's clock in milliseconds since the epoch: a time, never an amount.
pub fn clock() -> i64 {
    js_sys::Date::now() as i64
}

fn set(object: &Object, key: &str, value: &JsValue) {
    // Setting a property of a fresh plain object cannot fail.
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

/// One error as a plain object: `{ code, path, message }`, plus `line` and `column` for syntax errors.
fn fields(error: &Error, into: &Object) {
    set(into, "code", &JsValue::from_str(error.code()));
    set(into, "path", &JsValue::from_str(error.path().as_str()));
    set(into, "message", &JsValue::from_str(&error.to_string()));
    if let Error::Syntax { line, column, .. } = error {
        set(into, "line", &JsValue::from(*line as u32));
        set(into, "column", &JsValue::from(*column as u32));
    }
}

/// Every error as an array of plain objects (what `validate()` returns).
pub fn error_list(errors: &Errors) -> Array {
    errors
        .all()
        .iter()
        .map(|error| {
            let object = Object::new();
            fields(error, &object);
            JsValue::from(object)
        })
        .collect()
}

/// The errors as the value a binding throws: a `NexttierError` (a real `Error`) whose top-level
/// fields are the first error's and whose `errors` lists them all.
pub fn to_js(errors: &Errors) -> JsValue {
    let data = Object::new();
    fields(errors.first(), &data);
    set(&data, "errors", &error_list(errors));
    let registered = ERROR_CLASS.with(|slot| slot.borrow().clone());
    if let Some(class) = registered {
        if let Ok(error) = Reflect::construct(&class, &Array::of1(&data)) {
            return error;
        }
    }
    let error = js_sys::Error::new(&errors.first().to_string());
    error.set_name("NexttierError");
    for key in ["code", "path", "errors", "line", "column"] {
        let key = JsValue::from_str(key);
        if let Ok(value) = Reflect::get(&data, &key) {
            if !value.is_undefined() {
                let _ = Reflect::set(&error, &key, &value);
            }
        }
    }
    error.into()
}

/// A document the package handed over as UTF-8 bytes (`TextEncoder` output, copied into the wasm
/// at native speed, where a JS string is copied a character at a time), as text; bytes that are not
/// UTF-8 (which `TextEncoder` never writes) throw a `syntax` error at the first bad byte.
pub fn text(bytes: &[u8]) -> Result<&str, JsValue> {
    std::str::from_utf8(bytes).map_err(|e| {
        // The bytes before the first bad one are UTF-8.
        let before = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
        to_js(&Errors::from(nexttier::json::syntax_error(
            before,
            "not UTF-8 text",
        )))
    })
}

/// The limits a binding's constructor was given as JSON text (or the defaults for none); a bad
/// object throws a `NexttierError` with the key's path.
pub fn limits_from(text: Option<String>) -> Result<nexttier::Limits, JsValue> {
    match text {
        Some(text) => nexttier::Limits::from_json(&text).map_err(|e| to_js(&e)),
        None => Ok(nexttier::Limits::default()),
    }
}
