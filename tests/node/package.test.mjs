// The built package (pkg/) in Node: every golden vector, errors, version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createEngine, validate, version, NexttierError } from '../../pkg/node.js';
import { vectors } from './vectors.mjs';

const all = vectors();

test('the vectors are there', () => {
  assert.ok(all.length >= 30, `only ${all.length} vectors`);
});

for (const vector of all) {
  test(`vector ${vector.name}`, async () => {
    if (vector.quote) {
      const engine = await createEngine(vector.config);
      // The native test checks its bytes equal the vector's compact JSON; so must these.
      assert.equal(engine.quoteJson(vector.cart), JSON.stringify(vector.quote));
      assert.deepEqual(engine.quote(JSON.stringify(vector.cart)), vector.quote);
      // A summary: the same quote without lines, skipped and every progress's explain.
      const { lines, skipped, ...summary } = vector.quote;
      assert.ok(lines && skipped);
      summary.progress = summary.progress.map(({ explain, ...rest }) => (assert.ok(explain), rest));
      assert.deepEqual(engine.quote(vector.cart, { detail: 'summary' }), summary);
      assert.deepEqual(engine.quote(vector.cart, { detail: 'full' }), vector.quote);
      engine.free();
    } else {
      let thrown;
      try {
        const engine = await createEngine(vector.config);
        engine.quote(vector.cart);
      } catch (error) {
        thrown = error;
      }
      assert.ok(thrown instanceof NexttierError, `expected a NexttierError, got ${thrown}`);
      assert.ok(thrown instanceof Error);
      assert.equal(thrown.code, vector.errors[0].code);
      assert.equal(thrown.path, vector.errors[0].path);
      assert.deepEqual(thrown.errors.map(({ code, path }) => ({ code, path })), vector.errors);
      assert.ok(thrown.message.length > 0);
    }
  });
}

test('quote options are checked like any input', async () => {
  const engine = await createEngine({ currency: 'CNY' });
  const cart = { lines: [] };
  assert.throws(() => engine.quote(cart, { detail: 'brief' }), (error) => {
    assert.ok(error instanceof NexttierError);
    assert.equal(error.code, 'wrong_type');
    assert.equal(error.path, 'detail');
    assert.match(error.message, /"full", "summary"/);
    return true;
  });
  assert.throws(() => engine.quote(cart, { details: 'summary' }), (error) => error.code === 'unknown_key' && error.path === 'details');
  assert.throws(() => engine.quote(cart, 7), (error) => error.code === 'wrong_type');
  assert.equal(engine.quote(cart, null).lines.length, 0);
  assert.equal(engine.quoteJson(cart, { detail: 'summary' }), '{"currency":"CNY","subtotal":"0.00","discount":"0.00","shipping":"0.00","total":"0.00","applied":[],"gifts":[],"progress":[]}');
  engine.free();
});

test('malformed JSON reports line and column', async () => {
  await assert.rejects(createEngine('{\n  "currency": "CNY",\n  oops }'), (error) => {
    assert.ok(error instanceof NexttierError);
    assert.equal(error.code, 'syntax');
    assert.equal(error.line, 3);
    assert.ok(error.column > 0);
    return true;
  });
});

test('validate returns every error without throwing', () => {
  assert.deepEqual(validate(readFileSync(new URL('../vectors/configs/seed.json', import.meta.url), 'utf8')), []);
  const errors = validate({ currency: 'XXX', promotions: [{ id: 'a', kind: 'amount_off', tiers: [] }] });
  assert.deepEqual(errors.map((e) => e.code), ['unknown_currency', 'invalid']);
  assert.deepEqual(errors.map((e) => e.path), ['currency', 'promotions[0].tiers']);
  assert.deepEqual(validate(42).map((e) => e.code), ['wrong_type']);
});

test('a cart that is not an object is refused with an error, not a crash', async () => {
  const engine = await createEngine({ currency: 'CNY' });
  assert.throws(() => engine.quote(null), NexttierError);
  assert.throws(() => engine.quote({ lines: 'no' }), (e) => e.code === 'wrong_type' && e.path === 'lines');
  assert.throws(() => engine.quote('{"lines": ['), (e) => e.code === 'syntax');
});

