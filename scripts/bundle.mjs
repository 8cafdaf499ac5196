// The browser entry as one module: pkg/index.js with api.js, element.js, style.js and the
// wasm-bindgen glue inlined, so a page fetches one script and then the wasm (no waterfall of
// imports). The separate files stay in the package for the Node entry. The merchant tools' module
// stays a separate file, loaded on first use; the wasm is still found next to the module
// (`new URL('nexttier_bg.wasm', import.meta.url)`).
import { rolldown } from 'rolldown';
import { readFileSync, writeFileSync } from 'node:fs';

const entry = new URL('../pkg/index.js', import.meta.url).pathname;
const bundle = await rolldown({ input: entry, external: [/nexttier_simulator\.js$/, /nexttier_validator\.js$/, /simulation\.js$/, /simulate-page\.js$/], treeshake: true });
// Minified: the storefront pays for every byte (names the page can see — exports, NexttierError's
// `name`, the element's tag — are kept; only local names and whitespace go).
const { output } = await bundle.generate({ format: 'es', minify: true });
if (output.length !== 1) throw new Error(`expected one module, got ${output.map((o) => o.fileName).join(', ')}`);
const code = output[0].code;
// Bundlers find the wasm by this pattern (`new URL('…wasm', import.meta.url)`): it must survive.
if (!/new URL\(\s*["'`]nexttier_bg\.wasm["'`]\s*,\s*import\.meta\.url\s*\)/.test(code)) throw new Error('the bundle lost the wasm URL');
const before = readFileSync(entry, 'utf8').length;
writeFileSync(entry, `// The nexttier browser entry, bundled by scripts/bundle.mjs from pkg-config/index.js and its imports.\n${code}`);
console.log(`index.js: one module of ${code.length} bytes (the entry alone was ${before})`);
