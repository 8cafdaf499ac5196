// The compact cart encoding (pkg-config/api.js `compactCart`, src/cart/compact.rs): a cart object
// that crosses compactly quotes, suggests and fails exactly as its JSON text does (the summary
// object, which comes back in its own compact form, included). A cart given as a
// string always crosses as JSON, so `quoteJson(cart)` against `quoteJson(JSON.stringify(cart))`
// compares the two ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../pkg/node.js';
import { compactCart } from '../../pkg/api.js';

const config = {
  currency: 'CNY',
  shipping: { fee: '10' },
  promotions: [
    { id: 'free-ship', kind: 'free_shipping', tiers: [{ min_subtotal: '99' }], scope: { categories: ['home', 'cleaning'] } },
    { id: 'tiers', kind: 'amount_off', tiers: [{ min_subtotal: '99', off: '10' }, { min_subtotal: '150', off: '30' }] },
    { id: 'pct', kind: 'percent_off', tiers: [{ min_quantity: 3, percent: '5' }], scope: { categories: ['cleaning'] } },
  ],
  catalog: [
    { sku: 'sponge', name: 'Sponge 3-pack', price: '7', category: 'cleaning', stock: 40 },
    { sku: 'towel', name: 'Towel', price: '19.90', category: 'home', stock: 5 },
  ],
};

/** The outcome of `f`: its result, or the error's code, path and message. */
function outcome(f) {
  try {
    return { ok: f() };
  } catch (error) {
    return { code: error.code, path: error.path, message: error.message };
  }
}

/** A small seeded generator (mulberry32; no clock, no Math.random): the same carts on every run. */
function random(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const pick = (items) => items[Math.floor(next() * items.length)];
  return { next, pick };
}

// Texts the encoding must carry as they are, or give up on for JSON to report.
const TEXTS = ['mop', '', 'a:b', '-', '茶-🍵', 'x\u0001y', 'x\u0002y', '\u00020\u0001z', 'lone\ud800', '\udc00', 'quote"back\\slash', 'new\nline', 'home', 'cleaning', 'C21'];
const PRICES = ['38', '38.00', '7.5', '0', '-1', '1e2', '1E2', '1.001', '', 'abc', ' 5', '99999999999999999999', '19.90'];
const QUANTITIES = [0, 1, 3, 12, 2 ** 53 - 1, 2 ** 53, -1, 1.5, -0, 1e21, NaN, '2', null];

function line(r) {
  const l = {};
  // Keys in a random order, some left out; now and then one the encoding does not carry.
  const keys = ['sku', 'price', 'quantity', 'category', 'name'].filter((k) => k === 'sku' || k === 'price' || k === 'quantity' || r.next() < 0.6);
  keys.sort(() => r.next() - 0.5);
  for (const key of keys) {
    if (key === 'quantity') l.quantity = r.next() < 0.93 ? Math.floor(r.next() * 6) : r.pick(QUANTITIES);
    else if (key === 'price') l.price = r.next() < 0.93 ? `${Math.floor(r.next() * 90)}.${Math.floor(r.next() * 10)}0` : r.pick(PRICES);
    else l[key] = r.next() < 0.88 ? r.pick(['mop', 'sponge', 'towel', 'home', 'cleaning', 'tea']) : r.pick(TEXTS);
  }
  if (r.next() < 0.15) l.tags = r.next() < 0.8 ? [r.pick(['home', 'sale', '']), r.pick(TEXTS)] : [];
  if (r.next() < 0.03) l.category = null;
  if (r.next() < 0.1) l.price = r.pick([12, 3800, 0, -5, 1.5, 1e21, 0.1 + 0.2, 2 ** 60]);
  if (r.next() < 0.02) delete l.sku;
  return l;
}

