// The tier playground: edit a config with the engine's validation as you type, preview the widget for
// a sample cart, and run the what-if simulator over orders that never leave the browser. Every string
// is set as text; the chart is SVG built node by node.
import { createEngine, validate, load, sampleOrders, compile, publicConfig, report, sampleExperiment } from './pkg/index.js';

const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';
const configBox = $('config');
const cartBox = $('cart');
const preview = $('preview');
let orders = null;
let engine = null;
let timer = 0;
let run = 0;

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Validates the config as typed: the engine's errors with their JSON paths, or a summary. */
function check() {
  const text = configBox.value;
  const errors = validate(text);
  configBox.setAttribute('aria-invalid', String(errors.length > 0));
  if (errors.length > 0) {
    $('validation').replaceChildren(el('ul', {}, errors.map((e) => el('li', { class: 'error' }, [
      el('code', { text: e.path || '(document)' }), ` ${e.message}`,
      e.line !== undefined ? ` (line ${e.line}, column ${e.column})` : '',
    ]))));
    return null;
  }
  const config = JSON.parse(text);
  $('validation').replaceChildren(el('span', { class: 'ok', text: `Valid: ${config.currency}, ${config.promotions?.length ?? 0} promotions` }));
  return config;
}

function previewCart() {
  try {
    const cart = JSON.parse(cartBox.value);
    $('cart-errors').textContent = '';
    cartBox.setAttribute('aria-invalid', 'false');
    return cart;
  } catch (error) {
    $('cart-errors').textContent = `Cart: ${error.message}`;
    cartBox.setAttribute('aria-invalid', 'true');
    return null;
  }
}

async function update() {
  const config = check();
  if (!config) return;
  preview.config = config;
  const cart = previewCart();
  if (cart) preview.cart = cart;
  engine?.free();
  engine = await createEngine(config);
  await simulate();
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(update, 200);
}

/** The simulation under way, to cancel it (a newer one cancels it too). */
let running = null;

async function simulate() {
  if (!orders || !engine) return;
  running?.abort();
  const controller = new AbortController();
  running = controller;
  const progress = $('simulate-progress');
  $('simulate-status').textContent = 'Simulating…';
  progress.hidden = false;
  progress.removeAttribute('value');
  $('cancel').hidden = false;
  try {
    const started = performance.now();
    // The File itself when the orders came from one: read a piece at a time in the simulator's worker.
    const report = await engine.simulate(orders.file ?? orders.text, {
      nudge_zone: $('zone').value.trim(),
      top_up: $('share').value.trim(),
      suggestions: $('suggestions').checked,
      signal: controller.signal,
      onProgress: ({ orders: count, read, total }) => {
        if (total) {
          progress.max = total;
          progress.value = read;
        }
        $('simulate-status').textContent = `Simulating… ${count.toLocaleString('en')} orders read`;
      },
    });
    if (running !== controller) return;
    $('simulate-status').textContent = `${report.orders} orders simulated in ${Math.round(performance.now() - started)} ms.`;
    show(report);
  } catch (error) {
    if (running !== controller) return;
    $('simulate-status').textContent = error.code === 'aborted'
      ? 'Simulation cancelled.'
      : `${error.path ? `${error.path}: ` : ''}${error.message}`;
  } finally {
    if (running === controller) {
      running = null;
      progress.hidden = true;
      $('cancel').hidden = true;
    }
  }
}

function table(head, rows) {
  return el('table', {}, [
    el('thead', {}, [el('tr', {}, head.map((h) => el('th', { scope: 'col', text: h })))]),
    el('tbody', {}, rows.map((row) => el('tr', {}, row.map((cell) => el('td', { text: String(cell) }))))),
  ]);
}

