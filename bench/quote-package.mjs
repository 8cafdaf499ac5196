// Quotes through the built package in Node: `node bench/quote-package.mjs`. For each workload, the
// quote's size, engine.quoteJson (text in, text out), engine.quote (objects in and out), the same
// with `{ detail: 'summary' }`, and for scale V8's own JSON.parse of the full quote.
import { createEngine } from '../pkg/node.js';
import { quoteWorkloads, measure } from './workloads.mjs';

console.log('workload                       quote bytes   quoteJson µs   quote µs   summary bytes   summary quote µs   JSON.parse µs');
for (const [name, config, cart] of quoteWorkloads()) {
  const engine = await createEngine(config);
  const text = JSON.stringify(cart);
  const json = engine.quoteJson(text);
  const summary = { detail: 'summary' };
  const row = [
    String(json.length).padStart(11),
    measure(() => engine.quoteJson(text)).toFixed(1).padStart(14),
    measure(() => engine.quote(cart)).toFixed(1).padStart(10),
    String(engine.quoteJson(text, summary).length).padStart(15),
    measure(() => engine.quote(cart, summary)).toFixed(1).padStart(18),
    measure(() => JSON.parse(json)).toFixed(1).padStart(15),
  ];
  console.log(name.padEnd(30) + row.join(' '));
  engine.free();
}
