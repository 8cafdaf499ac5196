// The summary's compact form (src/quote/compact.rs, read by pkg-config/api.js `summaryFromTape`):
// `engine.quote(cart, { detail: 'summary' })` must be the very object `JSON.parse` makes of the
// summary's JSON text — the same members, values and key order — for every shape a summary has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile, createEngine } from '../../pkg/node.js';
import { compactCart, summaryFromTape } from '../../pkg/api.js';
import { RawEngine } from '../../pkg/nexttier.js';
import { vectors } from './vectors.mjs';

const SUMMARY = { detail: 'summary' };
const encoder = new TextEncoder();

/** The member paths of a summary (`progress[].next.unlocks.off`), and `#` where a measure is units. */
function shapes(value, path = '', into = new Set()) {
  if (Array.isArray(value)) {
    if (value.length) into.add(path);
    for (const item of value) shapes(item, `${path}[]`, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      into.add(at);
      if (item === null) into.add(`${at}=null`);
      if (typeof item === 'number' && /(measured|threshold|remaining)$/.test(at)) into.add(`${at}#`);
      shapes(item, at, into);
    }
  }
  return into;
}

/**
 * The raw engine's two answers for one cart: the compact form (detail 2) and the JSON text of the
 * summary (detail 1), after checking the package gives the object `JSON.parse` makes of the latter.
 */
async function both(config, cart) {
  const engine = await createEngine(config);
  const raw = new RawEngine(JSON.stringify(await compile(config)), undefined);
  try {
    const json = engine.quoteJson(cart, SUMMARY);
    const quote = engine.quote(cart, SUMMARY);
    // Key order too: the same JSON text back.
    assert.equal(JSON.stringify(quote), json);
    assert.deepEqual(quote, JSON.parse(json));
    // The cart crosses compactly where it can, as JSON text otherwise; the summary's form is the same.
    const compact = compactCart(cart);
    const bytes = encoder.encode(compact ?? JSON.stringify(cart));
    const tape = raw.quote(bytes, compact !== undefined, undefined, 2);
    return { tape, json: raw.quote(bytes, compact !== undefined, undefined, 1), quote };
  } finally {
    engine.free();
    raw.free();
  }
}

// A config and a cart for the shapes no golden vector has: a group with no winner yet (`from`:
// null) and a fixed amount off shipping.
const EXTRA = [
  {
    name: 'a group with no winner, an amount off shipping',
    config: {
      currency: 'USD',
      shipping: { fee: '8' },
      promotions: [
        { id: 'a', kind: 'amount_off', group: 'g', tiers: [{ min_subtotal: '50', off: '5' }] },
        { id: 'b', kind: 'percent_off', group: 'g', tiers: [{ min_subtotal: '40', percent: '5' }] },
        { id: 's', kind: 'shipping_off', tiers: [{ min_subtotal: '30', off: '3' }] },
      ],
    },
    cart: { lines: [{ sku: 'x', price: '10', quantity: 1 }] },
  },
];

test('every golden vector quotes through the compact form, exactly as its JSON text parses', async () => {
  const seen = new Set();
  let quoted = 0;
  for (const vector of vectors()) {
    if (!vector.quote) continue;
    const { tape, json, quote } = await both(vector.config, vector.cart);
    assert.equal(tape[0], 'Q', `${vector.name}: no compact form`);
    const fromTape = summaryFromTape(tape);
    assert.equal(JSON.stringify(fromTape), json, vector.name);
    assert.deepEqual(fromTape, quote, vector.name);
    shapes(fromTape, '', seen);
    quoted++;
  }
  assert.ok(quoted >= 100, `only ${quoted} vectors quoted`);
  for (const { name, config, cart } of EXTRA) {
    const { tape, json } = await both(config, cart);
    assert.equal(tape[0], 'Q', name);
    const fromTape = summaryFromTape(tape);
    assert.equal(JSON.stringify(fromTape), json, name);
    shapes(fromTape, '', seen);
  }
  // Every optional member the form carries was read at least once, so none goes untested.
  const missing = [
    'shipping_options', 'shipping_options[].label', 'applied[].label', 'applied[].times', 'applied[].coupon',
    'gifts', 'gifts[].name', 'gifts[].price', 'gifts[].options', 'gifts[].options[].name', 'gifts[].chosen',
    'gift_actions', 'progress[].tier=null', 'progress[].next=null', 'progress[].measured#', 'progress[].ends_at',
    'progress[].condition', 'progress[].condition[].measured#', 'progress[].next.applies', 'progress[].next.loses',
    'progress[].next.switches_group', 'progress[].next.switches_group.from=null',
    ...['free_shipping', 'off', 'off_each', 'percent', 'max_off', 'gift', 'gift_choices', 'gift_quantity', 'gift_price',
      'bundle_price', 'price', 'units', 'unit_price', 'shipping_off', 'shipping_percent', 'saving'].map((k) => `progress[].next.unlocks.${k}`),
    'experiments', 'notices',
  ].filter((path) => !seen.has(path));
  assert.deepEqual(missing, []);
});

test('a text holding the separator: the summary crosses as JSON text, the same object', async () => {
  const config = {
    currency: 'CNY',
    shipping: { fee: '10' },
    promotions: [{ id: 'free', kind: 'free_shipping', label: 'Free\u0001shipping', tiers: [{ min_subtotal: '99' }] }],
  };
  const cart = { lines: [{ sku: 'mop', price: '120', quantity: 1 }] };
  const { tape, json, quote } = await both(config, cart);
  assert.equal(tape, json);
  assert.equal(quote.applied[0].label, 'Free\u0001shipping');
});

test('a full quote never takes the compact form', async () => {
  const config = { currency: 'CNY', promotions: [{ id: 'free', kind: 'free_shipping', tiers: [{ min_subtotal: '99' }] }] };
  const engine = await createEngine(config);
  const cart = { lines: [{ sku: 'mop', price: '120', quantity: 1 }] };
  assert.equal(JSON.stringify(engine.quote(cart)), engine.quoteJson(cart));
  assert.equal(JSON.stringify(engine.quote(cart, { detail: 'full' })), engine.quoteJson(cart));
  engine.free();
});
