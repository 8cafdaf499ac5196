// Plain JavaScript numbers, as free-shipping-bar snippets use them: parseFloat, Math.round to cents
// where it shows, proportional shares rounded per line.
export const float = {
  name: 'JS floats',
  zero: 0,
  amount: (text) => parseFloat(text),
  times: (a, n) => a * n,
  plus: (a, b) => a + b,
  minus: (a, b) => a - b,
  gt: (a, b) => a > b,
  sum: (values) => values.reduce((s, v) => s + v, 0),
  floorDiv: (a, b) => Math.floor(a / b),
  percent: (base, percent) => Math.round(base * parseFloat(percent)) / 100,
  allocate(amount, weights) {
    const total = weights.reduce((s, w) => s + w, 0);
    return weights.map((w) => (total > 0 ? Math.round((amount * w) / total * 100) / 100 : 0));
  },
  format: (a) => a.toFixed(2),
};
