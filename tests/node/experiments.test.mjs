// Experiments through the package in Node: the assignment hash as documented (an independent
// BigInt version agrees on a thousand ids), the variant in quotes and in a checkout, the report on
// the hand-checked files and on synthetic shoppers, and the analytics sinks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createEngine, report, sampleExperiment, compile, NexttierError } from '../../pkg/node.js';
import { connectAnalytics, ga4Sink, beaconSink, toEventLine } from '../../pkg/analytics.js';

const config = readFileSync(new URL('../vectors/configs/experiments.json', import.meta.url), 'utf8');
const small = readFileSync(new URL('../results/experiment.json', import.meta.url), 'utf8');
const events = readFileSync(new URL('../results/events.jsonl', import.meta.url), 'utf8');
const orders = readFileSync(new URL('../results/orders.csv', import.meta.url), 'utf8');

/** docs/experiments.md's hash, written again from the text: FNV-1a 64, then fmix64. */
function hash(experiment, visitor) {
  const M = (1n << 64n) - 1n;
  let h = 0xcbf29ce484222325n;
  for (const byte of [...new TextEncoder().encode(experiment), 0, ...new TextEncoder().encode(visitor)]) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & M;
  }
  h ^= h >> 33n;
  h = (h * 0xff51afd7ed558ccdn) & M;
  h ^= h >> 33n;
  h = (h * 0xc4ceb9fe1a85ec53n) & M;
  return h ^ (h >> 33n);
}

function assign(experiment, visitor) {
  const total = experiment.variants.reduce((sum, v) => sum + BigInt(v.weight ?? 1), 0n);
  const point = (hash(experiment.id, visitor) * total) >> 64n;
  let end = 0n;
  for (const v of experiment.variants) {
    end += BigInt(v.weight ?? 1);
    if (point < end) return v.id;
  }
}

test('the engine assigns as the documented hash says, for a thousand ids, raw and compiled', async () => {
  const raw = await createEngine(config);
  const compiled = await createEngine(await compile(config));
  const experiments = JSON.parse(config).experiments;
  for (let i = 0; i < 1000; i++) {
    // ids with non-ASCII characters too: the hash reads UTF-8 bytes.
    const visitor = i % 7 === 0 ? `访客-${i}` : `v-${i}`;
    const cart = { visitor, lines: [] };
    const quote = raw.quote(cart, { detail: 'summary' });
    assert.deepEqual(
      quote.experiments.map((e) => e.variant),
      experiments.map((e) => assign(e, visitor)),
      visitor,
    );
    assert.equal(JSON.stringify(compiled.quote(cart, { detail: 'summary' })), JSON.stringify(quote));
  }
});

test('a checkout takes the variant from the server, never from the cart', async () => {
  const engine = await createEngine(config);
  const cart = { visitor: 'v-1001', variants: { 'free-ship-threshold': 'from-89' }, lines: [{ sku: 'mop', price: '1', quantity: 1 }] };
  assert.deepEqual(engine.quote(cart).experiments[0], { experiment: 'free-ship-threshold', variant: 'from-89', by: 'forced' });
  const server = engine.quote(cart, { checkout: { visitor: 'v-1004' } });
  assert.deepEqual(server.experiments[0], { experiment: 'free-ship-threshold', variant: 'holdout', by: 'visitor' });
  assert.equal(server.subtotal, '38.00', 'the catalog price, not the cart\'s');
  assert.throws(() => engine.quote(cart, { checkout: { variants: { 'top-tier': '999' } } }),
    (error) => error instanceof NexttierError && error.path === 'checkout.variants.top-tier');
});

test('report gives the hand-checked figures of the small files', async () => {
  const result = await report(small, { events, orders, now: '2026-12-01T00:00:00Z' });
  assert.equal(result.experiment, 'free-ship-threshold');
  assert.equal(result.variants[0].order_value, '75.00');
  assert.equal(result.variants[1].margin_per_order, '12.53');
  assert.deepEqual(
    [result.variants[1].vs_control.order_value.low, result.variants[1].vs_control.order_value.high],
    ['-100.61', '29.94'],
  );
  await assert.rejects(report(small, { events: '{"type":"nope","visitor":"a"}', orders }),
    (error) => error instanceof NexttierError && error.path === 'line 1.type');
});

