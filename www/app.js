// The demo storefront: a product grid, a cart kept in localStorage, the <next-tier> widget at the top
// of the cart and an order summary priced by the same engine. Every string from the config or the
// cart is set as text (textContent), never as HTML.
import { createEngine, load } from './pkg/index.js';
import { connectAnalytics, ga4Sink } from './pkg/analytics.js';

const CART_KEY = 'nexttier-demo-cart';
const SETTINGS_KEY = 'nexttier-demo-settings';
const VISITOR_KEY = 'nexttier-demo-visitor';
const $ = (id) => document.getElementById(id);

const WORDS = {
  en: {
    shop: 'Home & Cleaning', offer: 'Offer', language: 'Language', date: 'Shop on', today: 'today', after: 'after the campaigns',
    member: "I'm a member", coupon: 'Coupon', products: 'Products', cart: 'Your cart', empty: 'Your cart is empty.',
    clear: 'Empty cart', add: 'Add', soldOut: 'Sold out', addLabel: (n) => `Add ${n} to cart`, less: (n) => `One less ${n}`,
    more: (n) => `One more ${n}`, subtotal: 'Subtotal', shipping: 'Shipping', free: 'Free', total: 'Total', gift: 'Free gift',
    'config-seed': 'Seed: free shipping 99, 10 off 99, 30 off 150', 'config-singles-day': "Singles' Day campaign (scheduled)",
    'config-members': 'Members-only tiers and a coupon', 'config-buy-2-get-1': 'Cleaning: buy 2, get 1 free',
    'config-experiment': 'A/B test: free shipping from 99 or 89', variant: 'Variant', assigned: 'as assigned',
    seen: (variant, by) => `you see ${variant}${by === 'visitor' ? ' (assigned to your visitor id)' : ' (chosen here)'}`,
    categories: { home: 'home', cleaning: 'cleaning', decor: 'decor', 'gift-cards': 'gift card', gift: 'gift' },
  },
  zh: {
    shop: '家居清洁', offer: '活动', language: '语言', date: '购物日期', today: '今天', after: '活动结束后',
    member: '我是会员', coupon: '优惠码', products: '商品', cart: '购物车', empty: '购物车是空的。',
    clear: '清空购物车', add: '加入', soldOut: '已售罄', addLabel: (n) => `将${n}加入购物车`, less: (n) => `${n}减一`,
    more: (n) => `${n}加一`, subtotal: '商品小计', shipping: '运费', free: '免运费', total: '合计', gift: '赠品',
    'config-seed': '满99包邮、满99减10、满150减30', 'config-singles-day': '双十一活动（定时）', 'config-members': '会员专享与优惠码', 'config-buy-2-get-1': '清洁用品买二送一',
    'config-experiment': 'A/B 测试：满99或满89包邮', variant: '实验组', assigned: '按分配',
    seen: (variant, by) => `当前：${variant}${by === 'visitor' ? '（按访客编号分配）' : '（此处选择）'}`,
    categories: { home: '家居', cleaning: '清洁', decor: '装饰', 'gift-cards': '礼品卡', gift: '赠品' },
  },
};

const widget = $('tier');
// The wasm compiles while the catalog and the config download.
const wasmReady = load();
const configFetch = (name) => fetch(`./configs/${name}.json`).then((response) => response.json());
const firstSettings = readJson(SETTINGS_KEY, { config: 'seed' });
let configReady = configFetch(firstSettings.config);
const { products } = await (await fetch('./catalog.json')).json();
const bySku = new Map(products.map((p) => [p.sku, p]));
let settings = readJson(SETTINGS_KEY, { config: 'seed', lang: 'en', member: false, now: '', coupon: '', variant: '' });
// A pseudonymous visitor id: experiments assign by it, the same in the widget and on a server.
const visitor = localStorage.getItem(VISITOR_KEY) ?? `v-${crypto.randomUUID()}`;
localStorage.setItem(VISITOR_KEY, visitor);
// The widget's events in GA4's dataLayer (see window.dataLayer), each with the variant seen.
connectAnalytics(document.getElementById('tier'), { visitor, sinks: [ga4Sink()] });
let cart = readJson(CART_KEY, { lines: [] });
if (!Array.isArray(cart.lines)) cart = { lines: [] };
let engine = null;
let config = null;
let money = null;

