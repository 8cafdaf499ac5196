// Navigation to the first rendered bar against the floor, in headless Chromium on the test server:
// tests/browser/fixtures/first-bar.html (a page whose one module imports the package and sets the
// seed config, compiled, and a 92 cart), first-bar-raw.html (the same with the raw config) and
// floor.html (one module that only marks). Median of 9 navigations each, alternating; printed by
// `npm run bench`. A budget, not a test: nothing here fails on time.
//
// Two visits are measured:
// - a return visit: the same tab navigates again, as the issue measured (the browser keeps what it
//   compiled of the wasm and the JS in memory);
// - a first visit: a fresh browser context for every navigation, nothing cached or compiled.
//
// The harness must not run in the page while it loads. Playwright's `waitForFunction` injects its
// own script (about 8 ms of evaluation, seen in a Chromium trace) as soon as the load event fires;
// the floor has marked by then, the widget has not (its wasm is still on its way), so polling put
// the harness's script on the widget's path alone. Each navigation therefore waits for the page to
// settle before anything is evaluated in it, and only then reads the marks.
import { start } from '../tests/browser/browser.mjs';

const SETTLE_MS = 400;
const RUNS = 9;

const env = await start();
try {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const round = (x) => Math.round(x * 10) / 10;
  const fixtures = [['bar', 'first-bar.html', 'nexttier:first-render'], ['raw', 'first-bar-raw.html', 'nexttier:first-render'], ['floor', 'floor.html', 'floor']];

  /** Navigates `page` to the fixture, lets it settle, and returns the mark's time (ms from navigation). */
  const markOf = async (page, fixture, mark) => {
    await page.goto(`${env.url}/tests/browser/fixtures/${fixture}`);
    await page.waitForTimeout(SETTLE_MS);
    await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, mark);
    return page.evaluate((name) => performance.getEntriesByName(name)[0].startTime, mark);
  };
  const waterfallOf = (page) => page.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => `${e.name.split('/').pop()} ${Math.round(e.startTime)}–${Math.round(e.responseEnd)}`));

  const visit = async (fresh) => {
    const times = { bar: [], raw: [], floor: [] };
    let waterfall = [];
    let page = fresh ? null : await env.newPage({});
    for (let run = 0; run < RUNS; run++) {
      for (const [key, fixture, mark] of fixtures) {
        if (fresh) page = await env.newPage({});
        times[key].push(await markOf(page, fixture, mark));
        if (key === 'bar') waterfall = await waterfallOf(page);
        if (fresh) await page.context().close();
      }
    }
    if (!fresh) await page.context().close();
    return { times, waterfall };
  };

  for (const [title, fresh] of [['return visit: the same tab navigates again', false], ['first visit: a fresh browser context each time, nothing cached', true]]) {
    const { times, waterfall } = await visit(fresh);
    const floor = median(times.floor);
    console.log(`First rendered bar, ${title} (ms from navigation, ${RUNS} navigations each)`);
    console.log(`  bar:   median ${round(median(times.bar))}  runs ${times.bar.map(round).join(', ')}   (compiled config: the storefront's module alone)`);
    console.log(`  raw:   median ${round(median(times.raw))}  runs ${times.raw.map(round).join(', ')}   (raw config: the validator's module loaded for it)`);
    console.log(`  floor: median ${round(floor)}  runs ${times.floor.map(round).join(', ')}`);
    console.log(`  over the floor: ${round(median(times.bar) - floor)}${fresh ? '' : ' (goal ≤ 15)'}; raw config ${round(median(times.raw) - floor)}`);
    console.log(`  last navigation's requests (start–end): ${waterfall.join(', ')}`);
  }
} finally {
  await env.close();
}
