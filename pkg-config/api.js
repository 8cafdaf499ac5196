// The JavaScript API over the wasm engine, shared by the browser and Node entry points.
// Carts cross into wasm as JSON text (UTF-8 bytes) and quotes come back as JSON text: one native
// JSON.stringify, one TextEncoder.encodeInto and one JSON.parse per call, and the parsed config stays
// inside the engine. Errors are built on the
// Rust side (wasm/shared) as instances of NexttierError, registered with each module once it loads.

import { RawEngine, version as rawVersion, normalizeCoupon as rawNormalizeCoupon, setErrorClass } from './nexttier.js';
import { css } from './style.js';

/** An error from nexttier: `code` is stable, `path` names the JSON field, `errors` lists them all. */
export class NexttierError extends Error {
  constructor(data) {
    super(data.message);
    this.name = 'NexttierError';
    this.code = data.code;
    this.path = data.path;
    /** Where the code is explained, with how to fix it: the package's ERRORS.md. */
    this.docs = `nexttier/ERRORS.md#${data.code}`;
    if (data.line !== undefined) {
      this.line = data.line;
      this.column = data.column;
    }
    this.errors = (data.errors ?? [data]).map(({ code, path, message, line, column }) =>
      line === undefined ? { code, path, message } : { code, path, message, line, column });
  }
}

/**
 * Returns `config` as it is: in TypeScript it types a config written as a literal without a cast,
 * and points at the field that does not fit (a `.json` import: `configFromJson`).
 */
export function defineConfig(config) {
  return config;
}

/** Returns `json` as it is: in TypeScript it types a config imported from a `.json` file. */
export function configFromJson(json) {
  return json;
}

/**
 * The most bytes of JSON a cart and a config may have by default (`Limits::DEFAULT` in the Rust
 * core, which refuses them too; `createEngine(config, { limits })` changes them for one engine). A JS
 * string longer than that in UTF-16 units is longer in UTF-8 bytes as well: it is refused here,
 * before it is copied into the wasm's memory (which never shrinks).
 */
const LIMITS = { cart: 4 << 20, config: 16 << 20, options: 1 << 20 };

/** The byte limits of `limits` (`{ cart_bytes, config_bytes }`) over the defaults, for `toText`. */
function byteLimits(limits) {
  const pick = (value, fallback) => (Number.isSafeInteger(value) && value > 0 ? value : fallback);
  return {
    cart: pick(limits?.cart_bytes, LIMITS.cart),
    config: pick(limits?.config_bytes, LIMITS.config),
    options: LIMITS.options,
  };
}

const encoder = new TextEncoder();
/** The buffer carts are encoded into, grown as needed up to `SCRATCH_MOST` bytes and reused. */
let scratch = new Uint8Array(0);
const SCRATCH_MOST = 256 << 10;

/**
 * @internal JSON text as the UTF-8 bytes the wasm reads a cart from. wasm-bindgen would copy a
 * string into the wasm a character at a time in a JS loop (28 µs for a 13 KB cart); `encodeInto`
 * writes it natively (0.6 µs) and the wasm copies the bytes with one memcpy. The bytes are only
 * good until the next call: a buffer is reused.
 */
export function utf8(text) {
  const most = text.length * 3;
  if (most > SCRATCH_MOST) return encoder.encode(text);
  if (scratch.length < most) scratch = new Uint8Array(Math.max(most, 4096));
  return scratch.subarray(0, encoder.encodeInto(text, scratch).written);
}

