// The nexttier API. The data types (Config, Cart, Quote, ...) are generated from the Rust types
// into types.d.ts; this file declares the functions and classes over them.

export * from './types.js';
import type { Config, Cart, Quote } from './types.js';

/** The options of a quote. */
/** What the host of a checkout says beside the cart (never inside it). */
export interface Checkout {
  /** RFC 3339 pricing time; the server's clock when absent (the cart's `now` is ignored). */
  now?: string;
  /** The customer's segments, from the host's records. */
  segments?: string[];
  /** The coupon codes the host accepted for this order. */
  coupons?: string[];
  /** Whether the catalog's prices include tax (default false). */
  prices_include_tax?: boolean;
  /** The order's tax rate in percent, e.g. "13". */
  tax_rate?: string | number;
  /** Orders the customer placed before this one, from the host's records (`usage.first_order`). */
  orders?: number;
  /** Times the customer received each promotion, by id, from the host's records (`usage.per_customer`). */
  uses?: Record<string, number>;
  /** Times each promotion was received by anyone, by id, from the host's records (`usage.total`). */
  usage?: Record<string, { uses?: number }>;
  /** When the customer's last order was placed (RFC 3339), from the host's records (the config's `stages`). */
  last_order_at?: string;
  /** What the customer spent before, in the config's currency, from the host's records (the config's `stages`). */
  lifetime_spend?: string;
  /** The id experiments assign the variant by, from the server's session (the cart's `visitor` and `variants` are ignored). */
  visitor?: string;
  /** Variants by experiment id, from the server's records, instead of the assignment. */
  variants?: Record<string, string>;
}

export interface QuoteOptions {
  /**
   * `full` (the default): everything. `summary`: what a cart page shows, for less work and a
   * smaller object — the same totals, `applied`, `gifts` and `progress`, without `lines`,
   * `skipped` and `progress[].explain` (which the engine then does not compute).
   */
  detail?: 'full' | 'summary';
  /**
   * Server mode: price the cart the way a checkout must. Only the cart's SKUs, quantities and
   * currency are kept; prices, categories and tags come from the config's catalog (a SKU not in it
   * is refused) and the rest from here. Never set from what the browser sent.
   */
  checkout?: Checkout;
}

/** A quote with `detail: 'summary'`: the full quote without `lines`, `skipped` and `progress[].explain`. */
export type QuoteSummary = Omit<Quote, 'lines' | 'skipped' | 'progress'> & {
  progress: DistributiveOmit<Quote['progress'][number], 'explain'>[];
};

