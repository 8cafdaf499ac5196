// Browser and bundler entry: fetches nexttier_bg.wasm next to this file, or takes it explicitly.
import init, { initSync } from './nexttier.js';
import { engineFrom, instantiateSync, registerErrors, setSimulatorLoader, setSimulatorRunner, setValidatorLoader, loadValidator, isCompiled, simulateHere, abortedError, NexttierError } from './api.js';
import { defineNextTier, mount } from './element.js';

export { Engine, NexttierError, validate, version, sampleOrders, sampleExperiment, report, normalizeCoupon, publicConfig, defineConfig, configFromJson, compile, isCompiled, loadValidator } from './api.js';

let loading = null;
/** Whether `loading` has finished (an engine can be made synchronously). */
let settled = false;

// The merchant tools' module, fetched next to this file on first use (a separate chunk for bundlers).
setSimulatorLoader(async () => {
  const module = await import('./nexttier_simulator.js');
  await module.default();
  registerErrors(module);
  return module;
});

// The validator's module, fetched next to this file when a raw config is given (a separate chunk).
setValidatorLoader(async () => {
  const module = await import('./nexttier_validator.js');
  await module.default();
  return module;
});

// In a page, `simulate` runs in a module worker (simulate-page.js, loaded on first use: a storefront
// never pays for it); elsewhere here, a piece at a time.
setSimulatorRunner(async (job) => {
  if (job.worker === false || typeof Worker !== 'function' || typeof document === 'undefined') return simulateHere(job);
  const { simulateInWorker } = await import('./simulate-page.js');
  return simulateInWorker(job, (data) => new NexttierError(data), abortedError);
});

/**
 * Loads and instantiates the wasm once. `wasm` may be a URL, a Response, bytes, or a
 * WebAssembly.Module (for CSP-strict pages and edge runtimes); by default the file next to this one.
 */
export function load(wasm) {
  // The validator too, for `validate()` and raw configs; where it cannot load, those say so later.
  return Promise.all([loadStorefront(wasm), loadValidator().catch(() => null)]).then(([exports]) => exports);
}

/** Loads and instantiates the storefront's module once (all a compiled config needs). */
function loadStorefront(wasm) {
  if (!loading) {
    loading = init(wasm === undefined ? undefined : { module_or_path: wasm }).then((exports) => { registerErrors(); settled = true; return exports; }).catch((error) => {
      loading = null;
      throw error;
    });
  }
  return loading;
}

/** Loads the wasm (once) and returns an engine for `config`. */
export async function createEngine(config, options = {}) {
  await Promise.all([loadStorefront(options.wasm), isCompiled(config) ? null : loadValidator()]);
  return engineFrom(config, options.limits);
}

/**
 * Instantiates the wasm synchronously from `options.wasm` (a WebAssembly.Module, or its bytes in a
 * worker) and returns an engine: for workers and edge runtimes that already hold the module. Once the
 * wasm is instantiated (by either way), `wasm` is not needed. A compiled config needs nothing else; a
 * raw one needs the validator's module loaded first (`await loadValidator()`, once).
 */
export function createEngineSync(config, options = {}) {
  instantiateSync(options.wasm, loading !== null && !settled, initSync);
  if (!loading) {
    settled = true;
    loading = Promise.resolve();
  }
  return engineFrom(config, options.limits);
}

/** The `<next-tier>` element's class, registered on import where there is a DOM (else undefined). */
export const NextTierElement = defineNextTier(loadStorefront);

export { mount, defineNextTier };
