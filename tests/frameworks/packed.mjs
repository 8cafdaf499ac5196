// The package as a user installs it: `npm pack` of pkg/, unpacked into this folder's
// node_modules/nexttier (beside the frameworks' own locked dependencies). Once per test process.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { root } from '../browser/browser.mjs';

export const here = fileURLToPath(new URL('.', import.meta.url));
export const installed = join(here, 'node_modules', 'nexttier');

/** Packs pkg/ into `out` and unpacks it into node_modules/nexttier. */
export function installPacked(out) {
  mkdirSync(out, { recursive: true });
  execFileSync('npm', ['pack', join(root, 'pkg'), '--pack-destination', out, '--silent'], { cwd: out });
  const tarball = readdirSync(out).find((f) => f.endsWith('.tgz'));
  rmSync(installed, { recursive: true, force: true });
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', join(out, tarball), '-C', installed, '--strip-components=1']);
}