function readJson(key, fallback) {
  try {
    const value = JSON.parse(localStorage.getItem(key));
    return value && typeof value === 'object' ? { ...fallback, ...value } : fallback;
  } catch {
    return fallback;
  }
}

const words = () => WORDS[settings.lang.startsWith('zh') ? 'zh' : 'en'];
const nameOf = (product) => (settings.lang.startsWith('zh') ? product.name_zh : product.name) ?? product.sku;

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'text') node.textContent = value;
    else if (key === 'on') for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    else if (value === true) node.setAttribute(key, '');
    else if (value !== false && value !== undefined) node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

/** The merchant config: the chosen promotions plus the catalog, named in the shopper's language. */
async function loadConfig() {
  const promotions = await (configReady ?? configFetch(settings.config));
  configReady = null;
  await wasmReady;
  config = {
    ...promotions,
    catalog: products.map(({ name_zh: _zh, ...item }) => ({ ...item, name: nameOf(bySku.get(item.sku)), image: `img/${item.category}.svg` })),
  };
  engine?.free();
  engine = await createEngine(config);
  money = new Intl.NumberFormat(settings.lang, { style: 'currency', currency: config.currency, currencyDisplay: 'narrowSymbol' });
  widget.config = config;
}

/** The cart as the engine reads it: prices and categories from the catalog, plus who and when. */
function engineCart() {
  const out = {
    lines: cart.lines.map(({ sku, quantity, gift }) => ({
      sku, price: bySku.get(sku).price, quantity, category: bySku.get(sku).category, ...(gift ? { gift } : {}),
    })),
  };
  // Only picks of this config's gift promotions (a pick saved with another config would be refused).
  const picks = Object.entries(cart.gift_choices ?? {}).filter(([id]) => config?.promotions.some((p) => p.id === id && p.kind === 'gift'));
  if (picks.length) out.gift_choices = Object.fromEntries(picks);
  if (settings.member) out.customer = { segments: ['member'] };
  if (settings.coupon.trim()) out.coupons = [settings.coupon.trim()];
  if (settings.now) out.now = settings.now;
  if (config?.experiments) {
    out.visitor = visitor;
    if (settings.variant) out.variants = { [config.experiments[0].id]: settings.variant };
  }
  return out;
}

function save() {
  localStorage.setItem(CART_KEY, JSON.stringify(cart));
  localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
}

function add(sku, quantity = 1) {
  if (!bySku.has(sku)) return;
  const line = cart.lines.find((l) => l.sku === sku && !l.gift);
  if (line) line.quantity += quantity;
  else cart.lines.push({ sku, quantity });
  cart.lines = cart.lines.filter((l) => l.quantity > 0);
  save();
  renderCart();
}

/** Keeps the cart's gift lines as the quote's `gift_actions` say (the widget's `nexttier:gifts`). */
function applyGiftActions(actions) {
  for (const { action, promotion, sku, quantity } of actions) {
    if (action === 'add') {
      if (bySku.has(sku)) cart.lines.push({ sku, quantity, gift: promotion });
      continue;
    }
    let left = quantity;
    for (const line of cart.lines) {
      if (line.gift !== promotion || line.sku !== sku || left === 0) continue;
      const take = Math.min(left, line.quantity);
      line.quantity -= take;
      left -= take;
    }
  }
  cart.lines = cart.lines.filter((l) => l.quantity > 0);
  save();
  renderCart();
}

// Amounts are exact decimal strings; Intl formats the string itself, no float in between.
const format = (amount) => money.format(amount);

