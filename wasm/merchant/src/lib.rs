//! The merchant tools' module (`pkg/nexttier_simulator_bg.wasm`, loaded on demand by the package's
//! `simulate` and `sampleOrders`): the what-if simulator and the sample-order generator.

use wasm_bindgen::prelude::*;

use nexttier::simulate::{sample, simulate_text, SimulateOptions};
use nexttier::Engine;
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
    /// Parses and validates a config; throws the errors' JSON.
    #[wasm_bindgen(constructor)]
    pub fn new(config: &str) -> Result<RawSimulator, JsValue> {
        Engine::from_json(config)
            .map(|engine| RawSimulator { engine })
            .map_err(|e| to_js(&e))
    }

    /// Runs the config over historical orders (CSV or JSON lines text) with options (JSON text):
    /// the simulator's report as JSON text; throws the errors' JSON.
    pub fn simulate(&self, orders: &str, options: &str) -> Result<String, JsValue> {
        let options = SimulateOptions::from_json(options).map_err(|e| to_js(&e))?;
        simulate_text(&self.engine, orders, options, clock()).map_err(|e| to_js(&e))
    }
}

/// Realistic sample orders from the seed scenario's figures, as CSV text.
#[wasm_bindgen(js_name = sampleOrders)]
pub fn sample_orders(orders: u32, seed: u32) -> String {
    let mut out = String::new();
    sample::sample_orders(u64::from(orders), u64::from(seed), |line| {
        out.push_str(line);
        out.push('\n');
    });
    out
}
