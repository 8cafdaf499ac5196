// The tier playground in headless Chromium under the strict CSP: validation as you type, the widget
// preview, and the simulator's figures and chart following the tiers as they are edited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, artifacts } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('edit a threshold: validation, the chart and the figures follow; a bad value names its path', async () => {
  const page = await env.newPage({ viewport: { width: 1280, height: 1300 } });
  await page.goto(`${env.url}/www/playground.html`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  await page.waitForFunction(() => document.getElementById('simulate-status').textContent.includes('5000 orders simulated'));
  assert.equal(await page.textContent('#validation'), 'Valid: CNY, 2 promotions');
  assert.equal(await page.textContent('next-tier .message'), 'Add ¥7.00 more for free shipping and ¥10.00 off');
  const marks = () => page.$$eval('#histogram [data-threshold]', (nodes) => nodes.map((n) => n.textContent));
  assert.deepEqual(await marks(), ['99.00', '150.00']);
  const freeShipZone = () => page.textContent('#tiers tbody tr:first-child td:nth-child(4)');
  const before = await freeShipZone();

  // Free shipping from 120 instead of 99: the marker moves, the nudge zone changes, the preview too.
  const edited = (await page.inputValue('#config')).replace('"tiers": [ { "min_subtotal": "99" } ]', '"tiers": [ { "min_subtotal": "120" } ]');
  await page.fill('#config', edited);
  await page.waitForFunction(() => [...document.querySelectorAll('#histogram [data-threshold]')].some((n) => n.textContent === '120.00'));
  assert.deepEqual(await marks(), ['120.00', '99.00', '150.00']);
  await page.waitForFunction((b) => document.querySelector('#tiers tbody tr:first-child td:nth-child(4)').textContent !== b, before);
  assert.equal(await page.textContent('#tiers tbody tr:first-child td:nth-child(2)'), '120.00');
  await page.waitForFunction(() => document.querySelector('next-tier').shadowRoot.querySelector('.message')?.textContent === 'Add ¥7.00 more for ¥10.00 off');
  await page.screenshot({ path: `${artifacts}/playground.png`, fullPage: true });

  // A negative threshold: the error names its JSON path, the editor is marked invalid.
  await page.fill('#config', edited.replace('"min_subtotal": "120"', '"min_subtotal": "-5"'));
  await page.waitForSelector('#validation .error');
  assert.match(await page.textContent('#validation'), /^promotions\[0\]\.tiers\[0\]\.min_subtotal /);
  assert.equal(await page.getAttribute('#config', 'aria-invalid'), 'true');
  // Broken JSON: line and column.
  await page.fill('#config', '{ "currency": "CNY",, }');
  await page.waitForFunction(() => document.getElementById('validation').textContent.includes('line 1'));
  assert.deepEqual(page.problems, []);
});

test('the config exports as a file', async () => {
  const page = await env.newPage({ acceptDownloads: true });
  await page.goto(`${env.url}/www/playground.html`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  assert.equal(download.suggestedFilename(), 'nexttier-config.json');
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  assert.equal(JSON.parse(readFileSync(path, 'utf8')).currency, 'CNY');
});
