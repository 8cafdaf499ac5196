// The wasm runs on older Safari (16.0-16.3): it validates with the MVP feature set plus only what
// every supported browser has, and carries no target_features section asking for more.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MODULES = ['nexttier_bg.wasm', 'nexttier_simulator_bg.wasm'];
const wasmOpt = fileURLToPath(new URL('../../node_modules/.bin/wasm-opt', import.meta.url));
const ALLOWED = ['--enable-mutable-globals', '--enable-sign-ext', '--enable-nontrapping-float-to-int', '--enable-bulk-memory'];

function validates(wasm, features) {
  const run = spawnSync(wasmOpt, ['--mvp-features', ...features, wasm, '-o', '/dev/null'], { encoding: 'utf8' });
  return run.status === 0 && !run.stderr.includes('error');
}

/** Names of the custom sections of a wasm binary. */
function customSections(bytes) {
  const names = [];
  let at = 8;
  const leb = () => {
    let result = 0, shift = 0, byte;
    do { byte = bytes[at++]; result |= (byte & 0x7f) << shift; shift += 7; } while (byte & 0x80);
    return result >>> 0;
  };
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = leb();
    const end = at + size;
    if (id === 0) {
      const length = leb();
      names.push(new TextDecoder().decode(bytes.subarray(at, at + length)));
    }
    at = end;
  }
  return names;
}

for (const name of MODULES) {
  const wasm = fileURLToPath(new URL(`../../pkg/${name}`, import.meta.url));

  test(`${name} validates with MVP + mutable-globals, sign-ext, nontrapping-fptoint, bulk-memory only`, () => {
    assert.ok(validates(wasm, ALLOWED), 'the wasm needs a feature outside the supported set (reference types? multivalue? SIMD?)');
  });

  test(`${name}: the check can fail: without bulk memory it does not validate`, () => {
    assert.equal(validates(wasm, ALLOWED.filter((f) => f !== '--enable-bulk-memory')), false);
  });

  test(`${name}: no target_features or producers section is shipped`, () => {
    const names = customSections(readFileSync(wasm));
    assert.ok(!names.includes('target_features'), `custom sections: ${names}`);
    assert.ok(!names.includes('producers'), `custom sections: ${names}`);
  });
}
