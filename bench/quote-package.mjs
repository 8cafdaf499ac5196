// Quotes through the built package in Node: `node bench/quote-package.mjs`. For each workload, the
// quote's size, engine.quoteJson (text in, text out), engine.quote (objects in and out), the same
// with `{ detail: 'summary' }` (which comes back in the compact form, src/quote/compact.rs), the
// summary of an empty cart (what every call costs whatever the cart holds), and for scale V8's own
// JSON.parse of the full quote and of the summary's JSON text.
import { createEngine } from '../pkg/node.js';
import { quoteWorkloads, measure } from './workloads.mjs';

console.log('workload                       quote bytes   quoteJson µs   quote µs   summary bytes   summary quote µs   empty cart µs   JSON.parse µs   of the summary');
for (const [name, config, cart] of quoteWorkloads()) {
  const engine = await createEngine(config);
  const text = JSON.stringify(cart);
  const json = engine.quoteJson(text);
  const summary = { detail: 'summary' };
  const summaryJson = engine.quoteJson(text, summary);
  const empty = { lines: [] };
  const row = [
    String(json.length).padStart(11),
    measure(() => engine.quoteJson(text)).toFixed(1).padStart(14),
    measure(() => engine.quote(cart)).toFixed(1).padStart(10),
    String(summaryJson.length).padStart(15),
    measure(() => engine.quote(cart, summary)).toFixed(1).padStart(18),
    measure(() => engine.quote(empty, summary)).toFixed(1).padStart(15),
    measure(() => JSON.parse(json)).toFixed(1).padStart(15),
    measure(() => JSON.parse(summaryJson)).toFixed(1).padStart(16),
  ];
  console.log(name.padEnd(30) + row.join(' '));
  engine.free();
}
