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

/// An experiment's results under way: events first, then orders, each in pieces cut anywhere.
#[wasm_bindgen(js_name = RawReport)]
pub struct RawReport {
    results: Option<nexttier::results::Results>,
}

#[wasm_bindgen(js_class = RawReport)]
impl RawReport {
    /// Results of `experiment` (default: the config's first), orders priced at `now` (RFC 3339;
    /// default: the clock); throws a `NexttierError`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        config: &str,
        limits: Option<String>,
        experiment: Option<String>,
        now: Option<String>,
    ) -> Result<RawReport, JsValue> {
        let limits = nexttier_js::limits_from(limits)?;
        let engine = Engine::from_json_within(config, limits).map_err(|e| to_js(&e))?;
        let now = match now {
            Some(text) => nexttier::time::parse_rfc3339(&text).map_err(|detail| {
                to_js(&Errors::from(Error::invalid(
                    &JsonPath::root().key("now"),
                    detail,
                )))
            })?,
            None => clock(),
        };
        nexttier::results::Results::new(engine, experiment.as_deref(), now)
            .map(|results| RawReport {
                results: Some(results),
            })
            .map_err(|e| to_js(&e))
    }

    /// Reads the next piece of the events; returns the events read so far.
    #[wasm_bindgen(js_name = pushEvents)]
    pub fn push_events(&mut self, piece: &str) -> Result<f64, JsValue> {
        let results = self.results.as_mut().ok_or_else(report_finished)?;
        results
            .push_events(piece)
            .map(|n| n as f64)
            .map_err(|e| to_js(&e))
    }

    /// Reads the next piece of the orders; returns the orders read so far.
    #[wasm_bindgen(js_name = pushOrders)]
    pub fn push_orders(&mut self, piece: &str) -> Result<f64, JsValue> {
        let results = self.results.as_mut().ok_or_else(report_finished)?;
        results
            .push_orders(piece)
            .map(|n| n as f64)
            .map_err(|e| to_js(&e))
    }

    /// Reads what is left and returns the report as JSON text.
    pub fn finish(&mut self) -> Result<String, JsValue> {
        let results = self.results.take().ok_or_else(report_finished)?;
        results.finish().map(|r| r.to_json()).map_err(|e| to_js(&e))
    }
}

fn report_finished() -> JsValue {
    to_js(&Errors::from(Error::invalid(
        &JsonPath::root(),
        "this report has finished: start another",
    )))
}

/// The most synthetic shoppers one call to `sampleExperiment` makes in a page.
const MAX_SHOPPERS_IN_A_PAGE: f64 = 1_000_000.0;

/// Synthetic shoppers' events and orders with planted lifts (`lifts`: JSON text of
/// `{ "variant": permille }`), as JSON text `{ "events": "…", "orders": "…" }`.
#[wasm_bindgen(js_name = sampleExperiment)]
pub fn sample_experiment(
    config: &str,
    shoppers: f64,
    seed: f64,
    conversion: f64,
    lifts: &str,
    experiment: Option<String>,
) -> Result<String, JsValue> {
    let engine = Engine::from_json(config).map_err(|e| to_js(&e))?;
    let experiments = &engine.config().experiments;
    let at = match &experiment {
        Some(id) => experiments.iter().position(|e| &*e.id == id.as_str()),
        None => (!experiments.is_empty()).then_some(0),
    }
    .ok_or_else(|| {
        to_js(&Errors::from(Error::invalid(
            &JsonPath::root().key("experiment"),
            "the config has no such experiment",
        )))
    })?;
    let lift_path = JsonPath::root().key("lifts");
    let lifts_json = nexttier::json::parse(lifts).map_err(|e| to_js(&e.into()))?;
    let mut planted = Vec::new();
    if let nexttier::json::Json::Object(members) = &lifts_json {
        for (variant, value) in members {
            let index = experiments[at].variant(variant);
            let permille = match value {
                nexttier::json::Json::Number(n) => n.parse::<u64>().ok().filter(|p| *p <= 1000),
                _ => None,
            };
            match (index, permille) {
                (Some(i), Some(p)) => planted.push((i, p)),
                _ => {
                    return Err(to_js(&Errors::from(Error::invalid(
                        &lift_path.key(variant),
                        "a variant of the experiment and a lift of 0 to 1000 permille",
                    ))))
                }
            }
        }
    }
    let plan = nexttier::results::synthetic::Plan {
        shoppers: whole(shoppers, MAX_SHOPPERS_IN_A_PAGE, "shoppers")?,
        seed: whole(seed, f64::from(u32::MAX), "seed")?,
        conversion: whole(conversion, 1000.0, "conversion")?,
        lifts: planted,
    };
    let (mut events, mut orders) = (String::new(), String::new());
    nexttier::results::synthetic::generate(
        &engine,
        at,
        &plan,
        |line| {
            events.push_str(line);
            events.push('\n');
            true
        },
        |line| {
            orders.push_str(line);
            orders.push('\n');
            true
        },
    )
    .map_err(|e| to_js(&e))?;
    let mut out = String::new();
    let mut o = nexttier::json::ObjectWriter::new(&mut out);
    o.string("events", &events);
    o.string("orders", &orders);
    o.end();
    Ok(out)
}
