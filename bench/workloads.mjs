// The benchmark workloads, generated exactly as benches/quote.rs generates them (same LCG), so the
// native and the package figures measure the same carts and configs.
import { readFileSync } from 'node:fs';

const CATEGORIES = ['home', 'cleaning', 'decor', 'kitchen', 'garden', 'gift-cards'];
const MASK = (1n << 64n) - 1n;

class Lcg {
  constructor(seed) { this.state = BigInt(seed); }
  next(below) {
    this.state = (this.state * 6364136223846793005n + 1442695040888963407n) & MASK;
    return Number((this.state >> 33n) % BigInt(below));
  }
}

/** A config of `n` promotions of mixed kinds, scopes and bases (as benches/quote.rs). */
export function config(n) {
  const rng = new Lcg(n);
  const promotions = [];
  for (let i = 0; i < n; i++) {
    const base = 50 + rng.next(100);
    let p;
    switch (i % 5) {
      case 0: p = { kind: 'free_shipping', tiers: [{ min_subtotal: String(base) }] }; break;
      case 1: p = { kind: 'amount_off', tiers: [{ min_subtotal: String(base), off: '10' }, { min_subtotal: String(base * 2), off: '30' }] }; break;
      case 2: p = { kind: 'percent_off', tiers: [{ min_subtotal: String(base), percent: '5' }] }; break;
      case 3: p = { kind: 'amount_off_every', tiers: [{ every: '100', off: '8', max_off: '40' }] }; break;
      default: p = { kind: 'amount_off', basis: 'discounted', tiers: [{ min_quantity: 3, off: '5' }] };
    }
    p = { ...p, id: `p${i}` };
    if (i % 3 !== 0) p.scope = { categories: [CATEGORIES[i % 6], CATEGORIES[(i + 1) % 6]] };
    promotions.push(p);
  }
  return { currency: 'CNY', shipping: { fee: '10' }, promotions };
}

/** A cart of `n` lines across the categories (as benches/quote.rs). */
export function cart(n) {
  const rng = new Lcg(1000 + n);
  const lines = [];
  for (let i = 0; i < n; i++) {
    const fen = 100 + rng.next(9900);
    lines.push({
      sku: `sku-${i}`,
      price: `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`,
      quantity: 1 + rng.next(3),
      category: CATEGORIES[rng.next(6)],
    });
  }
  return { lines };
}

export function seedConfig() {
  return JSON.parse(readFileSync(new URL('../tests/vectors/configs/seed.json', import.meta.url), 'utf8'));
}

/** The quote workloads: [name, config, cart]. */
export function quoteWorkloads() {
  return [
    ['seed × 5 lines', seedConfig(), cart(5)],
    ['seed × 20 lines', seedConfig(), cart(20)],
    ['seed × 200 lines', seedConfig(), cart(200)],
    ['10 promotions × 20 lines', config(10), cart(20)],
    ['50 promotions × 200 lines', config(50), cart(200)],
  ];
}

/** Median time in microseconds of `fn` after a warm-up, over `iterations` runs in `batches`. */
export function measure(fn, { warmup = 200, minTimeMs = 400 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const samples = [];
  const deadline = performance.now() + minTimeMs;
  while (performance.now() < deadline || samples.length < 30) {
    const t0 = performance.now();
    let runs = 0;
    do { fn(); runs++; } while (performance.now() - t0 < 1);
    samples.push(((performance.now() - t0) * 1000) / runs);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

/** The suggestion workload's config: the seed promotions and a catalog of `n` items (as benches/suggest.rs). */
export function suggestConfig(n) {
  let state = 7n;
  const catalog = [];
  for (let i = 0; i < n; i++) {
    state = (state * 6364136223846793005n + 1442695040888963407n) & MASK;
    const fen = 50n + ((state >> 33n) % 14950n);
    catalog.push({
      sku: `sku-${String(i).padStart(5, '0')}`,
      price: `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`,
      category: i % 2 === 0 ? 'home' : 'cleaning',
      stock: Number(1n + ((state >> 20n) % 5n)),
    });
  }
  return {
    currency: 'CNY', shipping: { fee: '10' }, catalog,
    promotions: [
      { id: 'free-ship', kind: 'free_shipping', tiers: [{ min_subtotal: '99' }], scope: { categories: ['home', 'cleaning'] } },
      { id: 'anniversary', kind: 'amount_off', tiers: [{ min_subtotal: '99', off: '10' }, { min_subtotal: '150', off: '30' }],
        scope: { categories: ['home', 'cleaning'] } },
    ],
  };
}

/** The suggestion workload's cart: 92.37, 6.63 short of 99. */
export const suggestCart = { lines: [{ sku: 'a', price: '92.37', quantity: 1, category: 'home' }] };
