// `npm run bench`: nexttier against what users would use instead, in one Node process, on the same
// generated workloads. Every contender's answers are compared with nexttier's first and differences
// are counted (a fast wrong answer is not a win); then each is timed (warm-up, then the median of
// many runs). Prints a table and writes bench/results.json.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { createEngine, load, version } from '../pkg/node.js';
import { quoteWorkloads, measure, suggestConfig, suggestCart } from './workloads.mjs';
import { quote as peerQuote } from './peers/engine.mjs';
import { float } from './peers/float.mjs';
import { big } from './peers/big.mjs';
import { dinero } from './peers/dinero.mjs';
import * as medusa from './peers/medusa.mjs';
import { suggest as peerSuggest } from './peers/suggest.mjs';

await load();
const quick = process.argv.includes('--quick');
const timing = quick ? { warmup: 20, minTimeMs: 100 } : { warmup: 200, minTimeMs: 600 };

/** nexttier's quote reduced to the figures every contender gives. */
function figures(quote) {
  return {
    subtotal: quote.subtotal,
    discount: quote.discount,
    shipping: quote.shipping,
    total: quote.total,
    applied: Object.fromEntries(quote.applied.map((a) => [a.promotion, a.amount])),
    remaining: Object.fromEntries(quote.progress.filter((p) => p.next).map((p) => [p.promotion, p.next.remaining])),
  };
}

/** Fields where `answer` differs from nexttier's `truth`: totals, each promotion's amount and remaining. */
function differences(truth, answer) {
  const out = [];
  for (const key of ['subtotal', 'discount', 'shipping', 'total']) {
    if (truth[key] !== answer[key]) out.push(`${key} ${answer[key]} (nexttier ${truth[key]})`);
  }
  for (const group of ['applied', 'remaining']) {
    const ids = new Set([...Object.keys(truth[group]), ...Object.keys(answer[group])]);
    for (const id of ids) {
      if (String(truth[group][id]) !== String(answer[group][id])) {
        out.push(`${group}.${id} ${answer[group][id]} (nexttier ${truth[group][id]})`);
      }
    }
  }
  return out;
}

const contenders = [
  { name: 'big.js', quote: (c, k) => peerQuote(c, k, big) },
  { name: 'dinero.js', quote: (c, k) => peerQuote(c, k, dinero) },
  { name: 'JS floats', quote: (c, k) => peerQuote(c, k, float) },
  { name: medusa.name, quote: medusa.quote, supports: medusa.supports },
];

const results = { machine: `${os.cpus().length} × ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`, nexttier: version(), quote: [], suggest: [] };
console.log(`nexttier ${version()} · ${results.machine}${quick ? ' · quick run' : ''}\n`);
console.log('Quotes (median µs per quote, objects in and out. nexttier: the full quote; summary: `{ detail: \'summary\' }`, the same');
console.log('figures without lines, skipped and explain, which is what the contenders return. ratio = contender / summary;');
console.log('diff = fields that disagree with nexttier)');
console.log(`${'workload'.padEnd(28)}${'nexttier'.padStart(10)}${'summary'.padStart(10)}${contenders.map((c) => (c.name.length > 13 ? c.name.split(' ')[0] : c.name).padStart(14) + 'ratio'.padStart(7) + 'diff'.padStart(6)).join('')}`);
for (const [name, config, cart] of quoteWorkloads()) {
  const engine = await createEngine(config);
  const truth = figures(engine.quote(cart));
  const summary = { detail: 'summary' };
  const own = differences(truth, figures(engine.quote(cart, summary)));
  if (own.length > 0) throw new Error(`${name}: the summary's figures differ from the full quote's: ${own.join('; ')}`);
  const row = {
    workload: name, lines: cart.lines.length, promotions: config.promotions.length,
    nexttier_us: measure(() => engine.quote(cart), timing),
    nexttier_summary_us: measure(() => engine.quote(cart, summary), timing),
    contenders: [],
  };
  for (const c of contenders) {
    if (c.supports && !c.supports(config)) {
      row.contenders.push({ name: c.name, supported: false });
      continue;
    }
    const diffs = differences(truth, c.quote(config, cart));
    const us = measure(() => c.quote(config, cart), timing);
    row.contenders.push({ name: c.name, supported: true, us, ratio: us / row.nexttier_summary_us, differences: diffs.length, examples: diffs.slice(0, 3) });
  }
  engine.free();
  results.quote.push(row);
  console.log(`${name.padEnd(28)}${row.nexttier_us.toFixed(1).padStart(10)}${row.nexttier_summary_us.toFixed(1).padStart(10)}${row.contenders.map((c) => (c.supported
    ? c.us.toFixed(1).padStart(14) + c.ratio.toFixed(2).padStart(7) + String(c.differences).padStart(6)
    : 'n/a'.padStart(14) + ''.padStart(13))).join('')}`);
}

