// Compiled with `tsc --noEmit` against the built package: the declarations must describe real use.
import { createEngine, validate, version, NexttierError, type Cart, type Config, type Quote, type ErrorDetail } from 'nexttier';

const config: Config = {
  currency: 'CNY',
  shipping: { fee: '10' },
  promotions: [
    { id: 'free-ship', kind: 'free_shipping', tiers: [{ min_subtotal: '99' }], scope: { categories: ['home', 'cleaning'] } },
    { id: 'anniversary', kind: 'amount_off', tiers: [{ min_subtotal: '99', off: '10' }, { min_subtotal: '150', off: '30' }] },
  ],
  catalog: [{ sku: 'sponge', name: 'Sponge 3-pack', price: '7', category: 'cleaning', stock: 40 }],
};

const cart: Cart = { lines: [{ sku: 'mop', price: '38', quantity: 1, category: 'home' }], coupons: ['WELCOME10'] };

async function main(): Promise<string> {
  const engine = await createEngine(config);
  const quote: Quote = engine.quote(cart);
  const remaining: string | number | undefined = quote.progress[0]?.next?.remaining;
  const total: string = quote.total;
  const errors: ErrorDetail[] = validate(config);
  try {
    engine.quote('{"lines": 1}');
  } catch (error) {
    if (error instanceof NexttierError) {
      const where: string = error.path;
      const all: ErrorDetail[] = error.errors;
      return `${where} ${all.length}`;
    }
  }
  engine.free();
  return `${remaining} ${total} ${errors.length} ${version()}`;
}

// @ts-expect-error: a kind that does not exist is a type error.
const wrong: Config = { currency: 'CNY', promotions: [{ id: 'x', kind: 'bogo', tiers: [] }] };

void main;
void wrong;