function show(report) {
  const c = report.currency;
  $('summary').replaceChildren(table(
    ['orders', 'order value (mean)', 'median', 'items an order', 'discount cost', 'gross margin'],
    [[report.orders, `${report.order_value.mean} ${c}`, `${report.order_value.median} ${c}`, report.items_per_order,
      `${report.discount_cost} ${c}`, report.gross_margin ?? '—']],
  ));
  const rows = [];
  for (const p of report.promotions) {
    for (const t of p.tiers) {
      rows.push([
        `${p.label ?? p.promotion} · tier ${t.tier}`, t.threshold ?? 'next step', `${t.reached} (${t.reached_share})`,
        `${t.nudge_zone.orders}`, String(t.nudge_zone.median_gap), t.projection.order_value, t.projection.items_per_order,
        t.projection.discount_cost, t.projection.gross_margin ?? '—',
      ]);
    }
  }
  $('tiers').replaceChildren(table(
    ['tier', 'threshold', 'reached', 'nudge zone', 'median gap', 'projected order value', 'items', 'discount cost', 'margin'],
    rows,
  ));
  // What the widget's cards would have done, under the config's `suggest` settings and catalog signals.
  const s = report.suggestions;
  $('suggestion-figures').replaceChildren(...(s ? [table(
    ['orders short of a tier', 'closed in one click', 'browse cards only', 'added a closing order', 'shoppers saved', 'margin a closing card left'],
    [[s.orders_short, `${s.closable} (${s.closable_share})`, s.browse, `${s.added_spend_mean} ${c}`, `${s.saving} ${c}`,
      s.margin_mean === null ? '— (no catalog costs)' : `${s.margin_mean} ${c} (${s.with_cost} cards)`]],
  )] : []));
  // Per segment: when the orders carry customer columns or the config has `stages`.
  const segments = report.segments ?? [];
  $('segment-figures').replaceChildren(...(segments.length ? [table(
    ['segment', 'orders', 'order value (mean)', 'items an order', 'discount cost an order', 'total'],
    segments.map((g) => [g.segment, `${g.orders} (${g.share})`, `${g.order_value_mean} ${c}`, g.items_per_order,
      `${g.discount_cost_mean} ${c}`, `${g.total} ${c}`]),
  )] : []));
  chart(report);
}

/** The histogram as SVG: a bar per bin, a dashed line and a label per threshold. */
function chart(report) {
  const [width, height, left, bottom, top] = [640, 240, 34, 22, 18];
  const bins = report.histogram.bins;
  const most = Math.max(1, ...bins.map((b) => b.orders));
  const barWidth = (width - left) / bins.length;
  // Bin edges are exact decimal strings; positions on the chart are only pixels.
  const edge = Number(report.histogram.bin_width);
  const nodes = [svg('line', { x1: left, y1: height - bottom, x2: width, y2: height - bottom, stroke: '#8a93a3' })];
  bins.forEach((bin, i) => {
    const h = ((height - bottom - top) * bin.orders) / most;
    nodes.push(svg('rect', { class: 'bar', x: left + i * barWidth + 1, y: height - bottom - h, width: Math.max(1, barWidth - 2), height: h },));
    nodes.at(-1).append(svg('title', {}, `${bin.from}–${bin.to ?? '…'}: ${bin.orders} orders`));
    if (i % 2 === 0) nodes.push(svg('text', { class: 'axis', x: left + i * barWidth, y: height - 6 }, bin.from));
  });
  nodes.push(svg('text', { class: 'axis', x: 2, y: top }, String(most)));
  const seen = new Set();
  for (const mark of report.histogram.thresholds) {
    if (seen.has(mark.at)) continue;
    seen.add(mark.at);
    const x = left + (Number(mark.at) / edge) * barWidth;
    nodes.push(svg('line', { class: 'threshold', x1: x, y1: top, x2: x, y2: height - bottom }));
    nodes.push(svg('text', { class: 'label', x: x + 3, y: top - 4, 'data-threshold': mark.at }, mark.at));
  }
  $('histogram').replaceChildren(...nodes);
}

async function loadPreset(path) {
  configBox.value = await (await fetch(path)).text();
  await update();
}

configBox.addEventListener('input', schedule);
cartBox.addEventListener('input', schedule);
$('cancel').addEventListener('click', () => running?.abort());
$('zone').addEventListener('change', simulate);
$('suggestions').addEventListener('change', simulate);
$('share').addEventListener('change', simulate);
$('preset').addEventListener('change', (e) => loadPreset(e.target.value));
$('orders-file').addEventListener('change', async (e) => {
  const file = e.target.files[0];
  if (!file) return;
  orders = { name: file.name, file };
  $('orders-name').textContent = file.name;
  await simulate();
});
$('sample').addEventListener('click', async () => {
  orders = { name: '5,000 sample orders', text: await sampleOrders(5000, 1) };
  $('orders-name').textContent = orders.name;
  await simulate();
});
/** Offers `text` as a download named `name`. */
function download(text, name) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
$('export').addEventListener('click', () => download(configBox.value, 'nexttier-config.json'));
// What a storefront downloads: the public config (coupon codes replaced), compiled, so the page needs
// only the storefront's module. A config with errors is not exported; the errors are already shown.
$('export-compiled').addEventListener('click', async () => {
  if (validate(configBox.value).length > 0) return;
  const compiled = await compile(await publicConfig(configBox.value));
  download(JSON.stringify(compiled) + '\n', 'nexttier-config.compiled.json');
});

await load();
cartBox.value = JSON.stringify({ lines: [
  { sku: 'mop', price: '38', quantity: 1, category: 'home' },
  { sku: 'detergent', price: '18', quantity: 3, category: 'cleaning' },
] }, null, 2);
orders = { name: '5,000 sample orders', text: await sampleOrders(5000, 1) };
$('orders-name').textContent = orders.name;
await loadPreset($('preset').value);
document.body.dataset.ready = 'true';

