// createEngineSync: an engine without `await`, from a module or bytes a worker already holds, or (in
// Node) the wasm next to the module. Its own file: each test file is a fresh process, and the order
// below (nothing loaded, then an asynchronous load under way, then loaded) matters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngineSync, load, NexttierError } from '../../pkg/node.js';

const config = { currency: 'CNY', shipping: { fee: '10' }, promotions: [{ id: 'ship', kind: 'free_shipping', tiers: [{ min_subtotal: '99' }] }] };
const cart = { lines: [{ sku: 'mop', price: '92', quantity: 1 }] };

test('a wasm that is not a module or bytes is refused with its path, and nothing is instantiated', () => {
  assert.throws(() => createEngineSync(config, { wasm: 'nexttier_bg.wasm' }), (error) => error instanceof NexttierError && error.code === 'wrong_type' && error.path === 'wasm');
});

test('while an asynchronous load is under way, a synchronous one is refused (two instances would race)', async () => {
  const pending = load();
  assert.throws(() => createEngineSync(config), (error) => error instanceof NexttierError && error.code === 'not_loaded');
  await pending;
  // Loaded: no wasm needed any more.
  const engine = createEngineSync(config);
  assert.equal(engine.quote(cart).total, '102.00');
});