console.log('\nSuggestions for a cart 6.63 short of 99 (median µs; the contender scans for one SKU, nexttier searches bundles of up to 3)');
console.log(`${'catalog'.padEnd(10)}${'nexttier'.padStart(10)}${'scan (big.js)'.padStart(15)}${'ratio'.padStart(7)}   overspend: nexttier / scan`);
for (const n of [1000, 10000]) {
  const config = suggestConfig(n);
  const engine = await createEngine(config);
  const ours = engine.suggest(suggestCart, { max_items: 3, limit: 1 }).suggestions[0];
  const remaining = engine.quote(suggestCart).progress[0].next.remaining;
  const theirs = peerSuggest(config, remaining, ['home', 'cleaning']);
  const nexttierUs = measure(() => engine.suggest(suggestCart, { max_items: 3, limit: 3 }), { warmup: 5, minTimeMs: quick ? 200 : 1500 });
  const scanUs = measure(() => peerSuggest(config, remaining, ['home', 'cleaning']), { warmup: 5, minTimeMs: quick ? 200 : 1500 });
  results.suggest.push({ catalog: n, nexttier_us: nexttierUs, scan_us: scanUs, nexttier_overspend: ours.overspend, scan_overspend: theirs.overspend });
  console.log(`${String(n).padEnd(10)}${nexttierUs.toFixed(0).padStart(10)}${scanUs.toFixed(0).padStart(15)}${(scanUs / nexttierUs).toFixed(2).padStart(7)}   ${ours.overspend} / ${theirs.overspend}`);
  engine.free();
}

// The configs and carts that once ran for seconds: each must now give a quote or a clear
// too_complex within the work budget (docs/json.md, "Work limit").
console.log('\nWorst cases (ms per call, median of 5; outcome: the total, or the error code and path)');
console.log(`${'case'.padEnd(52)}${'quote'.padStart(9)}  ${'outcome'.padEnd(34)}${'suggest'.padStart(9)}  outcome`);
const worstLines = (n) => ({ lines: Array.from({ length: n }, (_, i) => ({ sku: `s${i}`, price: '3.33', quantity: 1 + (i % 3), category: 'home' })) });
const worstGroup = (members, basis) => ({ currency: 'CNY', shipping: { fee: '10' }, catalog: [{ sku: 'add-on', price: '5', category: 'home', stock: 10 }],
  promotions: Array.from({ length: members }, (_, i) => ({ id: `g${i}`, kind: 'amount_off', group: 'one', basis, tiers: [{ min_subtotal: String(50 + i), off: String(1 + (i % 7)) }] })) });
const worstDiscounted = (n) => ({ currency: 'CNY', promotions: Array.from({ length: n }, (_, i) => ({ id: `d${i}`, kind: 'amount_off', basis: 'discounted', tiers: [{ min_subtotal: String(50 + i), off: '1' }] })) });
results.worst = [];
for (const [name, config, cart] of [
  ['40-member group × 10,000 lines', worstGroup(40, 'original'), worstLines(10_000)],
  ['2,000-member group × 2 lines', worstGroup(2_000, 'original'), worstLines(2)],
  ['10,000 discounted-basis promotions × 2 lines', worstDiscounted(10_000), worstLines(2)],
  ['20-member discounted-basis group × 10,000 lines', worstGroup(20, 'discounted'), worstLines(10_000)],
]) {
  const engine = await createEngine(config);
  const outcome = (call) => {
    try {
      const value = call();
      return value.total ?? `${value.suggestions.length} suggestions`;
    } catch (error) {
      return `${error.code} at ${error.path || '(document)'}`;
    }
  };
  const time = (call) => {
    const runs = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      outcome(call);
      runs.push(performance.now() - start);
    }
    return runs.sort((a, b) => a - b)[2];
  };
  const summary = { detail: 'summary' };
  const row = {
    case: name,
    quote_ms: time(() => engine.quote(cart, summary)), quote: outcome(() => engine.quote(cart, summary)),
    suggest_ms: time(() => engine.suggest(cart)), suggest: outcome(() => engine.suggest(cart)),
  };
  results.worst.push(row);
  console.log(`${name.padEnd(52)}${row.quote_ms.toFixed(1).padStart(9)}  ${String(row.quote).padEnd(34)}${row.suggest_ms.toFixed(1).padStart(9)}  ${row.suggest}`);
  engine.free();
}

console.log('\nDifferences found (first three per contender and workload):');
for (const row of results.quote) {
  for (const c of row.contenders) {
    if (c.supported && c.differences > 0) console.log(`  ${row.workload} · ${c.name}: ${c.differences} — ${c.examples.join('; ')}`);
  }
}
writeFileSync(new URL('./results.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
console.log('\nwritten: bench/results.json');