test('carts cross compactly where they can, and quote, suggest and fail as their JSON text does', async () => {
  const engine = await createEngine(config);
  const r = random(2026);
  let compact = 0;
  let refused = 0;
  for (let i = 0; i < 600; i++) {
    const cart = { lines: Array.from({ length: Math.floor(r.next() * 6) }, () => line(r)) };
    if (r.next() < 0.2) cart.amounts = r.pick(['minor', 'major', 'minor', 'cents']);
    if (r.next() < 0.1) cart.currency = r.pick(['CNY', 'USD', 'cny', '']);
    if (r.next() < 0.1) cart.coupons = r.next() < 0.8 ? ['SAVE', r.pick(TEXTS)] : [];
    if (r.next() < 0.03) cart.now = '2026-01-01T00:00:00Z';
    if (compactCart(cart) !== undefined) compact++;
    const text = JSON.stringify(cart);
    for (const options of [undefined, { detail: 'summary' }, { detail: 'full' }]) {
      const byObject = outcome(() => engine.quoteJson(cart, options));
      const byText = outcome(() => engine.quoteJson(text, options));
      assert.deepEqual(byObject, byText, `${text} ${JSON.stringify(options)}`);
      if (byText.code) refused++;
    }
    assert.deepEqual(outcome(() => engine.suggest(cart, { limit: 2 })), outcome(() => engine.suggest(text, { limit: 2 })), text);
    // The summary object (which comes back in its compact form) is its JSON text parsed, key order too.
    const summary = outcome(() => JSON.stringify(engine.quote(cart, { detail: 'summary' })));
    assert.deepEqual(summary, outcome(() => engine.quoteJson(text, { detail: 'summary' })), text);
  }
  // Both ways were exercised: most carts crossed compactly, and some were refused.
  assert.ok(compact > 250, `only ${compact} of 600 carts crossed compactly`);
  assert.ok(refused > 30, `only ${refused} refusals`);
  engine.free();
});

test('which carts the encoding takes, and what it writes', () => {
  const ordinary = { lines: [{ sku: 'mop', price: '38', quantity: 1, category: 'home' }, { name: 'Soap', quantity: 3, price: '18', sku: 'soap' }] };
  assert.equal(compactCart(ordinary), 'C22\u0001\u0001\u0001\u00021\u0001mop\u000138\u00011\u0001home\u00022\u0001soap\u000118\u00013\u0001Soap');
  assert.equal(compactCart({ lines: [] }), 'C20\u0001\u0001\u0001');
  assert.equal(compactCart(Object.assign(Object.create(null), { lines: [] })), 'C20\u0001\u0001\u0001');
  // A platform adapter's cart (nexttier/shopify): minor units as numbers, the currency, tags.
  assert.equal(
    compactCart({ amounts: 'minor', currency: 'CNY', coupons: ['SAVE'], lines: [{ sku: 'mop', price: 3800, quantity: 1, name: 'Mop', tags: ['a', 'b'] }] }),
    'C21\u0001minor\u0001=CNY\u00011\u0003SAVE\u000214\u0001mop\u00013800\u00011\u0001Mop\u00012\u0003a\u0003b',
  );
  // What crosses as JSON instead.
  for (const [i, cart] of [
    null, 'text', [], { lines: [], now: '2026-01-01T00:00:00Z' }, { lines: [], coupons: 'SAVE' }, { lines: [], coupons: [1] },
    { lines: [], amounts: '' }, { lines: [], currency: null }, { lines: {} }, { lines: [null] },
    { lines: [{ sku: 'a', price: NaN, quantity: 1 }] },
    { lines: [{ sku: 'a', price: 1n, quantity: 1 }] },
    { lines: [{ sku: 'a', price: '1', quantity: 1, tags: 'x' }] },
    { lines: [{ sku: 'a', price: '1', quantity: 1, tags: [null] }] },
    { lines: [{ sku: 'a', price: '1', quantity: '1' }] },
    { lines: [{ sku: 'a', price: '1', quantity: 1.5 }] },
    { lines: [{ sku: 'a', price: '1', quantity: -1 }] },
    { lines: [{ sku: 'a', price: '1', quantity: 2 ** 53 }] },
    { lines: [{ sku: 'a', price: '1', quantity: 1, category: null }] },
    { lines: [{ sku: 'a', price: '1', quantity: 1, category: undefined }] },
    { lines: [{ sku: 'a\ud800', price: '1', quantity: 1 }] },
    { lines: [new (class Line { constructor() { this.sku = 'a'; this.price = '1'; this.quantity = 1; } })()] },
  ].entries()) {
    assert.equal(compactCart(cart), undefined, `case ${i}`);
  }
  // A cart whose JSON text could be over the byte limit crosses as JSON, to be measured exactly.
  assert.equal(compactCart(ordinary, 100), undefined);
});
