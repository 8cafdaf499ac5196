// Nothing the caller passes makes the wasm trap: hostile and mutated inputs give a quote or a
// NexttierError, never a RuntimeError (a Rust panic would abort as `unreachable`), and the engine
// keeps working afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine, validate, NexttierError } from '../../pkg/node.js';
import { vectors } from './vectors.mjs';

/** A small deterministic generator. */
function rng(seed) {
  let state = seed >>> 0;
  return (below) => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state % below;
  };
}

const ODD = [null, true, -1, 0, 1e308, '-0.00', '1e15', '', '\u0000', 'x'.repeat(5000), [], {}, [[[[]]]], 2 ** 53 + 1, '99.999', 'NaN'];

/** Replaces one randomly chosen value deep in `value` with something odd. */
function mutate(value, next) {
  const copy = structuredClone(value);
  const paths = [];
  (function walk(v, path) {
    paths.push(path);
    if (v && typeof v === 'object') for (const k of Object.keys(v)) walk(v[k], [...path, k]);
  })(copy, []);
  const path = paths[next(paths.length)];
  const odd = ODD[next(ODD.length)];
  if (path.length === 0) return odd;
  let parent = copy;
  for (const k of path.slice(0, -1)) parent = parent[k];
  parent[path.at(-1)] = odd;
  return copy;
}

function expectQuoteOrError(fn) {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof NexttierError, `expected a NexttierError, got ${error?.name}: ${error?.message}`);
  }
}

test('mutated configs and carts never trap', async () => {
  const next = rng(20261122);
  const all = vectors().filter((v) => v.quote);
  const healthy = await createEngine(all[0].config);
  for (let round = 0; round < 600; round++) {
    const v = all[next(all.length)];
    const config = round % 3 === 0 ? mutate(v.config, next) : v.config;
    const cart = mutate(v.cart, next);
    let engine = null;
    try {
      engine = await createEngine(config);
    } catch (error) {
      assert.ok(error instanceof NexttierError, `config: ${error?.name}: ${error?.message}`);
    }
    if (engine) {
      expectQuoteOrError(() => engine.quote(cart));
      expectQuoteOrError(() => engine.suggest(cart, round % 2 ? { limit: 2 } : mutate({ limit: 2, max_items: 2 }, next)));
      engine.free();
    }
    assert.ok(Array.isArray(validate(config)));
  }
  // The wasm instance is still sound.
  assert.equal(healthy.quote(all[0].cart).total, all[0].quote.total);
});

test('hostile JSON text never traps', async () => {
  const engine = await createEngine({ currency: 'CNY' });
  const texts = ['', '[', '{"lines":', '{"lines":[' + '['.repeat(10000), '"\\ud800"', '{"lines":[{"sku":"a","price":"1","quantity":1e400}]}',
    '{"lines":[{"sku":"a","price":"0.0000000000001","quantity":1}]}', '\u0000', '{"lines":[],"lines":[]}'];
  for (const text of texts) expectQuoteOrError(() => engine.quote(text));
  assert.equal(engine.quote({ lines: [] }).total, '0.00');
});

test('carts JSON cannot hold are refused as NexttierErrors, a BOM is not', async () => {
  const { createEngine, NexttierError } = await import('../../pkg/node.js');
  const engine = await createEngine({ currency: 'CNY', promotions: [] });
  const circular = { lines: [] };
  circular.self = circular;
  for (const [cart, said] of [
    [{ lines: [{ sku: 'a', price: 10n, quantity: 1 }] }, /BigInt/],
    [circular, /not JSON/],
  ]) {
    assert.throws(() => engine.quote(cart), (error) => error instanceof NexttierError && error.code === 'wrong_type' && said.test(error.message));
  }
  assert.equal(engine.quote('\uFEFF{"lines":[{"sku":"a","price":"10","quantity":1}]}').total, '10.00');
  // max_items is 1 to 3: 0 is refused, not read as 1.
  assert.throws(() => engine.suggest({ lines: [] }, { max_items: 0 }), (error) => error.code === 'invalid_number' && error.path === 'max_items');
});

test('a cart or config over its size limit is refused as too_large, in JS and in the wasm', async () => {
  const { createEngine, validate, NexttierError } = await import('../../pkg/node.js');
  const engine = await createEngine({ currency: 'CNY', promotions: [] });
  const line = '{"sku":"a","price":"1","quantity":1},';
  // Over 4 MiB of text: refused before it reaches the wasm.
  const huge = `{"lines":[${line.repeat(Math.ceil((4 << 20) / line.length))}{"sku":"a","price":"1","quantity":1}]}`;
  assert.throws(() => engine.quote(huge), (error) => error instanceof NexttierError && error.code === 'too_large' && /cart/.test(error.message));
  // Under 4 Mi UTF-16 units but over 4 MiB of UTF-8: the wasm refuses it with the same code.
  const wide = `{"lines":[],"coupons":["${'€'.repeat(1_500_000)}"]}`;
  assert.ok(wide.length < 4 << 20 && Buffer.byteLength(wide) > 4 << 20);
  assert.throws(() => engine.quote(wide), (error) => error instanceof NexttierError && error.code === 'too_large');
  assert.equal(validate(' '.repeat((16 << 20) + 1))[0].code, 'too_large');
  // The instance keeps working.
  assert.equal(engine.quote({ lines: [{ sku: 'a', price: '2', quantity: 1 }] }).total, '2.00');
});
