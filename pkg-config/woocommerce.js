// `nexttier/woocommerce`: WooCommerce's Store API cart (`GET /wp-json/wc/store/v1/cart`, prices as
// strings of minor units with `currency_minor_unit`) as a nexttier cart, and nexttier's "add these"
// as Store API `add-item` calls. No pricing here: amounts pass through with `"amounts": "minor"`.

function refuse(path, message) {
  return Object.assign(new TypeError(`${path}: ${message}`), { code: 'wrong_type', path });
}

function wholeText(value, path) {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text === 'string' && /^[0-9]{1,15}$/.test(text)) return text;
  throw refuse(path, `expected a whole number of minor units, found ${JSON.stringify(value)}`);
}

/**
 * A nexttier cart from a Store API cart. Each item's price is `prices.price` (what the shop charges
 * for a unit, a sale price included), its SKU `sku` or else the product id. The Store API gives no
 * categories: `category(item)` and `tags(item)` supply them (from `extensions`, say). Options
 * `coupons` (default: the codes in the cart's `coupons`), `customer`, `now` are copied.
 */
export function fromWooCart(cart, options = {}) {
  if (cart === null || typeof cart !== 'object' || !Array.isArray(cart.items)) throw refuse('items', 'expected the Store API cart, with an `items` list');
  const currency = cart.totals?.currency_code;
  if (typeof currency !== 'string') throw refuse('totals.currency_code', 'expected the cart\'s ISO 4217 currency code');
  const digits = cart.totals.currency_minor_unit;
  const lines = cart.items.map((item, i) => {
    const path = `items[${i}]`;
    if (item === null || typeof item !== 'object') throw refuse(path, 'expected a cart item');
    const prices = item.prices ?? {};
    if (prices.currency_code !== undefined && prices.currency_code !== currency) throw refuse(`${path}.prices.currency_code`, `the item is in ${prices.currency_code}, the cart in ${currency}`);
    if (prices.currency_minor_unit !== undefined && prices.currency_minor_unit !== digits) throw refuse(`${path}.prices.currency_minor_unit`, `the item has ${prices.currency_minor_unit} minor digits, the cart ${digits}`);
    const sku = options.sku ? options.sku(item) : (item.sku || (item.id != null ? String(item.id) : ''));
    if (typeof sku !== 'string' || sku === '') throw refuse(`${path}.sku`, 'no SKU and no id');
    const line = { sku, price: wholeText(prices.price, `${path}.prices.price`), quantity: Number(wholeText(item.quantity, `${path}.quantity`)) };
    const category = options.category?.(item);
    if (typeof category === 'string' && category !== '') line.category = category;
    const tags = options.tags?.(item);
    if (Array.isArray(tags)) line.tags = tags;
    if (typeof item.name === 'string') line.name = item.name;
    return line;
  });
  const out = { amounts: 'minor', currency, lines };
  const coupons = options.coupons ?? (Array.isArray(cart.coupons) ? cart.coupons.map((c) => c.code).filter((c) => typeof c === 'string') : []);
  if (coupons.length) out.coupons = coupons;
  if (options.customer) out.customer = options.customer;
  if (options.now) out.now = options.now;
  return out;
}

/**
 * The bodies of Store API `POST /cart/add-item` for nexttier's items: `products` maps each SKU to
 * its product (or variation) id, an object or a function.
 */
export function wooAddItemBodies(items, products) {
  const idOf = typeof products === 'function' ? products : (sku) => products?.[sku];
  return items.map(({ sku, quantity }, i) => {
    const id = idOf(sku);
    if (id === undefined || id === null || id === '') throw refuse(`items[${i}].sku`, `no WooCommerce product for the SKU ${JSON.stringify(sku)}`);
    if (!Number.isSafeInteger(quantity) || quantity < 1) throw refuse(`items[${i}].quantity`, `expected a whole number of units, found ${JSON.stringify(quantity)}`);
    return { id: Number(id), quantity };
  });
}

/**
 * Adds nexttier's items through the Store API, one `add-item` each, and returns the cart the last
 * one answers. `nonce` is the Store API nonce the page was given (header `Nonce`); `base` the
 * Store API root (default "/wp-json/wc/store/v1/").
 */
export async function addToWooCart(items, { products, nonce, base = '/wp-json/wc/store/v1/', fetch: fetchFn = globalThis.fetch } = {}) {
  let cart = null;
  for (const body of wooAddItemBodies(items, products)) {
    const response = await fetchFn(`${base}cart/add-item`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(nonce ? { Nonce: nonce } : {}) },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw Object.assign(new Error(`WooCommerce refused the item ${body.id}: HTTP ${response.status}`), { code: 'platform_refused', path: 'items', response });
    cart = await response.json();
  }
  return cart;
}