function renderProducts() {
  const w = words();
  $('products').replaceChildren(...products.map((product) => {
    const soldOut = product.stock === 0;
    return el('li', { class: 'card' }, [
      el('img', { src: `img/${product.category}.svg`, alt: '', width: '160', height: '160' }),
      el('span', { class: 'name', text: nameOf(product) }),
      el('span', { class: 'meta', text: w.categories[product.category] ?? product.category }),
      el('span', { class: 'price', text: format(product.price) }),
      el('button', {
        type: 'button', 'data-sku': product.sku, disabled: soldOut, 'aria-label': w.addLabel(nameOf(product)),
        text: soldOut ? w.soldOut : w.add, on: { click: () => add(product.sku) },
      }),
    ]);
  }));
}

function renderCart() {
  const w = words();
  const priced = engineCart();
  const quote = engine.quote(priced);
  widget.cart = priced;
  $('cart-empty').hidden = quote.lines.length > 0;
  $('cart-lines').replaceChildren(...quote.lines.map((line, i) => {
    const name = nameOf(bySku.get(line.sku));
    // A gift line: added and removed by the promotion, not by the shopper.
    if (priced.lines[i].gift) {
      return el('li', { 'data-line': line.sku, 'data-gift': priced.lines[i].gift }, [
        el('span', { text: `${w.gift}: ${name}` }),
        el('span', { class: 'qty' }, [el('span', { class: 'count', text: String(line.quantity) })]),
        el('span', { class: 'amount', text: format(line.total) }),
      ]);
    }
    return el('li', { 'data-line': line.sku }, [
      el('span', { text: name }),
      el('span', { class: 'qty' }, [
        el('button', { type: 'button', 'aria-label': w.less(name), text: '−', on: { click: () => add(line.sku, -1) } }),
        el('span', { class: 'count', text: String(line.quantity) }),
        el('button', { type: 'button', 'aria-label': w.more(name), text: '+', on: { click: () => add(line.sku, 1) } }),
      ]),
      el('span', { class: 'amount', text: format(line.subtotal) }),
    ]);
  }));
  const rows = [[w.subtotal, format(quote.subtotal), 'subtotal']];
  for (const applied of quote.applied) {
    // Shipping shows in its own row; a gift not yet in the cart takes nothing off.
    if (applied.kind === 'free_shipping' || (applied.kind === 'gift' && !/[1-9]/.test(applied.amount))) continue;
    rows.push([applied.label ?? applied.promotion, `−${format(applied.amount)}`, `discount saving`]);
  }
  for (const gift of quote.gifts.filter((g) => !priced.lines.some((l) => l.gift === g.promotion))) rows.push([`${w.gift}: ${nameOf(bySku.get(gift.sku) ?? { sku: gift.sku })}`, `×${gift.quantity}`, 'gift saving']);
  const shipping = quote.applied.some((a) => a.kind === 'free_shipping') ? w.free : format(quote.shipping);
  rows.push([w.shipping, shipping, 'shipping']);
  rows.push([w.total, format(quote.total), 'total']);
  const seen = quote.experiments?.[0];
  $('variant-seen').textContent = seen ? w.seen(seen.variant, seen.by) : '';
  $('summary').replaceChildren(...rows.flatMap(([term, value, cls]) => [
    el('dt', { class: cls, text: term }), el('dd', { class: cls, 'data-row': cls.split(' ')[0], text: value }),
  ]));
  document.body.dataset.ready = 'true';
}

const HOUR = 3600_000;

/**
 * Moments that show each scheduled promotion of a config at work, for the date switch: one inside
 * each promotion's window (10:00 on its first day, or halfway through a shorter window) and one after
 * the last window ends, each written in the offset its schedule uses. Derived from the config, so the
 * demo's campaigns stay reachable whatever today's date is.
 */
