// nexttier/analytics: the <next-tier> element's events in the merchant's analytics.

/** The variant of one experiment, as the quote names it. */
export interface ExperimentVariant {
  experiment: string;
  variant: string;
}

/** One record of the JSON-lines event format (docs/experiments.md). */
export interface EventRecord {
  /** The format's version: 1. */
  v: 1;
  type: 'impression' | 'progress' | 'tier_reached' | 'suggestion_add';
  /** The host's pseudonymous visitor id: never an e-mail or a name. */
  visitor: string;
  /** RFC 3339 time. */
  at: string;
  experiments?: ExperimentVariant[];
  promotion?: string;
  tier?: number;
  sku?: string;
  quantity?: number;
  remaining?: string;
  total?: string;
}

/** Where records go. */
export interface Sink {
  send(record: EventRecord): void;
  flush?(): void;
}

/** The version of the event format. */
export const EVENT_FORMAT: 1;

/** A record as one line of the JSON-lines format. */
export function toEventLine(record: EventRecord): string;

/** Listens to the element's events and hands each record to the sinks; returns a function that stops and flushes. */
export function connectAnalytics(
  element: EventTarget,
  options: { visitor: string; sinks?: Sink[]; progress?: boolean; now?: () => Date },
): () => void;

/** GA4's ecommerce promotion events pushed to Google Tag Manager's `dataLayer`. */
export function ga4Sink(options?: { dataLayer?: unknown[]; creativeSlot?: string }): Sink;

/** Batches of JSON lines posted with navigator.sendBeacon (or `send`). */
export function beaconSink(
  url: string,
  options?: { batch?: number; flushAfter?: number; send?: (url: string, body: string) => unknown },
): Sink;
