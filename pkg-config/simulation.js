// Running the simulator over an orders file in pieces: text, rows, a Blob or File, or a stream, read
// a piece at a time into the merchant module's RawRun, with progress after each piece and a check
// of the AbortSignal between pieces. Used in Node and workers directly, and by simulate-worker.js.

/** Characters of text (or bytes of a Blob or stream) fed to the simulator at a time. */
const PIECE = 1 << 20;

/** Orders as pieces of text, with how much was read of how much (`total` null when unknown). */
export async function* pieces(orders) {
  if (Array.isArray(orders)) orders = orders.map((row) => JSON.stringify(row)).join('\n');
  if (typeof orders === 'string') {
    for (let at = 0; at < orders.length;) {
      let end = Math.min(at + PIECE, orders.length);
      // Never between the two halves of a surrogate pair.
      if (end < orders.length && (orders.charCodeAt(end - 1) & 0xfc00) === 0xd800) end -= 1;
      yield { text: orders.slice(at, end), read: end, total: orders.length };
      at = end;
    }
    return;
  }
  const isBlob = typeof Blob !== 'undefined' && orders instanceof Blob;
  const stream = isBlob ? orders.stream() : orders;
  if (!stream || typeof stream.getReader !== 'function') {
    throw { code: 'wrong_type', path: '', message: 'orders must be CSV or JSON-lines text, an array of rows, a Blob or File, or a ReadableStream' };
  }
  const total = isBlob ? orders.size : null;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const reader = stream.getReader();
  let read = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (typeof value === 'string') {
        read += value.length;
        yield { text: value, read, total };
      } else {
        read += value.byteLength;
        let text;
        try {
          text = decoder.decode(value, { stream: true });
        } catch {
          throw { code: 'invalid', path: '', message: 'the orders file is not UTF-8 text' };
        }
        yield { text, read, total };
      }
    }
    yield { text: decoder.decode(), read, total };
  } finally {
    reader.releaseLock?.();
  }
}

/**
 * Runs `simulator` (a RawSimulator) over `orders`; `onProgress({ orders, read, total })` after each
 * piece; when `signal` is aborted, stops between pieces and throws `aborted()` (the caller's
 * `aborted` error). Resolves to the report's JSON text. Throws what the module throws, or a plain
 * `{ code, path, message }`.
 */
export async function runSimulation(simulator, orders, optionsText, { signal, onProgress, aborted } = {}) {
  const run = simulator.start(optionsText);
  try {
    for await (const { text, read, total } of pieces(orders)) {
      if (signal?.aborted) throw aborted();
      const count = run.push(text);
      onProgress?.({ orders: count, read, total });
      // Let the event loop breathe: progress is delivered, an abort can arrive.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    if (signal?.aborted) throw aborted();
    return run.finish();
  } finally {
    run.free();
  }
}

/**
 * Runs `report` (a RawReport) over `events`, then `orders` (each text, an array of rows, a Blob or
 * File, or a ReadableStream), stopping between pieces when `signal` is aborted. Resolves to the
 * report's JSON text.
 */
export async function runReport(report, events, orders, { signal, aborted } = {}) {
  try {
    for (const [input, push] of [[events, (t) => report.pushEvents(t)], [orders, (t) => report.pushOrders(t)]]) {
      for await (const { text } of pieces(input)) {
        if (signal?.aborted) throw aborted();
        push(text);
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
    return report.finish();
  } finally {
    report.free();
  }
}
