// Prints the package's sizes: raw, gzip (level 9) and brotli (quality 11), wasm and JS.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { createHash } from 'node:crypto';

const kb = (n) => (n / 1024).toFixed(1).padStart(7) + ' KB';
const files = readdirSync('pkg').filter((f) => f.endsWith('.wasm') || f.endsWith('.js'));
const rows = [];
let total = { raw: 0, gzip: 0, brotli: 0 };
for (const file of files.sort()) {
  const bytes = readFileSync(`pkg/${file}`);
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  rows.push([file, bytes.length, gzip, brotli]);
  total.raw += bytes.length; total.gzip += gzip; total.brotli += brotli;
}
// `--payload`: only what a page fetches (printed by `npm run bench` next to the goal).
const payloadOnly = process.argv[2] === '--payload';
const before = process.argv[2] && !payloadOnly ? readFileSync(process.argv[2]).length : null;
// What a storefront downloads: the browser entry (one bundled module) and the wasm; with a raw
// config, the validator's module too. The other modules are for the Node entry; the merchant
// tools' module loads only on first use.
const fetched = (names) => {
  const page = rows.filter(([file]) => names.includes(file));
  const sum = (i) => page.reduce((n, row) => n + row[i], 0);
  return kb(sum(1)) + kb(sum(2)) + kb(sum(3));
};
const storefront = ['index.js', 'nexttier_bg.wasm'];
const withValidator = [...storefront, 'nexttier_validator.js', 'nexttier_validator_bg.wasm'];
if (payloadOnly) {
  console.log('storefront payload'.padEnd(28) + '    raw        gzip      brotli');
  console.log('compiled config'.padEnd(28) + fetched(storefront) + '   (index.js and nexttier_bg.wasm; goal ≤ 60 KB gzip)');
  console.log('raw config'.padEnd(28) + fetched(withValidator) + '   (and the validator\'s module)');
  process.exit(0);
}
// The same pinned toolchain gives the same bytes on every machine: compare these.
for (const file of ['nexttier_bg.wasm', 'nexttier_validator_bg.wasm', 'nexttier_simulator_bg.wasm']) {
  console.log(`sha256 ${file}: ${createHash('sha256').update(readFileSync(`pkg/${file}`)).digest('hex')}`);
}
console.log('\nfile                               raw        gzip      brotli');
for (const [file, raw, gzip, brotli] of rows) {
  console.log(file.padEnd(28) + kb(raw) + kb(gzip) + kb(brotli));
}
console.log('total'.padEnd(28) + kb(total.raw) + kb(total.gzip) + kb(total.brotli));
console.log('storefront payload'.padEnd(28) + fetched(storefront) + '   (index.js and nexttier_bg.wasm)');
if (before !== null) console.log(`(wasm from rustc before wasm-bindgen and wasm-opt: ${kb(before).trim()})`);
