// Real apps with the frameworks frontend developers use, built from the registry's packages
// (tests/frameworks/package-lock.json) against the packed package, and clicked in headless Chromium:
// Next.js (production build: a server component quotes and renders the bar, a client component
// hydrates it), React 19, Vue 3 and Svelte 5 on Vite. In each, "Add" adds the suggested sponge and the
// bar follows the new cart: 102.00 → 89.00.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { rmSync, readdirSync, cpSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { start, root } from '../browser/browser.mjs';
import { here, installPacked } from './packed.mjs';
import { serve } from '../../scripts/serve.mjs';

const apps = join(here, 'apps');
const out = join(root, 'target', 'framework-test');
const bin = (name, file) => join(here, 'node_modules', name, file);
let env;

before(async () => {
  rmSync(out, { recursive: true, force: true });
  installPacked(out);
  env = await start();
});
after(async () => { await env?.close(); });

/** Opens `url`, waits for the bar, clicks its "Add", and returns what the page shows before and after. */
async function clickAdd(url) {
  const page = await env.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('#total')?.textContent === '102.00', null, { timeout: 20000 });
  const before = { lines: await page.textContent('#lines'), bar: await page.locator('next-tier .message').first().textContent() };
  await page.locator('next-tier button.add').first().click();
  await page.waitForFunction(() => document.querySelector('#total')?.textContent === '89.00', null, { timeout: 10000 });
  const after = { lines: await page.textContent('#lines'), bar: await page.locator('next-tier .message').first().textContent() };
  return { page, before, after };
}

function assertAdded({ page, before, after }) {
  assert.equal(before.lines, 'mop×1 detergent×3');
  assert.match(before.bar, /Add ¥7\.00 more/);
  assert.equal(after.lines, 'mop×1 detergent×3 sponge×1');
  assert.match(after.bar, /¥51\.00/);
  assert.deepEqual(page.problems, []);
}

for (const name of ['react', 'vue', 'svelte']) {
  test(`${name} on Vite: the element renders, Add adds the sponge, the bar follows`, async () => {
    const dist = join(out, name);
    execFileSync(process.execPath, [bin('vite', 'bin/vite.js'), 'build', join(apps, name), '--outDir', dist, '--emptyOutDir'], { cwd: here, stdio: 'pipe' });
    assert.ok(readdirSync(join(dist, 'assets')).some((f) => f.endsWith('.wasm')), 'the wasm was not emitted');
    const server = await serve({ root: dist });
    try {
      assertAdded(await clickAdd(`${server.url}/index.html`));
    } finally {
      server.close();
    }
  });
}

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Builds the Next.js app (`--webpack` or Turbopack), copies its standalone output out of the
 * repository (so only what Next.js traced is there), starts its server and returns `{ url, stop, logs }`.
 */
async function nextServer(bundler) {
  const app = join(apps, 'next');
  rmSync(join(app, '.next'), { recursive: true, force: true });
  const nextEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  execFileSync(process.execPath, [bin('next', 'dist/bin/next'), 'build', ...(bundler === 'webpack' ? ['--webpack'] : []), app], { cwd: here, env: nextEnv, stdio: 'pipe' });
  const standalone = join(out, `next-${bundler}`);
  cpSync(join(app, '.next', 'standalone'), standalone, { recursive: true });
  cpSync(join(app, '.next', 'static'), join(standalone, 'apps', 'next', '.next', 'static'), { recursive: true });
  const port = await freePort();
  const server = spawn(process.execPath, [join(standalone, 'apps', 'next', 'server.js')], {
    cwd: standalone, env: { ...nextEnv, PORT: String(port), HOSTNAME: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const result = { url: `http://127.0.0.1:${port}/`, logs: '', stop: () => server.kill() };
  server.stdout.on('data', (d) => { result.logs += d; });
  server.stderr.on('data', (d) => { result.logs += d; });
  return result;
}

async function fetchText(url) {
  for (let i = 0; i < 100; i++) {
    const response = await fetch(url).catch(() => null);
    if (response) return { status: response.status, html: await response.text() };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer`);
}

test('Next.js production build (Turbopack, standalone): a server component quotes and renders the bar, a client component hydrates it', { timeout: 600000 }, async () => {
  const server = await nextServer('turbopack');
  try {
    const { status, html } = await fetchText(server.url);
    assert.equal(status, 200, server.logs);
    // The server's quote, and the bar in the server HTML (a declarative shadow root) before any script.
    assert.match(html, /<span id="server-total">102\.00<\/span>/, server.logs);
    assert.match(html, /<next-tier[^>]*><template shadowrootmode="open">/);
    assert.match(html, /Add ¥7\.00 more/);
    const clicked = await clickAdd(server.url);
    assert.equal(await clicked.page.getAttribute('section', 'data-hydrated'), 'true');
    assertAdded(clicked);
    assert.doesNotMatch(server.logs, /Error|ERR_/, server.logs);
  } finally {
    server.stop();
  }
});

test('Next.js production build with webpack (standalone): the Node entry finds its wasm in the bundled server code', { timeout: 600000 }, async () => {
  const server = await nextServer('webpack');
  try {
    const { status, html } = await fetchText(server.url);
    assert.equal(status, 200, server.logs);
    assert.match(html, /<span id="server-total">102\.00<\/span>/, server.logs);
    assert.doesNotMatch(server.logs, /Error|ERR_/, server.logs);
  } finally {
    server.stop();
  }
});
