// Long object tables in the lanes, virtualized: only the rows in view (and a few around) are in the page,
// so a cluster of 10,000 objects renders as fast as one of 30. Loaded on demand, only past
// VIRTUAL_FROM rows (see Virtualized.tsx); the scroll box keeps its own height.
//
// A table keeps its native layout: each item is its own <tbody> (an object row and its open diff
// stay together and are measured as one), with two spacer bodies standing for the rows not drawn.
// The table's aria-rowcount tells assistive technology how many rows there are in all.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useRef, type ReactNode } from 'react';

const OVERSCAN = 10;

interface TableProps<T> {
  items: readonly T[];
  itemKey: (item: T) => string;
  renderItem: (item: T) => ReactNode;
  head: ReactNode;
  columns: number;
  label: string;
  className: string;
  rowPx: number;
}

export function VirtualTable<T>(p: TableProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { items, itemKey } = p;
  // A new key function drops every measurement: it changes only with the items.
  const getItemKey = useCallback((i: number) => itemKey(items[i]!), [items, itemKey]);
  // The virtualizer is mutable by design; this component reads it fresh on every render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: p.items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => p.rowPx,
    getItemKey,
    overscan: OVERSCAN,
  });
  const visible = virtualizer.getVirtualItems();
  const before = visible[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (visible.at(-1)?.end ?? 0);
  const spacer = (height: number) => (
    <tbody aria-hidden="true">
      <tr style={{ height }} />
    </tbody>
  );
  return (
    <div ref={scrollRef} className="lp-virtual" tabIndex={0}>
      <table className={p.className} aria-label={p.label} aria-rowcount={p.items.length + 1}>
        {p.head}
        {spacer(before)}
        {visible.map((v) => (
          <tbody key={v.key} data-index={v.index} ref={virtualizer.measureElement}>
            {p.renderItem(p.items[v.index]!)}
          </tbody>
        ))}
        {spacer(Math.max(0, after))}
      </table>
    </div>
  );
}
