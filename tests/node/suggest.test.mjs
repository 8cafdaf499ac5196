// Suggestions through the built package give the same lists as natively.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createEngine, NexttierError } from '../../pkg/node.js';

const dir = new URL('../vectors/suggestions/', import.meta.url);

for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const v = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
  test(`suggestions ${v.name}`, async () => {
    const config = typeof v.config === 'string' ? JSON.parse(readFileSync(new URL(v.config, dir), 'utf8')) : v.config;
    if (v.catalog) {
      // A storefront's product list (www/catalog.json): its items, less the storefront's own keys.
      const { products } = JSON.parse(readFileSync(new URL(v.catalog, dir), 'utf8'));
      config.catalog = products.map(({ name_zh: _zh, ...item }) => item);
    }
    const engine = await createEngine(config);
    assert.deepEqual(engine.suggest(v.cart, v.options).suggestions, v.suggestions);
    engine.free();
  });
}

test('bad suggestion options throw a NexttierError with the path', async () => {
  const engine = await createEngine({ currency: 'CNY' });
  assert.throws(() => engine.suggest({ lines: [] }, { max_items: 'three' }),
    (e) => e instanceof NexttierError && e.path === 'max_items' && e.code === 'invalid_number');
});
