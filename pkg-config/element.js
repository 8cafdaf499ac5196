// The <next-tier> custom element: a thin shell over the wasm widget (RawWidget), which renders into
// the shadow root, patches what changed and decides what to announce. This file only wires the
// element's lifecycle, properties and attributes to it and dispatches its events.
// Nothing here runs at import: HTMLElement and customElements are touched only by defineNextTier(),
// and only where they exist, so importing the package in Node or during server rendering is safe.
import { RawWidget } from './nexttier.js';
import { css } from './style.js';
import { NexttierError, isCompiled, loadValidator, compiledText, utf8, compactCart } from './api.js';

const OPTION_ATTRIBUTES = ['lang', 'currency-display', 'variant', 'dir'];
let firstRender = true;

/**
 * The element's directionality from the document's `dir` attributes (`:dir()`), which needs no
 * style computation: reading the computed `direction` would force a style recalculation of the
 * whole page on the first render, while the page is still loading (3–4 ms measured).
 */
function directionality(element) {
  try {
    return element.matches(':dir(rtl)') ? 'rtl' : 'ltr';
  } catch {
    // A browser without `:dir()`: the nearest `dir` attribute.
    return element.closest('[dir]')?.getAttribute('dir') === 'rtl' ? 'rtl' : 'ltr';
  }
}

function errorFrom(thrown) {
  if (thrown instanceof NexttierError) return thrown;
  return new NexttierError({ code: 'wasm_unavailable', path: '', message: String(thrown?.message ?? thrown) });
}

/**
 * Registers the element (once) as `name`; returns its class, or undefined where there is no DOM.
 * `load` resolves when the wasm is ready.
 */
