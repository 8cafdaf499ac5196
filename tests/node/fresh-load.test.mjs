// A fresh process that passes the wasm bytes explicitly (no file lookup by the package).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { load, createEngine, version } from '../../pkg/node.js';

test('load() with explicit bytes, then createEngine without options', async () => {
  const bytes = await readFile(new URL('../../pkg/nexttier_bg.wasm', import.meta.url));
  await load(bytes);
  const engine = await createEngine('{"currency":"KWD"}');
  assert.equal(engine.quote('{"lines":[{"sku":"a","price":"1.25","quantity":3}]}').total, '3.750');
  assert.match(version(), /^\d+\.\d+\.\d+/);
});
