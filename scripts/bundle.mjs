// The browser entry as one module: pkg/index.js with api.js, element.js, style.js and the
// wasm-bindgen glue inlined, so a page fetches one script and then the wasm (no waterfall of
// imports). The separate files stay in the package for the Node entry. The merchant tools' module
// stays a separate file, loaded on first use; the wasm is still found next to the module
// (`new URL('nexttier_bg.wasm', import.meta.url)`).
import { rolldown } from 'rolldown';
import { readFileSync, writeFileSync } from 'node:fs';

const entry = new URL('../pkg/index.js', import.meta.url).pathname;
const bundle = await rolldown({ input: entry, external: [/nexttier_simulator\.js$/, /simulation\.js$/, /simulate-page\.js$/], treeshake: true });
const { output } = await bundle.generate({ format: 'es' });
if (output.length !== 1) throw new Error(`expected one module, got ${output.map((o) => o.fileName).join(', ')}`);
const code = output[0].code;
if (!code.includes('new URL("nexttier_bg.wasm", import.meta.url)')) throw new Error('the bundle lost the wasm URL');
const before = readFileSync(entry, 'utf8').length;
writeFileSync(entry, `// The nexttier browser entry, bundled by scripts/bundle.mjs from pkg-config/index.js and its imports.\n${code}`);
console.log(`index.js: one module of ${code.length} bytes (the entry alone was ${before})`);
