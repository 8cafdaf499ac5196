// The packed package works unchanged through Vite and webpack: each bundles a small app that imports
// 'nexttier', and the built app quotes a cart in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { start, root } from './browser.mjs';
import { serve } from '../../scripts/serve.mjs';

const work = join(root, 'target', 'bundler-test');
const app = join(work, 'app');
let env;

const MAIN = `
import { createEngine } from 'nexttier';
(async () => {
  const engine = await createEngine({ currency: 'CNY', shipping: { fee: '10' },
    promotions: [{ id: 'ship', kind: 'free_shipping', tiers: [{ min_subtotal: '99' }] }] });
  const quote = engine.quote({ lines: [{ sku: 'mop', price: '92', quantity: 1 }] });
  document.body.dataset.result = quote.total + ' ' + quote.progress[0].next.remaining;
})().catch((e) => { document.body.dataset.result = 'error: ' + e; });
`;

before(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(app, 'node_modules', 'nexttier'), { recursive: true });
  execFileSync('npm', ['pack', join(root, 'pkg'), '--pack-destination', work, '--silent'], { cwd: work });
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  execFileSync('tar', ['-xzf', join(work, tarball), '-C', join(app, 'node_modules', 'nexttier'), '--strip-components=1']);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  writeFileSync(join(app, 'main.js'), MAIN);
  env = await start();
});
after(async () => { await env?.close(); });

async function resultOf(dir, page = 'index.html') {
  const server = await serve({ root: dir });
  try {
    const tab = await env.newPage();
    await tab.goto(`${server.url}/${page}`);
    await tab.waitForFunction(() => document.body?.dataset.result, null, { timeout: 15000 });
    const result = await tab.evaluate(() => document.body.dataset.result);
    assert.deepEqual(tab.problems, []);
    return result;
  } finally {
    server.close();
  }
}

test('Vite build', async () => {
  const { build } = await import('vite');
  writeFileSync(join(app, 'index.html'), '<!doctype html><html><head><link rel="icon" href="data:,"><script type="module" src="./main.js"></script></head><body></body></html>');
  const outDir = join(work, 'dist-vite');
  await build({ root: app, logLevel: 'silent', build: { outDir, emptyOutDir: true, target: 'es2022' } });
  assert.ok(readdirSync(join(outDir, 'assets')).some((f) => f.endsWith('.wasm')), 'Vite did not emit the wasm');
  assert.equal(await resultOf(outDir), '102.00 7.00');
});

test('webpack 5 build', async () => {
  const webpack = (await import('webpack')).default;
  const outDir = join(work, 'dist-webpack');
  const stats = await new Promise((ok, fail) => webpack({
    mode: 'production',
    context: app,
    entry: './main.js',
    output: { path: outDir, filename: 'main.js', clean: true },
    resolve: { modules: [join(app, 'node_modules'), 'node_modules'] },
    performance: { hints: false },
  }, (error, stats) => (error ? fail(error) : ok(stats))));
  assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
  writeFileSync(join(outDir, 'index.html'), '<!doctype html><html><head><link rel="icon" href="data:,"><script src="./main.js"></script></head><body></body></html>');
  assert.ok(readdirSync(outDir).some((f) => f.endsWith('.wasm')), 'webpack did not emit the wasm');
  assert.equal(await resultOf(outDir), '102.00 7.00');
});
