// @vitest-environment jsdom
// The GitOps lane shows each Application's conditions and the resources that require pruning
// (REFERENCE.md, pull lane: Prune=false keeps the app OutOfSync; the allowEmpty guard is a
// condition), and its options offer Argo CD's app-level sync options, each explained.
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { ReactElement } from 'react';
import { createAppStore, type AppState } from '../../store/store';
import { renderWithStore } from '../testing/render-with-store';
import { gitopsView, sandboxView, stubResizeObserver } from './fixtures';
import { LanePanel } from './LanePanel';

beforeAll(stubResizeObserver);

let appStore = createAppStore();
const render = (ui: ReactElement) => renderWithStore(ui, appStore);
let act: Mock<AppState['act']>;

afterEach(() => {
  cleanup();
});

/** The fixture's gitops lane with a condition and a ConfigMap left behind by Prune=false. */
function withConditions() {
  const base = gitopsView();
  const app = base.applications[0]!;
  const orphan = {
    ...app.resources[0]!,
    key: 'ConfigMap/default/old',
    ref: { kind: 'ConfigMap', name: 'old', namespace: 'default' },
    kind: 'ConfigMap',
    name: 'old',
    reason: 'extra' as const,
    requiresPruning: true,
    live: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'old',
        annotations: { 'argocd.argoproj.io/sync-options': 'Prune=false' },
      },
    },
  };
  return gitopsView({
    applications: [
      {
        ...app,
        conditions: [{ type: 'SyncError', message: 'auto-sync will wipe out all resources' }],
        resources: [...app.resources, orphan],
      },
    ],
  });
}

beforeEach(() => {
  appStore = createAppStore();
  act = vi.fn<AppState['act']>(() => Promise.resolve({ ok: true, text: 'done', fatal: false }));
});

describe('GitOps lane: conditions and sync options', () => {
  it('lists the app conditions and the resources that require pruning', () => {
    appStore.setState({ view: sandboxView({ gitops: withConditions() }), act });
    render(<LanePanel lane="gitops" />);
    const conditions = screen.getByRole('list', { name: 'App conditions' });
    expect(within(conditions).getByText('SyncError')).toBeTruthy();
    expect(within(conditions).getByText('auto-sync will wipe out all resources')).toBeTruthy();
    const pruning = screen.getByRole('list', { name: 'Requires pruning' });
    expect(within(pruning).getByText('ConfigMap/old')).toBeTruthy();
    expect(within(pruning).getByText(/ignored \(no prune\)/)).toBeTruthy();
  });

  it('shows no conditions list when there are none', () => {
    appStore.setState({ view: sandboxView(), act });
    render(<LanePanel lane="gitops" />);
    expect(screen.queryByRole('list', { name: 'App conditions' })).toBeNull();
  });

  it("turns an app-level sync option on with a set action in Argo's list form, each explained", async () => {
    const user = userEvent.setup();
    appStore.setState({ view: sandboxView(), act });
    render(<LanePanel lane="gitops" />);
    await user.click(screen.getByRole('button', { name: 'syncOptions' }));
    expect(screen.getByText(/Delete removed objects only at the end/)).toBeTruthy();
    await user.click(screen.getByRole('switch', { name: /PruneLast/ }));
    expect(act).toHaveBeenLastCalledWith({
      set: { lane: 'gitops', syncOptions: ['PruneLast=true'] },
    });
  });
});
