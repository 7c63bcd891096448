// @vitest-environment jsdom
// The panels over a real sandbox's view: the same drift in both clusters, seen by each lane.
import '../../platform/node';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../../sim/sandbox';
import { STARTER_FILES } from '../../sim/starter-repo';
import type { ReactElement } from 'react';
import { createAppStore } from '../../store/store';
import { renderWithStore } from '../testing/render-with-store';
import { buildView } from '../../store/view';
import { stubResizeObserver } from './fixtures';
import { LanePanel } from './LanePanel';

const appStore = createAppStore();
const render = (ui: ReactElement) => renderWithStore(ui, appStore);

beforeAll(async () => {
  stubResizeObserver();
  const sandbox = await Sandbox.create({ seed: 1, files: { ...STARTER_FILES } });
  await sandbox.advance(300_000);
  await sandbox.kubectl('devops', 'scale deployment/web --replicas=5', 'you');
  await sandbox.kubectl('gitops', 'scale deployment/web --replicas=5', 'you');
  await sandbox.advance(2_000);
  appStore.setState({ view: await buildView(sandbox) });
});

afterAll(() => {
  cleanup();
});

describe('LanePanel over a real sandbox', () => {
  it('shows the drift in both lanes, and GitOps reports it as OutOfSync', async () => {
    const user = userEvent.setup();
    render(
      <>
        <LanePanel lane="devops" />
        <LanePanel lane="gitops" />
      </>,
    );
    const gitops = within(screen.getByRole('region', { name: 'GitOps lane' }));
    expect(
      within(gitops.getByRole('list', { name: 'Status' })).getByText('OutOfSync'),
    ).toBeTruthy();
    for (const name of ['DevOps lane', 'GitOps lane']) {
      const panel = within(screen.getByRole('region', { name }));
      expect(
        within(panel.getByRole('list', { name: 'Status' })).getByText('Matches Git: no'),
      ).toBeTruthy();
      await user.click(panel.getByRole('button', { name: 'drifted: 1 field (Deployment web)' }));
      const diff = panel.getByRole('region', { name: 'Diff of Deployment web' });
      expect(within(diff).getByRole('row', { name: 'spec.replicas 3 5' })).toBeTruthy();
    }
    expect(
      within(gitops.getByRole('list', { name: 'Sync plan of app' })).getByText('update'),
    ).toBeTruthy();
  });
});