/** A plain object: made by `{}`, `JSON.parse` or `Object.create(null)`, not a class instance. */
function plain(value) {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * `'summary'` or `'full'` when `options` is a plain object whose only key is a valid `detail` (the
 * widget's and most callers' options): that crosses into the wasm as a flag, with no JSON text to
 * write and read on every quote. Anything else (`undefined` here) goes as JSON text and is checked
 * there, errors included.
 */
function detailOnly(options) {
  if (options === null || typeof options !== 'object' || !plain(options)) return undefined;
  let detail;
  for (const key in options) {
    if (key !== 'detail' || detail !== undefined) return undefined;
    detail = options[key];
  }
  return detail === 'summary' || detail === 'full' ? detail : undefined;
}

/** Whether the engine can say a string is well-formed UTF-16 (Safari 16.0–16.3 cannot). */
const canCheckUtf16 = typeof ''.isWellFormed === 'function';

/** `items` as the compact encoding's list (a count, then each behind U+0003), or undefined. */
function compactList(items) {
  if (!Array.isArray(items) || Object.getPrototypeOf(items) !== Array.prototype || items.toJSON !== undefined) return undefined;
  let text = '' + items.length;
  for (let i = 0; i < items.length; i++) {
    if (typeof items[i] !== 'string') return undefined;
    text += '\u0003' + items[i];
  }
  return text;
}

/**
 * @internal The cart in the compact encoding the wasm reads (src/cart/compact.rs), or `undefined`
 * where it must cross as JSON text: `JSON.stringify` took most of the boundary's time for a large
 * cart (30 µs of 126 for 200 lines in Node 20; this takes 6). Only the ordinary cart takes this way,
 * as the storefront and the platform adapters give it: `lines` of plain objects with a string `sku`,
 * a string `price` (or a finite number), a safe non-negative integer `quantity`, and optionally a
 * string `category` and `name` and string `tags`; a string `amounts` and `currency` and string
 * `coupons`; and JSON text no longer than `limit` bytes whatever it escapes. Anything else (other
 * keys, `null`, a lone surrogate) crosses as JSON, which reports every error as before. Texts are
 * written as they are: the wasm counts lines, fields and list items, so a text holding a separator
 * is given up on there.
 */
export function compactCart(cart, limit = LIMITS.cart) {
  if (!canCheckUtf16 || cart === null || typeof cart !== 'object' || !plain(cart)) return undefined;
  const { lines, amounts, currency, coupons } = cart;
  let keys = 0;
  for (const key in cart) keys++;
  if (keys !== 1 + (amounts !== undefined) + (currency !== undefined) + (coupons !== undefined)) return undefined;
  if (!Array.isArray(lines) || Object.getPrototypeOf(lines) !== Array.prototype || lines.toJSON !== undefined) return undefined;
  if ((amounts !== undefined && (typeof amounts !== 'string' || amounts === '')) || (currency !== undefined && typeof currency !== 'string')) return undefined;
  const couponList = coupons === undefined ? '' : compactList(coupons);
  if (couponList === undefined) return undefined;
  let text = 'C2' + lines.length + '\u0001' + (amounts ?? '') + '\u0001' + (currency === undefined ? '' : '=' + currency) + '\u0001' + couponList;
  // The most UTF-8 bytes of the JSON text: keys and marks, and every character escaped (6 bytes).
  let most = 64 + 6 * text.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === null || typeof line !== 'object' || !plain(line)) return undefined;
    const { sku, price, quantity, category, name, tags } = line;
    let count = 0;
    for (const key in line) count++;
    if (count !== 3 + (category !== undefined) + (name !== undefined) + (tags !== undefined)) return undefined;
    if (typeof sku !== 'string' || !Number.isSafeInteger(quantity) || quantity < 0) return undefined;
    let flags = 0;
    if (typeof price !== 'string') {
      if (typeof price !== 'number' || !Number.isFinite(price)) return undefined;
      flags = 8;
    }
    let more = '';
    if (category !== undefined) {
      if (typeof category !== 'string') return undefined;
      flags |= 1;
      more = '\u0001' + category;
    }
    if (name !== undefined) {
      if (typeof name !== 'string') return undefined;
      flags |= 2;
      more += '\u0001' + name;
    }
    if (tags !== undefined) {
      const list = compactList(tags);
      if (list === undefined) return undefined;
      flags |= 4;
      more += '\u0001' + list;
    }
    const written = '\u0002' + flags + '\u0001' + sku + '\u0001' + price + '\u0001' + quantity + more;
    text += written;
    most += 80 + 6 * written.length;
  }
  // Texts are never next to each other, so a lone surrogate stays lone in the whole text.
  return most <= limit && text.isWellFormed() ? text : undefined;
}

/** The members of a next tier's `unlocks`, in the order the quote writes them. */
const UNLOCKS = ['free_shipping', 'off', 'off_each', 'percent', 'max_off', 'gift', 'gift_choices', 'gift_quantity', 'gift_price', 'bundle_price', 'price', 'units', 'unit_price', 'shipping_off', 'shipping_percent', 'saving'];

