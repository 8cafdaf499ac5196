// Navigation to the first rendered bar against the floor, in headless Chromium on the test server:
// tests/browser/fixtures/first-bar.html (a page whose one module imports the package and sets the
// seed config, compiled, and a 92 cart), first-bar-raw.html (the same with the raw config) and floor.html (one module that only marks). Median of 9 navigations
// each, alternating; printed by `npm run bench`. A budget, not a test: nothing here fails on time.
import { start } from '../tests/browser/browser.mjs';

const env = await start();
try {
  const page = await env.newPage({});
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const bar = [];
  const raw = [];
  const floor = [];
  let waterfall = [];
  const firstRender = async (fixture) => {
    await page.goto(`${env.url}/tests/browser/fixtures/${fixture}`);
    await page.waitForFunction(() => performance.getEntriesByName('nexttier:first-render').length > 0);
    return page.evaluate(() => performance.getEntriesByName('nexttier:first-render')[0].startTime);
  };
  for (let run = 0; run < 9; run++) {
    bar.push(await firstRender('first-bar.html'));
    waterfall = await page.evaluate(() => performance.getEntriesByType('resource')
      .map((e) => `${e.name.split('/').pop()} ${Math.round(e.startTime)}–${Math.round(e.responseEnd)}`));
    raw.push(await firstRender('first-bar-raw.html'));
    await page.goto(`${env.url}/tests/browser/fixtures/floor.html`);
    await page.waitForFunction(() => performance.getEntriesByName('floor').length > 0);
    floor.push(await page.evaluate(() => performance.getEntriesByName('floor')[0].startTime));
  }
  const round = (x) => Math.round(x * 10) / 10;
  console.log('First rendered bar (ms from navigation, 9 navigations each)');
  console.log(`  bar:   median ${round(median(bar))}  runs ${bar.map(round).join(', ')}   (compiled config: the storefront's module alone)`);
  console.log(`  raw:   median ${round(median(raw))}  runs ${raw.map(round).join(', ')}   (raw config: the validator's module loaded for it)`);
  console.log(`  floor: median ${round(median(floor))}  runs ${floor.map(round).join(', ')}`);
  console.log(`  over the floor: ${round(median(bar) - median(floor))} (goal ≤ 15)`);
  console.log(`  last navigation's requests (start–end): ${waterfall.join(', ')}`);
} finally {
  await env.close();
}