test('package, crate and version() agree', () => {
  const cargo = readFileSync(new URL('../../Cargo.toml', import.meta.url), 'utf8');
  const crate = cargo.match(/^version = "([^"]+)"/m)[1];
  const pkg = JSON.parse(readFileSync(new URL('../../pkg/package.json', import.meta.url), 'utf8'));
  assert.equal(pkg.version, crate);
  assert.equal(version(), crate);
});

test('the wasm can be given explicitly as a compiled module (edge runtimes)', async () => {
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(new URL('../../pkg/nexttier_bg.wasm', import.meta.url));
  const module = await WebAssembly.compile(bytes);
  // The module is already loaded in this process; load() keeps the first instance, and an explicit
  // source must not break it.
  const engine = await createEngine({ currency: 'JPY' }, { wasm: module });
  assert.equal(engine.quote({ lines: [{ sku: 'a', price: '557', quantity: 2 }] }).total, '1114');
});

test('normalizeCoupon is the one normal form of coupon codes: ASCII only', async () => {
  const { normalizeCoupon, load } = await import('../../pkg/node.js');
  await load();
  assert.equal(normalizeCoupon('  WELCOME10 '), 'welcome10');
  assert.equal(normalizeCoupon('\u212AISS'), '\u212Aiss', 'a Kelvin sign stays a Kelvin sign');
  assert.equal(normalizeCoupon('ΣΑΣ'), 'ΣΑΣ', 'Greek letters as written');
  assert.throws(() => normalizeCoupon(42), (error) => error.code === 'wrong_type');
});

test('server mode prices what the checkout knows, and the public config hides coupon codes', async () => {
  const { createEngine, publicConfig } = await import('../../pkg/node.js');
  const config = {
    currency: 'CNY', shipping: { fee: '10' },
    promotions: [
      { id: 'welcome', kind: 'amount_off', coupon: 'SECRET-2026', segments: ['member'], tiers: [{ min_subtotal: '0', off: '10' }] },
      { id: 'singles-day', kind: 'percent_off', starts_at: '2026-11-11T00:00:00+08:00', ends_at: '2026-11-12T00:00:00+08:00', tiers: [{ min_subtotal: '0', percent: '50' }] },
    ],
    catalog: [{ sku: 'gift-card', price: '100', category: 'gift-cards' }],
  };
  const engine = await createEngine(config);
  const spoofed = {
    lines: [{ sku: 'gift-card', price: '1', quantity: 1, category: 'home' }],
    customer: { segments: ['member'] }, coupons: ['SECRET-2026'], now: '2026-11-11T12:00:00+08:00',
  };
  assert.equal(engine.quote(spoofed).total, '10.00', 'as the browser sent it');
  const december = '2026-12-01T12:00:00+08:00';
  assert.equal(engine.quote(spoofed, { checkout: { now: december } }).total, '110.00');
  const member = engine.quote(spoofed, { checkout: { now: december, segments: ['member'], coupons: ['secret-2026'] } });
  assert.equal(member.total, '100.00');
  assert.equal(member.applied[0].coupon, 'secret-2026');
  assert.throws(() => engine.quote({ lines: [{ sku: 'nope', price: '1', quantity: 1 }] }, { checkout: {} }), (e) => e.path === 'lines[0].sku');
  const published = await publicConfig(config);
  assert.ok(!JSON.stringify(published).includes('SECRET'));
  assert.equal(published.promotions[0].coupon, 'accepted:welcome');
  const storefront = await createEngine(published);
  assert.equal(storefront.quote({ lines: [{ sku: 'gift-card', price: '100', quantity: 1 }], customer: { segments: ['member'] }, coupons: ['accepted:welcome'], now: december }).total, '100.00');
});

test('usage limits: the storefront shows what the cart says; a checkout counts only the host\'s facts', async () => {
  const { createEngine, NexttierError } = await import('../../pkg/node.js');
  const engine = await createEngine({
    currency: 'CNY',
    promotions: [{ id: 'welcome', kind: 'amount_off', usage: { first_order: true }, tiers: [{ min_subtotal: '0', off: '10' }] }],
    catalog: [{ sku: 'mop', price: '38' }],
  });
  const cart = { lines: [{ sku: 'mop', price: '38', quantity: 1 }], customer: { orders: 0 } };
  assert.equal(engine.quote(cart).total, '28.00');
  const returning = engine.quote(cart, { checkout: { orders: 3 } });
  assert.equal(returning.total, '38.00');
  assert.deepEqual(returning.skipped.map((s) => s.reason), ['limit_reached']);
  assert.equal(engine.quote({ ...cart, customer: { orders: 3 } }, { checkout: { orders: 0 } }).total, '28.00');
  assert.throws(() => engine.quote(cart, { checkout: { uses: { welcom: 1 } } }), (e) => e instanceof NexttierError && e.path === 'checkout.uses.welcom');
});