/** `Omit` over each member of a union (a progress stays typed by its `unit`). */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * Every error code, stable: what each means and how to fix it is in the package's `ERRORS.md`
 * (an error's `docs` names its section).
 */
export type ErrorCode =
  | 'syntax' | 'unknown_key' | 'missing_key' | 'wrong_type' | 'invalid_number' | 'unknown_currency'
  | 'invalid' | 'ambiguous_amount' | 'overflow' | 'too_large' | 'too_complex' | 'compiled_invalid'
  | 'not_loaded' | 'freed' | 'wasm_unavailable' | 'config_unavailable' | 'aborted';

/** One problem with an input: a stable `code`, the JSON `path` of the bad value, a `message`. */
export interface ErrorDetail {
  /** Stable, machine-readable: see {@link ErrorCode}. */
  code: ErrorCode;
  /** JSON path of the offending value, e.g. `promotions[1].tiers[0].min_subtotal`; empty for the whole document. */
  path: string;
  /** What is wrong and what was expected. */
  message: string;
  /** For `syntax` errors: 1-based line. */
  line?: number;
  /** For `syntax` errors: 1-based column. */
  column?: number;
}

/**
 * Thrown for bad input: a real `Error` with the first problem's `code` and `path`, and every problem
 * in `errors`.
 *
 * @example
 * try { engine.quote(cart) } catch (e) {
 *   if (e instanceof NexttierError) console.warn(e.code, e.path, e.message);
 * }
 */
export class NexttierError extends Error {
  readonly name: 'NexttierError';
  readonly code: ErrorCode;
  /** Where the code is explained: `nexttier/ERRORS.md#<code>`, a file of the package. */
  readonly docs: string;
  readonly path: string;
  readonly line?: number;
  readonly column?: number;
  readonly errors: ErrorDetail[];
}

/** Where the wasm comes from: a URL, a fetch Response, bytes, or a compiled module. */
export type WasmSource = string | URL | Response | BufferSource | WebAssembly.Module;

/** Options of {@link createEngine}. */
export interface EngineOptions {
  /** The wasm to use instead of `nexttier_bg.wasm` next to the module (for CSP-strict pages and edge runtimes). */
  wasm?: WasmSource;
  /** Input limits for this engine, over the defaults; larger input is refused with `too_large` (lines: `invalid` at `lines`). */
  limits?: Limits;
}

/** How much input an engine takes (each from 1 to its ceiling). */
export interface Limits {
  /** Bytes of a cart's JSON: default 4194304 (4 MiB), at most 268435456. */
  cart_bytes?: number;
  /** Lines of a cart: default 10000, at most 1000000. */
  cart_lines?: number;
  /** Bytes of a config's JSON: default 16777216 (16 MiB), at most 268435456. */
  config_bytes?: number;
  /** Work a quote (or a suggestion search) may do, in steps of about one line under one promotion: default 10000000; past it, `too_complex`. */
  work_steps?: number;
}

/** Options of {@link Engine.suggest}; every key is optional. */
export interface SuggestOptions {
  /** How many suggestions at most (default 3, at most 100). */
  limit?: number;
  /** How many distinct SKUs a suggestion may bundle: 1 to 3 (default 3). */
  max_items?: number;
  /** Only suggestions for this promotion id. */
  promotion?: string;
  /** Only suggestions reaching this tier (the promotion's next tier). */
  tier?: number;
  /** SKUs never to suggest, e.g. ones the shopper declined. */
  exclude?: string[];
  /** "score" (default): the merchant's ranking (highest weighted `score` first, then as "overspend"); "overspend": nearest milestone, least overspend, fewest units, weight, SKU; "net": best net first. */
  rank?: 'score' | 'overspend' | 'net';
  /** The most units (packs, for an item sold in packs) of one item in a suggestion: over the config's `suggest.max_units` (default 2). */
  max_units?: number;
  /** A gap of more than this percent of its tier's threshold is far, and gets browse suggestions (0 to 100; over the config's `suggest.far`, default 50). */
  far?: number;
  /** Weights (0 to 100) over the config's `suggest.weights`. */
  weights?: SuggestWeights;
}

/** The weights of the suggestion ranking's criteria (each 0 to 100). */
export interface SuggestWeights {
  /** Closing the gap with the least overspend (default 3). */
  gap?: number;
  /** The merchant's margin after the saving the add-on unlocks; needs catalog `cost` (default 2). */
  margin?: number;
  /** Catalog `popularity` (default 2). */
  popularity?: number;
  /** Going with the cart, from catalog `goes_with` (default 2). */
  fit?: number;
  /** Catalog `pinned` (default 1). */
  pinned?: number;
}

/** Why a suggestion is offered. */
export type SuggestionReason =
  | 'closes_exactly'
  | 'goes_with_cart'
  | 'pinned'
  | 'popular'
  | 'margin'
  | 'closes_gap'
  | 'in_scope';

/** One add-on suggestion. Amounts are decimal strings with the currency's minor digits. */
export interface Suggestion {
  /** What to add. */
  items: Array<{ sku: string; quantity: number }>;
  /** What the shopper adds, at list price. */
  spend: string;
  /** Spend beyond what was strictly needed. */
  overspend: string;
  /** The promotion tiers it unlocks, the target first. */
  reaches: Array<{ promotion: string; tier: number }>;
  /** Discounts gained plus shipping saved. */
  saving: string;
  /** spend − saving: negative when the add-on pays for itself. */
  net: string;
  /** Present (true) when the gap was too wide for the exact search: the bundle reaches the tier, but one with less overspend may exist. */
  approximate?: true;
  /** Why it is offered: closes the gap exactly; else the strongest of goes with the cart, pinned, popular, margin (each at half marks or more); else closes the gap. A browse suggestion: pinned, popular or in scope. */
  reason: SuggestionReason;
  /** The cart SKU it goes with (catalog `goes_with`), when one does. */
  goes_with?: string;
  /** Present (true) for a browse suggestion: the cart is far from the tier (or nothing within the caps closes it), so this is one of the scope's pinned or best-selling items, one unit (or pack), not a way to close the gap. */
  browse?: true;
  /** The points behind the ranking: each criterion 0 to 1000 (margin −1000 to 1000), and `total` = Σ weight × points. */
  score: { total: number; gap: number; fit: number; pinned: number; popularity: number; margin: number };
}

/** The widget's options, as `renderHtml` takes them (the element reads them from its attributes). */
export interface WidgetOptions {
  /** Language tag: any `zh` tag gives the built-in Simplified Chinese words, else English. */
  lang?: string;
  /** How the currency is shown by Intl.NumberFormat. Default `narrowSymbol`. */
  currency_display?: 'narrowSymbol' | 'symbol' | 'code' | 'name';
  /** `compact` for narrow cart drawers. */
  variant?: 'full' | 'compact';
  /** Writing direction; the bar fills from the inline start. */
  dir?: 'ltr' | 'rtl';
  /** Overrides of the built-in words, by key (`progress`, `reached`, `add`, ...). */
  messages?: Record<string, string>;
  /** Suggestion options (default `{ limit: 3, max_items: 1 }`), or `false` for none. */
  suggest?: SuggestOptions | boolean;
  /** Server rendering: link this stylesheet URL (the package's `nexttier.css`) instead of inlining it. */
  stylesheet?: string;
}

/** `nexttier:add`'s detail: what the shopper asked to add. */
export interface AddDetail {
  sku: string;
  quantity: number;
  items: { sku: string; quantity: number }[];
  /** The variants the shopper saw, when the config has experiments. */
  experiments?: { experiment: string; variant: string }[];
}

/** `nexttier:progress`'s detail, after every render. */
export interface ProgressDetail {
  state: 'progress' | 'done' | 'idle';
  unit?: 'amount' | 'quantity';
  remaining?: string;
  threshold?: string;
  next: { promotion: string; tier: number }[];
  message: string | null;
  saved: string;
  total: string;
  first: boolean;
  /** The variants the shopper saw, when the config has experiments. */
  experiments?: { experiment: string; variant: string }[];
}

/** `nexttier:tier-reached`'s detail: the tier the cart just reached. */
export interface TierReachedDetail {
  promotion: string;
  tier: number;
  /** The variants the shopper saw, when the config has experiments. */
  experiments?: { experiment: string; variant: string }[];
}

/** `nexttier:choose-gift`'s detail: the gift the shopper picked; the host sets the cart's `gift_choices[promotion] = sku`. */
export interface ChooseGiftDetail {
  promotion: string;
  sku: string;
  /** The variants the shopper saw, when the config has experiments. */
  experiments?: { experiment: string; variant: string }[];
}

/** `nexttier:gifts`'s detail: the cart's gift lines are out of step with the quote's gifts; apply the actions. */
export interface GiftsDetail {
  actions: { action: 'add' | 'remove'; promotion: string; sku: string; quantity: number }[];
}

/** `nexttier:error`'s detail. */
export interface ErrorEventDetail {
  error: NexttierError;
  code: ErrorCode;
  path: string;
  message: string;
}

/** `<next-tier>`: the progress bar, messages and add-on suggestions. */
export interface NextTierElement extends HTMLElement {
  config: Config | CompiledConfig | string | undefined;
  cart: Cart | string;
  messages: Record<string, string> | undefined;
  suggest: SuggestOptions | false | undefined;
  update(cart: Cart | string): void;
}

/** The element's class where there is a DOM (registered as `next-tier` on import); undefined in Node. */
export const NextTierElement: { new (): NextTierElement; prototype: NextTierElement } | undefined;

/** Creates a `<next-tier>` inside `host` and returns it. */
export function mount(
  host: Element,
  options: { config: Config | CompiledConfig | string; cart?: Cart | string; lang?: string; variant?: 'full' | 'compact'; dir?: 'ltr' | 'rtl'; currencyDisplay?: WidgetOptions['currency_display']; messages?: Record<string, string>; suggest?: SuggestOptions | false },
): NextTierElement;

/** Registers the element under `name` with a wasm loader; returns its class, or undefined without a DOM. */
export function defineNextTier(load: () => Promise<unknown>, name?: string): { new (): NextTierElement } | undefined;

declare global {
  interface HTMLElementTagNameMap {
    'next-tier': NextTierElement;
  }
  interface HTMLElementEventMap {
    'nexttier:add': CustomEvent<AddDetail>;
    'nexttier:progress': CustomEvent<ProgressDetail>;
    'nexttier:tier-reached': CustomEvent<TierReachedDetail>;
    'nexttier:error': CustomEvent<ErrorEventDetail>;
    'nexttier:choose-gift': CustomEvent<ChooseGiftDetail>;
    'nexttier:gifts': CustomEvent<GiftsDetail>;
    /** Aliases with a hyphen, for templates that cannot write a colon (React 19's `onnexttier-add`). */
    'nexttier-add': CustomEvent<AddDetail>;
    'nexttier-progress': CustomEvent<ProgressDetail>;
    'nexttier-tier-reached': CustomEvent<TierReachedDetail>;
    'nexttier-error': CustomEvent<ErrorEventDetail>;
    'nexttier-choose-gift': CustomEvent<ChooseGiftDetail>;
    'nexttier-gifts': CustomEvent<GiftsDetail>;
  }
}

/** One row of an orders file. */
export interface OrderRow {
  order_id: string | number;
  sku: string;
  category?: string;
  price: string | number;
  quantity: number | string;
  cost?: string | number;
  /** The id experiments assign the order's variant by (the cart's `visitor`). */
  visitor?: string;
}

/** What the simulator assumes. Shares are decimal fractions ("0.3") or percents ("30%"). */
export interface SimulateOptions {
  /** The nudge zone below each threshold (default "0.3": within 30 %). */
  nudge_zone?: string;
  /** The share of nudge-zone shoppers assumed to top up (default "0.5"). */
  top_up?: string;
  /** RFC 3339 time the orders are priced at (default: now). */
  now?: string;
  /** Bins of the histogram (default 20). */
  bins?: number;
  /** Also ask, for each order short of a tier, what the widget would have suggested under the config's `suggest` settings (default false): `report.suggestions`. */
  suggestions?: boolean;
}

/** How far a simulation has read: after each piece of the orders. */
export interface SimulationProgress {
  /** Orders read so far. */
  orders: number;
  /** Characters of text (or bytes of a Blob, File or byte stream) read so far. */
  read: number;
  /** All there is to read, or null for a stream of unknown length. */
  total: number | null;
}

/** Progress, cancelling and where the simulator runs. */
export interface SimulateControl {
  /** Stops the simulation: it rejects with a `NexttierError` of code `aborted` (in a page, its worker is terminated at once). */
  signal?: AbortSignal;
  /** Called after each piece of the orders is read (about 1 MB). */
  onProgress?: (progress: SimulationProgress) => void;
  /** In a page the simulator runs in a module worker; `false` runs it on the page's thread, a piece at a time. */
  worker?: boolean;
}

/** The simulator's report; amounts are exact decimal strings, ratios decimal strings too. */
export interface SimulationReport {
  currency: string;
  orders: number;
  lines: number;
  items_per_order: string;
  order_value: { mean: string; median: string };
  subtotal: string;
  total: string;
  discount: string;
  shipping_waived: string;
  discount_cost: string;
  gross_margin: string | null;
  nudge_zone: string;
  top_up: string;
  /**
   * Per segment, when the orders have customer columns or the config has `stages`: an order counts
   * in each of its segments (the file's, and the stages its facts reach), in order of first appearance.
   */
  segments?: Array<{
    segment: string;
    orders: number;
    share: string;
    order_value_mean: string;
    items_per_order: string;
    discount: string;
    shipping_waived: string;
    discount_cost_mean: string;
    total: string;
  }>;
  /** With `suggestions: true`: what the widget's cards (its defaults: 3 cards, one item each) would have done. */
  suggestions?: {
    /** Orders short of a tier the widget would show progress to. */
    orders_short: number;
    /** Of those, orders whose first card closes the gap in one click, and their share. */
    closable: number;
    closable_share: string;
    /** Orders offered browse cards only (far from the tier, or nothing within the caps closes it). */
    browse: number;
    /** What the first closing cards add at list price, in all and a closable order on average. */
    added_spend: string;
    added_spend_mean: string;
    /** What those cards save the shoppers (discounts gained and shipping waived). */
    saving: string;
    /** Closing cards whose items all have a catalog `cost`, and the margin they leave (spend − saving − cost), in all and on average; null without costs. */
    with_cost: number;
    margin: string | null;
    margin_mean: string | null;
  };
  promotions: {
    promotion: string;
    kind: string;
    label?: string;
    applied_orders: number;
    cost: string;
    tiers: {
      tier: number;
      threshold: string | number | null;
      reached: number;
      reached_share: string;
      nudge_zone: { orders: number; share: string; median_gap: string | number };
      projection: { orders_topping_up: string; order_value: string; items_per_order: string; discount_cost: string; gross_margin: string | null };
    }[];
  }[];
  histogram: {
    bin_width: string;
    bins: { from: string; to: string | null; orders: number }[];
    thresholds: { promotion: string; tier: number; at: string }[];
  };
}

/** Realistic sample orders (CSV) from the seed scenario's figures; the same for the same seed. */
export function sampleOrders(orders?: number, seed?: number): Promise<string>;

/** A variant's mean against the control's, with its 95 % interval (amounts as strings). */
export interface ReportDifference {
  difference: string;
  low: string;
  high: string;
  relative_percent: string | null;
  p: string;
  chance_better: string;
  /** The interval leaves out 0. */
  clear: boolean;
}

/** A variant's share against the control's, in percentage points. */
export interface ReportShareDifference {
  difference: string;
  low: string;
  high: string;
  p: string;
  clear: boolean;
}

/** One variant's results (percentages and amounts as strings; `null` where there is nothing to divide). */
export interface ReportVariant {
  variant: string;
  weight: number;
  shoppers: number;
  impressions: number;
  addon_clicks: number;
  addon_click_rate: string | null;
  addon_conversion: string | null;
  tier_reached_share: string | null;
  orders: number;
  conversion: string | null;
  order_value: string | null;
  items_per_order: string | null;
  discount: string;
  discount_per_order: string | null;
  margin: string | null;
  margin_per_order: string | null;
  value_per_shopper: string | null;
  vs_control: null | {
    order_value: ReportDifference | null;
    items_per_order: ReportDifference | null;
    margin_per_order: ReportDifference | null;
    value_per_shopper: ReportDifference | null;
    conversion: ReportShareDifference | null;
    tier_reached_share: ReportShareDifference | null;
  };
}

/** An experiment's results: `nexttier report` in the package. */
export interface ExperimentReport {
  experiment: string;
  currency: string;
  control: string;
  events: number;
  orders: number;
  outside_events: number;
  unknown_variant_events: number;
  switched_events: number;
  unassigned_orders: number;
  variants: ReportVariant[];
  /** Which variant wins on order value and on margin, and how sure, in plain sentences. */
  verdict: { order_value: string; margin: string };
}

/**
 * An experiment's results from the widget's events (JSON lines, as `nexttier/analytics` writes them)
 * and the shop's orders (the simulator's CSV or JSON lines with a `visitor` column).
 */
export function report(
  config: Config | CompiledConfig | string,
  input: {
    events: string | Blob | ReadableStream<Uint8Array | string>;
    orders: string | OrderRow[] | Blob | ReadableStream<Uint8Array | string>;
    experiment?: string;
    now?: string;
    signal?: AbortSignal;
  },
): Promise<ExperimentReport>;

/** Synthetic shoppers of an experiment with planted lifts (permille of the basket), to try `report`. */
export function sampleExperiment(
  config: Config | CompiledConfig | string,
  options?: { shoppers?: number; seed?: number; conversion?: number; lifts?: Record<string, number>; experiment?: string },
): Promise<{ events: string; orders: string }>;

/** A merchant config loaded into the engine, ready to quote carts. */
export class Engine {
  private constructor();
  /**
   * Prices a cart under every promotion.
   *
   * @example
   * const quote = engine.quote({ lines: [{ sku: 'mop', price: '38', quantity: 1, category: 'home' }] });
   * quote.progress[0].next?.remaining; // "61.00"
   *
   * // On every cart change, when the page shows totals and the bar: the same figures, less work.
   * const { total, progress } = engine.quote(cart, { detail: 'summary' });
   */
  quote(cart: Cart | string, options: QuoteOptions & { detail: 'summary' }): QuoteSummary;
  quote(cart: Cart | string, options?: QuoteOptions): Quote;
  /** Prices a cart; returns the quote as JSON text, byte for byte what `nexttier quote` prints (`--summary` for a summary). */
  quoteJson(cart: Cart | string, options?: QuoteOptions): string;
  /**
   * Catalog items (one, or a bundle of up to three SKUs) that reach the next tier of a promotion,
   * each checked by re-quoting the cart with it.
   *
   * @example
   * const { suggestions } = engine.suggest(cart, { limit: 3 });
   * suggestions[0]?.items; // [{ sku: 'sponge', quantity: 1 }]
   */
  suggest(cart: Cart | string, options?: SuggestOptions): { suggestions: Suggestion[] };
  /**
   * The widget's initial HTML for a cart: a `<next-tier>` element with a declarative shadow root,
   * so a server or a static page shows the right bar before any script runs. Every merchant and
   * cart string in it is escaped.
   *
   * @example
   * const html = engine.renderHtml(cart, { lang: 'zh-CN', stylesheet: '/assets/nexttier.css' });
   * // '<next-tier lang="zh-CN"><template shadowrootmode="open"><link rel="stylesheet" ...'
   */
  renderHtml(cart: Cart | string, options?: WidgetOptions): string;
  /**
   * Runs this config over historical orders and reports, per promotion and tier, the orders reaching
   * it, the nudge zone below it, costs and projections, and a histogram of order values. Orders may
   * be text, rows, a `File`/`Blob` or a stream, read a piece at a time; in a page the work runs in a
   * worker, with `onProgress` after each piece and `signal` to stop it.
   *
   * @example
   * const report = await engine.simulate(await sampleOrders(5000), { nudge_zone: '0.3', top_up: '0.5' });
   * report.promotions[0].tiers[0].nudge_zone.median_gap; // "18.30"
   */
  simulate(orders: string | OrderRow[] | Blob | ReadableStream<Uint8Array | string>, options?: SimulateOptions & SimulateControl): Promise<SimulationReport>;
  /** Validates a config without throwing: `[]`, or every problem. */
  validate(config: Config | CompiledConfig | string): ErrorDetail[];
  /** Frees the wasm memory held by this engine; it cannot be used afterwards. */
  free(): void;
}

/**
 * Loads the wasm (once per page or process) and returns an engine for `config`.
 * Throws {@link NexttierError} listing every problem of a bad config.
 *
 * @example
 * import { createEngine } from 'nexttier';
 * const engine = await createEngine({
 *   currency: 'CNY', shipping: { fee: '10' },
 *   promotions: [{ id: 'free-ship', kind: 'free_shipping', tiers: [{ min_subtotal: '99' }] }],
 * });
 */
export function createEngine(config: Config | CompiledConfig | string, options?: EngineOptions): Promise<Engine>;

/**
 * Instantiates the wasm synchronously and returns an engine, without `await`: for workers and edge
 * runtimes that already hold the wasm. `options.wasm` is a `WebAssembly.Module` or the bytes of
 * `nexttier_bg.wasm` (browsers compile more than 4 KB synchronously only in a worker: on a page's main
 * thread, pass a compiled module); in Node it defaults to the file next to the module. Throws
 * {@link NexttierError}: `wrong_type` at `wasm` without a usable one, `not_loaded` while an
 * asynchronous load is under way. A compiled config needs nothing else; a raw config needs the
 * validator's module: in Node it is read from disk, in a browser `await loadValidator()` first.
 *
 * @example
 * // In a worker that was sent the compiled module:
 * const engine = createEngineSync(config, { wasm: module });
 */
export function createEngineSync(config: Config | CompiledConfig | string, options?: EngineOptions): Engine;

/**
 * Loads and instantiates the wasm without creating an engine (e.g. to warm up early): the
 * storefront's module and the validator's (for `validate()` and raw configs).
 */
export function load(wasm?: WasmSource): Promise<unknown>;

/**
 * Validates a config (raw or compiled) without throwing: `[]`, or every problem. Needs the
 * validator's module: `load()` or `loadValidator()` first in a browser; Node reads it from disk.
 */
export function validate(config: Config | CompiledConfig | string): ErrorDetail[];

/**
 * A compiled config: validated and written by `nexttier compile` or {@link compile} for the
 * storefront's module, which reads it without the validator (so a storefront never downloads the
 * validator). Publish it as JSON (`JSON.stringify`) and give it wherever a config goes; an edit
 * after compiling is refused (`compiled_invalid`).
 */
export interface CompiledConfig {
  /** The compiled layout's version. */
  nexttier_compiled: number;
  /** The nexttier that compiled it, e.g. `nexttier 0.1.0`. */
  by?: string;
  /** A fingerprint of `config`'s values. */
  hash: string;
  /** The validated values, by position. */
  config: unknown[];
}

/**
 * Validates `config` and resolves to its compiled form (see {@link CompiledConfig}); rejects with a
 * {@link NexttierError} listing every error. Loads the validator's module. For a storefront, compile
 * the public config: `compile(await publicConfig(config))`.
 */
export function compile(config: Config | CompiledConfig | string, options?: { limits?: Limits }): Promise<CompiledConfig>;

/** Whether a config (object or JSON text) is compiled. */
export function isCompiled(config: unknown): boolean;

/** Loads the validator's module (once): for `validate()`, and for raw configs with `createEngineSync` in a browser. */
export function loadValidator(): Promise<void>;

/**
 * A coupon code as nexttier compares it (and echoes it in `applied[].coupon`): ASCII spaces trimmed
 * and ASCII letters in lower case, every other character as written.
 */
export function normalizeCoupon(code: string): string;

/**
 * The config a storefront may download: every coupon code replaced by `accepted:<promotion id>`.
 * Loads the merchant tools' module.
 */
export function publicConfig(config: Config | string): Promise<Config>;

/** A type with its enumerated strings widened to `string`: what TypeScript makes of a `.json` import. */
export type Widened<T> = T extends string ? string
  : T extends number | boolean | null | undefined ? T
  : T extends readonly (infer U)[] ? Widened<U>[]
  : T extends object ? { [K in keyof T]: Widened<T[K]> }
  : T;

/** A config as TypeScript types a `.json` import of it. */
export type ConfigJson = Widened<Config>;

/**
 * Types a config written in TypeScript, without a cast; a misspelt key or kind is a type error at
 * the field. Returns `config` as it is.
 *
 * @example
 * export default defineConfig({ currency: 'CNY', promotions: [{ id: 'free-ship', kind: 'free_shipping', tiers: [{ min_subtotal: '99' }] }] });
 */
export function defineConfig(config: Config): Config;

/**
 * Types a config imported from a `.json` file (`import config from './promotions.json'`), without a
 * cast: its keys and shapes are checked by TypeScript, its enumerated values (`kind`, `rounding`,
 * ...) by the engine, which refuses a wrong one with its path. Returns `json` as it is.
 */
export function configFromJson(json: ConfigJson): Config;

/** The package's version, which is the Rust crate's. */
export function version(): string;
