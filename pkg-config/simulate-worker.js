// The simulator's worker (browsers): the page's `engine.simulate(...)` posts the config, the orders
// (text, rows, a Blob or File, or a stream) and the options here, so a large file never blocks the
// page; progress comes back after each piece, and cancelling terminates the worker.
import init, { RawSimulator, setErrorClass } from './nexttier_simulator.js';
import { runSimulation } from './simulation.js';

/** Errors thrown by the module carry code, path and errors; only their data crosses back. */
class WorkerError extends Error {
  constructor(data) {
    super(data.message);
    Object.assign(this, data);
  }
}

const data = (error) => ({
  code: error?.code ?? 'wasm_unavailable',
  path: error?.path ?? '',
  message: String(error?.message ?? error),
  errors: error?.errors,
  ...(error?.line !== undefined ? { line: error.line, column: error.column } : {}),
});

self.onmessage = async ({ data: { config, limits, orders, options } }) => {
  let simulator;
  try {
    await init();
    setErrorClass(WorkerError);
    simulator = new RawSimulator(config, limits);
    const report = await runSimulation(simulator, orders, options, {
      onProgress: (progress) => self.postMessage({ type: 'progress', progress }),
    });
    self.postMessage({ type: 'report', report });
  } catch (error) {
    self.postMessage({ type: 'error', error: data(error) });
  } finally {
    simulator?.free();
  }
};
