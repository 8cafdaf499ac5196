'use client';
// Type-checked by `next build`: a plain <next-tier> in JSX is typed by `nexttier/react`'s JSX
// declarations, with React 19's hyphenated event props (the element's event aliases).
import type { NextTierElement } from 'nexttier';
import type {} from 'nexttier/react';
import { useRef } from 'react';

export function RawElement({ onAdd }: { onAdd: (skus: string[]) => void }) {
  const ref = useRef<NextTierElement>(null);
  return (
    <>
      <next-tier ref={ref} lang="en" variant="compact" config-src="/promotions.json"
        onnexttier-add={(event) => onAdd(event.detail.items.map((item) => item.sku))} />
      {/* @ts-expect-error: not a variant */}
      <next-tier variant="wide" />
    </>
  );
}
