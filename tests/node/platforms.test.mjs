// The platform adapters on recorded payloads of the documented shapes (Shopify's Ajax `/cart.js`,
// WooCommerce's Store API cart; tests/node/fixtures/): what the engine quotes from them, checked by
// hand, and what they send back to the platform.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createEngine, NexttierError } from '../../pkg/node.js';
import { fromShopifyCart, shopifyAddBody, addToShopifyCart, followShopifyCart } from '../../pkg/shopify.js';
import { fromWooCart, wooAddItemBodies, addToWooCart } from '../../pkg/woocommerce.js';

const fixture = (name) => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const seed = readFileSync(new URL('../vectors/configs/seed.json', import.meta.url), 'utf8');

test('a Shopify /cart.js in fen quotes as the same cart in yuan: 92.00 in scope, 7.00 short, total 102.00', async () => {
  const engine = await createEngine(seed);
  const cart = fromShopifyCart(fixture('shopify-cart.json'));
  assert.deepEqual(cart, {
    amounts: 'minor',
    currency: 'CNY',
    lines: [
      { sku: 'mop', price: 3800, quantity: 1, category: 'home', name: 'Spin Mop' },
      // No SKU on the variant: its variant id stands in.
      { sku: '40123456789022', price: 1800, quantity: 3, category: 'cleaning', name: 'Detergent 2L' },
    ],
  });
  const quote = engine.quote(cart);
  assert.equal(quote.subtotal, '92.00');
  assert.equal(quote.total, '102.00');
  assert.deepEqual(quote.progress.map((p) => p.next?.remaining), ['7.00', '7.00']);
});

test('the naive mapping of a Shopify cart (cents as numbers, no unit) is refused at the price, not quoted 100x', async () => {
  const engine = await createEngine(seed);
  const naive = { lines: fixture('shopify-cart.json').items.map((i) => ({ sku: i.sku || 'x', price: i.price, quantity: i.quantity })) };
  assert.throws(() => engine.quote(naive), (error) => error instanceof NexttierError && error.code === 'ambiguous_amount'
    && error.path === 'lines[0].price' && error.errors.length === 2 && error.docs === 'nexttier/ERRORS.md#ambiguous_amount');
});

test('Shopify: options choose SKU and category; a bad payload is refused with its path', () => {
  const shopify = fixture('shopify-cart.json');
  const cart = fromShopifyCart(shopify, { sku: (i) => `v${i.variant_id}`, category: () => 'home', coupons: ['WELCOME10'] });
  assert.deepEqual(cart.lines.map((l) => [l.sku, l.category]), [['v40123456789011', 'home'], ['v40123456789022', 'home']]);
  assert.deepEqual(cart.coupons, ['WELCOME10']);
  const broken = structuredClone(shopify);
  broken.items[1].original_price = 18.5;
  assert.throws(() => fromShopifyCart(broken), (e) => e instanceof TypeError && e.code === 'wrong_type' && e.path === 'items[1].original_price');
  assert.throws(() => fromShopifyCart({ items: [] }), (e) => e.path === 'currency');
});

test('Shopify add: the exact SKU reaches the variant, whatever it holds; an unknown SKU is refused', async () => {
  const variants = { 'blue mug': 111, 'a*b "c"': '222', '清洁剂': 333 };
  assert.deepEqual(shopifyAddBody([{ sku: 'blue mug', quantity: 2 }, { sku: 'a*b "c"', quantity: 1 }, { sku: '清洁剂', quantity: 1 }], variants),
    { items: [{ id: 111, quantity: 2 }, { id: 222, quantity: 1 }, { id: 333, quantity: 1 }] });
  assert.throws(() => shopifyAddBody([{ sku: 'mug', quantity: 1 }], variants), (e) => e.path === 'items[0].sku');
  const calls = [];
  const fetch = async (url, init) => {
    calls.push([url, init?.method ?? 'GET', init?.body]);
    return new Response(url.endsWith('cart.js') ? JSON.stringify(fixture('shopify-cart.json')) : '{"items":[]}', { status: 200 });
  };
  const after = await addToShopifyCart([{ sku: 'blue mug', quantity: 2 }], { variants, root: '/zh-cn/', fetch });
  assert.equal(after.currency, 'CNY');
  assert.deepEqual(calls, [['/zh-cn/cart/add.js', 'POST', '{"items":[{"id":111,"quantity":2}]}'], ['/zh-cn/cart.js', 'GET', undefined]]);
});

