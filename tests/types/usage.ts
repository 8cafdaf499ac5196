// Compiled with `tsc --noEmit` against the built package: the declarations must describe real use.
import { createEngine, createEngineSync, validate, version, NexttierError, type Cart, type Config, type Quote, type QuoteSummary, type ErrorDetail } from 'nexttier';

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

/** In a worker sent the compiled module: no await. */
function inWorker(module: WebAssembly.Module): string {
  return createEngineSync(config, { wasm: module, limits: { cart_lines: 500, work_steps: 1_000_000 } }).quote(cart).total;
}
void inWorker;

async function main(): Promise<string> {
  const engine = await createEngine(config);
  const quote: Quote = engine.quote(cart);
  const remaining: string | number | undefined = quote.progress[0]?.next?.remaining;
  const total: string = quote.total;
  const summary: QuoteSummary = engine.quote(cart, { detail: 'summary' });
  const summaryTotal: string = summary.total;
  // @ts-expect-error: a summary has no lines
  summary.lines;
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
  return `${remaining} ${total} ${summaryTotal} ${errors.length} ${version()}`;
}

// @ts-expect-error: a kind that does not exist is a type error.
const wrong: Config = { currency: 'CNY', promotions: [{ id: 'x', kind: 'bogo', tiers: [] }] };

void main;
void wrong;

// The widget: the element's properties and events are typed.
import { mount, type AddDetail, type ProgressDetail } from 'nexttier';

function widget(host: HTMLElement): string {
  const element = mount(host, { config, cart, lang: 'zh-CN', variant: 'compact' });
  element.messages = { progress: 'Only {remaining} to go for {reward}' };
  element.addEventListener('nexttier:add', (event) => {
    const detail: AddDetail = event.detail;
    element.update({ lines: [...cart.lines, { sku: detail.sku, price: '7', quantity: detail.quantity }] });
  });
  element.addEventListener('nexttier:progress', (event) => {
    const detail: ProgressDetail = event.detail;
    void detail.remaining;
  });
  // Gifts: the pick goes into the cart's gift_choices; the actions add or remove gift lines.
  element.addEventListener('nexttier:choose-gift', (event) => {
    const picked: Cart = { ...cart, gift_choices: { [event.detail.promotion]: event.detail.sku } };
    element.update(picked);
  });
  element.addEventListener('nexttier:gifts', (event) => {
    const added = event.detail.actions
      .filter((a) => a.action === 'add')
      .map((a) => ({ sku: a.sku, price: '12', quantity: a.quantity, gift: a.promotion }));
    element.update({ lines: [...cart.lines, ...added] });
  });
  const tag: HTMLElementTagNameMap['next-tier'] = document.createElement('next-tier');
  tag.cart = cart;
  return tag.tagName;
}

async function serverHtml(): Promise<string> {
  const engine = await createEngine(config);
  return engine.renderHtml(cart, { lang: 'en', stylesheet: '/nexttier.css', suggest: { limit: 2 } });
}

void widget;
void serverHtml;

// Types that guide: defineConfig types a literal config without a cast and points at a wrong field.
import { defineConfig, configFromJson, type ErrorCode, type ConfigJson } from 'nexttier';

const defined = defineConfig({ currency: 'CNY', promotions: [{ id: 'free-ship', kind: 'free_shipping', tiers: [{ min_subtotal: '99' }] }] });
const definedKind: Config = defined;
// @ts-expect-error: a misspelt kind is an error at the field.
defineConfig({ currency: 'CNY', promotions: [{ id: 'x', kind: 'free_shiping', tiers: [{ min_subtotal: '99' }] }] });
// @ts-expect-error: an unknown key is an error.
defineConfig({ currency: 'CNY', promotoins: [] });

// A config as a `.json` import is typed (its kinds widened to string): configFromJson takes it.
const fromJsonFile = { currency: 'CNY', promotions: [{ id: 'p', kind: 'amount_off' as string, tiers: [{ min_subtotal: '99', off: '10' }] }] };
const asConfig: Config = configFromJson(fromJsonFile);
const widened: ConfigJson = fromJsonFile;
// @ts-expect-error: its shape is still checked: tiers must be a list.
configFromJson({ currency: 'CNY', promotions: [{ id: 'p', kind: 'amount_off', tiers: { min_subtotal: '99' } }] });

// Progress is typed by unit: amounts are strings, quantities numbers.
function figures(quote: Quote): string {
  const progress = quote.progress[0];
  if (!progress) return '';
  if (progress.unit === 'amount') {
    const remaining: string | undefined = progress.next?.remaining;
    return `${progress.measured} ${remaining}`;
  }
  const units: number | undefined = progress.next?.remaining;
  // @ts-expect-error: a quantity progress measures units, not an amount.
  const asText: string = progress.measured;
  return `${units} ${asText}`;
}

// Enumerations in quotes and errors are unions.
function describe(quote: Quote, error: NexttierError): string {
  const kind: 'free_shipping' | 'amount_off' | 'amount_off_each' | 'amount_off_every' | 'percent_off' | 'gift' | 'buy_x_get_y' | 'bundle_price' | 'shipping_off' | 'price_break' = quote.applied[0].kind;
  const reason = quote.skipped[0].reason;
  // @ts-expect-error: not a reason.
  const notAReason: typeof reason = 'because';
  const code: ErrorCode = error.code;
  // @ts-expect-error: not a code.
  const notACode: ErrorCode = 'oops';
  return `${kind} ${reason} ${code} ${error.docs} ${notAReason} ${notACode}`;
}

// Carts in minor units.
const cents: Cart = { amounts: 'minor', lines: [{ sku: 'mop', price: 3800, quantity: 1 }] };

void definedKind; void asConfig; void widened; void figures; void describe; void cents;

// Experiments: the report, synthetic shoppers, the analytics sinks, the variants in events and quotes.
import { report, sampleExperiment, type ExperimentReport } from 'nexttier';
import { connectAnalytics, ga4Sink, beaconSink, type EventRecord } from 'nexttier/analytics';
{
  const config: Config = {
    currency: 'CNY',
    promotions: [{ id: 'free-ship', kind: 'free_shipping', tiers: [{ min_subtotal: '99' }] }],
    experiments: [{ id: 'threshold', promotions: ['free-ship'], variants: [{ id: 'control' }, { id: 'from-89', weight: 1, tiers: { 'free-ship': [{ min_subtotal: '89' }] } }] }],
  };
  const cart: Cart = { lines: [], visitor: 'v-1', variants: { threshold: 'from-89' } };
  void cart;
  void (async () => {
    const { events, orders } = await sampleExperiment(config, { shoppers: 100, lifts: { 'from-89': 50 } });
    const result: ExperimentReport = await report(config, { events, orders });
    const sentence: string = result.verdict.order_value;
    const clear: boolean | undefined = result.variants[1].vs_control?.order_value?.clear;
    void sentence; void clear;
    const engine = await createEngine(config);
    const quote: Quote = engine.quote(cart);
    const variant: string | undefined = quote.experiments?.[0].variant;
    void variant;
  });
  const element = document.createElement('next-tier');
  const stop: () => void = connectAnalytics(element, { visitor: 'v-1', sinks: [ga4Sink(), beaconSink('/collect', { batch: 10 })] });
  stop();
  const record: EventRecord = { v: 1, type: 'impression', visitor: 'v-1', at: '2026-12-01T00:00:00Z' };
  void record;
  element.addEventListener('nexttier:progress', (e) => { const seen: string | undefined = e.detail.experiments?.[0]?.variant; void seen; });
}
