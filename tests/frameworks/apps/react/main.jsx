// React 19 on Vite: the NextTier component, and a plain <next-tier> with the hyphenated event alias.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { NextTier } from 'nexttier/react';
import { load } from 'nexttier';
import { config, startCart, withItems } from '../scenario.js';

function App() {
  const [cart, setCart] = useState(startCart);
  const [total, setTotal] = useState('');
  return (
    <main>
      <NextTier config={config} cart={cart} onAdd={(d) => setCart((c) => withItems(c, d.items))} onProgress={(d) => setTotal(d.total)} />
      <output id="total">{total}</output>
      <output id="lines">{cart.lines.map((l) => `${l.sku}×${l.quantity}`).join(' ')}</output>
    </main>
  );
}

// The wasm ready before React renders: the element's first render then follows its properties at
// once, and its first events must already find NextTier's listeners.
await load();
createRoot(document.getElementById('root')).render(<App />);
