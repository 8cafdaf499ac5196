// A server component: quotes the cart on the server (the Node entry, bundled by Next.js) and
// renders the bar's HTML, which the client component hydrates.
import { createEngine } from 'nexttier';
import { config, startCart } from '../../scenario.js';
import { Cart } from './cart';

export const dynamic = 'force-dynamic';

export default async function Page() {
  const engine = await createEngine(config);
  const quote = engine.quote(startCart, { detail: 'summary' });
  const serverHtml = engine.renderHtml(startCart, { lang: 'en' });
  engine.free();
  return (
    <main>
      <p>Server quote: <span id="server-total">{quote.total}</span></p>
      <Cart serverHtml={serverHtml} />
    </main>
  );
}
