// Object tables draw every row up to VIRTUAL_FROM; past it they virtualize (virtual-rows.tsx,
// loaded only then: most clusters are small), so 10,000 objects render without a long task. Lists
// of results show that many and count the rest.
import { lazy } from 'react';
import type { VirtualTable as Table } from './virtual-rows';

export const VIRTUAL_FROM = 300;

// `lazy` forgets that the component is generic; its own type is given back.
export const VirtualTable = lazy(() =>
  import('./virtual-rows').then((m) => ({ default: m.VirtualTable })),
) as unknown as typeof Table;
