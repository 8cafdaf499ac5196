// dinero.js (v1): money as integer minor units; `allocate` spreads an amount by ratios (largest
// remainder), `percentage` rounds half even by default, so half up is asked for explicitly.
import Dinero from 'dinero.js';

const of = (text) => {
  const [whole, fraction = ''] = String(text).split('.');
  return Dinero({ amount: Number(whole) * 100 + Number((fraction + '00').slice(0, 2)), currency: 'CNY' });
};

export const dinero = {
  name: 'dinero.js',
  zero: Dinero({ amount: 0, currency: 'CNY' }),
  amount: of,
  times: (a, n) => a.multiply(n),
  plus: (a, b) => a.add(b),
  minus: (a, b) => a.subtract(b),
  gt: (a, b) => a.greaterThan(b),
  sum: (values) => values.reduce((s, v) => s.add(v), Dinero({ amount: 0, currency: 'CNY' })),
  floorDiv: (a, b) => Math.floor(a.getAmount() / b.getAmount()),
  percent: (base, percent) => base.multiply(Number(percent) / 100, 'HALF_UP'),
  allocate(amount, weights) {
    const ratios = weights.map((w) => w.getAmount());
    if (ratios.every((r) => r === 0)) return weights.map(() => Dinero({ amount: 0, currency: 'CNY' }));
    return amount.allocate(ratios);
  },
  format: (a) => (a.getAmount() / 100).toFixed(2),
};
