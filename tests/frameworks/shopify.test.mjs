// The Shopify theme snippet (examples/shopify/nexttier.liquid), rendered by LiquidJS with the theme
// objects it reads, served with the package's files as theme assets and a fake Ajax cart API that
// keeps its cart in cents, and clicked in Chromium: the bar follows /cart.js, and Add posts the
// sponge's variant id to /cart/add.js, after which the bar follows the new cart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Liquid } from 'liquidjs';
import { start, root } from '../browser/browser.mjs';
import { installed, installPacked } from './packed.mjs';

let env;
before(async () => {
  const out = join(root, 'target', 'shopify-test');
  rmSync(out, { recursive: true, force: true });
  installPacked(out);
  env = await start();
});
after(async () => { await env?.close(); });

const seed = readFileSync(join(root, 'tests', 'vectors', 'configs', 'seed.json'), 'utf8');
const recorded = JSON.parse(readFileSync(join(root, 'tests', 'node', 'fixtures', 'shopify-cart.json'), 'utf8'));
const SPONGE_VARIANT = 40123456789033;

/** The page the theme would render: the snippet with Shopify's objects and `asset_url`. */
async function themePage() {
  const liquid = new Liquid();
  liquid.registerFilter('asset_url', (name) => `/assets/${name}`);
  const snippet = readFileSync(join(root, 'examples', 'shopify', 'nexttier.liquid'), 'utf8');
  const body = await liquid.parseAndRender(snippet, {
    request: { locale: { iso_code: 'en' } },
    collections: { 'add-ons': { products: [
      { variants: [{ sku: 'sponge', id: SPONGE_VARIANT }] },
      { variants: [{ sku: 'mop', id: 40123456789011 }, { sku: '', id: 40123456789044 }] },
    ] } },
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body>${body}</body></html>`;
}

/** The shop: theme assets, and an Ajax cart in cents that /cart/add.js changes. */
function shop(page) {
  const cart = structuredClone(recorded);
  const added = [];
  const types = { js: 'text/javascript', wasm: 'application/wasm', json: 'application/json' };
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://shop');
    const send = (status, type, body) => { response.writeHead(status, { 'Content-Type': type }); response.end(body); };
    if (url.pathname === '/') return send(200, 'text/html', page);
    if (url.pathname === '/assets/promotions.json') return send(200, types.json, seed);
    if (url.pathname.startsWith('/assets/')) {
      const name = url.pathname.slice('/assets/'.length);
      try {
        return send(200, types[name.split('.').pop()] ?? 'application/octet-stream', readFileSync(join(installed, name)));
      } catch {
        return send(404, 'text/plain', 'not found');
      }
    }
    if (url.pathname === '/cart.js') return send(200, types.json, JSON.stringify(cart));
    if (url.pathname === '/cart/add.js' && request.method === 'POST') {
      let text = '';
      for await (const chunk of request) text += chunk;
      const { items } = JSON.parse(text);
      added.push(...items);
      for (const { id, quantity } of items) {
        const line = cart.items.find((i) => i.variant_id === id);
        if (line) line.quantity += quantity;
        else cart.items.push({ ...structuredClone(recorded.items[1]), id, variant_id: id, sku: 'sponge', product_type: 'cleaning', product_title: 'Sponge 3-pack', price: 700, original_price: 700, quantity });
      }
      return send(200, types.json, JSON.stringify({ items }));
    }
    return send(404, 'text/plain', 'not found');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}/`, added, close: () => server.close() })));
}

test('the Shopify snippet: the bar follows /cart.js in cents, Add posts the variant id, the bar follows the new cart', async () => {
  const store = await shop(await themePage());
  try {
    const page = await env.newPage();
    await page.goto(store.url);
    const message = () => page.locator('next-tier .message').first().textContent();
    await page.waitForFunction(() => document.querySelector('next-tier')?.shadowRoot?.querySelector('.message')?.textContent.includes('7.00'), null, { timeout: 20000 });
    assert.match(await message(), /Add ¥7\.00 more for free shipping and ¥10\.00 off/);
    await page.locator('next-tier button.add').first().click();
    await page.waitForFunction(() => document.querySelector('next-tier').shadowRoot.querySelector('.message')?.textContent.includes('51.00'), null, { timeout: 10000 });
    assert.deepEqual(store.added, [{ id: SPONGE_VARIANT, quantity: 1 }]);
    assert.deepEqual(page.problems, []);
  } finally {
    store.close();
  }
});
