import { fileURLToPath } from 'node:url';
// The apps share tests/frameworks/node_modules: that folder is the project's root for Turbopack.
export default { turbopack: { root: fileURLToPath(new URL('../..', import.meta.url)) }, outputFileTracingRoot: fileURLToPath(new URL('../..', import.meta.url)) };