/** The compact form's field separator (src/quote/compact.rs). */
const SEPARATOR = '\u0001';

/**
 * A reader of the compact form, field after field, in place: no array of fields is made (a `split`
 * of the whole text was most of the reading: 1.0 of 1.4 µs for five lines in Node 20).
 */
class Tape {
  constructor(text) {
    this.text = text;
    this.at = text.indexOf(SEPARATOR) + 1;
  }
  /** The next field's text. */
  string() {
    const { text, at } = this;
    let end = text.indexOf(SEPARATOR, at);
    if (end < 0) end = text.length;
    this.at = end + 1;
    return text.slice(at, end);
  }
  /** The next field, digits, as the number `JSON.parse` makes of them (read in place up to 15 digits, where that is exact). */
  number() {
    const { text } = this;
    const start = this.at;
    let at = start;
    let value = 0;
    for (let c; at < text.length && (c = text.charCodeAt(at)) !== 1; at++) value = value * 10 + (c - 48);
    this.at = at + 1;
    return at - start <= 15 ? value : +text.slice(start, at);
  }
  /** The next field, `1` or `0`. */
  bool() {
    const one = this.text.charCodeAt(this.at) === 49;
    this.at += 2;
    return one;
  }
  /** An amount as written, or units (`#` and digits) as a number. */
  measure() {
    if (this.text.charCodeAt(this.at) !== 35) return this.string();
    this.at++;
    return this.number();
  }
  /** A count, then that many items read by `item`. */
  list(item) {
    const items = [];
    for (let k = this.number(); k > 0; k--) items.push(item(this));
    return items;
  }
}

const string = (r) => r.string();

function shippingOption(r) {
  const flags = r.number();
  const o = { method: r.string() };
  if (flags & 1) o.label = r.string();
  o.fee = r.string();
  o.shipping = r.string();
  o.chosen = r.bool();
  return o;
}

function applied(r) {
  const flags = r.number();
  const a = { promotion: r.string(), kind: r.string(), tier: r.number(), amount: r.string() };
  if (flags & 1) a.label = r.string();
  if (flags & 2) a.times = r.number();
  if (flags & 4) a.coupon = r.string();
  return a;
}

function giftOption(r) {
  const named = r.number() & 1;
  const o = { sku: r.string() };
  if (named) o.name = r.string();
  return o;
}

function gift(r) {
  const flags = r.number();
  const g = { promotion: r.string(), sku: r.string() };
  if (flags & 1) g.name = r.string();
  g.quantity = r.number();
  if (flags & 2) g.price = r.string();
  const choices = r.list(giftOption);
  if (choices.length) g.options = choices;
  if (flags & 4) g.chosen = r.bool();
  return g;
}

const giftAction = (r) => ({ action: r.string(), promotion: r.string(), sku: r.string(), quantity: r.number() });
const conditionGap = (r) => ({ unit: r.string(), measured: r.measure(), threshold: r.measure(), remaining: r.measure() });

function progress(r) {
  const flags = r.number();
  const p = { promotion: r.string(), kind: r.string(), unit: r.string(), measured: r.measure(), tier: flags & 1 ? r.number() : null, next: null };
  if (flags & 2) {
    const nextFlags = r.number();
    const n = { tier: r.number(), threshold: r.measure(), remaining: r.measure(), unlocks: {} };
    const bits = r.number();
    for (let k = 0; k < UNLOCKS.length; k++) {
      if (bits & (1 << k)) n.unlocks[UNLOCKS[k]] = k === 0 ? true : k === 6 ? r.list(string) : k === 7 || k === 11 ? r.number() : r.string();
    }
    if (nextFlags & 1) n.applies = r.bool();
    const loses = r.list(string);
    if (loses.length) n.loses = loses;
    if (nextFlags & 2) n.switches_group = { group: r.string(), from: r.string() || null, to: r.string() || null };
    p.next = n;
  }
  if (flags & 4) p.ends_at = r.string();
  const gaps = r.list(conditionGap);
  if (gaps.length) p.condition = gaps;
  return p;
}

