// `nexttier/shopify`: Shopify's Ajax cart (`/cart.js`, prices in the currency's minor units) as a
// nexttier cart, and nexttier's "add these" as Shopify's `/cart/add.js` request. No pricing here:
// amounts pass through as the whole numbers Shopify gives, with `"amounts": "minor"`.

/** An adapter error: a TypeError with a stable `code` and the `path` of the field in the payload. */
function refuse(path, message) {
  return Object.assign(new TypeError(`${path}: ${message}`), { code: 'wrong_type', path });
}

function minor(value, path) {
  if (Number.isSafeInteger(value) && value >= 0) return value;
  throw refuse(path, `expected a whole number of minor units (Shopify's cents), found ${JSON.stringify(value)}`);
}

/**
 * A nexttier cart from Shopify's `/cart.js`. Each item's list price is `original_price` (before
 * Shopify's own discounts), its SKU `sku` or else the variant id, its category `product_type`.
 * Options: `sku(item)`, `category(item)`, `tags(item)` override those; `coupons`, `customer`, `now`
 * are copied into the cart.
 */
export function fromShopifyCart(cart, options = {}) {
  if (cart === null || typeof cart !== 'object' || !Array.isArray(cart.items)) throw refuse('items', 'expected the object /cart.js returns, with an `items` list');
  if (typeof cart.currency !== 'string') throw refuse('currency', 'expected the cart\'s ISO 4217 currency code');
  const lines = cart.items.map((item, i) => {
    const path = `items[${i}]`;
    if (item === null || typeof item !== 'object') throw refuse(path, 'expected a line item');
    const sku = options.sku ? options.sku(item) : (item.sku || (item.variant_id != null ? String(item.variant_id) : ''));
    if (typeof sku !== 'string' || sku === '') throw refuse(`${path}.sku`, 'no SKU and no variant_id');
    const price = minor(item.original_price ?? item.price, `${path}.${item.original_price !== undefined ? 'original_price' : 'price'}`);
    const quantity = minor(item.quantity, `${path}.quantity`);
    const line = { sku, price, quantity };
    const category = options.category ? options.category(item) : item.product_type;
    if (typeof category === 'string' && category !== '') line.category = category;
    const tags = options.tags?.(item);
    if (Array.isArray(tags)) line.tags = tags;
    const name = item.product_title ?? item.title;
    if (typeof name === 'string') line.name = name;
    return line;
  });
  const out = { amounts: 'minor', currency: cart.currency, lines };
  if (options.coupons) out.coupons = options.coupons;
  if (options.customer) out.customer = options.customer;
  if (options.now) out.now = options.now;
  return out;
}

/**
 * The body of Shopify's `POST /cart/add.js` for nexttier's items (`nexttier:add`'s `detail.items`):
 * `variants` maps each SKU to its variant id (an object or a function).
 */
export function shopifyAddBody(items, variants) {
  const variantOf = typeof variants === 'function' ? variants : (sku) => variants?.[sku];
  return {
    items: items.map(({ sku, quantity }, i) => {
      const id = variantOf(sku);
      if (id === undefined || id === null || id === '') throw refuse(`items[${i}].sku`, `no Shopify variant for the SKU ${JSON.stringify(sku)}`);
      return { id: typeof id === 'string' && /^[0-9]+$/.test(id) ? Number(id) : id, quantity: minor(quantity, `items[${i}].quantity`) };
    }),
  };
}

/**
 * Adds nexttier's items to the Shopify cart and returns the new `/cart.js`. `root` is the shop's
 * locale-aware root (`window.Shopify.routes.root`, default "/").
 */
export async function addToShopifyCart(items, { variants, root = globalThis.Shopify?.routes?.root ?? '/', fetch: fetchFn = globalThis.fetch } = {}) {
  const response = await fetchFn(`${root}cart/add.js`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(shopifyAddBody(items, variants)),
  });
  if (!response.ok) throw Object.assign(new Error(`Shopify refused the items: HTTP ${response.status}`), { code: 'platform_refused', path: 'items', response });
  const cart = await fetchFn(`${root}cart.js`, { headers: { Accept: 'application/json' } });
  return cart.json();
}

const CART_CHANGES = /\/cart\/(add|change|update|clear)(\.js)?(\?|$)/;

/**
 * Calls `onCart(cart)` with `/cart.js` now and after every cart change the page makes through
 * Shopify's Ajax API (`/cart/add`, `/change`, `/update`, `/clear`, by fetch or XMLHttpRequest, as
 * themes and apps do), the cart converted by {@link fromShopifyCart}. Returns a function that stops.
 */
export function followShopifyCart(onCart, options = {}) {
  const root = options.root ?? globalThis.Shopify?.routes?.root ?? '/';
  const originalFetch = globalThis.fetch;
  let stopped = false;
  let latest = 0;
  const refresh = async () => {
    const call = ++latest;
    const response = await originalFetch.call(globalThis, `${root}cart.js`, { headers: { Accept: 'application/json' } });
    const cart = await response.json();
    // Only the newest answer: two quick changes must not leave the older cart on screen.
    if (!stopped && call === latest) onCart(fromShopifyCart(cart, options), cart);
  };
  const changes = (url) => CART_CHANGES.test(String(url instanceof Request ? url.url : url));
  const failed = options.onError ?? (() => {});
  const followedFetch = async function fetchFollowed(input, init) {
    const response = await originalFetch.call(this, input, init);
    if (!stopped && changes(input) && response.ok) refresh().catch(failed);
    return response;
  };
  globalThis.fetch = followedFetch;
  const XHR = globalThis.XMLHttpRequest;
  const open = XHR?.prototype.open;
  const followedOpen = function openFollowed(method, url, ...rest) {
    if (changes(url)) this.addEventListener('load', () => { if (!stopped && this.status < 400) refresh().catch(failed); });
    return open.call(this, method, url, ...rest);
  };
  if (XHR) XHR.prototype.open = followedOpen;
  refresh().catch(failed);
  return () => {
    stopped = true;
    // Put back what was there, unless someone wrapped it again since (then ours stays, inert).
    if (globalThis.fetch === followedFetch) globalThis.fetch = originalFetch;
    if (XHR && XHR.prototype.open === followedOpen) XHR.prototype.open = open;
  };
}
