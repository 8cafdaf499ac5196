// Serves the demo storefront (www/, with the built package at /pkg/) using http-server from npm,
// under the strict Content-Security-Policy the widget must work with. Also used by the browser tests.
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import httpServer from 'http-server';

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'";

/** Starts a static server on `port` (0 = any free port); resolves to { url, close }. */
export function serve({ root, port = 0, host = '127.0.0.1', quiet = true } = {}) {
  const server = httpServer.createServer({
    root,
    cache: -1,
    showDir: 'false',
    headers: { 'Content-Security-Policy': CSP },
    logFn: quiet ? undefined : (req, res, error) => { if (error) console.error(`${req.method} ${req.url}: ${error.message}`); },
  });
  return new Promise((ok, fail) => {
    server.server.once('error', fail);
    server.listen(port, host, () => {
      const address = server.server.address();
      ok({ url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${address.port}`, close: () => server.close() });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = resolve(fileURLToPath(new URL('../www', import.meta.url)));
  const port = Number(process.env.PORT ?? 8080);
  const { url } = await serve({ root, port, host: process.env.HOST ?? '127.0.0.1', quiet: false });
  console.log(`\n  nexttier demo storefront: ${url.replace('127.0.0.1', 'localhost')}/\n  (Ctrl-C to stop)\n`);
}
