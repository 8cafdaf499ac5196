import type { Cart, Config } from 'nexttier';
export const config: Config;
export const startCart: Cart;
export function withItems(cart: Cart, items: { sku: string; quantity: number }[]): Cart;