const experiment = (r) => ({ experiment: r.string(), variant: r.string(), by: r.string() });
const notice = (r) => ({ code: r.string(), sku: r.string(), line: r.number(), quantity: r.number(), limit: r.number(), message: r.string() });

/**
 * @internal The summary quote the wasm wrote in its compact form (src/quote/compact.rs, which has
 * the grammar), as the very object `JSON.parse` makes of its JSON text: the same members, values
 * and key order. `JSON.parse` took a quarter of a storefront quote (2.0 µs of 8.9 for five lines in
 * Node 20); this takes 0.55.
 */
export function summaryFromTape(tape) {
  const r = new Tape(tape);
  const q = { currency: r.string(), subtotal: r.string(), discount: r.string(), shipping: r.string(), total: r.string() };
  const options = r.list(shippingOption);
  if (options.length) q.shipping_options = options;
  q.applied = r.list(applied);
  q.gifts = r.list(gift);
  const actions = r.list(giftAction);
  if (actions.length) q.gift_actions = actions;
  q.progress = r.list(progress);
  const experiments = r.list(experiment);
  if (experiments.length) q.experiments = experiments;
  const notices = r.list(notice);
  if (notices.length) q.notices = notices;
  return q;
}

function toText(value, what, limits = LIMITS) {
  let text = value;
  if (typeof value !== 'string') {
    if (value === null || typeof value !== 'object') {
      throw new NexttierError({ code: 'wrong_type', path: '', message: `${what} must be an object or a JSON string` });
    }
    try {
      text = JSON.stringify(value);
    } catch (error) {
      // A BigInt anywhere, or an object that contains itself: not JSON.
      const why = error instanceof TypeError && /BigInt/i.test(error.message) ? 'holds a BigInt (give amounts as strings)' : 'is not JSON (it contains itself?)';
      throw new NexttierError({ code: 'wrong_type', path: '', message: `${what} ${why}` });
    }
  }
  if (text.length > limits[what]) {
    throw new NexttierError({ code: 'too_large', path: '', message: `(document): the ${what} is larger than the ${limits[what]} bytes it may have` });
  }
  return text;
}

/**
 * @internal Called by each entry point once a wasm module is instantiated (the storefront's, or the
 * merchant tools' `module`): from then on the wasm throws NexttierErrors.
 */
export function registerErrors(module) {
  (module?.setErrorClass ?? setErrorClass)(NexttierError);
  if (!module) loaded = true;
}

/** Whether the storefront module is instantiated (set by `registerErrors()` right after). */
let loaded = false;

/**
 * @internal For `createEngineSync()`: instantiates the storefront module synchronously with
 * `instantiate` (wasm-bindgen's `initSync`) from `wasm`, a WebAssembly.Module or its bytes, unless it is
 * already instantiated. Refuses while an asynchronous load is under way (two instances would race).
 */
export function instantiateSync(wasm, pending, instantiate) {
  if (loaded) return;
  if (pending) {
    throw new NexttierError({ code: 'not_loaded', path: '', message: 'the wasm is loading asynchronously already: await load() or use createEngine()' });
  }
  const usable = wasm instanceof WebAssembly.Module || wasm instanceof ArrayBuffer || ArrayBuffer.isView(wasm);
  if (!usable) {
    throw new NexttierError({ code: 'wrong_type', path: 'wasm', message: 'createEngineSync needs { wasm }: a WebAssembly.Module, or the bytes of nexttier_bg.wasm (browsers compile more than 4 KB synchronously only in a worker)' });
  }
  instantiate({ module: wasm });
  registerErrors();
}

/** Throws `not_loaded` when the wasm is not instantiated yet, instead of wasm-bindgen's TypeError. */
function needWasm(what) {
  if (!loaded) {
    throw new NexttierError({ code: 'not_loaded', path: '', message: `${what} needs the wasm: await load() or createEngine() first` });
  }
}

// The storefront's module reads compiled configs only (`nexttier compile`, `compile()`). The
// validator (every rule with its message) and the compiler are a module of their own
// (nexttier_validator_bg.wasm), loaded when a raw config is given or `validate`/`compile` is called:
// a storefront with a compiled config never downloads it. Each entry point says how to load it.
let loadValidatorModule = null;
let validatorLoading = null;
/** The validator's module once instantiated: raw configs are compiled synchronously from then on. */
let validatorModule = null;

