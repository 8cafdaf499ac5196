// Memory stays a small multiple of what is accepted: the wasm's memory never shrinks, so the largest
// cart the default limits take must not make it grow without bound, and what is refused must not
// make it grow at all. Its own file: each test file runs in a fresh process with a fresh instance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine, load, NexttierError } from '../../pkg/node.js';

/** A cart of `lines` lines, each with a name of `name` characters. */
function cart(lines, name) {
  return JSON.stringify({
    lines: Array.from({ length: lines }, (_, i) => ({ sku: `sku-${i}`, price: '7.50', quantity: 2, category: 'home', name: 'N'.repeat(name) })),
  });
}

test('the largest cart the default limits take grows the wasm memory by a small multiple of its size', async () => {
  const exports = await load();
  const engine = await createEngine({ currency: 'CNY', shipping: { fee: '10' }, promotions: [
    { id: 'free-ship', kind: 'free_shipping', tiers: [{ min_subtotal: '99' }] },
    { id: 'ten-off', kind: 'amount_off', tiers: [{ min_subtotal: '99', off: '10' }, { min_subtotal: '150', off: '30' }] },
  ] });
  const before = exports.memory.buffer.byteLength;
  // 10,000 lines (the default limit) of about 410 bytes: just under the 4 MiB a cart may have.
  const big = cart(10_000, 330);
  assert.ok(big.length > 4_000_000 && big.length < 4 << 20, `${big.length} bytes`);
  const quote = engine.quote(big);
  assert.equal(quote.lines.length, 10_000);
  const grown = exports.memory.buffer.byteLength - before;
  const ratio = grown / big.length;
  console.log(`# a ${big.length}-byte cart grew the wasm memory by ${grown} bytes (${ratio.toFixed(1)}× its size)`);
  assert.ok(ratio <= 8, `grew ${ratio.toFixed(1)}× the cart`);
  // The same again does not grow it further: what one quote took is reused.
  const after = exports.memory.buffer.byteLength;
  engine.quote(big);
  assert.equal(exports.memory.buffer.byteLength, after);
});

test('a refused cart does not grow the wasm memory at all', async () => {
  const exports = await load();
  const engine = await createEngine({ currency: 'CNY', promotions: [] });
  engine.quote({ lines: [] });
  const before = exports.memory.buffer.byteLength;
  // 64 MB: refused by its length before a byte is copied into the wasm.
  const huge = `{"lines":[${'{"sku":"a","price":"1","quantity":1},'.repeat(1_800_000)}]}`;
  assert.ok(huge.length > 64e6);
  assert.throws(() => engine.quote(huge), (error) => error instanceof NexttierError && error.code === 'too_large');
  assert.equal(exports.memory.buffer.byteLength, before);
});

test('limits are per engine: a server may take larger carts, or fewer lines', async () => {
  const wide = await createEngine({ currency: 'CNY', promotions: [] }, { limits: { cart_lines: 20_000, cart_bytes: 8 << 20 } });
  const standard = await createEngine({ currency: 'CNY', promotions: [] });
  const lines = cart(12_000, 1);
  assert.equal(wide.quote(lines, { detail: 'summary' }).subtotal, '180000.00');
  assert.throws(() => standard.quote(lines), (error) => error.code === 'invalid' && error.path === 'lines' && /at most 10000 lines/.test(error.message));
  const strict = await createEngine({ currency: 'CNY', promotions: [] }, { limits: { cart_bytes: 1000 } });
  assert.throws(() => strict.quote(cart(20, 1)), (error) => error.code === 'too_large' && /1000 bytes/.test(error.message));
  // The work budget: a 300-member group over 40 lines is too much work for 1,000 steps.
  const members = Array.from({ length: 300 }, (_, i) => ({ id: `g${i}`, kind: 'amount_off', group: 'one', tiers: [{ min_subtotal: String(50 + i), off: String(1 + (i % 7)) }] }));
  const busy = await createEngine({ currency: 'CNY', promotions: members }, { limits: { work_steps: 1000 } });
  assert.throws(() => busy.quote(cart(40, 1)), (error) => error instanceof NexttierError && error.code === 'too_complex' && error.path === 'promotions[0]');
  // Bad limits are refused with the key's path, never taken as a default.
  await assert.rejects(createEngine({ currency: 'CNY' }, { limits: { cart_lines: 0 } }), (error) => error instanceof NexttierError && error.path === 'cart_lines');
  await assert.rejects(createEngine({ currency: 'CNY' }, { limits: { cart_bytes: 1e12 } }), (error) => error.path === 'cart_bytes');
  await assert.rejects(createEngine({ currency: 'CNY' }, { limits: { lines: 5 } }), (error) => error.code === 'unknown_key');
});
