// The widget's server rendering in Node, and every entry point imported in bare Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createEngine, NexttierError, NextTierElement } from '../../pkg/node.js';

const pkg = fileURLToPath(new URL('../../pkg/', import.meta.url));
const seed = JSON.parse(readFileSync(new URL('../vectors/configs/seed.json', import.meta.url), 'utf8'));
const cart92 = { lines: [{ sku: 'mop', price: '38', quantity: 1 }, { sku: 'detergent', price: '18', quantity: 3 }] };

test('every entry point imports in bare Node without a DOM', () => {
  // A fresh process: nothing defines HTMLElement or customElements. node.js, api.js, element.js and
  // style.js are imported with both names booby-trapped; index.js checks only that customElements exists.
  const script = `
    for (const name of ['HTMLElement', 'customElements']) {
      Object.defineProperty(globalThis, name, { configurable: true, get() { throw new Error('touched ' + name); } });
    }
    const node = await import(${JSON.stringify(pkg + 'node.js')});
    await import(${JSON.stringify(pkg + 'api.js')});
    await import(${JSON.stringify(pkg + 'element.js')});
    await import(${JSON.stringify(pkg + 'style.js')});
    delete globalThis.HTMLElement;
    delete globalThis.customElements;
    const browser = await import(${JSON.stringify(pkg + 'index.js')});
    console.log(JSON.stringify([node.NextTierElement === undefined, browser.NextTierElement === undefined, typeof browser.mount, typeof node.createEngine]));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(out.trim(), '[true,true,"function","function"]');
  assert.equal(NextTierElement, undefined);
});

test('renderHtml: the seed cart at 92, with a declarative shadow root and Intl money', async () => {
  const engine = await createEngine(seed);
  const html = engine.renderHtml(cart92, { stylesheet: '/pkg/nexttier.css' });
  assert.ok(html.startsWith('<next-tier lang="en"><template shadowrootmode="open"><link rel="stylesheet" href="/pkg/nexttier.css">'), html);
  assert.match(html, /<p class="message" part="message">Add ¥7\.00 more for free shipping and ¥10\.00 off<\/p>/);
  assert.match(html, /aria-valuenow="92\.00"/);
  assert.match(html, /data-sku="sponge" data-quantity="1"/);
  const zh = engine.renderHtml(cart92, { lang: 'zh-CN', suggest: false });
  assert.match(zh, /再买¥7\.00，即可享免运费和立减¥10\.00/);
  assert.doesNotMatch(zh, /class="suggestions"/);
  assert.match(zh, /<style>:host \{/);
  const code = engine.renderHtml(cart92, { currency_display: 'code', suggest: false });
  assert.match(code, /Add CNY\s7\.00 more/);
});

test('renderHtml escapes hostile names and messages', async () => {
  const hostile = '<img src=x onerror=alert(1)>';
  const config = { ...seed, catalog: seed.catalog.map((item) => (item.sku === 'sponge' ? { ...item, name: hostile } : item)) };
  const engine = await createEngine(config);
  const html = engine.renderHtml(cart92, { messages: { add: '"><script>alert(2)</script>' } });
  assert.ok(!html.includes('<img src=x'), html);
  assert.ok(!html.includes('<script>'), html);
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(html.includes('aria-label="Add &lt;img src=x onerror=alert(1)&gt; to cart"'));
});

test('renderHtml refuses bad options with their path', async () => {
  const engine = await createEngine(seed);
  assert.throws(() => engine.renderHtml(cart92, { variant: 'wide' }), (error) => {
    assert.ok(error instanceof NexttierError);
    assert.equal(error.code, 'wrong_type');
    assert.equal(error.path, 'variant');
    return true;
  });
  assert.throws(() => engine.renderHtml(cart92, { messages: { hello: 'x' } }), { path: 'messages.hello', code: 'unknown_key' });
  assert.throws(() => engine.renderHtml({ lines: [{ sku: 'a', price: '-1', quantity: 1 }] }), { path: 'lines[0].price' });
});

test('the package ships the custom elements manifest and the stylesheet', () => {
  const manifest = JSON.parse(readFileSync(new URL('custom-elements.json', `file://${pkg}`), 'utf8'));
  const packageJson = JSON.parse(readFileSync(new URL('package.json', `file://${pkg}`), 'utf8'));
  assert.equal(packageJson.customElements, 'custom-elements.json');
  assert.equal(packageJson.exports['./nexttier.css'], './nexttier.css');
  const element = manifest.modules[0].declarations[0];
  assert.equal(element.tagName, 'next-tier');
  const events = ['add', 'progress', 'tier-reached', 'error', 'choose-gift', 'gifts'];
  // Each event under its name and its hyphenated alias.
  assert.deepEqual(element.events.map((e) => e.name), [...events.map((e) => `nexttier:${e}`), ...events.map((e) => `nexttier-${e}`)]);
  // Every part the markup uses is documented, and every documented custom property is in the stylesheet.
  const css = readFileSync(new URL('nexttier.css', `file://${pkg}`), 'utf8');
  for (const property of element.cssProperties) assert.ok(css.includes(property.name), property.name);
  const html = readFileSync(new URL('../../src/widget/render.rs', import.meta.url), 'utf8');
  const parts = new Set([...html.matchAll(/"part",\s*(?:if [^{]+\{\s*)?"([a-z- ]+)"/g)].flatMap((m) => m[1].split(' ')));
  parts.add('marker-reached');
  const documented = new Set(element.cssParts.map((p) => p.name));
  for (const part of parts) assert.ok(documented.has(part), `part ${part} is not in custom-elements.json`);
});

test('the default colours meet WCAG AA contrast (4.5:1) in light and dark', () => {
  const css = readFileSync(new URL('nexttier.css', `file://${pkg}`), 'utf8');
  const palette = (block) => Object.fromEntries([...block.matchAll(/--_([a-z-]+): var\(--nexttier-[a-z-]+, (#[0-9a-f]{6})\)/g)].map((m) => [m[1], m[2]]));
  const light = palette(css.slice(0, css.indexOf('@media (prefers-color-scheme: dark)')));
  const dark = { ...light, ...palette(css.slice(css.indexOf(':host([theme=dark])'))) };
  const luminance = (hex) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const pairs = [['text', 'background'], ['muted', 'background'], ['muted', 'card'], ['success', 'background'], ['button-text', 'button'], ['text', 'card']];
  for (const [name, colours] of [['light', light], ['dark', dark]]) {
    for (const [fg, bg] of pairs) {
      const ratio = contrast(colours[fg], colours[bg]);
      assert.ok(ratio >= 4.5, `${name}: ${fg} ${colours[fg]} on ${bg} ${colours[bg]} is ${ratio.toFixed(2)}:1`);
    }
  }
});