// ---- experiment results ---------------------------------------------------------------------------

let resultEvents = null;
let resultOrders = null;

/** The report's tables, sentences and interval chart. */
function showResults(result) {
  const c = result.currency;
  $('results-table').replaceChildren(table(
    ['variant', 'shoppers', 'orders', 'conversion %', 'reached a tier %', 'add-on clicks', 'order value', 'items an order', 'discount an order', 'margin an order'],
    result.variants.map((v) => [v.variant, v.shoppers, v.orders, v.conversion ?? '—', v.tier_reached_share ?? '—', v.addon_clicks,
      v.order_value ? `${v.order_value} ${c}` : '—', v.items_per_order ?? '—', v.discount_per_order ? `${v.discount_per_order} ${c}` : '—',
      v.margin_per_order ? `${v.margin_per_order} ${c}` : '—']),
  ));
  $('results-verdict').replaceChildren(el('li', { text: result.verdict.order_value }), el('li', { text: result.verdict.margin }));
  resultsChart(result);
}

/** Per variant and measure, the difference from the control as a dot and its interval as a line. */
function resultsChart(result) {
  const rows = [];
  for (const v of result.variants.slice(1)) {
    for (const [key, name] of [['order_value', 'order value'], ['margin_per_order', 'margin an order']]) {
      const d = v.vs_control?.[key];
      if (d) rows.push({ label: `${v.variant} · ${name}`, d });
    }
  }
  const [width, left, rowHeight, top] = [640, 190, 34, 16];
  const height = Math.max(80, top + rows.length * rowHeight + 24);
  $('results-chart').setAttribute('viewBox', `0 0 ${width} ${height}`);
  // Positions are only pixels: the figures themselves are the exact strings in the table.
  const span = Math.max(1, ...rows.flatMap(({ d }) => [Math.abs(Number(d.low)), Math.abs(Number(d.high))]));
  const x = (value) => left + ((Number(value) + span) / (2 * span)) * (width - left - 20);
  const nodes = [svg('line', { class: 'threshold', x1: x(0), y1: top - 8, x2: x(0), y2: height - 18 })];
  nodes.push(svg('text', { class: 'axis', x: x(0) + 3, y: height - 6 }, `0 ${result.currency}`));
  rows.forEach(({ label, d }, i) => {
    const y = top + i * rowHeight + rowHeight / 2;
    nodes.push(svg('text', { class: 'label', x: 4, y: y + 4 }, label));
    nodes.push(svg('line', { class: d.clear ? 'interval clear' : 'interval', x1: x(d.low), y1: y, x2: x(d.high), y2: y, stroke: '#2f6fde', 'stroke-width': 3 }));
    const dot = svg('circle', { class: 'estimate', cx: x(d.difference), cy: y, r: 5, fill: d.clear ? '#1d7a46' : '#8a93a3' });
    dot.append(svg('title', {}, `${d.difference} (${d.low} to ${d.high}), p ${d.p}`));
    nodes.push(dot);
  });
  $('results-chart').replaceChildren(...nodes);
}

async function runResults() {
  const config = check();
  if (!config) return;
  if (!config.experiments?.length) {
    $('results-status').textContent = 'The config has no experiments: add one (or start from the A/B preset).';
    return;
  }
  if (!resultEvents || !resultOrders) {
    $('results-status').textContent = 'Choose an events file and an orders file, or try synthetic shoppers.';
    return;
  }
  $('results-status').textContent = 'Reading events and orders…';
  try {
    const result = await report(config, { events: resultEvents, orders: resultOrders });
    $('results-status').textContent = `${result.events} events, ${result.orders} orders.`;
    showResults(result);
  } catch (error) {
    $('results-status').textContent = `${error.code} at ${error.path || '(document)'}: ${error.message}`;
  }
}

$('events-file').addEventListener('change', (e) => { resultEvents = e.target.files[0] ?? null; });
$('results-orders-file').addEventListener('change', (e) => { resultOrders = e.target.files[0] ?? null; });
$('results-run').addEventListener('click', runResults);
$('results-sample').addEventListener('click', async () => {
  const config = check();
  if (!config?.experiments?.length) {
    $('results-status').textContent = 'The config has no experiments: add one (or start from the A/B preset).';
    return;
  }
  const second = config.experiments[0].variants[1]?.id;
  $('results-status').textContent = 'Making 20,000 shoppers…';
  try {
    const sample = await sampleExperiment(config, { shoppers: 20000, lifts: second ? { [second]: 100 } : {} });
    resultEvents = sample.events;
    resultOrders = sample.orders;
  } catch (error) {
    $('results-status').textContent = `${error.code} at ${error.path || '(document)'}: ${error.message}`;
    return;
  }
  await runResults();
});