test('followShopifyCart: the cart now and after every change made through the Ajax API, then stops', async () => {
  const original = globalThis.fetch;
  let served = fixture('shopify-cart.json');
  globalThis.fetch = async (url) => new Response(String(url).endsWith('/cart.js') ? JSON.stringify(served) : '{}', { status: 200 });
  const stub = globalThis.fetch;
  const seen = [];
  const stop = followShopifyCart((cart) => seen.push(cart.lines.reduce((n, l) => n + l.quantity, 0)));
  await new Promise((r) => setTimeout(r, 10));
  served = structuredClone(served);
  served.items[0].quantity = 2;
  await fetch('/cart/change.js', { method: 'POST', body: '{}' });
  await fetch('/products/mop.js');
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(seen, [4, 5], 'the first cart, then one refresh after /cart/change.js and none after a product fetch');
  stop();
  assert.equal(globalThis.fetch, stub, 'stopping puts fetch back');
  globalThis.fetch = original;
});

test('a WooCommerce Store API cart quotes as the same cart: sale price, minor units, coupons copied', async () => {
  const engine = await createEngine(seed);
  const categories = { 15: 'home', 11: 'cleaning' };
  const cart = fromWooCart(fixture('woocommerce-cart.json'), { category: (item) => categories[item.id] });
  assert.deepEqual(cart, {
    amounts: 'minor',
    currency: 'CNY',
    lines: [
      { sku: 'mop', price: '3800', quantity: 1, category: 'home', name: 'Spin Mop' },
      { sku: '11', price: '1800', quantity: 3, category: 'cleaning', name: 'Detergent' },
    ],
    coupons: ['welcome10'],
  });
  const quote = engine.quote(cart);
  assert.equal(quote.subtotal, '92.00');
  assert.equal(quote.total, '102.00');
  const broken = fixture('woocommerce-cart.json');
  broken.items[0].prices.price = '38.00';
  assert.throws(() => fromWooCart(broken), (e) => e.path === 'items[0].prices.price');
  broken.items[0].prices = { ...broken.items[1].prices, currency_code: 'USD' };
  assert.throws(() => fromWooCart(broken), (e) => e.path === 'items[0].prices.currency_code');
});

test('WooCommerce add: one add-item per item with the nonce; the last cart is returned', async () => {
  assert.deepEqual(wooAddItemBodies([{ sku: 'blue mug', quantity: 2 }], { 'blue mug': '41' }), [{ id: 41, quantity: 2 }]);
  assert.throws(() => wooAddItemBodies([{ sku: 'x', quantity: 1 }], {}), (e) => e.path === 'items[0].sku');
  const calls = [];
  const fetch = async (url, init) => {
    calls.push([url, init.headers.Nonce, init.body]);
    return new Response(JSON.stringify({ items_count: calls.length }), { status: 201 });
  };
  const cart = await addToWooCart([{ sku: 'a', quantity: 1 }, { sku: 'b', quantity: 3 }], { products: (sku) => ({ a: 1, b: 2 })[sku], nonce: 'n0nce', fetch });
  assert.equal(cart.items_count, 2);
  assert.deepEqual(calls, [
    ['/wp-json/wc/store/v1/cart/add-item', 'n0nce', '{"id":1,"quantity":1}'],
    ['/wp-json/wc/store/v1/cart/add-item', 'n0nce', '{"id":2,"quantity":3}'],
  ]);
});
