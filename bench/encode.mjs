// How a cart's JSON text gets into the wasm's memory, per workload, median µs: wasm-bindgen's own copy
// of a JS string (a JS loop a character at a time while the text is ASCII, which is how a `&str`
// argument crosses), TextEncoder.encode and a copy, and TextEncoder.encodeInto a buffer (what the
// package does since carts cross as bytes: pkg-config/api.js, `utf8`). `node bench/encode.mjs`.
import { quoteWorkloads, measure } from './workloads.mjs';

const memory = new Uint8Array(1 << 20);
const encoder = new TextEncoder();
console.log(`${'workload'.padEnd(28)}${'bytes'.padStart(8)}${'JS loop'.padStart(10)}${'encode+copy'.padStart(13)}${'encodeInto'.padStart(12)}`);
for (const [name, , cart] of quoteWorkloads()) {
  const text = JSON.stringify(cart);
  const loop = measure(() => {
    let at = 0;
    for (; at < text.length; at++) {
      const code = text.charCodeAt(at);
      if (code > 0x7f) break;
      memory[8 + at] = code;
    }
    return at;
  });
  const encodeCopy = measure(() => memory.set(encoder.encode(text), 8));
  const encodeInto = measure(() => encoder.encodeInto(text, memory.subarray(8, 8 + text.length * 3)).written);
  console.log(`${name.padEnd(28)}${String(text.length).padStart(8)}${loop.toFixed(2).padStart(10)}${encodeCopy.toFixed(2).padStart(13)}${encodeInto.toFixed(2).padStart(12)}`);
}
