// The demo storefront in headless Chromium: the seed scenario end to end.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, artifacts } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('seed scenario: the bar tells how much more, and adding items changes message and total', async () => {
  const page = await env.newPage();
  await page.goto(`${env.url}/www/index.html`);
  await page.waitForSelector('body[data-ready="true"]');
  const message = () => page.textContent('#tier-message');
  const total = () => page.textContent('#total');
  assert.equal(await message(), 'Add ¥99.00 more for free shipping and ¥10.00 off');

  // 38 (mop) + 3 × 18 (detergent) = 92: 7 short of both 99 tiers.
  await page.click('button[data-sku="mop"]');
  for (let i = 0; i < 3; i++) await page.click('button[data-sku="detergent"]');
  assert.equal(await message(), 'Add ¥7.00 more for free shipping and ¥10.00 off');
  assert.equal(await total(), '¥102.00');
  assert.equal(await page.getAttribute('#tier-bar', 'aria-valuenow'), '92');

  // A 7-yuan sponge reaches 99: 10 off and free shipping; the next tier is 150 (51 more for 30 off).
  await page.click('button[data-sku="sponge"]');
  assert.equal(await message(), 'Add ¥51.00 more for ¥30.00 off');
  assert.equal(await total(), '¥89.00');
  assert.equal(await page.textContent('#shipping'), '¥0.00');
  await page.screenshot({ path: `${artifacts}/storefront-seed.png`, fullPage: true });

  // The cart persists across a reload.
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await total(), '¥89.00');
  assert.deepEqual(page.problems, []);
});
