// The way storefront code computes promotions today, written as a competitor would: one clean pass
// over the same JSON config and cart, on an arithmetic of your choice (./float.mjs, ./big.mjs,
// ./dinero.mjs). It implements the rules the workloads use — free shipping, amount off in tiers,
// percent off, "every X save Y", quantity tiers, scopes by category, a discounted basis, shipping
// last — and answers `remaining` the way bars do: threshold − what is measured now.

/** Prices `cart` under `config` with the arithmetic `m`; returns the figures the benchmark compares. */
export function quote(config, cart, m) {
  const lines = cart.lines.map((l) => ({ ...l, list: m.times(m.amount(l.price), l.quantity) }));
  const current = lines.map((l) => l.list);
  const units = lines.reduce((n, l) => n + l.quantity, 0);
  let shipping = units > 0 ? m.amount(config.shipping?.fee ?? '0') : m.zero;
  let discount = m.zero;
  const applied = {};
  const remaining = {};
  // Shipping promotions last; the others in the config's order.
  const order = [...config.promotions].sort((a, b) => (a.kind === 'free_shipping') - (b.kind === 'free_shipping'));
  for (const p of order) {
    const categories = p.scope?.categories;
    const inScope = lines.map((l, i) => i).filter((i) => !categories || categories.includes(lines[i].category));
    const first = p.tiers[0];
    if (p.kind === 'amount_off_every') {
      const measured = m.sum(inScope.map((i) => lines[i].list));
      const steps = m.floorDiv(measured, m.amount(first.every));
      let off = m.times(m.amount(first.off), steps);
      if (first.max_off && m.gt(off, m.amount(first.max_off))) off = m.amount(first.max_off);
      const reachedMax = first.max_off && !m.gt(m.amount(first.max_off), off);
      if (!reachedMax) remaining[p.id] = m.format(m.minus(m.times(m.amount(first.every), steps + 1), measured));
      discount = take(m, p, off, inScope, current, applied, discount);
      continue;
    }
    const byUnits = first.min_quantity !== undefined;
    const measured = byUnits
      ? inScope.reduce((n, i) => n + lines[i].quantity, 0)
      : m.sum(inScope.map((i) => (p.basis === 'discounted' ? current[i] : lines[i].list)));
    const meets = (t) => (byUnits ? measured >= t.min_quantity : !m.gt(m.amount(t.min_subtotal), measured));
    let tier = -1;
    p.tiers.forEach((t, i) => { if (meets(t)) tier = i; });
    const next = p.tiers[tier + 1];
    if (next) {
      remaining[p.id] = byUnits ? next.min_quantity - measured : m.format(m.minus(m.amount(next.min_subtotal), measured));
    }
    if (tier < 0) continue;
    const reward = p.tiers[tier];
    if (p.kind === 'free_shipping') {
      if (m.gt(shipping, m.zero)) {
        applied[p.id] = m.format(shipping);
        shipping = m.zero;
      }
    } else if (p.kind === 'amount_off') {
      discount = take(m, p, m.amount(reward.off), inScope, current, applied, discount);
    } else if (p.kind === 'percent_off') {
      const base = m.sum(inScope.map((i) => current[i]));
      discount = take(m, p, m.percent(base, reward.percent), inScope, current, applied, discount);
    }
  }
  const subtotal = m.sum(lines.map((l) => l.list));
  return {
    subtotal: m.format(subtotal),
    discount: m.format(discount),
    shipping: m.format(shipping),
    total: m.format(m.plus(m.minus(subtotal, discount), shipping)),
    applied,
    remaining,
  };
}

/** Takes `off` (at most what the in-scope lines are still worth) and spreads it over them. */
function take(m, p, off, inScope, current, applied, discount) {
  const base = m.sum(inScope.map((i) => current[i]));
  const amount = m.gt(off, base) ? base : off;
  if (!m.gt(amount, m.zero)) return discount;
  const shares = m.allocate(amount, inScope.map((i) => current[i]));
  inScope.forEach((i, k) => { current[i] = m.minus(current[i], shares[k]); });
  applied[p.id] = m.format(amount);
  return m.plus(discount, amount);
}
