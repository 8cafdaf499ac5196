// The demo storefront in headless Chromium under the strict CSP: the seed scenario end to end
// through the <next-tier> widget, a suggestion's Add, keyboard only, English and Chinese,
// screenshots at desktop and mobile widths, and the time to the first rendered bar.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { start, artifacts } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** Waits until the text of `selector` (piercing the widget's shadow root) is `text`. */
async function waitText(page, selector, text) {
  try {
    await page.waitForFunction(([s, t]) => {
      // `next-tier .message` names a node in the widget's shadow root: look there without the host.
      const inWidget = s.replace(/^next-tier\s+/, '');
      const find = (root) => root.querySelector(s) ?? root.querySelector('next-tier')?.shadowRoot?.querySelector(inWidget);
      return find(document)?.textContent === t;
    }, [selector, text], { timeout: 5000 });
  } catch {
    assert.equal(await page.textContent(selector).catch(() => null), text, `waiting for ${selector}`);
  }
}

/** The widget's suggestion cards: [name, reason] each. */
function cards(page) {
  return page.evaluate(() => [...document.querySelector('next-tier').shadowRoot.querySelectorAll('.card')]
    .map((card) => [card.querySelector('.name').textContent, card.querySelector('.reason').textContent || null]));
}

async function open(options = {}) {
  const page = await env.newPage(options);
  await page.goto(`${env.url}/www/index.html`);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

test('seed scenario: message, bar, suggestions and totals at each step', async () => {
  const page = await open({ viewport: { width: 1280, height: 900 } });
  await waitText(page, 'next-tier .message', 'Spend ¥99.00 for free shipping and ¥10.00 off');
  // Empty, so far from 99: the merchant's pinned item and best sellers, one of each, not a pile of
  // one item (tests/vectors/suggestions/storefront-empty.json).
  await waitText(page, 'next-tier .suggestions-title', 'Popular picks');
  assert.deepEqual(await cards(page), [
    ['Microfibre cloths, 5', 'Our pick'],
    ['Spin mop', 'Best seller'],
    ['Detergent 1L', 'Best seller'],
  ]);

  // 38 (mop) + 3 × 18 (detergent) = 92: 7 short of both 99 tiers; the bar is 92 of 150.
  await page.click('.products button[data-sku="mop"]');
  for (let i = 0; i < 3; i++) await page.click('.products button[data-sku="detergent"]');
  await waitText(page, 'next-tier .message', 'Add ¥7.00 more for free shipping and ¥10.00 off');
  assert.equal(await page.getAttribute('next-tier [role=progressbar]', 'aria-valuenow'), '92.00');
  assert.equal(await page.getAttribute('next-tier [role=progressbar]', 'aria-valuemax'), '150.00');
  assert.equal(await page.getAttribute('next-tier rect.fill', 'width'), '61.33%');
  assert.equal(await page.textContent('dd[data-row=total]'), '¥102.00');
  assert.equal(await page.textContent('dd[data-row=shipping]'), '¥10.00');
  // The best add-on closes the gap exactly: a 7-yuan sponge; then what goes with the mop in the
  // cart (tests/vectors/suggestions/storefront-92.json).
  await waitText(page, 'next-tier .suggestions-title', 'Get there with');
  assert.equal(await page.textContent('next-tier .card .name'), 'Sponge 3-pack');
  assert.deepEqual(await cards(page), [
    ['Sponge 3-pack', 'Just the amount you need'],
    ['Microfibre cloths, 5', 'Goes with your Spin mop'],
    ['Floor cleaner', 'Goes with your Spin mop'],
  ]);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${artifacts}/storefront-92-desktop.png` });

  // Its Add button: the host adds it, and both 99 tiers unlock; next is 150 (51 more for 30 off).
  await page.click('next-tier button.add[data-sku="sponge"]');
  await waitText(page, 'next-tier .message', 'Add ¥51.00 more for ¥30.00 off');
  await waitText(page, 'next-tier .celebration', "You've unlocked free shipping and ¥10.00 off");
  assert.equal(await page.textContent('next-tier .savings'), "You're saving ¥20.00");
  assert.equal(await page.textContent('dd[data-row=total]'), '¥89.00');
  assert.equal(await page.textContent('dd[data-row=shipping]'), 'Free');
  assert.equal(await page.textContent('dd[data-row=discount]'), '−¥10.00');
  assert.equal(await page.locator('next-tier .marker.reached').count(), 1);

  // A 59-yuan towel set: 158 ≥ 150, everything unlocked: 158 − 30 = 128.
  await page.click('.products button[data-sku="towel-set"]');
  await waitText(page, 'next-tier .celebration', "You've unlocked free shipping and ¥30.00 off");
  assert.equal(await page.locator('next-tier .message').count(), 0);
  assert.equal(await page.getAttribute('next-tier .nt', 'data-state'), 'done');
  assert.equal(await page.textContent('dd[data-row=total]'), '¥128.00');
  await page.screenshot({ path: `${artifacts}/storefront-done-desktop.png`, fullPage: true });

  // The cart persists across a reload.
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await waitText(page, 'dd[data-row=total]', '¥128.00');
  assert.deepEqual(page.problems, []);
});

test('out-of-scope and sold-out products: gift cards do not count, a sold-out item cannot be added', async () => {
  const page = await open();
  await page.click('.products button[data-sku="gift-card-100"]');
  await waitText(page, 'dd[data-row=total]', '¥110.00');
  await waitText(page, 'next-tier .message', 'Spend ¥99.00 for free shipping and ¥10.00 off');
  // Gift cards are never suggested (`never_suggest`), whatever the gap.
  assert.ok((await cards(page)).every(([name]) => !name.startsWith('Gift card')));
  assert.equal(await page.isDisabled('.products button[data-sku="scrub-brush"]'), true);
  assert.deepEqual(page.problems, []);
});

test('keyboard only: Tab to a product, Enter, Tab into the widget, Enter on a suggestion', async () => {
  const page = await open();
  const focused = () => page.evaluate(() => {
    let node = document.activeElement;
    while (node?.shadowRoot?.activeElement) node = node.shadowRoot.activeElement;
    return node ? { sku: node.dataset?.sku ?? null, inWidget: document.activeElement.tagName === 'NEXT-TIER', cls: node.className } : null;
  });
  let found = false;
  for (let i = 0; i < 40 && !found; i++) {
    await page.keyboard.press('Tab');
    found = (await focused())?.sku === 'mop';
  }
  assert.ok(found, 'the mop button is reachable by Tab');
  await page.keyboard.press('Enter');
  await waitText(page, 'next-tier .message', 'Add ¥61.00 more for free shipping and ¥10.00 off');
  let inWidget = null;
  for (let i = 0; i < 120 && !inWidget; i++) {
    await page.keyboard.press('Tab');
    const f = await focused();
    if (f?.inWidget && f.cls === 'add') inWidget = f;
  }
  assert.ok(inWidget, 'a suggestion button is reachable by Tab');
  // The focused button shows a visible focus ring.
  const outline = await page.evaluate(() => {
    const button = document.querySelector('next-tier').shadowRoot.activeElement;
    const style = getComputedStyle(button);
    return `${style.outlineStyle} ${style.outlineWidth}`;
  });
  assert.equal(outline, 'solid 3px');
  const before = await page.textContent('dd[data-row=subtotal]');
  await page.keyboard.press('Enter');
  await page.waitForFunction((b) => document.querySelector('dd[data-row=subtotal]').textContent !== b, before);
  assert.deepEqual(page.problems, []);
});

test('English and Chinese: the widget and the shop switch language', async () => {
  const page = await open();
  await page.click('.products button[data-sku="mop"]');
  for (let i = 0; i < 3; i++) await page.click('.products button[data-sku="detergent"]');
  await page.selectOption('#lang-select', 'zh-CN');
  await waitText(page, 'next-tier .message', '再买¥7.00，即可享免运费和立减¥10.00');
  await waitText(page, 'next-tier .card .name', '海绵三只装');
  assert.equal(await page.textContent('next-tier .suggestions-title'), '凑单推荐');
  assert.deepEqual(await cards(page), [
    ['海绵三只装', '刚好凑够'],
    ['超细纤维抹布5条', '搭配你的旋转拖把'],
    ['地板清洁剂', '搭配你的旋转拖把'],
  ]);
  assert.equal(await page.textContent('next-tier button.add'), '加购');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.textContent('dt.total'), '合计');
  await page.screenshot({ path: `${artifacts}/storefront-92-zh.png` });
  // An empty cart in Chinese: "满¥99.00…" and the browse cards' words.
  await page.click('#clear');
  await waitText(page, 'next-tier .message', '满¥99.00即可享免运费和立减¥10.00');
  await waitText(page, 'next-tier .suggestions-title', '人气好物');
  assert.deepEqual(await cards(page), [
    ['超细纤维抹布5条', '店长推荐'],
    ['旋转拖把', '热销'],
    ['洗衣液1升', '热销'],
  ]);
  await page.selectOption('#lang-select', 'en');
  await waitText(page, 'next-tier .message', 'Spend ¥99.00 for free shipping and ¥10.00 off');
  assert.deepEqual(page.problems, []);
});

test('merchant configs: members-only tiers, a coupon, and a scheduled Singles\' Day', async () => {
  const page = await open();
  await page.selectOption('#config-select', 'members');
  await page.click('.products button[data-sku="mop"]');
  // Not a member: only the public free shipping at 99.
  await waitText(page, 'next-tier .message', 'Add ¥61.00 more for free shipping');
  await page.check('#member');
  // A member ships free from 59 and gets 10% from 150.
  await waitText(page, 'next-tier .message', 'Add ¥21.00 more for free shipping');
  await page.fill('#coupon', 'welcome10');
  await page.press('#coupon', 'Enter');
  await waitText(page, 'dd[data-row=total]', '¥38.00'); // 38 − 10 (coupon) + 10 shipping
  await page.selectOption('#config-select', 'singles-day');
  // The date switch offers a moment inside each scheduled promotion's window and one after the last,
  // derived from the config (never from today's date, which the tests never select).
  await page.waitForFunction(() => !document.getElementById('when').hidden);
  const dates = await page.$$eval('#date-select option', (options) => options.map((o) => [o.value, o.textContent]));
  assert.deepEqual(dates, [
    ['', 'today'],
    ['2026-11-01T10:00:00+08:00', '2026-11-01 10:00 · Warm-up: 5% off decor'],
    ['2026-11-11T10:00:00+08:00', "2026-11-11 10:00 · Singles' Day: 30 off every 200"],
    ['2026-12-01T10:00:00+08:00', '2026-12-01 10:00 · after the campaigns'],
  ]);
  await page.selectOption('#date-select', '2026-11-11T10:00:00+08:00');
  // On 11.11 the every-200 event is on: its milestone shares a bar with free shipping and the
  // 299 tote (same scope, same 38), while the decor warm-up (5% from 59 of decor) has its own.
  const labels = () => page.$$eval('next-tier', ([w]) => [...w.shadowRoot.querySelectorAll('.marker-label')].map((t) => t.textContent).join(' '));
  await page.waitForFunction(() => document.querySelector('next-tier').shadowRoot.querySelectorAll('.track').length === 2);
  assert.equal(await labels(), '¥99.00 ¥200.00 ¥299.00 ¥59.00');
  // Nothing of decor in the cart yet: "Spend", not "Add … more".
  await waitText(page, 'next-tier .message', 'Spend ¥59.00 for 5% off');
  // During the warm-up only: no every-200 milestone, the decor bar stays.
  await page.selectOption('#date-select', '2026-11-01T10:00:00+08:00');
  await page.waitForFunction(() => !document.querySelector('next-tier').shadowRoot.textContent.includes('¥200.00'));
  assert.equal(await labels(), '¥99.00 ¥299.00 ¥59.00');
  // After both windows: neither scheduled promotion, one bar.
  await page.selectOption('#date-select', '2026-12-01T10:00:00+08:00');
  await page.waitForFunction(() => document.querySelector('next-tier').shadowRoot.querySelectorAll('.track').length === 1);
  assert.equal(await labels(), '¥99.00 ¥299.00');
  // A date saved with the Singles' Day config does not follow the shopper to a config without schedules.
  await page.selectOption('#config-select', 'seed');
  await page.waitForFunction(() => document.getElementById('when').hidden);
  assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem('nexttier-demo-settings')).now ?? ''), '');

  // Buy 2 get 1 free on cleaning: two detergents and the widget counts items, the third is free.
  await page.click('#clear');
  await page.selectOption('#config-select', 'buy-2-get-1');
  for (let i = 0; i < 2; i++) await page.click('.products button[data-sku="detergent"]');
  await waitText(page, 'next-tier .message', 'Add ¥63.00 more for free shipping');
  await page.click('.products button[data-sku="sponge"]');
  await waitText(page, 'dd[data-row=discount]', '−¥7.00');
  await waitText(page, 'next-tier .celebration', "You've unlocked 1 item free");
  assert.deepEqual(page.problems, []);
});

test('mobile width: screenshot and the time from navigation to the first rendered bar', async () => {
  const page = await env.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  await page.addInitScript(() => {
    window.layoutShift = 0;
    new PerformanceObserver((list) => { for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.layoutShift += entry.value; })
      .observe({ type: 'layout-shift', buffered: true });
  });
  const times = [];
  const shifts = [];
  for (let run = 0; run < 5; run++) {
    await page.goto(`${env.url}/www/index.html`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForFunction(() => performance.getEntriesByName('nexttier:first-render').length > 0);
    times.push(await page.evaluate(() => performance.getEntriesByName('nexttier:first-render')[0].startTime));
    await page.waitForTimeout(300);
    shifts.push(await page.evaluate(() => window.layoutShift));
  }
  // Cumulative layout shift while loading: "good" is under 0.1 (Core Web Vitals). The widget's
  // reserved space is smaller than a bar with three suggestion cards, so the cart below it moves a little.
  assert.ok(Math.max(...shifts) < 0.1, `layout shift ${shifts}`);
  await page.click('.products button[data-sku="mop"]');
  await waitText(page, 'next-tier .message', 'Add ¥61.00 more for free shipping and ¥10.00 off');
  await page.screenshot({ path: `${artifacts}/storefront-mobile.png` });
  // The floor on this machine and server: a page whose only module script marks at once.
  const floor = [];
  for (let run = 0; run < 5; run++) {
    await page.goto(`${env.url}/tests/browser/fixtures/floor.html`);
    await page.waitForFunction(() => performance.getEntriesByName('floor').length > 0);
    floor.push(await page.evaluate(() => performance.getEntriesByName('floor')[0].startTime));
  }
  const median = (values) => Math.round([...values].sort((a, b) => a - b)[2] * 10) / 10;
  const report = {
    runs: times.map((t) => Math.round(t * 10) / 10),
    median_ms: median(times),
    layout_shift: shifts.map((v) => Math.round(v * 1000) / 1000),
    floor_runs: floor.map((t) => Math.round(t * 10) / 10),
    floor_median_ms: median(floor),
  };
  writeFileSync(`${artifacts}/first-render.json`, JSON.stringify(report, null, 2) + '\n');
  console.log(`# navigation to first rendered bar (ms): ${JSON.stringify(report)}`);
  assert.deepEqual(page.problems, []);
});

test('the A/B demo: the visitor id assigns a variant, the switch shows either, GA4 receives the variant', async () => {
  const page = await open();
  // A visitor id whose variant is known: v-1005 is in from-89 (the hash: docs/experiments.md).
  await page.evaluate(() => { localStorage.setItem('nexttier-demo-visitor', 'v-1005'); localStorage.removeItem('nexttier-demo-cart'); });
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.isHidden('#variant-field'), true, 'only with the experiment config');
  await page.selectOption('#config-select', 'experiment');
  await page.waitForSelector('#variant-field:not([hidden])');
  // Mop + 3 detergents = 92: from 89 free shipping is reached; 7.00 still reaches 10 off.
  await page.click('.products button[data-sku="mop"]');
  for (let i = 0; i < 3; i++) await page.click('.products button[data-sku="detergent"]');
  await waitText(page, '#variant-seen', 'you see from-89 (assigned to your visitor id)');
  await waitText(page, 'dd[data-row=shipping]', 'Free');
  await waitText(page, 'next-tier .message', 'Add ¥7.00 more for ¥10.00 off');
  // The switch previews the control: free shipping needs 99 again.
  await page.selectOption('#variant-select', 'control');
  await waitText(page, '#variant-seen', 'you see control (chosen here)');
  await waitText(page, 'next-tier .message', 'Add ¥7.00 more for free shipping and ¥10.00 off');
  await waitText(page, 'dd[data-row=shipping]', '¥10.00');
  const seen = await page.evaluate(() => window.dataLayer.filter((e) => e.event === 'view_promotion').map((e) => e.nexttier_experiments));
  assert.ok(seen.includes('free-ship-threshold:from-89'), JSON.stringify(seen));
  assert.deepEqual(page.problems, []);
});