export function defineNextTier(load, name = 'next-tier') {
  if (typeof customElements === 'undefined' || typeof HTMLElement === 'undefined') return undefined;
  const existing = customElements.get(name);
  if (existing) return existing;
  let sheet = null;

  class NextTierElement extends HTMLElement {
    static observedAttributes = [...OPTION_ATTRIBUTES, 'config-src'];
    #root;
    #widget = null;
    #config = undefined;
    #configDirty = true;
    /** Counts `config-src` fetches and `config` sets: only the latest may set the config. */
    #configFetch = 0;
    #cart = { lines: [] };
    #messages = undefined;
    #suggest = undefined;
    #optionsDirty = true;
    #scheduled = false;
    #timer = 0;
    #loading = null;
    /** The last error said on the console, not to repeat it on every cart change. */
    #said = null;
    /** The timer of a countdown's next render. */
    #refresh = 0;
    /** The variants of the last render (`[{ experiment, variant }]`), or undefined. */
    #experiments = undefined;

    constructor() {
      super();
      // A server-rendered (declarative) shadow root is kept as it is until the wasm takes over.
      this.#root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      if ('adoptedStyleSheets' in this.#root) {
        if (!sheet) {
          sheet = new CSSStyleSheet();
          sheet.replaceSync(css);
        }
        this.#root.adoptedStyleSheets = [sheet];
      }
      if (!this.#root.firstChild) {
        // Space is reserved (the stylesheet's min-block-size) before the wasm is ready.
        const placeholder = document.createElement('div');
        placeholder.className = 'nt';
        placeholder.setAttribute('part', 'container');
        placeholder.dataset.state = 'loading';
        this.#root.append(placeholder);
      }
      this.#root.addEventListener('click', (event) => this.#click(event));
      // Properties set before the element was defined (a lazily imported package, a framework that
      // sets properties first) sit on the instance and would shadow the accessors: take them.
      for (const name of ['config', 'cart', 'messages', 'suggest']) {
        if (Object.prototype.hasOwnProperty.call(this, name)) {
          const value = this[name];
          delete this[name];
          this[name] = value;
        }
      }
    }

    /** The merchant config (object or JSON text). */
    get config() { return this.#config; }
    set config(value) {
      // A config set here wins over one still being fetched from `config-src`.
      this.#configFetch++;
      this.#config = value;
      this.#configDirty = true;
      this.#schedule();
    }

    /**
     * Fetches the config from `url` (the `config-src` attribute: the public config a merchant
     * publishes, `nexttier publish`) and sets it; a newer attribute value or `config` wins over a
     * fetch still under way. A failure is a `config_unavailable` error at `config-src`.
     */
    async #fetchConfig(url) {
      const fetchNumber = ++this.#configFetch;
      let config;
      try {
        const response = await fetch(new URL(url, document.baseURI));
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        config = await response.text();
      } catch (thrown) {
        if (fetchNumber === this.#configFetch) {
          this.#fail(new NexttierError({ code: 'config_unavailable', path: 'config-src', message: `the config at ${url} could not be loaded: ${thrown?.message ?? thrown}` }));
        }
        return;
      }
      if (fetchNumber !== this.#configFetch) return;
      this.#config = config;
      this.#configDirty = true;
      this.#schedule();
    }

    /** The cart (object or JSON text); set it again whenever the cart changes. */
    get cart() { return this.#cart; }
    set cart(value) { this.#cart = value; this.#schedule(); }

    /** Overrides of the built-in words: `{ progress: 'Add {remaining} more for {reward}', ... }`. */
    get messages() { return this.#messages; }
    set messages(value) { this.#messages = value; this.#optionsDirty = true; this.#schedule(); }

    /** Suggestion options (`{ limit, max_items, ... }`), or `false` for no suggestions. */
    get suggest() { return this.#suggest; }
    set suggest(value) { this.#suggest = value; this.#optionsDirty = true; this.#schedule(); }

    /** Same as setting `cart`. */
    update(cart) { this.cart = cart; }

    attributeChangedCallback(name, _old, value) {
      if (name === 'config-src') {
        if (value) this.#fetchConfig(value);
        return;
      }
      this.#optionsDirty = true;
      this.#schedule();
    }
    connectedCallback() {
      // The wasm is needed whatever the config: fetch and compile it now, while the host still
      // fetches its config, rather than after.
      this.#load();
      this.#schedule();
    }
    disconnectedCallback() {
      clearTimeout(this.#timer);
      clearTimeout(this.#refresh);
      // Removed for good, not just moved within the page: free what the wasm holds (the widget keeps
      // the shadow root, so the element could never be collected). Connecting again renders anew.
      queueMicrotask(() => { if (!this.isConnected) this.#release(); });
    }

    #release() {
      this.#widget?.free();
      this.#widget = null;
      this.#loading = null;
      this.#configDirty = true;
      this.#optionsDirty = true;
    }

    #options() {
      const lang = this.getAttribute('lang') || this.closest('[lang]')?.getAttribute('lang')
        || globalThis.navigator?.language || 'en';
      const dir = this.getAttribute('dir') || directionality(this);
      const options = { lang, dir: dir === 'rtl' ? 'rtl' : 'ltr' };
      const variant = this.getAttribute('variant');
      if (variant) options.variant = variant;
      const display = this.getAttribute('currency-display');
      if (display) options.currency_display = display;
      if (this.#messages) options.messages = this.#messages;
      if (this.#suggest !== undefined) options.suggest = this.#suggest;
      return JSON.stringify(options);
    }

    /** Loads the wasm (once per connection) and makes the widget; a failure is said as an error. */
    #load() {
      this.#loading ??= load().then(
        () => { if (this.isConnected) this.#widget ??= new RawWidget(this.#root); },
        (thrown) => { this.#loading = null; if (this.isConnected) this.#fail(thrown); },
      );
      return this.#loading;
    }

    #schedule() {
      if (this.#scheduled) return;
      this.#scheduled = true;
      // One render per task however many properties changed: before the next frame is painted.
      queueMicrotask(() => {
        this.#scheduled = false;
        this.#render();
      });
    }

    /**
     * Dispatches `nexttier:<type>`, then its alias `nexttier-<type>` for templates that cannot write a
     * colon (React 19's `onnexttier-add`); false when a listener of either called preventDefault().
     */
    #emit(type, detail, cancelable = false) {
      const init = { detail, bubbles: true, composed: true, cancelable };
      const named = this.dispatchEvent(new CustomEvent(`nexttier:${type}`, init));
      const alias = this.dispatchEvent(new CustomEvent(`nexttier-${type}`, init));
      return named && alias;
    }

    #fail(thrown) {
      const error = errorFrom(thrown);
      // Unhandled (no listener called preventDefault()): said on the console, once until it changes or
      // a render succeeds, never a silent blank box.
      const handled = !this.#emit('error', { error, code: error.code, path: error.path, message: error.message }, true);
      const said = `${error.code} at ${error.path || '(document)'}: ${error.message}`;
      if (!handled && said !== this.#said) console.error(`<${this.localName}>: nexttier error ${said} (${error.docs})`);
      this.#said = said;
    }

    async #render() {
      if (!this.isConnected || this.#config === undefined) return;
      if (!this.#widget) {
        await this.#load();
        if (!this.#widget) return;
      }
      try {
        if (this.#configDirty) {
          const config = this.#config;
          const text = typeof config === 'string' ? config : JSON.stringify(config);
          // A raw config is compiled by the validator's module, loaded for it (a compiled one, as
          // `nexttier compile` writes, needs only the storefront's module).
          if (!isCompiled(config)) {
            await loadValidator();
            if (config !== this.#config) return;
          }
          this.#widget.setConfig(compiledText(config, text));
          this.#configDirty = false;
        }
        if (this.#optionsDirty) {
          this.#widget.setOptions(this.#options());
          this.#optionsDirty = false;
        }
        const focused = this.#root.activeElement;
        // An ordinary cart crosses compactly; anything else (or where the wasm gives up) as JSON.
        const cart = this.#cart ?? { lines: [] };
        const compact = typeof cart === 'string' ? undefined : compactCart(cart);
        let rendered = compact === undefined ? undefined : this.#widget.render(utf8(compact), true, performance.now());
        if (rendered === undefined) {
          const text = typeof cart === 'string' ? cart : JSON.stringify(cart);
          rendered = this.#widget.render(utf8(text), false, performance.now());
        }
        const result = JSON.parse(rendered);
        if (focused && !focused.isConnected) {
          // The focused button went away (its tier was reached): keep keyboard users in the widget.
          const next = this.#root.querySelector('button');
          if (next) next.focus();
          else {
            this.tabIndex = -1;
            this.focus();
          }
        }
        if (firstRender) {
          firstRender = false;
          performance.mark('nexttier:first-render');
        }
        this.#said = null;
        // A countdown shows: render again when its minute changes (the cart is the same).
        clearTimeout(this.#refresh);
        if (result.refresh_in >= 0) this.#refresh = setTimeout(() => this.#schedule(), result.refresh_in + 20);
        for (const { type, detail } of result.events) {
          if (type === 'progress') this.#experiments = detail.experiments;
          this.#emit(type, detail);
        }
        this.#announceIn(result.announce_in);
      } catch (thrown) {
        this.#fail(thrown);
      }
    }

    #announceIn(ms) {
      clearTimeout(this.#timer);
      if (ms < 0) return;
      this.#timer = setTimeout(() => { if (this.#widget) this.#announceIn(this.#widget.announce(performance.now())); }, ms);
    }

    #click(event) {
      const option = event.target?.closest?.('button[data-gift]');
      if (option) {
        // The shopper picks a gift: the host sets `gift_choices` in the cart (the element keeps none).
        const detail = { promotion: option.dataset.gift, sku: option.dataset.giftSku };
        if (this.#experiments) detail.experiments = this.#experiments;
        this.#emit('choose-gift', detail);
        return;
      }
      const button = event.target?.closest?.('button[data-sku]');
      if (!button) return;
      // `data-items` is JSON written by the wasm: `[["blue mug",2], ...]`, exact whatever a SKU holds.
      const items = JSON.parse(button.dataset.items || '[]').map(([sku, quantity]) => ({ sku, quantity }));
      // Not cancelable: the element has no default action; the host adds the items (or not).
      const detail = { sku: button.dataset.sku, quantity: Number(button.dataset.quantity), items };
      // The variants the shopper saw (when the config has experiments), for analytics.
      if (this.#experiments) detail.experiments = this.#experiments;
      this.#emit('add', detail);
    }
  }

  customElements.define(name, NextTierElement);
  return NextTierElement;
}

/**
 * Creates a `<next-tier>` inside `host` and returns it: `mount(drawer, { config, cart, lang,
 * variant, currencyDisplay, messages, suggest })`.
 */
export function mount(host, options = {}) {
  const element = host.ownerDocument.createElement('next-tier');
  const { config, cart, lang, variant, dir, currencyDisplay, messages, suggest } = options;
  if (lang) element.setAttribute('lang', lang);
  if (variant) element.setAttribute('variant', variant);
  if (dir) element.setAttribute('dir', dir);
  if (currencyDisplay) element.setAttribute('currency-display', currencyDisplay);
  if (messages) element.messages = messages;
  if (suggest !== undefined) element.suggest = suggest;
  element.cart = cart ?? { lines: [] };
  element.config = config;
  host.append(element);
  return element;
}
