// Suggestions through the built package in Node: catalogs of 1,000 and 10,000 items, bundles of up
// to 1, 2 and 3 SKUs (the catalog of benches/suggest.rs). `node bench/suggest-package.mjs`
import { createEngine } from '../pkg/node.js';
import { measure } from './workloads.mjs';

const MASK = (1n << 64n) - 1n;
function config(n) {
  let state = 7n;
  const catalog = [];
  for (let i = 0; i < n; i++) {
    state = (state * 6364136223846793005n + 1442695040888963407n) & MASK;
    const fen = 50n + ((state >> 33n) % 14950n);
    catalog.push({
      sku: `sku-${String(i).padStart(5, '0')}`,
      price: `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`,
      category: i % 2 === 0 ? 'home' : 'cleaning',
      stock: Number(1n + ((state >> 20n) % 5n)),
    });
  }
  return {
    currency: 'CNY', shipping: { fee: '10' }, catalog,
    promotions: [
      { id: 'free-ship', kind: 'free_shipping', tiers: [{ min_subtotal: '99' }], scope: { categories: ['home', 'cleaning'] } },
      { id: 'anniversary', kind: 'amount_off', tiers: [{ min_subtotal: '99', off: '10' }, { min_subtotal: '150', off: '30' }],
        scope: { categories: ['home', 'cleaning'] } },
    ],
  };
}

const cart = { lines: [{ sku: 'a', price: '92.37', quantity: 1, category: 'home' }] };
console.log('catalog   bundles   median µs');
for (const n of [1000, 10000]) {
  const engine = await createEngine(config(n));
  for (const max_items of [1, 2, 3]) {
    const us = measure(() => engine.suggest(cart, { max_items }), { warmup: 5, minTimeMs: 1500 });
    console.log(`${String(n).padStart(7)}   ${String(max_items).padStart(7)}   ${us.toFixed(0).padStart(9)}`);
  }
  engine.free();
}
