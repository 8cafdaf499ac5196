// The compiled config in the built package: `compile()` gives what `nexttier compile` prints, every
// golden vector quotes byte for byte the same through it, it survives JSON.stringify but not an edit,
// and the storefront's module alone reads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { compile, createEngine, createEngineSync, isCompiled, validate, NexttierError } from '../../pkg/node.js';
import { vectors } from './vectors.mjs';

const all = vectors().filter((v) => v.quote);
const seedPath = new URL('../vectors/configs/seed.json', import.meta.url);
const seed = vectors().find((v) => v.configText).configText;

test('compile() gives what `nexttier compile` prints', async () => {
  // The CLI `cargo test` built (scripts/test.sh runs it first): calling cargo here would start
  // rustc, which hangs under libfaketime (scripts/test-clock.sh).
  const bin = new URL('../../target/debug/nexttier', import.meta.url).pathname;
  const cli = existsSync(bin)
    ? execFileSync(bin, ['compile', seedPath.pathname], { encoding: 'utf8' })
    : execFileSync('cargo', ['run', '-q', '--', 'compile', seedPath.pathname], { encoding: 'utf8' });
  const compiled = await compile(seed);
  assert.equal(JSON.stringify(compiled) + '\n', cli);
  assert.equal(compiled.nexttier_compiled, 1);
  assert.ok(isCompiled(compiled) && isCompiled(cli) && !isCompiled(seed) && !isCompiled(JSON.parse(seed)));
});

for (const vector of all) {
  test(`vector ${vector.name} through its compiled config`, async () => {
    const compiled = await compile(vector.config);
    const engine = await createEngine(compiled);
    assert.equal(engine.quoteJson(vector.cart), JSON.stringify(vector.quote));
    // As text too (a published file), and synchronously.
    const sync = createEngineSync(JSON.stringify(compiled));
    assert.equal(sync.quoteJson(vector.cart, { detail: 'summary' }), engine.quoteJson(vector.cart, { detail: 'summary' }));
    engine.free();
    sync.free();
  });
}

test('an edit after compiling is refused; validate() says so too', async () => {
  const compiled = await compile(seed);
  compiled.config[2] = '0.00'; // the shipping fee
  await assert.rejects(createEngine(compiled), (error) => {
    assert.ok(error instanceof NexttierError);
    assert.equal(error.code, 'compiled_invalid');
    assert.equal(error.path, 'hash');
    assert.match(error.message, /compile it again/);
    return true;
  });
  assert.deepEqual(validate(compiled).map((e) => [e.code, e.path]), [['compiled_invalid', 'hash']]);
});

test('compile() refuses a bad config with every error and its path', async () => {
  await assert.rejects(compile({ currency: 'XXX', promotions: [{ id: 'a', kind: 'amount_off', tiers: [] }] }), (error) => {
    assert.ok(error instanceof NexttierError);
    assert.deepEqual(error.errors.map((e) => [e.code, e.path]), [['unknown_currency', 'currency'], ['invalid', 'promotions[0].tiers']]);
    return true;
  });
});