/** @internal Sets how the validator's module is loaded (by index.js and node.js). */
export function setValidatorLoader(load) {
  loadValidatorModule = load;
}

/** Where the validator's module can be instantiated synchronously (Node: from disk). */
let loadValidatorSync = null;

/** @internal Sets how the validator's module is instantiated synchronously when first needed. */
export function setValidatorSyncLoader(load) {
  loadValidatorSync = load;
}

function setValidatorModule(module) {
  registerErrors(module);
  validatorModule = module;
}

/**
 * Loads the validator's module (once): needed for a raw config (`createEngine` and the element load
 * it themselves) and by `validate()`; `load()` loads it too. A compiled config never needs it.
 */
export function loadValidator() {
  if (validatorModule) return Promise.resolve();
  validatorLoading ??= loadValidatorModule().then(setValidatorModule, (error) => {
    validatorLoading = null;
    throw error;
  });
  return validatorLoading;
}

/** Whether a config (object or JSON text) is compiled (`nexttier compile`, `compile()`). */
export function isCompiled(config) {
  if (typeof config === 'string') return /^\s*\{\s*"nexttier_compiled"/.test(config);
  return config !== null && typeof config === 'object' && Object.hasOwn(config, 'nexttier_compiled');
}

/** The validator's module, or `not_loaded` saying how to load it. */
function needValidator(what) {
  if (!validatorModule && loadValidatorSync) setValidatorModule(loadValidatorSync());
  if (!validatorModule) {
    throw new NexttierError({ code: 'not_loaded', path: '', message: `${what} needs the validator's module: await loadValidator() (load() and createEngine() load it), or give a compiled config (nexttier compile, compile())` });
  }
  return validatorModule;
}

/**
 * @internal The compiled config's JSON text for the storefront's module: `text` itself when
 * compiled, else compiled by the validator's module (which must be loaded), within `limitsText`.
 */
export function compiledText(config, text, limitsText) {
  return isCompiled(config) ? text : needValidator('a raw config').compile(text, limitsText);
}

/**
 * Validates `config` (object or JSON text) and resolves to its compiled form: an object to publish
 * as JSON (`JSON.stringify`) for storefronts, whose module reads it without the validator. Within
 * `options.limits`; rejects with a NexttierError with every error. Loads the validator's module.
 */
export async function compile(config, options = {}) {
  const limitsText = options?.limits == null ? undefined : toText(options.limits, 'options');
  const text = toText(config, 'config', byteLimits(options?.limits));
  await loadValidator();
  return JSON.parse(validatorModule.compile(text, limitsText));
}

// The merchant tools live in a second wasm module (nexttier_simulator_bg.wasm), loaded on first use
// so that storefronts never download them. Each entry point says how to load it.
let loadSimulatorModule = null;
let simulatorModule = null;

/**
 * @internal How `simulate` runs: by default here (Node, workers), pieces at a time; the browser entry
 * sends it to a worker when it runs in a page.
 */
export function setSimulatorRunner(run) {
  runSimulator = run;
}

/** The `aborted` error of a simulation stopped by `signal`. */
export function abortedError(signal) {
  const why = signal?.reason instanceof Error ? `: ${signal.reason.message}` : '';
  return new NexttierError({ code: 'aborted', path: '', message: `the simulation was stopped${why}` });
}

/**
 * Runs the simulator here, a piece of the orders at a time. The piece-reading code is loaded with the
 * merchant module, on first use: a storefront never pays for it.
 */
export async function simulateHere({ config, limits, orders, options, signal, onProgress }) {
  const [{ RawSimulator }, { runSimulation }] = await Promise.all([simulator(), import('./simulation.js')]);
  const raw = new RawSimulator(config, limits);
  try {
    return JSON.parse(await runSimulation(raw, orders, options, { signal, onProgress, aborted: () => abortedError(signal) }));
  } catch (error) {
    throw error instanceof NexttierError ? error : new NexttierError(error);
  } finally {
    raw.free();
  }
}

let runSimulator = simulateHere;

/** @internal Sets how the simulator module is loaded (by index.js and node.js). */
export function setSimulatorLoader(load) {
  loadSimulatorModule = load;
}

function simulator() {
  simulatorModule ??= loadSimulatorModule().catch((error) => {
    simulatorModule = null;
    throw error;
  });
  return simulatorModule;
}

/** A config loaded into the engine. */
export class Engine {
  #raw;
  #config;
  #limits;
  #limitsText;
  /** @internal */
  constructor(raw, config, limitsText) {
    this.#raw = raw;
    this.#config = config;
    this.#limitsText = limitsText;
    this.#limits = byteLimits(limitsText === undefined ? undefined : JSON.parse(limitsText));
  }
  /**
   * Prices a cart (object or JSON string); returns the quote object. With `{ detail: 'summary' }`
   * the quote leaves out (and the engine skips) `lines`, `skipped` and `progress[].explain`.
   */
  quote(cart, options) {
    // A summary comes back in its compact form (which starts with `Q`; JSON text never does).
    const quote = this.#quote(cart, options, true);
    return quote.charCodeAt(0) === 81 ? summaryFromTape(quote) : JSON.parse(quote);
  }
  /** Prices a cart; returns the quote as JSON text, byte for byte what `nexttier quote` prints. */
  quoteJson(cart, options) {
    return this.#quote(cart, options, false);
  }
  /**
   * The wasm's answer for a quote. Options of `{ detail }` alone cross as a flag, and with them an
   * ordinary cart crosses compactly (JSON text where the wasm gives up); `compactSummary` asks for a
   * summary in its compact form (src/quote/compact.rs) rather than JSON text.
   */
  #quote(cart, options, compactSummary) {
    const detail = detailOnly(options);
    const flag = detail === 'summary' ? (compactSummary ? 2 : 1) : 0;
    if (options == null || detail !== undefined) {
      const compact = compactCart(cart, this.#limits.cart);
      const quote = compact === undefined ? undefined : this.#live().quote(utf8(compact), true, undefined, flag);
      if (quote !== undefined) return quote;
    }
    const text = toText(cart, 'cart', this.#limits);
    const opts = options == null || detail !== undefined ? undefined : toText(options, 'options');
    return this.#live().quote(utf8(text), false, opts, flag);
  }
  /** Add-on suggestions that reach the next tiers, best first: `{ suggestions: [...] }`. */
  suggest(cart, options = {}) {
    const compact = compactCart(cart, this.#limits.cart);
    const text = compact === undefined ? toText(cart, 'cart', this.#limits) : undefined;
    const opts = toText(options ?? {}, 'options');
    const found = compact === undefined ? undefined : this.#live().suggest(utf8(compact), true, opts);
    return JSON.parse(found ?? this.#live().suggest(utf8(text ?? toText(cart, 'cart', this.#limits)), false, opts));
  }
  /**
   * The widget's initial HTML for a cart: a `<next-tier>` element with a declarative shadow root,
   * so a server or a static page shows the right bar before any script runs. Options as the element
   * takes them: `{ lang, variant, dir, currency_display, messages, suggest, stylesheet }`.
   */
  renderHtml(cart, options = {}) {
    const text = toText(cart, 'cart', this.#limits);
    const opts = toText(options ?? {}, 'options');
    return this.#live().renderHtml(utf8(text), opts, css);
  }
  /**
   * Runs this config over historical orders: CSV text (`order_id,sku,category,price,quantity[,cost]`),
   * JSON lines, an array of such row objects, a Blob or File, or a ReadableStream. Options: `{ nudge_zone:
   * '0.3', top_up: '0.5', now, bins }`, and `signal` (an AbortSignal: rejects with `aborted`),
   * `onProgress({ orders, read, total })` after each piece read. In a page it runs in a worker, so the
   * page never blocks. Resolves to the report: tiers reached, nudge zones and their median gaps,
   * costs, projections, histogram. Loads the merchant tools' wasm module on first use.
   */
  async simulate(orders, options = {}) {
    const { signal, onProgress, worker, ...settings } = options ?? {};
    const opts = toText(settings, 'options');
    if (signal?.aborted) throw abortedError(signal);
    return runSimulator({ config: this.#config, limits: this.#limitsText, orders, options: opts, signal, onProgress, worker });
  }
  /** Validates another config without throwing: `[]` or every error. */
  validate(config) {
    return validate(config);
  }
  /** Frees the wasm memory held by this engine; using it afterwards throws `freed`. Twice is fine. */
  free() {
    this.#raw?.free();
    this.#raw = null;
  }
  /** The wasm engine, or a `freed` error once `free()` was called. */
  #live() {
    if (!this.#raw) {
      throw new NexttierError({ code: 'freed', path: '', message: 'this engine was freed: create another with createEngine()' });
    }
    return this.#raw;
  }
}

/**
 * Validates a config (raw or compiled) without throwing; returns `[]` or every error `{ code, path,
 * message }`. Needs the validator's module (`load()` or `loadValidator()`).
 */
export function validate(config) {
  let text;
  try {
    text = toText(config, 'config');
  } catch (error) {
    return error.errors;
  }
  return needValidator('validate()').validate(text);
}

/**
 * Builds an engine from a config (object or JSON string), taking input within `limits`
 * (`{ cart_bytes, cart_lines, config_bytes }`, each optional); throws NexttierError with every error.
 */
export function engineFrom(config, limits) {
  const limitsText = limits == null ? undefined : toText(limits, 'options');
  const text = toText(config, 'config', byteLimits(limits));
  needWasm('an engine');
  return new Engine(new RawEngine(compiledText(config, text, limitsText), limitsText), text, limitsText);
}

/**
 * A coupon code as nexttier compares it (and echoes it in `applied[].coupon`): ASCII spaces trimmed
 * and ASCII letters in lower case, every other character as written. A server counting single-use
 * codes should count them in this form.
 */
export function normalizeCoupon(code) {
  if (typeof code !== 'string') {
    throw new NexttierError({ code: 'wrong_type', path: '', message: 'a coupon code must be a string' });
  }
  needWasm('normalizeCoupon()');
  return rawNormalizeCoupon(code);
}

/** The package's version, which is the Rust crate's. */
export function version() {
  needWasm('version()');
  return rawVersion();
}

/**
 * The config a storefront may download: every coupon code replaced by `accepted:<promotion id>`
 * (put that in a cart's `coupons` once your server has accepted the shopper's code). Resolves to the
 * config object; rejects with a NexttierError for an invalid config. Loads the merchant tools' module.
 */
export async function publicConfig(config) {
  const text = toText(config, 'config');
  const module = await simulator();
  return JSON.parse(module.publicConfig(text));
}

/**
 * An experiment's results: the widget's events (JSON lines, as `nexttier/analytics` writes them) and
 * the shop's orders (the simulator's CSV or JSON lines, with a `visitor` column), per variant against
 * the control, with 95 % intervals and a sentence per measure. Options: `{ experiment, now, signal }`.
 * Loads the merchant tools' module.
 */
export async function report(config, { events, orders, experiment, now, signal } = {}) {
  const text = toText(config, 'config');
  const [module, { runReport }] = await Promise.all([simulator(), import('./simulation.js')]);
  if (signal?.aborted) throw abortedError(signal);
  const raw = new module.RawReport(text, undefined, experiment, now);
  try {
    return JSON.parse(await runReport(raw, events ?? '', orders ?? '', { signal, aborted: () => abortedError(signal) }));
  } catch (error) {
    throw error instanceof NexttierError ? error : new NexttierError(error);
  }
}

/**
 * Synthetic shoppers of an experiment with planted lifts, to try `report`: `{ shoppers, seed,
 * conversion (permille), lifts: { variant: permille }, experiment }`. Resolves to `{ events, orders }`.
 */
export async function sampleExperiment(config, { shoppers = 10000, seed = 1, conversion = 300, lifts = {}, experiment } = {}) {
  const text = toText(config, 'config');
  const module = await simulator();
  return JSON.parse(module.sampleExperiment(text, shoppers, seed, conversion, JSON.stringify(lifts), experiment));
}

/** Realistic sample orders (CSV text) from the seed scenario's figures; the same for the same seed. */
export async function sampleOrders(orders = 1000, seed = 1) {
  const module = await simulator();
  return module.sampleOrders(orders, seed);
}
