// Node entry: reads nexttier_bg.wasm from disk next to this file (no network), or takes it explicitly.
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import init, { initSync } from './nexttier.js';
import { engineFrom, instantiateSync, registerErrors, setSimulatorLoader } from './api.js';

export { Engine, NexttierError, validate, version, sampleOrders, normalizeCoupon, publicConfig, defineConfig, configFromJson } from './api.js';
// The element is not registered in Node; with a DOM implementation a host may call defineNextTier(load).
export { defineNextTier, mount } from './element.js';

/** Undefined in Node: the element is registered only by the browser entry. */
export const NextTierElement = undefined;

/**
 * Where a wasm file of the package is on disk. `url` is `new URL('./file.wasm', import.meta.url)`,
 * written so that bundlers see it and trace the file: unbundled, a `file:` URL next to this module.
 * A server bundler (Next.js's Turbopack and webpack) rewrites it into a URL of its own that names no
 * file (`/_next/static/media/...`); the package is then found from the working directory, where
 * the server's `node_modules` is (Next.js's file tracing copies the file there in standalone output).
 */
function wasmPath(url, name) {
  const href = String(url);
  if (href.startsWith('file:')) return new URL(href);
  // A name in a variable: bundlers leave this require alone.
  const specifier = `nexttier/${name}`;
  return createRequire(join(process.cwd(), 'package.json')).resolve(specifier);
}

let loading = null;
/** Whether `loading` has finished (an engine can be made synchronously). */
let settled = false;

// The merchant tools' module, read from disk on first use.
setSimulatorLoader(async () => {
  const module = await import('./nexttier_simulator.js');
  await module.default({ module_or_path: await readFile(wasmPath(new URL('./nexttier_simulator_bg.wasm', import.meta.url), 'nexttier_simulator_bg.wasm')) });
  registerErrors(module);
  return module;
});

/** Loads and instantiates the wasm once; `wasm` may be bytes or a WebAssembly.Module. */
export function load(wasm) {
  if (!loading) {
    const source = wasm ?? readFile(wasmPath(new URL('./nexttier_bg.wasm', import.meta.url), 'nexttier_bg.wasm'));
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
  const wasm = options.wasm ?? (pending || settled ? undefined : readFileSync(wasmPath(new URL('./nexttier_bg.wasm', import.meta.url), 'nexttier_bg.wasm')));
  instantiateSync(wasm, pending, initSync);
  if (!loading) {
    settled = true;
    loading = Promise.resolve();
  }
  return engineFrom(config, options.limits);
}
