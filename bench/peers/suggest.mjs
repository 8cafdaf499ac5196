// How storefront code suggests add-ons today: scan the catalog for the in-scope, in-stock item whose
// price (or a few units of it) closes the gap with the least overspend. One SKU; big.js for money.
import Big from 'big.js';

export function suggest(config, remaining, categories) {
  const gap = new Big(remaining);
  let best = null;
  for (const item of config.catalog) {
    if (item.stock === 0 || (categories && !categories.includes(item.category))) continue;
    const price = new Big(item.price);
    const units = Number(gap.div(price).round(0, Big.roundUp).toFixed(0));
    if (item.stock !== undefined && units > item.stock) continue;
    const overspend = price.times(units).minus(gap);
    if (!best || overspend.lt(best.overspend)) best = { sku: item.sku, quantity: units, overspend };
  }
  return best && { ...best, overspend: best.overspend.toFixed(2) };
}