function scheduleDates(promotions) {
  const moments = new Map();
  const put = (ms, offset, label) => {
    const local = new Date(ms + offset.minutes * 60_000).toISOString();
    const value = `${local.slice(0, 19)}${offset.text}`;
    if (!moments.has(value)) moments.set(value, { value, ms, day: `${local.slice(0, 10)} ${local.slice(11, 16)}`, label });
  };
  let last = null;
  for (const promotion of promotions) {
    const { starts_at: start, ends_at: end } = promotion;
    if (!start && !end) continue;
    const offset = offsetOf(start ?? end);
    const from = start ? Date.parse(start) : Date.parse(end) - 24 * HOUR;
    const until = end ? Date.parse(end) : from + 24 * HOUR;
    put(from + Math.min(10 * HOUR, (until - from) / 2), offset, promotion.label ?? promotion.id);
    if (end && (!last || until > last.ms)) last = { ms: until, offset };
  }
  if (last) put(last.ms + 10 * HOUR, last.offset, null);
  return [...moments.values()].sort((a, b) => a.ms - b.ms);
}

/** The UTC offset an RFC 3339 time is written in: its text ("+08:00", "Z") and minutes east. */
function offsetOf(time) {
  const match = /([+-])(\d\d):(\d\d)$/.exec(time);
  if (!match) return { text: 'Z', minutes: 0 };
  const minutes = (Number(match[2]) * 60 + Number(match[3])) * (match[1] === '-' ? -1 : 1);
  return { text: match[0], minutes };
}

function renderChrome() {
  const w = words();
  document.documentElement.lang = settings.lang;
  widget.setAttribute('lang', settings.lang);
  for (const node of document.querySelectorAll('[data-t]')) {
    const text = w[node.dataset.t];
    if (typeof text === 'string') node.textContent = text;
  }
  $('config-select').value = settings.config;
  $('lang-select').value = settings.lang;
  $('member').checked = settings.member;
  $('coupon').value = settings.coupon;
  const dates = scheduleDates(config.promotions);
  $('date-select').replaceChildren(
    el('option', { value: '', text: w.today }),
    ...dates.map(({ value, day, label }) => el('option', { value, text: `${day} · ${label ?? w.after}` })),
  );
  // A date saved with another config is not one of this config's: back to today.
  if (!dates.some((d) => d.value === settings.now)) settings.now = '';
  $('date-select').value = settings.now;
  $('when').hidden = dates.length === 0;
  $('member-field').hidden = settings.config !== 'members';
  $('coupon-field').hidden = settings.config !== 'members';
  $('variant-field').hidden = !config.experiments;
  $('variant-select').value = settings.variant;
}

async function refresh({ reload = false } = {}) {
  if (reload) await loadConfig();
  renderChrome();
  save();
  renderProducts();
  renderCart();
}

widget.addEventListener('nexttier:add', (event) => {
  for (const { sku, quantity } of event.detail.items) add(sku, quantity);
});
widget.addEventListener('nexttier:gifts', (event) => applyGiftActions(event.detail.actions));
widget.addEventListener('nexttier:choose-gift', (event) => {
  cart.gift_choices = { ...cart.gift_choices, [event.detail.promotion]: event.detail.sku };
  save();
  renderCart();
});
widget.addEventListener('nexttier:error', (event) => {
  event.preventDefault(); // handled here: the element need not log it too
  console.error(`nexttier: ${event.detail.code} at ${event.detail.path}: ${event.detail.message}`);
});
$('config-select').addEventListener('change', (e) => { settings.config = e.target.value; refresh({ reload: true }); });
$('lang-select').addEventListener('change', (e) => { settings.lang = e.target.value; refresh({ reload: true }); });
$('date-select').addEventListener('change', (e) => { settings.now = e.target.value; refresh(); });
$('member').addEventListener('change', (e) => { settings.member = e.target.checked; refresh(); });
$('coupon').addEventListener('change', (e) => { settings.coupon = e.target.value; refresh(); });
$('variant-select').addEventListener('change', (e) => { settings.variant = e.target.value; refresh(); });
$('controls').addEventListener('submit', (e) => e.preventDefault());
$('clear').addEventListener('click', () => { cart = { lines: [] }; save(); renderCart(); });

await refresh({ reload: true });
