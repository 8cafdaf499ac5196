// The widget's DOM work in two ways, from the same wasm (built with `js-renderer`): `render` (Rust
// creates and patches the shadow root through web-sys, as `<next-tier>` does) and `renderMarkup`
// (the wasm returns the markup as JSON; the functions below create and patch the DOM, by the same
// rules as wasm/storefront/src/widget.rs). Results go to `window.results` for bench/renderer.mjs.
import init, { RawWidget } from '/target/wasm-renderer/pkg/nexttier.js';

const SVG = 'http://www.w3.org/2000/svg';
// Carts cross as UTF-8 bytes, as the element sends them.
const encoder = new TextEncoder();

function create(doc, m) {
  if (typeof m === 'string') return doc.createTextNode(m);
  const el = m[1] ? doc.createElementNS(SVG, m[0]) : doc.createElement(m[0]);
  const attrs = m[2];
  for (let i = 0; i < attrs.length; i += 2) el.setAttribute(attrs[i], attrs[i + 1]);
  for (let i = 3; i < m.length; i++) el.appendChild(create(doc, m[i]));
  return el;
}

function attrOf(m, name) {
  const attrs = m[2];
  for (let i = 0; i < attrs.length; i += 2) if (attrs[i] === name) return attrs[i + 1];
  return undefined;
}

function patchElement(doc, node, old, next) {
  const attrs = next[2];
  for (let i = 0; i < attrs.length; i += 2) if (attrOf(old, attrs[i]) !== attrs[i + 1]) node.setAttribute(attrs[i], attrs[i + 1]);
  const before = old[2];
  for (let i = 0; i < before.length; i += 2) if (attrOf(next, before[i]) === undefined) node.removeAttribute(before[i]);
  const children = [...node.childNodes];
  for (let i = 3; i < next.length; i++) {
    const child = children[i - 3];
    if (i < old.length && child) patch(doc, node, child, old[i], next[i]);
    else node.appendChild(create(doc, next[i]));
  }
  for (let i = next.length - 3; i < children.length; i++) node.removeChild(children[i]);
}

function patch(doc, parent, node, old, next) {
  if (typeof old === 'string' && typeof next === 'string') {
    if (old !== next) node.textContent = next;
    return node;
  }
  if (typeof old !== 'string' && typeof next !== 'string' && old[0] === next[0] && old[1] === next[1]) {
    patchElement(doc, node, old, next);
    return node;
  }
  const fresh = create(doc, next);
  parent.replaceChild(fresh, node);
  return fresh;
}

/** A widget whose DOM work is done here. */
class JsWidget {
  constructor(root) { this.root = root; this.raw = new RawWidget(root); this.shown = null; this.node = null; }
  render(cart, now) {
    const [markup, result] = JSON.parse(this.raw.renderMarkup(encoder.encode(cart), now));
    if (this.shown === null) {
      this.node = create(document, markup);
      this.root.textContent = '';
      this.root.appendChild(this.node);
    } else {
      this.node = patch(document, this.root, this.node, this.shown, markup);
    }
    this.shown = markup;
    return result;
  }
}

/** A widget whose DOM work is done by the wasm (web-sys). */
class RustWidget {
  constructor(root) { this.raw = new RawWidget(root); }
  render(cart, now) { return this.raw.render(encoder.encode(cart), false, now); }
}

const host = () => {
  const div = document.createElement('div');
  document.body.appendChild(div);
  return div.attachShadow({ mode: 'open' });
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

await init();
const compiled = await (await fetch('/target/wasm-renderer/pkg/compiled.json')).text();
const options = JSON.stringify({ lang: 'en', dir: 'ltr' });
// Carts from 18 to 198 yuan of home goods in 4-yuan steps, and back: every tier is crossed both ways,
// the suggestions change with the gap.
const carts = [];
for (let q = 1; q <= 46; q++) carts.push(JSON.stringify({ lines: [{ sku: 'mop', price: '38', quantity: 1, category: 'home' }, { sku: 'sponge', price: '4', quantity: q, category: 'cleaning' }] }));
carts.push(...[...carts].reverse());
const make = (Kind) => {
  const root = host();
  const widget = new Kind(root);
  widget.raw.setConfig(compiled);
  widget.raw.setOptions(options);
  return { root, widget };
};

// The same markup either way, after every cart change.
const rust = make(RustWidget);
const js = make(JsWidget);
let same = 0;
for (const cart of carts) {
  rust.widget.render(cart, 0);
  js.widget.render(cart, 0);
  if (rust.root.firstChild.outerHTML !== js.root.firstChild.outerHTML) throw new Error(`the two renderers disagree for ${cart}`);
  same++;
}

// Cart changes: the median µs of one render over the sequence, in alternating rounds.
const perChange = { rust: [], js: [] };
const formatsBefore = window.formatCalls ?? 0;
for (let round = 0; round < 15; round++) {
  for (const [name, { widget }] of [['rust', rust], ['js', js]]) {
    const start = performance.now();
    for (const cart of carts) widget.render(cart, 0);
    perChange[name].push(((performance.now() - start) * 1000) / carts.length);
  }
}
// Intl.NumberFormat#format calls per cart change (counted by bench/renderer.mjs).
const formatsPerChange = ((window.formatCalls ?? 0) - formatsBefore) / (15 * 2 * carts.length);
// The first render of a fresh widget (every node created), the middle cart: 20 widgets a round, as
// the page's clock ticks in 0.1 ms.
const first = { rust: [], js: [] };
for (let round = 0; round < 15; round++) {
  for (const [name, Kind] of [['rust', RustWidget], ['js', JsWidget]]) {
    const made = Array.from({ length: 20 }, () => make(Kind));
    const start = performance.now();
    for (const { widget } of made) widget.render(carts[23], 0);
    first[name].push(((performance.now() - start) * 1000) / made.length);
    for (const { root, widget } of made) {
      widget.raw.free();
      root.host.remove();
    }
  }
}
const nodes = rust.root.querySelectorAll('*').length;
window.results = { same, changes: carts.length, nodes, formatsPerChange, perChange: { rust: median(perChange.rust), js: median(perChange.js) }, first: { rust: median(first.rust), js: median(first.js) } };
