//! The merchant tools' module (`pkg/nexttier_simulator_bg.wasm`, loaded on demand by the package's
//! `simulate` and `sampleOrders`): the what-if simulator and the sample-order generator.

use wasm_bindgen::prelude::*;

use nexttier::simulate::{sample, Run, SimulateOptions};
use nexttier::{Engine, Error, Errors, JsonPath};
use nexttier_js::{clock, to_js};
// Exported from this module too: the package registers its NexttierError class with each module.
pub use nexttier_js::set_error_class;

/// A config ready to simulate.
#[wasm_bindgen(js_name = RawSimulator)]
pub struct RawSimulator {
    engine: Engine,
}

#[wasm_bindgen(js_class = RawSimulator)]
impl RawSimulator {
    /// Parses and validates a config within `limits` (JSON text of [`nexttier::Limits`], or none
    /// for the defaults); throws a `NexttierError`.
    #[wasm_bindgen(constructor)]
    pub fn new(config: &str, limits: Option<String>) -> Result<RawSimulator, JsValue> {
        let limits = nexttier_js::limits_from(limits)?;
        Engine::from_json_within(config, limits)
            .map(|engine| RawSimulator { engine })
            .map_err(|e| to_js(&e))
    }

    /// Starts a simulation fed the orders file in pieces ([`RawRun::push`]: the package's only way
    /// in, with progress and cancelling between pieces); throws a `NexttierError` for bad options.
    pub fn start(&self, options: &str) -> Result<RawRun, JsValue> {
        let options = SimulateOptions::from_json(options).map_err(|e| to_js(&e))?;
        Ok(RawRun {
            run: Some(Run::from_engine(self.engine.clone(), options, clock())),
        })
    }
}

/// A simulation under way, fed an orders file in pieces cut anywhere.
#[wasm_bindgen(js_name = RawRun)]
pub struct RawRun {
    run: Option<Run<'static>>,
}

#[wasm_bindgen(js_class = RawRun)]
impl RawRun {
    /// Reads the next piece of text; returns the orders read so far; throws a `NexttierError`.
    pub fn push(&mut self, piece: &str) -> Result<f64, JsValue> {
        let run = self.run.as_mut().ok_or_else(finished)?;
        run.push(piece).map(|orders| orders as f64).map_err(|e| to_js(&e))
    }

    /// Reads what is left and returns the report as JSON text; throws a `NexttierError`.
    pub fn finish(&mut self) -> Result<String, JsValue> {
        let run = self.run.take().ok_or_else(finished)?;
        run.finish().map_err(|e| to_js(&e))
    }
}

/// The error of a run used after `finish`.
fn finished() -> JsValue {
    to_js(&Errors::from(Error::invalid(
        &JsonPath::root(),
        "this simulation has finished: start another",
    )))
}

/// The public form of a config (JSON text): coupon codes replaced by `accepted:<promotion id>`;
/// throws a `NexttierError` for an invalid config.
#[wasm_bindgen(js_name = publicConfig)]
pub fn public_config(config: &str) -> Result<String, JsValue> {
    nexttier::config::public::public_config(config).map_err(|e| to_js(&e))
}

/// The most sample orders one call to `sampleOrders` makes in a page (about 100 MB of text).
const MAX_ORDERS_IN_A_PAGE: f64 = 1_000_000.0;

/// A whole number in `0..=max` from JS, or an error at `path` (-1 or 1e9 must not wrap or trap).
fn whole(value: f64, max: f64, path: &str) -> Result<u64, JsValue> {
    if value.fract() == 0.0 && (0.0..=max).contains(&value) {
        Ok(value as u64)
    } else {
        let detail = format!("`{value}` is not a whole number from 0 to {max}");
        Err(to_js(&Errors::from(Error::number(
            &JsonPath::root().key(path),
            detail,
        ))))
    }
}

/// Realistic sample orders from the seed scenario's figures, as CSV text.
#[wasm_bindgen(js_name = sampleOrders)]
pub fn sample_orders(orders: f64, seed: f64) -> Result<String, JsValue> {
    let orders = whole(orders, MAX_ORDERS_IN_A_PAGE, "orders")?;
    let seed = whole(seed, f64::from(u32::MAX), "seed")?;
    let mut out = String::new();
    sample::sample_orders(orders, seed, |line| {
        out.push_str(line);
        out.push('\n');
        true
    });
    Ok(out)
}
