// Which boundary is faster for realistic carts: JSON text (JSON.stringify → wasm → JSON.parse), the
// compact cart (compactCart → wasm → JSON.parse, what the package does with a cart object), or JS
// objects through serde-wasm-bindgen? All run in the same wasm binary, built with the
// `serde-objects` feature by scripts/bench-boundary.sh.
import { readFile } from 'node:fs/promises';
import { quoteWorkloads, measure } from './workloads.mjs';
// The package's own encoding of a cart for the wasm (TextEncoder into a reused buffer).
import { utf8, compactCart } from '../pkg/api.js';

const dir = process.argv[2];
const glue = await import(`${dir}/nexttier.js`);
await glue.default({ module_or_path: await readFile(`${dir}/nexttier_bg.wasm`) });
// The storefront's module reads compiled configs only: each workload's config is compiled by the
// built package's validator module first.
const validator = await import('../pkg/nexttier_validator.js');
await validator.default({ module_or_path: await readFile(new URL('../pkg/nexttier_validator_bg.wasm', import.meta.url)) });

console.log('workload                      JSON text µs   compact µs   objects µs   compact/JSON   objects/JSON');
const rows = [];
for (const [name, config, cart] of quoteWorkloads()) {
  const raw = new glue.RawEngine(validator.compile(JSON.stringify(config)));
  const viaJson = () => JSON.parse(raw.quote(utf8(JSON.stringify(cart)), false));
  const viaCompact = () => JSON.parse(raw.quote(utf8(compactCart(cart)), true));
  const viaObjects = () => raw.quoteObject(cart);
  const a = viaJson(); const b = viaObjects(); const c = viaCompact();
  if (JSON.stringify(a) !== JSON.stringify(b) || JSON.stringify(a) !== JSON.stringify(c)) throw new Error(`${name}: the boundaries disagree`);
  const json = measure(viaJson);
  const compact = measure(viaCompact);
  const objects = measure(viaObjects);
  rows.push({ name, json, compact, objects });
  console.log(`${name.padEnd(30)}${json.toFixed(1).padStart(12)}${compact.toFixed(1).padStart(13)}${objects.toFixed(1).padStart(13)}${(compact / json).toFixed(2).padStart(15)}${(objects / json).toFixed(2).padStart(15)}`);
  raw.free();
}