test('carts cross as UTF-8 bytes: any text, in the reused buffer or in one of their own', async () => {
  const engine = await createEngine({ currency: 'CNY', promotions: [{ id: 'ten-off', kind: 'amount_off', tiers: [{ min_subtotal: '99', off: '10' }] }] });
  const line = (sku, name, price) => ({ sku, name, price, quantity: 1 });
  // Non-ASCII in every width UTF-8 has (2, 3 and 4 bytes), written raw and as JSON escapes.
  const wide = { lines: [line('茶-🍵', 'Thé vert 🍃', '99.00')] };
  const quote = engine.quote(wide);
  assert.equal(quote.lines[0].sku, '茶-🍵');
  assert.equal(quote.total, '89.00');
  assert.equal(engine.quoteJson(JSON.stringify(wide)), engine.quoteJson(JSON.stringify(wide).replace('茶', '\\u8336')));
  // A big cart (its own buffer: more than 256 KB once encoded), then a small one (the reused buffer,
  // which must not leak the big cart's bytes), then the big one again.
  const big = { lines: Array.from({ length: 2000 }, (_, i) => line(`é-${i}`, 'ü'.repeat(60), '1.00')) };
  assert.ok(JSON.stringify(big).length * 3 > 256 << 10);
  const small = { lines: [line('a', 'b', '5.00')] };
  assert.equal(engine.quote(big).total, '1990.00');
  assert.equal(engine.quote(small).total, '5.00');
  assert.equal(engine.quote(big).lines.length, 2000);
  // A cart in a string with a lone surrogate (not UTF-16 text) reads as TextEncoder writes it: U+FFFD.
  assert.equal(engine.quote('{"lines":[{"sku":"x\ud800","price":"1","quantity":1}]}').lines[0].sku, 'x\ufffd');
  engine.free();
});

test('options of `detail` alone cross as a flag and quote as their JSON text does; anything else is read as before', async () => {
  const engine = await createEngine({ currency: 'CNY', shipping: { fee: '10' }, promotions: [
    { id: 'free-ship', kind: 'free_shipping', tiers: [{ min_subtotal: '99' }] },
    { id: 'ten-off', kind: 'amount_off', tiers: [{ min_subtotal: '99', off: '10' }, { min_subtotal: '150', off: '30' }] },
  ] });
  const cart = { lines: [{ sku: 'mop', price: '38', quantity: 1 }, { sku: 'soap', price: '18', quantity: 3 }] };
  for (const detail of ['summary', 'full']) {
    // The JSON text always goes through the wasm's options reader: the reference.
    const reference = engine.quoteJson(cart, JSON.stringify({ detail }));
    assert.equal(engine.quoteJson(cart, { detail }), reference, detail);
    assert.equal(engine.quoteJson(cart, Object.assign(Object.create(null), { detail })), reference, detail);
    // A key that JSON.stringify leaves out: read as JSON, the same quote.
    assert.equal(engine.quoteJson(cart, { detail, other: undefined }), reference, detail);
  }
  assert.equal('lines' in engine.quote(cart, { detail: 'summary' }), false);
  assert.equal(engine.quote(cart, { detail: 'full' }).lines.length, 2);
  // What the flag cannot say is refused as before, at its path.
  assert.throws(() => engine.quote(cart, { detail: 'brief' }), (e) => e instanceof NexttierError && e.path === 'detail');
  assert.throws(() => engine.quote(cart, { detail: 'summary', extra: 1 }), (e) => e instanceof NexttierError && e.path === 'extra');
  // An object whose JSON is not its own keys (toJSON) is read as its JSON says.
  class Options { constructor() { this.detail = 'summary'; } toJSON() { return { detail: 'full' }; } }
  assert.equal(engine.quoteJson(cart, new Options()), engine.quoteJson(cart, { detail: 'full' }));
  engine.free();
});