test('the demo follows the gift tier: the tote comes into the cart at 299 and leaves below it', async () => {
  const page = await open();
  await page.selectOption('#config-select', 'singles-day');
  await page.waitForFunction(() => !document.getElementById('when').hidden);
  await page.selectOption('#date-select', '2026-12-01T10:00:00+08:00');
  for (let i = 0; i < 5; i++) await page.click('.products button[data-sku="shoe-rack"]');
  // 5 × 69 = 345: the widget's nexttier:gifts says add the tote; the demo adds it as a gift line at
  // its catalog price (15.00) and the promotion takes it to 0.
  await waitText(page, '#cart-lines li[data-gift="tote"] .amount', '¥0.00');
  const giftLine = () => page.$$eval('#cart-lines li[data-gift]', (lines) => lines.map((l) => l.textContent));
  assert.deepEqual(await giftLine(), ['Free gift: Canvas tote bag1¥0.00']);
  await waitText(page, 'dt.discount', 'Free tote bag');
  await waitText(page, 'dd[data-row=discount]', '−¥15.00');
  await waitText(page, 'dd[data-row=total]', '¥345.00');
  // 4 × 69 = 276: below the tier, the tote goes.
  await page.click('#cart-lines li[data-line="shoe-rack"]:not([data-gift]) button');
  await page.waitForFunction(() => !document.querySelector('#cart-lines li[data-gift]'));
  await waitText(page, 'dd[data-row=total]', '¥276.00');
  assert.deepEqual(page.problems, []);
});
