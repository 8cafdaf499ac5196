// Types of `nexttier/shopify`.
import type { Cart } from './types.js';

/** An adapter's refusal: the field of the platform's payload, and what was expected. */
export interface AdapterError extends TypeError { code: 'wrong_type'; path: string }

/** One item of Shopify's `/cart.js` (the fields the adapter reads; the rest passes unread). */
export interface ShopifyCartItem {
  variant_id: number;
  quantity: number;
  price: number;
  original_price?: number;
  sku?: string | null;
  product_type?: string;
  product_title?: string;
  title?: string;
  [key: string]: unknown;
}

/** Shopify's `/cart.js`: prices in the currency's minor units. */
export interface ShopifyCart {
  currency: string;
  items: ShopifyCartItem[];
  [key: string]: unknown;
}

export interface FromShopifyOptions {
  sku?: (item: ShopifyCartItem) => string;
  category?: (item: ShopifyCartItem) => string | undefined;
  tags?: (item: ShopifyCartItem) => string[] | undefined;
  coupons?: string[];
  customer?: Cart['customer'];
  now?: string;
}

/** A nexttier cart (`"amounts": "minor"`) from Shopify's `/cart.js`. Throws {@link AdapterError}. */
export function fromShopifyCart(cart: ShopifyCart, options?: FromShopifyOptions): Cart;

/** SKU → variant id, as an object or a function. */
export type ShopifyVariants = Record<string, number | string> | ((sku: string) => number | string | undefined);

/** The body of `POST /cart/add.js` for nexttier's items. */
export function shopifyAddBody(items: { sku: string; quantity: number }[], variants: ShopifyVariants): { items: { id: number | string; quantity: number }[] };

/** Adds the items (`/cart/add.js`) and returns the new `/cart.js`. */
export function addToShopifyCart(items: { sku: string; quantity: number }[], options: { variants: ShopifyVariants; root?: string; fetch?: typeof fetch }): Promise<ShopifyCart>;

/** Calls `onCart` with the cart now and after every Ajax cart change on the page; returns a stop function. */
export function followShopifyCart(onCart: (cart: Cart, shopify: ShopifyCart) => void, options?: FromShopifyOptions & { root?: string; onError?: (error: unknown) => void }): () => void;
