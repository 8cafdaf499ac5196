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

  // What the widget's add-ons would have done (tests/simulate.rs checks the figures by hand): the
  // row adds up, and at most one unit of an item changes which cards close the gaps.
  const row = () => page.$$eval('#suggestion-figures tbody td', (cells) => cells.map((c) => c.textContent));
  const wide = await row();
  const [short, closed, browse] = [parseInt(wide[0], 10), wide[1], parseInt(wide[2], 10)];
  const closable = parseInt(closed, 10);
  assert.ok(short > 0 && closable > 0 && closable + browse <= short, wide.join(' | '));
  assert.equal(closed, `${closable} (${(closable / short).toFixed(4)})`);
  // The seed config's catalog has no costs: the margin is not known.
  assert.equal(wide[5], '— (no catalog costs)');
  await page.fill('#config', edited.replace('"currency": "CNY",', '"currency": "CNY", "suggest": { "max_units": 1 },'));
  await page.waitForFunction((w) => document.querySelector('#suggestion-figures tbody td:nth-child(4)')?.textContent !== w, wide[3]);
  await page.fill('#config', edited);
  // No customer columns and no stages: nothing per segment.
  assert.equal(await page.$('#segment-figures table'), null);
  // A stage: the sample orders carry no earlier orders, so every one is `new`: one row, all of them.
  await page.fill('#config', edited.replace('"currency": "CNY",', '"currency": "CNY", "stages": [ { "segment": "new", "max_orders": 0 } ],'));
  await page.waitForSelector('#segment-figures tbody tr');
  const segment = await page.$$eval('#segment-figures tbody td', (cells) => cells.map((c) => c.textContent));
  assert.deepEqual(segment.slice(0, 2), ['new', '5000 (1.0000)']);
  await page.fill('#config', edited);

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
  // For the storefront: the public config compiled, which an engine reads and quotes like the raw one.
  const [compiled] = await Promise.all([page.waitForEvent('download'), page.click('#export-compiled')]);
  assert.equal(compiled.suggestedFilename(), 'nexttier-config.compiled.json');
  const text = readFileSync(await compiled.path(), 'utf8');
  const { createEngine } = await import('../../pkg/node.js');
  const cart = { lines: [{ sku: 'mop', price: '92', quantity: 1, category: 'home' }] };
  const raw = await page.evaluate(() => document.getElementById('config').value);
  assert.equal(JSON.parse(text).nexttier_compiled, 1);
  assert.equal((await createEngine(text)).quoteJson(cart), (await createEngine(raw)).quoteJson(cart));
});

test('simulate in a page runs in a worker: the page keeps running, progress arrives, a File works, abort stops it', async () => {
  const page = await env.newPage();
  await page.goto(`${env.url}/tests/browser/blank.html`);
  const result = await page.evaluate(async () => {
    const { createEngine, sampleOrders, NexttierError } = await import('/pkg/index.js');
    const engine = await createEngine({ currency: 'CNY', shipping: { fee: '10' }, promotions: [
      { id: 'free-ship', kind: 'free_shipping', tiers: [{ min_subtotal: '99' }] },
      { id: 'anniversary', kind: 'amount_off', tiers: [{ min_subtotal: '99', off: '10' }, { min_subtotal: '150', off: '30' }] }] });
    const csv = await sampleOrders(100000, 3);
    // The longest the page's thread went without running a 10 ms timer, while simulating.
    const blocked = async (work) => {
      let last = performance.now();
      let longest = 0;
      const timer = setInterval(() => { const now = performance.now(); longest = Math.max(longest, now - last); last = now; }, 10);
      try {
        const value = await work();
        return { value, longest: Math.round(longest) };
      } finally {
        clearInterval(timer);
      }
    };
    const progress = [];
    const inWorker = await blocked(() => engine.simulate(new File([csv], 'orders.csv', { type: 'text/csv' }), { onProgress: (p) => progress.push(p) }));
    const onPage = await blocked(() => engine.simulate(csv, { worker: false }));
    const controller = new AbortController();
    const started = performance.now();
    const aborted = await engine.simulate(csv, { signal: controller.signal, onProgress: () => controller.abort(new Error('cancelled by the merchant')) })
      .then(() => 'finished', (e) => ({ code: e.code, message: e.message, isError: e instanceof NexttierError, ms: performance.now() - started }));
    let badFile;
    try {
      await engine.simulate(new Blob(['order_id,sku,category,price,quantity\na,mop,home,-1,1\n']));
    } catch (e) {
      badFile = { code: e.code, path: e.path, isError: e instanceof NexttierError };
    }
    return {
      orders: inWorker.value.orders,
      same: JSON.stringify(inWorker.value) === JSON.stringify(onPage.value),
      workerLongest: inWorker.longest,
      pageLongest: onPage.longest,
      pieces: progress.length,
      last: progress.at(-1),
      size: new Blob([csv]).size,
      aborted,
      badFile,
    };
  });
  console.log(`simulate 100,000 orders: longest the page went without a timer: ${result.workerLongest} ms in the worker, ${result.pageLongest} ms on the page's thread (pieces of 1 MB); ${result.pieces} progress events`);
  assert.equal(result.orders, 100000);
  assert.ok(result.same, 'the worker and the page give the same report');
  assert.ok(result.pieces >= 2, `progress: ${result.pieces} events`);
  // The whole file read; the last order is complete only at its end, after the last piece.
  assert.deepEqual(result.last, { orders: 99999, read: result.size, total: result.size });
  // The page's thread runs its timers while the worker simulates.
  assert.ok(result.workerLongest < 250, `the page was blocked ${result.workerLongest} ms`);
  assert.equal(result.aborted.code, 'aborted');
  assert.ok(result.aborted.isError);
  assert.match(result.aborted.message, /cancelled by the merchant/);
  assert.deepEqual(result.badFile, { code: 'invalid_number', path: 'line 2.price', isError: true });
  assert.deepEqual(page.problems, []);
});

