// Shared set-up of the browser tests: Debian's Chromium driven by playwright-core, pages served
// from the repository root by the same static server as `npm start`, under the strict CSP.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const artifacts = fileURLToPath(new URL('../../test-results/', import.meta.url));
mkdirSync(artifacts, { recursive: true });

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  // window.gc() for the leak test.
  '--js-flags=--expose-gc',
];

/** Starts the server and the browser; returns { url, browser, newPage, close }. */
export async function start() {
  const server = await serve({ root });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ARGS });
  return {
    url: server.url,
    browser,
    /** A fresh page that records console errors and page errors in `page.problems`. */
    async newPage(options = {}) {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      page.problems = [];
      page.on('console', (m) => { if (m.type() === 'error') page.problems.push(m.text()); });
      page.on('pageerror', (e) => page.problems.push(String(e)));
      return page;
    },
    async close() {
      await browser.close();
      server.close();
    },
  };
}
