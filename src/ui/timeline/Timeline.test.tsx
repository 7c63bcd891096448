// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StepResult } from '../../sim/scenario';
import type { ReactElement } from 'react';
import { createAppStore } from '../../store/store';
import { renderWithStore } from '../testing/render-with-store';
import type { SandboxView } from '../../store/view';
import { AUDIT, COMMITS } from './fixtures';
import { Timeline } from './Timeline';

let appStore = createAppStore();
beforeEach(() => {
  appStore = createAppStore();
});
const render = (ui: ReactElement) => renderWithStore(ui, appStore);

const jumpTo = vi.fn(() => Promise.resolve());

const result = (index: number, t: number, title: string): StepResult => ({
  index,
  t,
  kind: 'plain',
  auditEnd: 0,
  title,
  actions: [],
  expectations: [],
  ok: true,
});

beforeEach(() => {
  jumpTo.mockClear();
  appStore.setState({
    jumpTo,
    busy: false,
    results: [
      result(0, 300_000, 'Both lanes deploy the first commit'),
      result(1, 360_000, 'A hotfix by hand'),
      result(2, 660_000, 'The next deploy overwrites it'),
    ],
    view: {
      t: 660_000,
      seed: 7,
      head: COMMITS[0]!.sha,
      commits: COMMITS,
      pullRequests: [],
      lanes: {} as SandboxView['lanes'],
      metrics: {} as SandboxView['metrics'],
      audit: AUDIT,
      auditSize: AUDIT.length,
    },
  });
});
afterEach(cleanup);

describe('Timeline', () => {
  it('jumps to a step boundary when its tick is clicked', () => {
    render(<Timeline />);
    const region = within(screen.getByRole('region', { name: 'Timeline' }));
    fireEvent.click(
      region.getByRole('button', { name: 'Jump to the end of step 2: A hotfix by hand' }),
    );
    expect(jumpTo).toHaveBeenCalledWith(2);
    fireEvent.click(region.getByRole('button', { name: 'Jump to the start, step 0' }));
    expect(jumpTo).toHaveBeenLastCalledWith(0);
    expect(region.getByRole('button', { name: /end of step 3/ }).getAttribute('aria-current')).toBe(
      'step',
    );
  });

  it('names every point and band, and labels the axis in hh:mm', () => {
    render(<Timeline />);
    const region = within(screen.getByRole('region', { name: 'Timeline' }));
    expect(
      region.getByRole('img', { name: /^Commit bbbbbbb by alice at 00:06:00: web: v2/ }),
    ).toBeTruthy();
    expect(region.getByRole('img', { name: /^GitOps: kubectl by bob/ })).toBeTruthy();
    expect(
      region.getByRole('img', { name: /^GitOps: Self-heal sync of aaaaaaa \(heal\) succeeded/ }),
    ).toBeTruthy();
    expect(
      region.getByRole('img', { name: /^DevOps: Pipeline deploy of bbbbbbb \(push\) failed/ }),
    ).toBeTruthy();
    expect(
      region.getByRole('img', { name: /^DevOps: rollback \(rollout-undo\) by olga/ }),
    ).toBeTruthy();
    expect(
      region.getByRole('img', { name: /^DevOps out of sync with Git \(drifted/ }),
    ).toBeTruthy();
    const band = region.getByRole('img', { name: /^DevOps out of sync with Git \(drifted/ });
    expect(band.querySelector('title')?.textContent).toBe(band.getAttribute('aria-label'));
    expect(region.getByText('00:05')).toBeTruthy();
  });
});
