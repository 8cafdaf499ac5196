// Node entry: reads nexttier_bg.wasm from disk next to this file (no network), or takes it explicitly.
import { readFile } from 'node:fs/promises';
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import init, { initSync } from './nexttier.js';
import * as validatorModule from './nexttier_validator.js';
import { engineFrom, instantiateSync, registerErrors, setSimulatorLoader, setValidatorLoader, setValidatorSyncLoader, loadValidator, isCompiled, NexttierError } from './api.js';

export { Engine, NexttierError, validate, version, sampleOrders, sampleExperiment, report, normalizeCoupon, publicConfig, defineConfig, configFromJson, compile, isCompiled, loadValidator } from './api.js';
// The element is not registered in Node; with a DOM implementation a host may call defineNextTier(load).
export { defineNextTier, mount } from './element.js';

/** Undefined in Node: the element is registered only by the browser entry. */
export const NextTierElement = undefined;

/**
 * Where a wasm file of the package is when the code runs bundled. A server bundler (Next.js's
 * Turbopack and webpack) rewrites `new URL('./file.wasm', import.meta.url)` into a URL of its own
 * that names no file (`/_next/static/media/file.1a2b.wasm`), which `readFile` refuses. Then: the
 * package through its `exports` from the working directory, where the server's `node_modules` is
 * (Turbopack's file tracing copies the file there for `output: 'standalone'`); else the copy the
 * bundler emitted (webpack: `.next/server/chunks/static/media/`, or in a standalone deployment the
 * browser's copy in `.next/static/media/`, which the deployment copies beside the server).
 */
function bundledFile(url, name) {
  const candidates = [];
  try {
    // A name in a variable: bundlers leave this require alone.
    const specifier = `nexttier/${name}`;
    candidates.push(createRequire(join(process.cwd(), 'package.json')).resolve(specifier));
  } catch {
    // Not installed where the server runs: look for the bundler's copy.
  }
  const emitted = String(url?.pathname ?? url).match(/^\/_next\/(static\/media\/[^/?#]+\.wasm)/);
  if (emitted) {
    candidates.push(join(process.cwd(), '.next', 'server', 'chunks', emitted[1]));
    // The browser's copy: a standalone deployment copies `.next/static` beside the server.
    candidates.push(join(process.cwd(), '.next', emitted[1]));
  }
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    throw new NexttierError({ code: 'wasm_unavailable', path: 'wasm', message: `${name} was not found (bundled as ${String(url)}): pass it with createEngine(config, { wasm })` });
  }
  return found;
}

/** Whether `error` is `readFile`'s refusal of a bundler's URL, or a file not where it was put. */
function bundled(error) {
  return error?.code === 'ERR_INVALID_ARG_TYPE' || error?.code === 'ENOENT';
}

/** `read()`, else where `bundledFile` finds `name` once a bundler has rewritten its `url`. */
async function readWasm(read, url, name) {
  try {
    return await read();
  } catch (error) {
    if (!bundled(error)) throw error;
    return readFile(bundledFile(url, name));
  }
}

// Each read is written out as `readFile(new URL('./file.wasm', import.meta.url))`: the pattern that
// bundlers and file tracers (Next.js's, for `output: 'standalone'`) recognise, so the file is traced.
const readStorefrontWasm = () => readWasm(() => readFile(new URL('./nexttier_bg.wasm', import.meta.url)),
  new URL('./nexttier_bg.wasm', import.meta.url), 'nexttier_bg.wasm');
const readValidatorWasm = () => readWasm(() => readFile(new URL('./nexttier_validator_bg.wasm', import.meta.url)),
  new URL('./nexttier_validator_bg.wasm', import.meta.url), 'nexttier_validator_bg.wasm');
const readSimulatorWasm = () => readWasm(() => readFile(new URL('./nexttier_simulator_bg.wasm', import.meta.url)),
  new URL('./nexttier_simulator_bg.wasm', import.meta.url), 'nexttier_simulator_bg.wasm');

/** `read()` now, else where `bundledFile` finds `name` once a bundler has rewritten its `url`. */
function readWasmSync(read, url, name) {
  try {
    return read();
  } catch (error) {
    if (!bundled(error)) throw error;
    return readFileSync(bundledFile(url, name));
  }
}

const readStorefrontWasmSync = () => readWasmSync(() => readFileSync(new URL('./nexttier_bg.wasm', import.meta.url)),
  new URL('./nexttier_bg.wasm', import.meta.url), 'nexttier_bg.wasm');
const readValidatorWasmSync = () => readWasmSync(() => readFileSync(new URL('./nexttier_validator_bg.wasm', import.meta.url)),
  new URL('./nexttier_validator_bg.wasm', import.meta.url), 'nexttier_validator_bg.wasm');

// The validator's module (raw configs, `validate`, `compile`), read from disk when first needed:
// asynchronously by `load()` and `createEngine()`, synchronously by anything else that needs it.
setValidatorLoader(async () => {
  await validatorModule.default({ module_or_path: await readValidatorWasm() });
  return validatorModule;
});
setValidatorSyncLoader(() => {
  validatorModule.initSync({ module: readValidatorWasmSync() });
  return validatorModule;
});

let loading = null;
/** Whether `loading` has finished (an engine can be made synchronously). */
let settled = false;

// The merchant tools' module, read from disk on first use.
setSimulatorLoader(async () => {
  const module = await import('./nexttier_simulator.js');
  await module.default({ module_or_path: await readSimulatorWasm() });
  registerErrors(module);
  return module;
});

/** Loads and instantiates the wasm once; `wasm` may be bytes or a WebAssembly.Module. */
export function load(wasm) {
  return Promise.all([loadStorefront(wasm), loadValidator()]).then(([exports]) => exports);
}

/** Loads and instantiates the storefront's module once (all a compiled config needs). */
function loadStorefront(wasm) {
  if (!loading) {
    const source = wasm ?? readStorefrontWasm();
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
  await Promise.all([loadStorefront(options.wasm), isCompiled(config) ? null : loadValidator()]);
  return engineFrom(config, options.limits);
}

/**
 * Instantiates the wasm synchronously (from `options.wasm`, a WebAssembly.Module or bytes, or else
 * `nexttier_bg.wasm` read from disk next to this file) and returns an engine: no `await`.
 */
export function createEngineSync(config, options = {}) {
  const pending = loading !== null && !settled;
  const wasm = options.wasm ?? (pending || settled ? undefined : readStorefrontWasmSync());
  instantiateSync(wasm, pending, initSync);
  if (!loading) {
    settled = true;
    loading = Promise.resolve();
  }
  return engineFrom(config, options.limits);
}
