// The page's side of the simulator's worker (simulate-worker.js): posts the job, relays progress,
// terminates the worker on abort. Loaded by the browser entry on the first `simulate` in a page;
// errors are made with the entry's own NexttierError (`makeError`), so `instanceof` holds.

/** Runs `job` in a module worker; resolves to the report. */
export function simulateInWorker(job, makeError, abortedError) {
  const { config, limits, orders, options, signal, onProgress } = job;
  return new Promise((resolve, reject) => {
    // Written so that bundlers (Vite, webpack) see the worker and bundle it with its imports.
    const worker = new Worker(new URL('./simulate-worker.js', import.meta.url), { type: 'module' });
    const finish = () => {
      signal?.removeEventListener('abort', abort);
      worker.terminate();
    };
    const abort = () => {
      finish();
      reject(abortedError(signal));
    };
    signal?.addEventListener('abort', abort, { once: true });
    worker.onmessage = ({ data }) => {
      if (data.type === 'progress') {
        onProgress?.(data.progress);
      } else if (data.type === 'report') {
        finish();
        resolve(JSON.parse(data.report));
      } else {
        finish();
        reject(makeError(data.error));
      }
    };
    worker.onerror = (event) => {
      finish();
      reject(makeError({ code: 'wasm_unavailable', path: '', message: `the simulator's worker could not run: ${event.message || 'it did not start'}` }));
    };
    const stream = typeof ReadableStream === 'function' && orders instanceof ReadableStream;
    worker.postMessage({ config, limits, orders, options }, stream ? [orders] : []);
  });
}
