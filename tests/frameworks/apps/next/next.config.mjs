import { fileURLToPath } from 'node:url';
// The apps share tests/frameworks/node_modules: that folder is the project's root for Turbopack.
// `standalone`: the test runs the server from a copy of .next/standalone, which holds only what
// Next.js's file tracing found (the package's wasm among it).
export default { output: 'standalone', turbopack: { root: fileURLToPath(new URL('../..', import.meta.url)) }, outputFileTracingRoot: fileURLToPath(new URL('../..', import.meta.url)) };
