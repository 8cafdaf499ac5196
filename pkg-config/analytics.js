// nexttier/analytics: the <next-tier> element's events where merchants look. A separate entry: a
// storefront that does not import it pays nothing for it.
//
// connectAnalytics(element, { visitor, sinks }) turns the element's events into records of the
// documented JSON-lines format (docs/experiments.md), each carrying the experiments' variants the
// shopper saw, and hands them to sinks: ga4Sink() pushes GA4's ecommerce promotion events to
// `dataLayer`, beaconSink(url) posts them in batches with navigator.sendBeacon. No personal data: a
// record holds the host's pseudonymous visitor id, promotion ids, tiers, amounts and an add-on's SKU.

/** The version of the event format, written as `v`. */
export const EVENT_FORMAT = 1;

/** A record as one line of the JSON-lines format. */
export function toEventLine(record) {
  return JSON.stringify(record);
}

/**
 * Listens to `element`'s events and hands each record to every sink (`{ send(record), flush?() }`).
 * Options: `visitor` (required: the id the cart's `visitor` carries), `sinks`, `progress` (true to
 * record every re-render too, not only the first: the impression), `now` (a clock, for tests).
 * Returns a function that stops listening and flushes the sinks.
 */
export function connectAnalytics(element, { visitor, sinks = [], progress = false, now = () => new Date() } = {}) {
  if (typeof visitor !== 'string' || visitor === '') {
    throw new TypeError('connectAnalytics: `visitor` must be a non-empty id (the one the cart carries)');
  }
  let next = [];
  const record = (type, detail, extra) => {
    const out = { v: EVENT_FORMAT, type, visitor, at: now().toISOString() };
    if (detail.experiments?.length) out.experiments = detail.experiments.map(({ experiment, variant }) => ({ experiment, variant }));
    Object.assign(out, extra);
    for (const sink of sinks) sink.send(out);
  };
  const listeners = {
    'nexttier:progress': ({ detail }) => {
      next = detail.next ?? [];
      if (!detail.first && !progress) return;
      const extra = {};
      if (next[0]) Object.assign(extra, { promotion: next[0].promotion, tier: next[0].tier });
      if (detail.remaining != null) extra.remaining = detail.remaining;
      if (detail.total != null) extra.total = detail.total;
      record(detail.first ? 'impression' : 'progress', detail, extra);
    },
    'nexttier:tier-reached': ({ detail }) => record('tier_reached', detail, { promotion: detail.promotion, tier: detail.tier }),
    'nexttier:add': ({ detail }) => {
      const extra = { sku: detail.sku, quantity: detail.quantity };
      if (next[0]) Object.assign(extra, { promotion: next[0].promotion, tier: next[0].tier });
      record('suggestion_add', detail, extra);
    },
  };
  for (const [type, listener] of Object.entries(listeners)) element.addEventListener(type, listener);
  return () => {
    for (const [type, listener] of Object.entries(listeners)) element.removeEventListener(type, listener);
    for (const sink of sinks) sink.flush?.();
  };
}

/** The variants as one GA4 parameter: `experiment:variant`, comma-separated. */
function experimentParam(record) {
  return (record.experiments ?? []).map((e) => `${e.experiment}:${e.variant}`).join(',');
}

/**
 * GA4 through Google Tag Manager's `dataLayer`: an impression is `view_promotion`, an add-on added
 * from a suggestion `select_promotion` (its item in `items`), a tier reached the custom event
 * `nexttier_tier_reached`; each with `promotion_id`, `creative_name: 'nexttier'`, `creative_slot`
 * and the variants as `nexttier_experiments` (register it as a custom dimension). The ecommerce
 * object is cleared before each push, as Google recommends.
 */
export function ga4Sink({ dataLayer, creativeSlot = 'cart' } = {}) {
  const layer = dataLayer ?? (globalThis.dataLayer ??= []);
  return {
    send(record) {
      const experiments = experimentParam(record);
      const promotion = { promotion_id: record.promotion ?? 'nexttier', promotion_name: record.promotion ?? 'nexttier', creative_name: 'nexttier', creative_slot: creativeSlot };
      if (record.type === 'impression') {
        layer.push({ ecommerce: null });
        layer.push({ event: 'view_promotion', ecommerce: { ...promotion, items: [] }, nexttier_experiments: experiments });
      } else if (record.type === 'suggestion_add') {
        layer.push({ ecommerce: null });
        layer.push({
          event: 'select_promotion',
          ecommerce: { ...promotion, items: [{ item_id: record.sku, quantity: record.quantity, promotion_id: promotion.promotion_id }] },
          nexttier_experiments: experiments,
        });
      } else if (record.type === 'tier_reached') {
        layer.push({ event: 'nexttier_tier_reached', promotion_id: record.promotion, tier: record.tier, nexttier_experiments: experiments });
      }
    },
  };
}

/**
 * Posts records to `url` as JSON lines (`text/plain`, so no CORS preflight) with
 * navigator.sendBeacon, `batch` records at a time, after `flushAfter` milliseconds, and when the
 * page is hidden or left. `send(url, body)` replaces sendBeacon (tests, or fetch with keepalive).
 */
export function beaconSink(url, { batch = 20, flushAfter = 5000, send } = {}) {
  const post = send ?? ((to, body) => globalThis.navigator?.sendBeacon?.(to, new Blob([body], { type: 'text/plain;charset=UTF-8' })));
  let queue = [];
  let timer = 0;
  const flush = () => {
    clearTimeout(timer);
    timer = 0;
    if (queue.length === 0) return;
    const body = queue.map(toEventLine).join('\n') + '\n';
    queue = [];
    post(url, body);
  };
  const onHide = () => { if (globalThis.document?.visibilityState !== 'visible') flush(); };
  globalThis.addEventListener?.('pagehide', flush);
  globalThis.document?.addEventListener?.('visibilitychange', onHide);
  return {
    send(record) {
      queue.push(record);
      if (queue.length >= batch) flush();
      else if (!timer) timer = setTimeout(flush, flushAfter);
    },
    flush,
  };
}
