// Suggestions through the built package in Node: catalogs of 1,000 and 10,000 items, bundles of up
// to 1, 2 and 3 SKUs (the catalog of benches/suggest.rs). `node bench/suggest-package.mjs`
import { createEngine } from '../pkg/node.js';
import { measure, suggestConfig as config, suggestCart } from './workloads.mjs';

const cart = suggestCart;
console.log('catalog   bundles   median µs');
for (const n of [1000, 10000]) {
  const engine = await createEngine(config(n));
  for (const max_items of [1, 2, 3]) {
    const us = measure(() => engine.suggest(cart, { max_items }), { warmup: 5, minTimeMs: 1500 });
    console.log(`${String(n).padStart(7)}   ${String(max_items).padStart(7)}   ${us.toFixed(0).padStart(9)}`);
  }
  engine.free();
}
