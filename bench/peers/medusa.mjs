// Medusa v2's promotion computation (@medusajs/promotion 2.21.2): its compute-actions utilities, run
// standalone in Node without a database. Medusa decides whether a promotion applies with rules in its
// database, and has no tiers or "how much more" in compute-actions; so this adapter does that part as
// the other peers do (the highest tier whose threshold the in-scope subtotal meets; remaining =
// threshold − subtotal) and lets Medusa compute the adjustments: `fixed` or `percentage` across the
// in-scope items (target rules on the item's category), and free shipping as 100 % off the shipping
// method. Supported: the seed workloads (free shipping, amount off and percent off by spend, list-price
// basis). Medusa's utilities import "@medusajs/framework/utils", which re-exports @medusajs/utils; the
// adapter resolves it there instead of installing the whole framework.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, request === '@medusajs/framework/utils' ? '@medusajs/utils' : request, ...rest);
};
const { getComputedActionsForItems } = require('@medusajs/promotion/dist/utils/compute-actions/line-items.js');
const { getComputedActionsForShippingMethods } = require('@medusajs/promotion/dist/utils/compute-actions/shipping-methods.js');
const { MathBN } = require('@medusajs/utils');

export const name = 'Medusa v2 compute-actions';

/** Whether the config uses only what Medusa's compute-actions can compute. */
export function supports(config) {
  return config.promotions.every((p) => ['free_shipping', 'amount_off', 'percent_off'].includes(p.kind)
    && p.tiers.every((t) => t.min_subtotal !== undefined) && p.basis !== 'discounted');
}

const fixed = (value) => MathBN.convert(value).toFixed(2);

export function quote(config, cart) {
  const items = cart.lines.map((l, i) => {
    const subtotal = MathBN.mult(l.price, l.quantity);
    return { id: `item_${i}`, quantity: l.quantity, subtotal, original_total: subtotal, product: { category: l.category } };
  });
  const units = cart.lines.reduce((n, l) => n + l.quantity, 0);
  const fee = units > 0 ? config.shipping?.fee ?? '0' : '0';
  const methods = [{ id: 'shipping_0', subtotal: MathBN.convert(fee), original_total: MathBN.convert(fee) }];
  const appliedToItems = new Map();
  const appliedToShipping = new Map();
  let discount = MathBN.convert(0);
  let shippingOff = MathBN.convert(0);
  const applied = {};
  const remaining = {};
  const order = [...config.promotions].sort((a, b) => (a.kind === 'free_shipping') - (b.kind === 'free_shipping'));
  for (const p of order) {
    const categories = p.scope?.categories;
    const inScope = items.filter((item) => !categories || categories.includes(item.product.category));
    const measured = inScope.reduce((sum, item) => MathBN.add(sum, item.subtotal), MathBN.convert(0));
    let tier = -1;
    p.tiers.forEach((t, i) => { if (MathBN.gte(measured, t.min_subtotal)) tier = i; });
    const next = p.tiers[tier + 1];
    if (next) remaining[p.id] = fixed(MathBN.sub(next.min_subtotal, measured));
    if (tier < 0) continue;
    const reward = p.tiers[tier];
    const targetRules = categories
      ? [{ attribute: 'items.product.category', operator: 'in', values: categories.map((value) => ({ value })) }]
      : [];
    if (p.kind === 'free_shipping') {
      const promotion = { id: p.id, code: p.id, application_method: { type: 'percentage', target_type: 'shipping_methods', allocation: 'across', value: 100, target_rules: [] } };
      const actions = getComputedActionsForShippingMethods(promotion, methods, appliedToShipping);
      const amount = actions.reduce((sum, a) => MathBN.add(sum, a.amount ?? 0), MathBN.convert(0));
      if (MathBN.gt(amount, 0)) {
        shippingOff = MathBN.add(shippingOff, amount);
        applied[p.id] = fixed(amount);
      }
      continue;
    }
    const type = p.kind === 'amount_off' ? 'fixed' : 'percentage';
    const value = p.kind === 'amount_off' ? reward.off : reward.percent;
    const promotion = { id: p.id, code: p.id, application_method: { type, target_type: 'items', allocation: 'across', value, target_rules: targetRules } };
    const actions = getComputedActionsForItems(promotion, items, appliedToItems);
    const amount = actions.reduce((sum, a) => MathBN.add(sum, a.amount ?? 0), MathBN.convert(0));
    if (MathBN.gt(amount, 0)) {
      discount = MathBN.add(discount, amount);
      applied[p.id] = fixed(amount);
    }
  }
  const subtotal = items.reduce((sum, item) => MathBN.add(sum, item.subtotal), MathBN.convert(0));
  const shipping = MathBN.sub(fee, shippingOff);
  return {
    subtotal: fixed(subtotal),
    discount: fixed(discount),
    shipping: fixed(shipping),
    total: fixed(MathBN.add(MathBN.sub(subtotal, discount), shipping)),
    applied,
    remaining,
  };
}
