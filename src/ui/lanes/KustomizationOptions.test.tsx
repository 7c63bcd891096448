// @vitest-environment jsdom
// The Flux flavour's Kustomization options and Ready condition in the GitOps lane (sim/gitops/
// flux-options.ts and flux-ready.ts; REFERENCE.md, Flux flavour): each option with a line in
// plain words, each change a `set` action; none of it in the Argo CD flavour.
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { FLUX_DEFAULTS } from '../../sim/gitops/options';
import { createAppStore, type AppState } from '../../store/store';
import { renderWithStore } from '../testing/render-with-store';
import { gitopsView, sandboxView, stubResizeObserver } from './fixtures';
import { parseHealthChecks } from './KustomizationOptions';
import { LanePanel } from './LanePanel';

beforeAll(stubResizeObserver);

let appStore = createAppStore();
let act: Mock<AppState['act']>;

function show(flavour: 'flux' | 'argo') {
  const options = flavour === 'flux' ? { ...FLUX_DEFAULTS } : gitopsView().options;
  appStore.setState({ view: sandboxView({ gitops: gitopsView({ options }) }), act });
  renderWithStore(<LanePanel lane="gitops" />, appStore);
  return within(screen.getByRole('region', { name: 'GitOps lane' }));
}

beforeEach(() => {
  appStore = createAppStore();
  act = vi.fn<AppState['act']>(() => Promise.resolve({ ok: true, text: 'done', fatal: false }));
});

afterEach(() => {
  cleanup();
});

describe('the Flux flavour shows the Kustomization options', () => {
  it('each with its plain words, and each change is a set action', async () => {
    const user = userEvent.setup();
    const lane = show('flux');
    expect(lane.getByText(/wait until every applied object is healthy/)).toBeTruthy();
    expect(lane.getByText(/delete the object and create it again/)).toBeTruthy();
    await user.click(lane.getByRole('switch', { name: 'wait' }));
    expect(act).toHaveBeenLastCalledWith({ set: { lane: 'gitops', wait: true } });
    await user.click(lane.getByRole('switch', { name: 'force' }));
    expect(act).toHaveBeenLastCalledWith({ set: { lane: 'gitops', force: true } });
    // GetTimeout: the 10m interval less 30 s; GetRetryInterval: the interval.
    const timeout = lane.getByRole<HTMLSelectElement>('combobox', { name: 'timeout' });
    expect(timeout.selectedOptions[0]?.textContent).toBe('9m30s (default)');
    await user.selectOptions(timeout, '2m');
    expect(act).toHaveBeenLastCalledWith({ set: { lane: 'gitops', timeout: '2m' } });
    await user.selectOptions(lane.getByRole('combobox', { name: 'retryInterval' }), '1m');
    expect(act).toHaveBeenLastCalledWith({ set: { lane: 'gitops', retryInterval: '1m' } });
    await user.type(lane.getByRole('textbox', { name: 'healthChecks' }), 'Deployment/web{Enter}');
    expect(act).toHaveBeenLastCalledWith({
      set: { lane: 'gitops', healthChecks: [{ kind: 'Deployment', name: 'web' }] },
    });
  });

  it("shows each Kustomization's Ready condition and revisions", () => {
    const lane = show('flux');
    const ks = lane.getByLabelText('Kustomization app');
    expect(ks.textContent).toMatch(/Ready True.*ReconciliationSucceeded/);
    expect(ks.textContent).toMatch(/lastAppliedRevision/);
  });

  it('the Argo CD flavour has neither', () => {
    const lane = show('argo');
    expect(lane.queryByRole('switch', { name: 'wait' })).toBeNull();
    expect(lane.queryByLabelText('Kustomization app')).toBeNull();
  });
});

describe('healthChecks as typed', () => {
  it.each([
    ['Deployment/web', [{ kind: 'Deployment', name: 'web' }]],
    [
      'Deployment/web, Service/prod/web',
      [
        { kind: 'Deployment', name: 'web' },
        { kind: 'Service', namespace: 'prod', name: 'web' },
      ],
    ],
    ['web, Deployment/', []],
  ])('%s', (text, refs) => {
    expect(parseHealthChecks(text)).toEqual(refs);
  });
});