test('synthetic shoppers with a planted lift: report finds it', async () => {
  const { events: e, orders: o } = await sampleExperiment(small, { shoppers: 20000, lifts: { 'from-89': 100 } });
  const result = await report(small, { events: new Blob([e]), orders: o, now: '2026-12-01T00:00:00Z' });
  const d = result.variants[1].vs_control.order_value;
  assert.equal(d.clear, true);
  // The planted 10 % of 73.50 (3.5 units of a mean price of 21) is 7.35.
  assert.ok(Number(d.low) <= 7.35 && 7.35 <= Number(d.high), JSON.stringify(d));
  assert.match(result.verdict.order_value, /^On order value, `from-89` wins\./);
});

test('the analytics records, GA4 events and beacon batches', () => {
  const element = new EventTarget();
  const layer = [];
  const posted = [];
  let clock = 0;
  const stop = connectAnalytics(element, {
    visitor: 'v-9',
    sinks: [ga4Sink({ dataLayer: layer }), beaconSink('https://shop.example/e', { batch: 10, send: (url, body) => posted.push([url, body]) })],
    now: () => new Date(Date.UTC(2026, 11, 1, 0, 0, clock++)),
  });
  const experiments = [{ experiment: 'free-ship-threshold', variant: 'from-89' }];
  const fire = (type, detail) => element.dispatchEvent(new CustomEvent(`nexttier:${type}`, { detail }));
  fire('progress', { first: true, next: [{ promotion: 'free-ship', tier: 0 }], remaining: '7.00', total: '92.00', experiments });
  fire('progress', { first: false, next: [{ promotion: 'free-ship', tier: 0 }], remaining: '1.00', total: '98.00', experiments });
  fire('add', { sku: 'sponge', quantity: 1, items: [{ sku: 'sponge', quantity: 1 }], experiments });
  fire('tier-reached', { promotion: 'free-ship', tier: 0, experiments });
  assert.deepEqual(layer.filter((e) => e.event).map((e) => e.event), ['view_promotion', 'select_promotion', 'nexttier_tier_reached']);
  assert.equal(layer[1].ecommerce.promotion_id, 'free-ship');
  assert.equal(layer[1].nexttier_experiments, 'free-ship-threshold:from-89');
  assert.deepEqual(layer[3].ecommerce.items, [{ item_id: 'sponge', quantity: 1, promotion_id: 'free-ship' }]);
  assert.equal(posted.length, 0, 'batched');
  stop();
  assert.equal(posted.length, 1);
  const lines = posted[0][1].trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => l.type), ['impression', 'suggestion_add', 'tier_reached']);
  assert.deepEqual(lines[0], { v: 1, type: 'impression', visitor: 'v-9', at: '2026-12-01T00:00:00.000Z', experiments, promotion: 'free-ship', tier: 0, remaining: '7.00', total: '92.00' });
  assert.equal(toEventLine(lines[1]), JSON.stringify(lines[1]));
  assert.throws(() => connectAnalytics(element, {}), TypeError);
});

test('the records the sinks collect are read by report', async () => {
  const element = new EventTarget();
  let body = '';
  const stop = connectAnalytics(element, { visitor: 'a', sinks: [beaconSink('/e', { send: (url, b) => { body += b; } })] });
  element.dispatchEvent(new CustomEvent('nexttier:progress', { detail: { first: true, next: [], experiments: [{ experiment: 'free-ship-threshold', variant: 'control' }] } }));
  stop();
  const result = await report(small, { events: body, orders: 'order_id,sku,price,quantity,visitor\n1,mop,38,1,a\n', now: '2026-12-01T00:00:00Z' });
  assert.equal(result.variants[0].impressions, 1);
  assert.equal(result.variants[0].orders, 1);
});
