// The simulator through the package in Node: the same figures as natively (tests/simulate.rs),
// from CSV text, JSON lines or row objects; sample orders; errors with their line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createEngine, sampleOrders, NexttierError } from '../../pkg/node.js';

const seed = readFileSync(new URL('../vectors/configs/seed.json', import.meta.url), 'utf8');
const csv = readFileSync(new URL('../simulate/orders.csv', import.meta.url), 'utf8');

test('the small orders file gives the hand-checked figures', async () => {
  const engine = await createEngine(seed);
  const report = await engine.simulate(csv);
  assert.equal(report.orders, 6);
  assert.equal(report.order_value.mean, '103.50');
  assert.equal(report.gross_margin, '0.3587');
  const tier = report.promotions[0].tiers[0];
  assert.deepEqual(tier.nudge_zone, { orders: 2, share: '0.3333', median_gap: '5.00' });
  assert.deepEqual(tier.projection, { orders_topping_up: '1', order_value: '104.50', items_per_order: '3.67', discount_cost: '80.00', gross_margin: '0.3480' });
  assert.equal(report.promotions[1].tiers[1].projection.gross_margin, '0.3491');
});

test('row objects give the same report as CSV text', async () => {
  const engine = await createEngine(seed);
  const [header, ...rows] = csv.trim().split('\n');
  const keys = header.split(',');
  const objects = rows.map((row) => Object.fromEntries(row.split(',').map((v, i) => [keys[i], keys[i] === 'quantity' ? Number(v) : v])));
  assert.deepEqual(await engine.simulate(objects), await engine.simulate(csv));
});

test('options change the zone and the share', async () => {
  const engine = await createEngine(seed);
  const report = await engine.simulate(csv, { nudge_zone: '50%', top_up: '1' });
  assert.equal(report.nudge_zone, '0.50');
  assert.equal(report.promotions[0].tiers[0].nudge_zone.orders, 3);
  await assert.rejects(engine.simulate(csv, { top_up: '2' }), (error) => error instanceof NexttierError && error.path === 'top_up');
  await assert.rejects(engine.simulate('order_id,sku,price,quantity\no1,a,x,1\n'), (error) => error.path === 'line 2.price');
});

test('sample orders are deterministic and realistic', async () => {
  const a = await sampleOrders(2000, 3);
  assert.equal(a, await sampleOrders(2000, 3));
  assert.notEqual(a, await sampleOrders(2000, 4));
  assert.ok(a.startsWith('order_id,sku,category,price,quantity,cost\n'));
  const engine = await createEngine(seed);
  const report = await engine.simulate(a);
  assert.equal(report.orders, 2000);
  // Home 1.5 units around 38, cleaning 6.5 units: roughly 4.5 items and 70 an order.
  const items = Number(report.items_per_order);
  assert.ok(items > 4 && items < 5, report.items_per_order);
});

test('sampleOrders refuses counts that would wrap or trap, with a NexttierError', async () => {
  const { sampleOrders, NexttierError } = await import('../../pkg/node.js');
  for (const orders of [-1, 1e9, 1.5, Number.NaN]) {
    await assert.rejects(sampleOrders(orders), (error) => error instanceof NexttierError && error.code === 'invalid_number' && error.path === 'orders', String(orders));
  }
  await assert.rejects(sampleOrders(10, -3), (error) => error instanceof NexttierError && error.path === 'seed');
  assert.equal((await sampleOrders(3, 1)).split('\n')[0], 'order_id,sku,category,price,quantity,cost');
});

test('simulate takes a Blob, a byte stream and a text stream, with progress, and the same report as text', async () => {
  const { createEngine, sampleOrders } = await import('../../pkg/node.js');
  const engine = await createEngine(readFileSync(new URL('../vectors/configs/seed.json', import.meta.url), 'utf8'));
  const csv = await sampleOrders(30000, 9);
  const text = await engine.simulate(csv);
  const progress = [];
  const fromBlob = await engine.simulate(new Blob([csv]), { onProgress: (p) => progress.push(p) });
  assert.deepEqual(fromBlob, text);
  assert.ok(progress.length >= 2, `${progress.length} progress events`);
  assert.equal(progress.at(-1).read, Buffer.byteLength(csv));
  assert.equal(progress.at(-1).total, Buffer.byteLength(csv));
  // A byte stream cut at awkward places (inside "\r\n" and inside a multi-byte character): same report.
  const bytes = Buffer.from(csv.replaceAll('\n', '\r\n').replace('mop', 'mōp'));
  const cuts = [0, 7, 8, 9, 1000, 1001, bytes.length - 1, bytes.length];
  const stream = new ReadableStream({
    start(controller) {
      for (let i = 1; i < cuts.length; i++) controller.enqueue(bytes.subarray(cuts[i - 1], cuts[i]));
      controller.close();
    },
  });
  const whole = await engine.simulate(bytes.toString('utf8'));
  assert.deepEqual(await engine.simulate(stream), whole);
  const strings = new ReadableStream({ start(c) { c.enqueue(csv.slice(0, 12345)); c.enqueue(csv.slice(12345)); c.close(); } });
  assert.deepEqual(await engine.simulate(strings), text);
});

test('simulate stops with aborted when its signal is aborted, before or during the run', async () => {
  const { createEngine, sampleOrders, NexttierError } = await import('../../pkg/node.js');
  const engine = await createEngine(readFileSync(new URL('../vectors/configs/seed.json', import.meta.url), 'utf8'));
  const csv = await sampleOrders(30000, 9);
  const controller = new AbortController();
  const during = engine.simulate(csv, { signal: controller.signal, onProgress: () => controller.abort() });
  await assert.rejects(during, (e) => e instanceof NexttierError && e.code === 'aborted');
  await assert.rejects(engine.simulate(csv, { signal: AbortSignal.abort() }), (e) => e.code === 'aborted');
  await assert.rejects(engine.simulate(42), (e) => e instanceof NexttierError && e.code === 'wrong_type');
  await assert.rejects(engine.simulate(new Blob([Buffer.from([0x6f, 0xff, 0xfe, 0x0a])])), (e) => e.code === 'invalid');
});
