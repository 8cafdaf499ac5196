// Interleaved A/B timing of built packages: `node bench/ab.mjs DIR_A DIR_B ... [--summary] [--objects]`.
// Each DIR is a pkg/ built from a different commit or with different settings (copy pkg/ aside
// between builds). All of them are loaded into one Node process through their own `node.js` entry
// and called in turn on the same cart (`engine.quoteJson`: the package's whole path, JSON text in and
// out, no JSON.parse; with `--objects`, `engine.quote` of the cart object, as the benchmark times it),
// round after round; the figure is the best round's mean µs per quote.
// Interleaving cancels most of this machine's drift, which makes small differences (10–20 %) visible
// where two separate `npm run bench` runs would not.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { quoteWorkloads } from './workloads.mjs';

const args = process.argv.slice(2);
const options = args.includes('--summary') ? { detail: 'summary' } : undefined;
const objects = args.includes('--objects');
const dirs = args.filter((a) => !a.startsWith('--'));
if (dirs.length === 0) {
  console.error('usage: node bench/ab.mjs DIR_A [DIR_B ...] [--summary] [--objects]');
  process.exit(2);
}
const packages = [];
for (const dir of dirs) packages.push(await import(pathToFileURL(resolve(dir, 'node.js')).href));
console.log(`${'workload'.padEnd(28)}${dirs.map((d) => d.slice(-14).padStart(16)).join('')}`);
for (const [name, config, cart] of quoteWorkloads()) {
  const text = JSON.stringify(cart);
  const engines = await Promise.all(packages.map((p) => p.createEngine(config)));
  const outputs = engines.map((e) => e.quoteJson(text, options));
  if (outputs.some((o) => o !== outputs[0])) console.log(`  (${name}: the packages' quotes differ)`);
  const best = engines.map(() => Infinity);
  const calls = Math.max(5, Math.round(20000 / cart.lines.length / config.promotions.length));
  for (let round = 0; round < 15; round++) {
    engines.forEach((engine, i) => {
      const start = process.hrtime.bigint();
      if (objects) for (let k = 0; k < calls; k++) engine.quote(cart, options);
      else for (let k = 0; k < calls; k++) engine.quoteJson(text, options);
      const us = Number(process.hrtime.bigint() - start) / 1000 / calls;
      if (round >= 3) best[i] = Math.min(best[i], us);
    });
  }
  console.log(`${name.padEnd(28)}${best.map((b) => b.toFixed(1).padStart(16)).join('')}`);
  engines.forEach((e) => e.free());
}
