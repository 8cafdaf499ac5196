// `npm pack` gives a tarball that installs into an empty folder and works there, offline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readdirSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('../../pkg/', import.meta.url));

test('the packed tarball installs and quotes in an empty project', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nexttier-pack-'));
  try {
    const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    npm(['pack', pkg, '--pack-destination', dir, '--silent'], dir);
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    assert.ok(tarball, 'npm pack made no tarball');
    const listing = execFileSync('tar', ['-tzf', join(dir, tarball)], { encoding: 'utf8' });
    for (const file of ['index.js', 'node.js', 'api.js', 'index.d.ts', 'types.d.ts', 'nexttier_bg.wasm', 'nexttier.schema.json', 'README.md']) {
      assert.ok(listing.includes(`package/${file}`), `${file} missing from the tarball`);
    }
    const project = join(dir, 'app');
    execFileSync('mkdir', [project]);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    npm(['install', join(dir, tarball), '--offline', '--no-audit', '--no-fund', '--silent'], project);
    writeFileSync(join(project, 'main.js'), `
      import { createEngine } from 'nexttier';
      const engine = await createEngine({ currency: 'CNY', shipping: { fee: '10' },
        promotions: [{ id: 'ship', kind: 'free_shipping', tiers: [{ min_subtotal: '99' }] }] });
      const q = engine.quote({ lines: [{ sku: 'mop', price: '92', quantity: 1 }] });
      console.log(q.total, q.progress[0].next.remaining);
    `);
    const out = execFileSync('node', ['main.js'], { cwd: project, encoding: 'utf8' });
    assert.equal(out.trim(), '102.00 7.00');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('npm publish --dry-run would publish exactly the files the package lists, licences and changelog among them', () => {
  const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
  // Offline and not logged in: npm warns, and still says what it would publish.
  const out = execFileSync('npm', ['publish', '--dry-run', '--json', '--offline'], { cwd: pkg, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const report = JSON.parse(out);
  const published = (report.files ?? report[manifest.name].files).map((f) => f.path).sort();
  const intended = [...manifest.files, 'package.json'].sort();
  assert.deepEqual(published, intended);
  for (const file of ['LICENSE-MIT', 'LICENSE-APACHE', 'CHANGELOG.md']) assert.ok(published.includes(file), `${file} is published`);
  assert.equal(manifest.license, 'MIT OR Apache-2.0');
  assert.match(readFileSync(join(pkg, 'LICENSE-APACHE'), 'utf8'), /Apache License\s+Version 2\.0/);
  assert.match(readFileSync(join(pkg, 'CHANGELOG.md'), 'utf8'), /## Versioning policy/);
});
