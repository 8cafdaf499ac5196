// createEngineSync from a compiled WebAssembly.Module (what a worker is sent), in a fresh process,
// and from the file next to the module when no wasm is given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

test('a compiled module instantiates synchronously and quotes like the asynchronous way', async () => {
  const { createEngineSync, createEngine } = await import('../../pkg/node.js');
  const module = new WebAssembly.Module(readFileSync(new URL('../../pkg/nexttier_bg.wasm', import.meta.url)));
  const config = { currency: 'CNY', promotions: [{ id: 'ten', kind: 'amount_off', tiers: [{ min_subtotal: '99', off: '10' }] }] };
  const cart = { lines: [{ sku: 'mop', price: '38', quantity: 1 }, { sku: 'detergent', price: '18', quantity: 3 }, { sku: 'sponge', price: '7', quantity: 1 }] };
  const engine = createEngineSync(config, { wasm: module, limits: { cart_lines: 5 } });
  assert.equal(engine.quoteJson(cart), (await createEngine(config)).quoteJson(cart));
  assert.equal(engine.quote(cart).total, '89.00');
  // The engine's own limits hold.
  const six = { lines: Array.from({ length: 6 }, (_, i) => ({ sku: `s${i}`, price: '1', quantity: 1 })) };
  assert.throws(() => engine.quote(six), (error) => error.code === 'invalid' && error.path === 'lines');
});
