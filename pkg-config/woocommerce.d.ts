// Types of `nexttier/woocommerce`.
import type { Cart } from './types.js';

/** An adapter's refusal: the field of the platform's payload, and what was expected. */
export interface AdapterError extends TypeError { code: 'wrong_type'; path: string }

/** One item of a Store API cart (the fields the adapter reads). */
export interface WooCartItem {
  id: number;
  quantity: number;
  name?: string;
  sku?: string;
  prices: { price: string; regular_price?: string; currency_code?: string; currency_minor_unit?: number; [key: string]: unknown };
  [key: string]: unknown;
}

/** A Store API cart (`GET /wp-json/wc/store/v1/cart`): prices as strings of minor units. */
export interface WooCart {
  items: WooCartItem[];
  totals: { currency_code: string; currency_minor_unit: number; [key: string]: unknown };
  coupons?: { code: string }[];
  [key: string]: unknown;
}

export interface FromWooOptions {
  sku?: (item: WooCartItem) => string;
  category?: (item: WooCartItem) => string | undefined;
  tags?: (item: WooCartItem) => string[] | undefined;
  coupons?: string[];
  customer?: Cart['customer'];
  now?: string;
}

/** A nexttier cart (`"amounts": "minor"`) from a Store API cart. Throws {@link AdapterError}. */
export function fromWooCart(cart: WooCart, options?: FromWooOptions): Cart;

/** SKU → product (or variation) id, as an object or a function. */
export type WooProducts = Record<string, number | string> | ((sku: string) => number | string | undefined);

/** The bodies of `POST /cart/add-item`, one per item. */
export function wooAddItemBodies(items: { sku: string; quantity: number }[], products: WooProducts): { id: number; quantity: number }[];

/** Adds the items through the Store API and returns the cart the last call answers. */
export function addToWooCart(items: { sku: string; quantity: number }[], options: { products: WooProducts; nonce?: string; base?: string; fetch?: typeof fetch }): Promise<WooCart>;
