// @vitest-environment jsdom
// A large cluster stays usable: past a few hundred rows only a window of the object table is in
// the page, while the table still tells how many rows it has (issue 11: 10,000 objects froze the
// page with 260,000 DOM nodes).
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectView } from '../../store/view';
import { stubResizeObserver } from './fixtures';
import { ObjectsTable } from './ObjectsTable';
import { VIRTUAL_FROM } from './virtual-from';
import { renderWithStore } from '../testing/render-with-store';

beforeAll(() => {
  stubResizeObserver();
  // jsdom lays nothing out: the scroll box and the rows get the heights a browser gives them.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('lp-virtual') ? 400 : 0;
    },
  });
  Object.defineProperty(HTMLTableSectionElement.prototype, 'offsetHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return 27 * this.querySelectorAll('tr').length;
    },
  });
});
afterAll(() => {
  delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
  delete (HTMLTableSectionElement.prototype as { offsetHeight?: number }).offsetHeight;
});
afterEach(cleanup);

function configMaps(n: number, drifted = false): ObjectView[] {
  return Array.from({ length: n }, (_, i) => ({
    key: `ConfigMap/default/c${i}`,
    kind: 'ConfigMap',
    name: `c${i}`,
    namespace: 'default',
    health: null,
    pods: [],
    desired: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}` } },
    live: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}` } },
    drift: drifted ? 'modified' : null,
    fields: drifted ? [{ path: 'data.a', desired: '1', live: '2' }] : [],
    textDiff: '',
  }));
}

const rowCount = () =>
  screen.getByRole('table', { name: 'Cluster objects' }).getAttribute('aria-rowcount');
// Counted by tag: a role query over hundreds of rows takes seconds in jsdom.
const rows = () =>
  screen
    .getByRole('table', { name: 'Cluster objects' })
    .querySelectorAll('tbody tr:not([aria-hidden] tr)');

describe('ObjectsTable', () => {
  it('draws every row of a small cluster', () => {
    renderWithStore(<ObjectsTable objects={configMaps(VIRTUAL_FROM)} />);
    expect(rows()).toHaveLength(VIRTUAL_FROM);
  });

  it('draws a window of 10,000 objects, and says how many there are', async () => {
    renderWithStore(<ObjectsTable objects={configMaps(10_000)} />);
    // Until the virtual table has loaded, the first rows are drawn plainly.
    expect(rows()).toHaveLength(VIRTUAL_FROM);
    await expect.poll(rowCount, { timeout: 10_000 }).toBe('10001');
    expect(rows().length).toBeLessThan(100);
    expect(screen.getByText('c0')).toBeTruthy();
  });

  it('opens the diff of a row in the window, as in a small table', async () => {
    const user = userEvent.setup();
    renderWithStore(<ObjectsTable objects={configMaps(1_000, true)} />);
    await expect.poll(rowCount, { timeout: 10_000 }).toBe('1001');
    await user.click(screen.getByRole('button', { name: 'drifted: 1 field (ConfigMap c0)' }));
    expect(screen.getByText('data.a')).toBeTruthy();
  });
});