test('the playground reads an orders file in its worker with a progress bar, and Cancel stops it', async () => {
  const { sampleOrders } = await import('../../pkg/node.js');
  const csv = await sampleOrders(100000, 5);
  const page = await env.newPage();
  await page.goto(`${env.url}/www/playground.html`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  await page.waitForFunction(() => document.getElementById('simulate-status').textContent.includes('5000 orders simulated'));
  await page.setInputFiles('#orders-file', { name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForFunction(() => /Simulating… [0-9,]+ orders read/.test(document.getElementById('simulate-status').textContent));
  assert.equal(await page.isVisible('#simulate-progress'), true);
  assert.ok(Number(await page.getAttribute('#simulate-progress', 'max')) > 0);
  await page.click('#cancel');
  await page.waitForFunction(() => document.getElementById('simulate-status').textContent === 'Simulation cancelled.');
  assert.equal(await page.isVisible('#cancel'), false);
  // Run again to the end.
  await page.fill('#zone', '0.25');
  await page.dispatchEvent('#zone', 'change');
  await page.waitForFunction(() => document.getElementById('simulate-status').textContent.includes('100000 orders simulated'), null, { timeout: 60000 });
  assert.deepEqual(page.problems, []);
});

test('experiment results: synthetic shoppers with a planted lift, the table, the sentences and the interval chart', async () => {
  const page = await env.newPage({ viewport: { width: 1280, height: 1600 } });
  await page.goto(`${env.url}/www/playground.html`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  await page.selectOption('#preset', 'examples/4-experiment.json');
  await page.waitForFunction(() => document.getElementById('validation').textContent === 'Valid: CNY, 2 promotions');
  await page.click('#results-sample');
  await page.waitForFunction(() => /events, [0-9]+ orders\./.test(document.getElementById('results-status').textContent), null, { timeout: 30000 });
  const variants = await page.$$eval('#results-table tbody tr td:first-child', (cells) => cells.map((c) => c.textContent));
  assert.deepEqual(variants, ['control', 'from-89']);
  const verdict = await page.textContent('#results-verdict li:first-child');
  assert.match(verdict, /^On order value, `from-89` wins\./);
  // Two intervals (order value, margin), the order value's clear of 0 (a green dot).
  assert.equal(await page.locator('#results-chart .estimate').count(), 2);
  assert.equal(await page.getAttribute('#results-chart .estimate >> nth=0', 'fill'), '#1d7a46');
  await page.screenshot({ path: `${artifacts}/playground-results.png`, fullPage: true });
  assert.deepEqual(page.problems, []);
});

test('the cross-border example: shipping methods, a condition, a gift to choose and a schedule preview in the widget', async () => {
  const page = await env.newPage({ viewport: { width: 1280, height: 1300 } });
  await page.goto(`${env.url}/www/playground.html`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  await page.selectOption('#preset', 'examples/5-cross-border.json');
  await page.waitForFunction(() => document.getElementById('validation').textContent === 'Valid: CNY, 5 promotions');
  const message = () => page.evaluate(() => document.getElementById('preview').shadowRoot.querySelector('.message')?.textContent ?? null);
  const setCart = (cart) => page.fill('#cart', JSON.stringify(cart));
  // One cleaning item and 60 of goods by express: the order's 5 % needs one more cleaning item.
  await setCart({ lines: [{ sku: 'mop', price: '38', quantity: 1 }, { sku: 'detergent', price: '18', quantity: 1 }], shipping: { method: 'express' } });
  await page.waitForFunction(() => document.getElementById('preview').shadowRoot.querySelector('.message')?.textContent === 'Add 1 more qualifying item for 5% off');
  // Two cleaning items: the nearest is express at half price, named.
  await setCart({ lines: [{ sku: 'mop', price: '38', quantity: 1 }, { sku: 'detergent', price: '18', quantity: 2 }], shipping: { method: 'express' } });
  await page.waitForFunction(() => /50% off Express shipping/.test(document.getElementById('preview').shadowRoot.querySelector('.message')?.textContent ?? ''));
  assert.equal(await message(), 'Add ¥25.00 more for 50% off Express shipping');
  // 160 on a Friday evening in Shanghai: the gift to choose shows, and the evening offer counts down.
  await setCart({ lines: [{ sku: 'mop', price: '38', quantity: 4 }, { sku: 'detergent', price: '18', quantity: 1 }], now: '2027-01-08T21:30:00+08:00' });
  await page.waitForFunction(() => document.getElementById('preview').shadowRoot.querySelectorAll('[part~="gift-option"]').length === 2);
  assert.equal(await page.evaluate(() => document.getElementById('preview').shadowRoot.querySelector('[part="countdown"]')?.textContent), 'Ends in 30 min');
  await page.screenshot({ path: `${artifacts}/playground-cross-border.png`, fullPage: true });
  assert.deepEqual(page.problems, []);
});
