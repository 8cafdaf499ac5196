// Runs bench/renderer.html in headless Chromium (the test server and browser) and prints the widget's
// DOM work done in Rust with web-sys against the same markup rendered by JavaScript. A measurement,
// not a test: `bash scripts/bench-renderer.sh` builds what it needs and runs it.
import { start } from '../tests/browser/browser.mjs';

const env = await start();
try {
  const page = await env.newPage({});
  // Counts the widget's trips to Intl for money (each crosses the boundary both ways).
  await page.addInitScript(() => {
    const get = Object.getOwnPropertyDescriptor(Intl.NumberFormat.prototype, 'format').get;
    window.formatCalls = 0;
    Object.defineProperty(Intl.NumberFormat.prototype, 'format', {
      get() {
        const format = get.call(this);
        return (value) => { window.formatCalls++; return format(value); };
      },
    });
  });
  await page.goto(`${env.url}/bench/renderer.html`);
  await page.waitForFunction(() => window.results !== undefined, null, { timeout: 120_000 });
  const r = await page.evaluate(() => window.results);
  if (page.problems.length) throw new Error(page.problems.join('\n'));
  const f = (x) => x.toFixed(1).padStart(8);
  console.log(`The widget's render, median µs (${r.changes} cart changes crossing every tier, ${r.nodes} elements; the same markup both ways after each change: ${r.same}/${r.changes})`);
  console.log('                            web-sys (Rust)   JS renderer   JS / web-sys');
  console.log(`a cart change (patch)     ${f(r.perChange.rust)}      ${f(r.perChange.js)}      ${(r.perChange.js / r.perChange.rust).toFixed(2)}`);
  console.log(`a first render (create)   ${f(r.first.rust)}      ${f(r.first.js)}      ${(r.first.js / r.first.rust).toFixed(2)}`);
  console.log(`Intl.NumberFormat#format calls per cart change: ${r.formatsPerChange.toFixed(1)} (formatted amounts are kept: wasm/storefront/src/intl.rs)`);
} finally {
  await env.close();
}
