'use client';
import { useState } from 'react';
import { NextTier } from 'nexttier/react';
import type { Cart as CartType } from 'nexttier';
import { config, startCart, withItems } from '../../scenario.js';

export function Cart({ serverHtml }: { serverHtml: string }) {
  const [cart, setCart] = useState<CartType>(startCart);
  const [total, setTotal] = useState('');
  const [hydrated, setHydrated] = useState(false);
  return (
    <section data-hydrated={hydrated}>
      <NextTier
        config={config}
        cart={cart}
        lang="en"
        serverHtml={serverHtml}
        onAdd={(detail) => setCart((c) => withItems(c, detail.items))}
        onProgress={(detail) => { setTotal(detail.total); setHydrated(true); }}
      />
      <output id="total">{total}</output>
      <output id="lines">{cart.lines.map((l) => `${l.sku}×${l.quantity}`).join(' ')}</output>
    </section>
  );
}
