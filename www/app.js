// The demo storefront: products, a cart kept in localStorage, and the cart priced by nexttier.
// Every string from the config or the cart is set with textContent, never as HTML.
import { createEngine } from './pkg/index.js';

const CART_KEY = 'nexttier-demo-cart';
const $ = (id) => document.getElementById(id);

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'text') node.textContent = value;
    else if (key === 'on') for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

const config = await (await fetch('./configs/seed.json')).json();
const engine = await createEngine(config);
const catalog = new Map(config.catalog.map((item) => [item.sku, item]));
const money = new Intl.NumberFormat(document.documentElement.lang || 'en', { style: 'currency', currency: config.currency, currencyDisplay: 'narrowSymbol' });
// Amounts are exact decimal strings with the currency's minor digits. Intl formats the string itself,
// and comparisons use whole minor units as BigInt: no amount ever becomes a float.
const format = (amount) => money.format(amount);
const minor = (amount) => BigInt(amount.replace('.', ''));

let cart = load();

function load() {
  try {
    const saved = JSON.parse(localStorage.getItem(CART_KEY));
    if (saved && Array.isArray(saved.lines)) return saved;
  } catch { /* a broken saved cart starts over */ }
  return { lines: [] };
}

function save() {
  localStorage.setItem(CART_KEY, JSON.stringify(cart));
}

function add(sku, quantity = 1) {
  const item = catalog.get(sku);
  const line = cart.lines.find((l) => l.sku === sku);
  if (line) line.quantity += quantity;
  else cart.lines.push({ sku, price: item.price, quantity, category: item.category });
  cart.lines = cart.lines.filter((l) => l.quantity > 0);
  save();
  render();
}

function renderProducts() {
  $('products').replaceChildren(...config.catalog.map((item) => el('li', { class: 'card' }, [
    el('span', { class: 'name', text: item.name ?? item.sku }),
    el('span', { class: 'meta', text: `${item.category ?? ''} · ${format(item.price)}` }),
    el('button', { type: 'button', 'data-sku': item.sku, 'aria-label': `Add ${item.name ?? item.sku} to cart`, text: 'Add', on: { click: () => add(item.sku) } }),
  ])));
}

/** The nearest next tier among all promotions, and its message. */
function nearest(quote) {
  const pending = quote.progress.filter((p) => p.next && p.unit === 'amount');
  if (pending.length === 0) return null;
  const min = pending.reduce((a, b) => (minor(a.next.remaining) <= minor(b.next.remaining) ? a : b));
  const same = pending.filter((p) => p.next.remaining === min.next.remaining);
  const rewards = same.map((p) => {
    const u = p.next.unlocks;
    if (u.free_shipping) return 'free shipping';
    if (u.off) return `${format(u.off)} off`;
    if (u.percent) return `${u.percent}% off`;
    if (u.gift) return `a free ${catalog.get(u.gift)?.name ?? u.gift}`;
    return 'a reward';
  });
  return { progress: min, text: `Add ${format(min.next.remaining)} more for ${rewards.join(' and ')}` };
}

function render() {
  const quote = engine.quote(cart);
  const next = nearest(quote);
  const tier = $('tier');
  tier.dataset.state = next ? 'progress' : 'done';
  let percent = 100;
  if (next) {
    const measured = minor(next.progress.measured);
    const threshold = minor(next.progress.next.threshold);
    percent = threshold > 0n ? Number((measured * 100n) / threshold) : 100;
    $('tier-message').textContent = next.text;
  } else {
    const saved = quote.applied.map((a) => a.label ?? a.promotion).join(', ');
    $('tier-message').textContent = saved ? `You've unlocked ${saved}` : 'Add items to see offers';
  }
  $('tier-fill').style.width = `${percent}%`;
  const bar = $('tier-bar');
  bar.setAttribute('aria-valuenow', String(percent));
  bar.setAttribute('aria-valuetext', $('tier-message').textContent);
  $('cart-lines').replaceChildren(...quote.lines.map((line) => el('li', {}, [
    el('span', { text: catalog.get(line.sku)?.name ?? line.sku }),
    el('span', { class: 'qty' }, [
      el('button', { type: 'button', 'aria-label': 'One less', text: '−', on: { click: () => add(line.sku, -1) } }),
      el('span', { class: 'count', text: String(line.quantity) }),
      el('button', { type: 'button', 'aria-label': 'One more', text: '+', on: { click: () => add(line.sku, 1) } }),
    ]),
    el('span', { text: format(line.total) }),
  ])));
  $('subtotal').textContent = format(quote.subtotal);
  $('discount').textContent = `−${format(quote.discount)}`;
  $('shipping').textContent = format(quote.shipping);
  $('total').textContent = format(quote.total);
  document.body.dataset.ready = 'true';
}

$('clear').addEventListener('click', () => { cart = { lines: [] }; save(); render(); });
renderProducts();
render();
