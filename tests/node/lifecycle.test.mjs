// Using the package at the wrong moment gives a NexttierError with a code, never a raw TypeError
// from the wasm glue. Its own file, so that nothing has loaded the wasm before the first check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createEngine, validate, version, normalizeCoupon, NexttierError } from '../../pkg/node.js';

const seed = readFileSync(new URL('../vectors/configs/seed.json', import.meta.url), 'utf8');

test('before the wasm is loaded: not_loaded (in Node, validate() reads the validator from disk at once)', () => {
  for (const call of [() => version(), () => normalizeCoupon('A')]) {
    assert.throws(call, (error) => error instanceof NexttierError && error.code === 'not_loaded', String(call));
  }
  assert.deepEqual(validate(seed), []);
});

test('after free(): freed, and free() twice is harmless', async () => {
  const engine = await createEngine(seed);
  assert.equal(version().length > 0, true);
  engine.free();
  engine.free();
  for (const call of [() => engine.quote({ lines: [] }), () => engine.suggest({ lines: [] }), () => engine.renderHtml({ lines: [] })]) {
    assert.throws(call, (error) => error instanceof NexttierError && error.code === 'freed', String(call));
  }
});
