// What every framework app shows: the seed config and a cart of 92.00, 7.00 short of both 99 tiers.
// Adding the suggested sponge (7.00) reaches them: total 89.00.
export const config = {
  currency: 'CNY',
  shipping: { fee: '10' },
  promotions: [
    { id: 'free-ship', kind: 'free_shipping', label: 'Free shipping', tiers: [{ min_subtotal: '99' }], scope: { categories: ['home', 'cleaning'] } },
    { id: 'anniversary', kind: 'amount_off', label: 'Anniversary sale', tiers: [{ min_subtotal: '99', off: '10' }, { min_subtotal: '150', off: '30' }], scope: { categories: ['home', 'cleaning'] } },
  ],
  catalog: [
    { sku: 'sponge', name: 'Sponge 3-pack', price: '7', category: 'cleaning', stock: 40 },
    { sku: 'mop', name: 'Spin mop', price: '38', category: 'home', stock: 12 },
    { sku: 'detergent', name: 'Detergent 1L', price: '18', category: 'cleaning', stock: 100 },
  ],
};

export const startCart = {
  lines: [
    { sku: 'mop', price: '38', quantity: 1, category: 'home' },
    { sku: 'detergent', price: '18', quantity: 3, category: 'cleaning' },
  ],
};

/** The cart with `items` (nexttier:add's detail.items) added at catalog prices. */
export function withItems(cart, items) {
  const lines = cart.lines.map((line) => ({ ...line }));
  for (const { sku, quantity } of items) {
    const item = config.catalog.find((c) => c.sku === sku);
    const line = lines.find((l) => l.sku === sku);
    if (line) line.quantity += quantity;
    else lines.push({ sku, price: item.price, quantity, category: item.category });
  }
  return { lines };
}
