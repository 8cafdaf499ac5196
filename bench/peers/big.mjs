// big.js: exact decimals, rounded half up to cents where a percentage is taken; shares by largest
// remainder in cents so they add up.
import Big from 'big.js';

const cents = (a) => BigInt(a.times(100).round(0, Big.roundHalfUp).toFixed(0));

export const big = {
  name: 'big.js',
  zero: new Big(0),
  amount: (text) => new Big(text),
  times: (a, n) => a.times(n),
  plus: (a, b) => a.plus(b),
  minus: (a, b) => a.minus(b),
  gt: (a, b) => a.gt(b),
  sum: (values) => values.reduce((s, v) => s.plus(v), new Big(0)),
  floorDiv: (a, b) => Number(a.div(b).round(0, Big.roundDown).toFixed(0)),
  percent: (base, percent) => base.times(percent).div(100).round(2, Big.roundHalfUp),
  allocate(amount, weights) {
    const total = weights.reduce((s, w) => s + cents(w), 0n);
    const owed = cents(amount);
    if (total === 0n) return weights.map(() => new Big(0));
    const exact = weights.map((w, i) => ({ i, product: owed * cents(w) }));
    const shares = exact.map(({ product }) => product / total);
    let left = owed - shares.reduce((s, v) => s + v, 0n);
    const order = [...exact].sort((a, b) => {
      const ra = a.product % total, rb = b.product % total;
      return ra === rb ? a.i - b.i : (rb > ra ? 1 : -1);
    });
    for (const { i } of order) {
      if (left === 0n) break;
      shares[i] += 1n;
      left -= 1n;
    }
    return shares.map((c) => new Big(c.toString()).div(100));
  },
  format: (a) => a.toFixed(2),
};
