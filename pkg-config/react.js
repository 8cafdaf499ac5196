'use client';
// `nexttier/react`: <NextTier>, a thin React component over the <next-tier> element. React renders
// the element and its attributes; objects (config, cart, messages, suggest) are set as properties
// and events listened to from effects, which run after hydration as after a client render, so server
// rendering and hydration lose nothing. `serverHtml` (from `engine.renderHtml` on the server) is
// the bar before any script runs: its declarative shadow root is written once and never compared.
import { createElement, useEffect, useLayoutEffect, useRef } from 'react';
// Registers <next-tier> in browsers; in Node (server rendering) it defines nothing.
import './index.js';

const useIsomorphicLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

const EVENTS = [
  ['nexttier:add', 'onAdd'],
  ['nexttier:progress', 'onProgress'],
  ['nexttier:tier-reached', 'onTierReached'],
  ['nexttier:error', 'onError'],
  ['nexttier:choose-gift', 'onChooseGift'],
  ['nexttier:gifts', 'onGifts'],
];

/** The shadow root's template inside `renderHtml`'s `<next-tier ...>...</next-tier>`. */
function shadowTemplate(html) {
  if (typeof html !== 'string') return undefined;
  const start = html.indexOf('<template');
  const end = html.lastIndexOf('</next-tier>');
  return start >= 0 && end > start ? html.slice(start, end) : undefined;
}

/**
 * `<NextTier config={config} cart={cart} lang="zh-CN" onAdd={(detail) => addToCart(detail.items)} />`
 */
export function NextTier(props) {
  const {
    config, cart, messages, suggest, serverHtml,
    lang, variant, dir, currencyDisplay, configSrc,
    onAdd, onProgress, onTierReached, onError,
    className, style, id,
  } = props;
  const ref = useRef(null);
  const handlers = useRef(props);
  handlers.current = props;

  // Listeners once, before any property is set (layout effects run in order, before passive ones): the
  // first render's events must find them, however soon the wasm is ready. They call the latest callbacks.
  useIsomorphicLayoutEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const listeners = EVENTS.map(([type, prop]) => {
      const listener = (event) => {
        const callback = handlers.current[prop];
        if (typeof callback === 'function') callback(event.detail, event);
      };
      element.addEventListener(type, listener);
      return [type, listener];
    });
    return () => { for (const [type, listener] of listeners) element.removeEventListener(type, listener); };
  }, []);

  // Properties, in one effect so the element renders once for a change of several.
  useIsomorphicLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    if (messages !== undefined) element.messages = messages;
    if (suggest !== undefined) element.suggest = suggest;
    element.cart = cart ?? { lines: [] };
    if (config !== undefined) element.config = config;
  }, [config, cart, messages, suggest]);

  const template = shadowTemplate(serverHtml);
  return createElement('next-tier', {
    ref,
    id,
    className,
    style,
    lang,
    variant,
    dir,
    'currency-display': currencyDisplay,
    'config-src': configSrc,
    // The declarative shadow root is parsed by the browser, never hydrated: React keeps the string
    // and does not compare it. Without serverHtml the element renders its own placeholder.
    ...(template ? { dangerouslySetInnerHTML: { __html: template }, suppressHydrationWarning: true } : {}),
  });
}

export default NextTier;
