// Types of `nexttier/react`: the <NextTier> component, and JSX types for a plain <next-tier>.
import type * as React from 'react';
import type { Config, Cart } from './types.js';
import type { AddDetail, ProgressDetail, TierReachedDetail, ErrorEventDetail, ChooseGiftDetail, GiftsDetail, SuggestOptions, WidgetOptions, NextTierElement } from './index.js';

/** Props of {@link NextTier}. */
export interface NextTierProps {
  /** The merchant config (object or JSON text); or leave it out and give `configSrc`. */
  config?: Config | string;
  /** The cart; pass a new object whenever it changes. */
  cart?: Cart | string;
  /** Overrides of the built-in words, by key (`progress`, `reached`, `add`, ...). */
  messages?: Record<string, string>;
  /** Suggestion options, or `false` for none. */
  suggest?: SuggestOptions | false;
  /** `engine.renderHtml(cart, options)` from the server: the bar before any script runs. */
  serverHtml?: string;
  lang?: string;
  variant?: 'full' | 'compact';
  dir?: 'ltr' | 'rtl';
  currencyDisplay?: WidgetOptions['currency_display'];
  /** The public config's URL (`nexttier publish`), fetched by the element. */
  configSrc?: string;
  /** The shopper asked to add `detail.items`: add them to the cart, then pass the new cart. */
  onAdd?: (detail: AddDetail, event: CustomEvent<AddDetail>) => void;
  onProgress?: (detail: ProgressDetail, event: CustomEvent<ProgressDetail>) => void;
  onTierReached?: (detail: TierReachedDetail, event: CustomEvent<TierReachedDetail>) => void;
  /** A bad config or cart; call `event.preventDefault()` to keep it off the console. */
  onError?: (detail: ErrorEventDetail, event: CustomEvent<ErrorEventDetail>) => void;
  /** The shopper picked a gift: set the cart's `gift_choices[detail.promotion] = detail.sku`, then pass the new cart. */
  onChooseGift?: (detail: ChooseGiftDetail, event: CustomEvent<ChooseGiftDetail>) => void;
  /** The cart's gift lines are out of step: apply `detail.actions`, then pass the new cart. */
  onGifts?: (detail: GiftsDetail, event: CustomEvent<GiftsDetail>) => void;
  className?: string;
  style?: React.CSSProperties;
  id?: string;
}

/** `<NextTier config={config} cart={cart} onAdd={(d) => addToCart(d.items)} />` */
export declare function NextTier(props: NextTierProps): React.ReactElement;
export default NextTier;

/** What JSX takes on a plain `<next-tier>`: attributes, the hyphenated event aliases, `ref`. */
export interface NextTierJsxAttributes extends React.HTMLAttributes<NextTierElement> {
  ref?: React.Ref<NextTierElement>;
  lang?: string;
  variant?: 'full' | 'compact';
  dir?: 'ltr' | 'rtl';
  'currency-display'?: WidgetOptions['currency_display'];
  'config-src'?: string;
  /** React 19 sets objects on custom elements as properties in a client render (not in hydration: use NextTier). */
  config?: Config | string;
  cart?: Cart | string;
  'onnexttier-add'?: (event: CustomEvent<AddDetail>) => void;
  'onnexttier-progress'?: (event: CustomEvent<ProgressDetail>) => void;
  'onnexttier-tier-reached'?: (event: CustomEvent<TierReachedDetail>) => void;
  'onnexttier-error'?: (event: CustomEvent<ErrorEventDetail>) => void;
  'onnexttier-choose-gift'?: (event: CustomEvent<ChooseGiftDetail>) => void;
  'onnexttier-gifts'?: (event: CustomEvent<GiftsDetail>) => void;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'next-tier': NextTierJsxAttributes;
    }
  }
}
