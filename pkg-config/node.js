// Node entry: reads nexttier_bg.wasm from disk next to this file (no network), or takes it explicitly.
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import init, { initSync } from './nexttier.js';
import { engineFrom, instantiateSync, registerErrors, setSimulatorLoader } from './api.js';

export { Engine, NexttierError, validate, version, sampleOrders, normalizeCoupon, publicConfig } from './api.js';
// The element is not registered in Node; with a DOM implementation a host may call defineNextTier(load).
export { defineNextTier, mount } from './element.js';

/** Undefined in Node: the element is registered only by the browser entry. */
export const NextTierElement = undefined;

let loading = null;
/** Whether `loading` has finished (an engine can be made synchronously). */
let settled = false;

// The merchant tools' module, read from disk on first use.
setSimulatorLoader(async () => {
  const module = await import('./nexttier_simulator.js');
  await module.default({ module_or_path: await readFile(new URL('./nexttier_simulator_bg.wasm', import.meta.url)) });
  registerErrors(module);
  return module;
});

/** Loads and instantiates the wasm once; `wasm` may be bytes or a WebAssembly.Module. */
export function load(wasm) {
  if (!loading) {
    const source = wasm ?? readFile(new URL('./nexttier_bg.wasm', import.meta.url));
    loading = Promise.resolve(source)
      .then((bytes) => init({ module_or_path: bytes }))
      .then((exports) => { registerErrors(); settled = true; return exports; })
      .catch((error) => {
        loading = null;
        throw error;
      });
  }
  return loading;
}

/** Loads the wasm (once) and returns an engine for `config`. */
export async function createEngine(config, options = {}) {
  await load(options.wasm);
  return engineFrom(config, options.limits);
}

/**
 * Instantiates the wasm synchronously (from `options.wasm`, a WebAssembly.Module or bytes, or else
 * `nexttier_bg.wasm` read from disk next to this file) and returns an engine: no `await`.
 */
export function createEngineSync(config, options = {}) {
  const pending = loading !== null && !settled;
  const wasm = options.wasm ?? (pending || settled ? undefined : readFileSync(new URL('./nexttier_bg.wasm', import.meta.url)));
  instantiateSync(wasm, pending, initSync);
  if (!loading) {
    settled = true;
    loading = Promise.resolve();
  }
  return engineFrom(config, options.limits);
}
