//! The config validator's module (`pkg/nexttier_validator_bg.wasm`): every rule of a raw config
//! checked with its messages, and the compiled config written for the storefront's module, which
//! reads only compiled configs. The package loads it when it is given a raw config (or `validate`,
//! `compile` are called), so a storefront with a compiled config never downloads it.

use wasm_bindgen::prelude::*;

use nexttier::Engine;
use nexttier_js::to_js;
// Exported from this module too: the package registers its NexttierError class with each module.
pub use nexttier_js::set_error_class;

/// Validates a config; returns `[]` or every error as `{ code, path, message }`.
#[wasm_bindgen]
pub fn validate(config: &str) -> js_sys::Array {
    match Engine::from_json(config) {
        Ok(_) => js_sys::Array::new(),
        Err(errors) => nexttier_js::error_list(&errors),
    }
}

/// Validates a config (raw or compiled) within `limits` (JSON text of [`nexttier::Limits`], or none
/// for the defaults) and returns its compiled form (JSON text); throws a `NexttierError`.
#[wasm_bindgen]
pub fn compile(config: &str, limits: Option<String>) -> Result<String, JsValue> {
    let limits = nexttier_js::limits_from(limits)?;
    Engine::from_json_within(config, limits)
        .map(|engine| engine.config().to_compiled())
        .map_err(|e| to_js(&e))
}
