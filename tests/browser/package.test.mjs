// The built package in a real page: every golden vector gives the same bytes as natively.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './browser.mjs';
import { vectors } from '../node/vectors.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('every vector through pkg/index.js in Chromium', async () => {
  const page = await env.newPage();
  await page.goto(`${env.url}/tests/browser/blank.html`);
  const all = vectors();
  const results = await page.evaluate(async (all) => {
    const { createEngine, NexttierError } = await import('/pkg/index.js');
    const out = [];
    for (const v of all) {
      try {
        const engine = await createEngine(v.config);
        out.push({ name: v.name, json: engine.quoteJson(v.cart) });
        engine.free();
      } catch (error) {
        out.push({ name: v.name, error: { isNexttier: error instanceof NexttierError, isError: error instanceof Error, errors: error.errors } });
      }
    }
    return out;
  }, all);
  assert.equal(results.length, all.length);
  for (const [i, v] of all.entries()) {
    const r = results[i];
    if (v.quote) {
      assert.equal(r.json, JSON.stringify(v.quote), v.name);
    } else {
      assert.ok(r.error?.isNexttier && r.error.isError, `${v.name}: expected a NexttierError`);
      assert.deepEqual(r.error.errors.map(({ code, path }) => ({ code, path })), v.errors, v.name);
    }
  }
  assert.deepEqual(page.problems, []);
});

test('the wasm can be passed explicitly as a compiled module', async () => {
  const page = await env.newPage();
  await page.goto(`${env.url}/tests/browser/blank.html`);
  const total = await page.evaluate(async () => {
    const bytes = await (await fetch('/pkg/nexttier_bg.wasm')).arrayBuffer();
    const module = await WebAssembly.compile(bytes);
    const { createEngine } = await import('/pkg/index.js');
    const engine = await createEngine({ currency: 'JPY' }, { wasm: module });
    return engine.quote({ lines: [{ sku: 'a', price: '557', quantity: 2 }] }).total;
  });
  assert.equal(total, '1114');
});
