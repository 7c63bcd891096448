// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { ReactElement } from 'react';
import { createAppStore } from '../../store/store';
import { renderWithStore } from '../testing/render-with-store';
import { type AppState } from '../../store/store';
import { devopsView, gitopsView, sandboxView, stubResizeObserver } from './fixtures';
import { LanePanel } from './LanePanel';

let appStore = createAppStore();
beforeEach(() => {
  appStore = createAppStore();
});
const render = (ui: ReactElement) => renderWithStore(ui, appStore);

beforeAll(stubResizeObserver);

let act: Mock<AppState['act']>;

beforeEach(() => {
  act = vi.fn<AppState['act']>(() => Promise.resolve({ ok: true, text: 'done', fatal: false }));
  appStore.setState({ view: sandboxView(), act });
});

afterEach(() => {
  cleanup();
});

function lane(name: 'DevOps lane' | 'GitOps lane') {
  return within(screen.getByRole('region', { name }));
}

describe('LanePanel', () => {
  it('is a region named for its lane', () => {
    render(
      <>
        <LanePanel lane="devops" />
        <LanePanel lane="gitops" />
      </>,
    );
    expect(screen.getByRole('region', { name: 'DevOps lane' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'GitOps lane' })).toBeTruthy();
  });

  it('says the sandbox is starting while there is no view', () => {
    appStore.setState({ view: null });
    render(<LanePanel lane="gitops" />);
    expect(lane('GitOps lane').getByText('The sandbox is starting…')).toBeTruthy();
  });

  it("shows GitOps' sync and health in Argo CD's words, and whether the cluster matches Git", () => {
    render(<LanePanel lane="gitops" />);
    const status = lane('GitOps lane').getByRole('list', { name: 'Status' });
    expect(within(status).getByText('OutOfSync')).toBeTruthy();
    expect(within(status).getByText('Degraded')).toBeTruthy();
    expect(within(status).getByText('Matches Git: no')).toBeTruthy();
  });

  it("shows the pipeline's state and health for DevOps", () => {
    render(<LanePanel lane="devops" />);
    const status = lane('DevOps lane').getByRole('list', { name: 'Status' });
    expect(within(status).getByText('waiting-approval')).toBeTruthy();
    expect(within(status).getByText('Progressing')).toBeTruthy();
    expect(within(status).getByText('Matches Git: no')).toBeTruthy();
  });

  it('shows a row per app when the lane deploys several', () => {
    const view = gitopsView();
    view.status.apps = {
      staging: { sync: 'Synced', health: 'Healthy', inSyncWithGit: true },
      production: { sync: 'OutOfSync', health: 'Progressing', inSyncWithGit: false },
    };
    appStore.setState({ view: sandboxView({ gitops: view }) });
    render(<LanePanel lane="gitops" />);
    const apps = lane('GitOps lane').getByRole('table', { name: 'Apps' });
    const production = within(apps).getByRole('row', { name: /production/ });
    expect(within(production).getByText('OutOfSync')).toBeTruthy();
    expect(within(apps).getByRole('row', { name: /staging/ }).textContent).toContain('Synced');
  });

  it('opens the field-level diff from the drift badge', async () => {
    const user = userEvent.setup();
    render(<LanePanel lane="gitops" />);
    const panel = lane('GitOps lane');
    const badge = panel.getByRole('button', { name: 'drifted: 2 fields (Deployment web)' });
    expect(badge.getAttribute('aria-expanded')).toBe('false');
    expect(panel.queryByRole('region', { name: 'Diff of Deployment web' })).toBeNull();
    await user.click(badge);
    expect(badge.getAttribute('aria-expanded')).toBe('true');
    const diff = panel.getByRole('region', { name: 'Diff of Deployment web' });
    const row = within(diff).getByRole('row', { name: /spec\.replicas/ });
    expect(within(row).getByText('3')).toBeTruthy();
    expect(within(row).getByText('5')).toBeTruthy();
    const text = within(diff).getByLabelText('Unified diff of Deployment web, live to desired');
    expect(text.tagName).toBe('PRE');
    expect(text.textContent).toContain('-  replicas: 5\n+  replicas: 3');
    expect(panel.getByRole('button', { name: 'missing (Service web)' })).toBeTruthy();
  });

  it('lists the DevOps rollback methods with what each really does, and runs the chosen one', async () => {
    const user = userEvent.setup();
    render(<LanePanel lane="devops" />);
    const panel = lane('DevOps lane');
    await user.click(panel.getByRole('button', { name: 'Roll back' }));
    const menu = panel.getByRole('group', { name: 'Roll back' });
    const sentences = {
      'Rollout undo': 'runs kubectl rollout undo: the cluster goes back, Git does not',
      'Re-run last good run':
        're-runs the pipeline of the last good commit: Git HEAD still names the bad one',
      'Git revert': 'commits a revert in Git: both lanes deploy it',
    };
    // The choices load when the menu first opens.
    const items = await within(menu).findAllByRole('button');
    expect(items.map((b) => b.getAttribute('aria-label'))).toEqual(Object.keys(sentences));
    for (const [label, sentence] of Object.entries(sentences)) {
      const item = within(menu).getByRole('button', { name: label });
      const described = document.getElementById(item.getAttribute('aria-describedby')!);
      expect(described?.textContent).toBe(sentence);
    }
    await user.click(within(menu).getByRole('button', { name: 'Rollout undo' }));
    expect(act).toHaveBeenCalledWith({
      rollback: { lane: 'devops', method: 'rollout-undo', by: 'you' },
    });
    expect(panel.queryByRole('group', { name: 'Roll back' })).toBeNull();
    expect(panel.getByRole('button', { name: 'Roll back' })).toBe(document.activeElement);
  });

  it("lists GitOps' rollback methods; the history rollback turns auto-sync off", async () => {
    const user = userEvent.setup();
    render(<LanePanel lane="gitops" />);
    const panel = lane('GitOps lane');
    await user.click(panel.getByRole('button', { name: 'Roll back' }));
    const menu = panel.getByRole('group', { name: 'Roll back' });
    expect(
      await within(menu).findByText('the GitOps way: Git and the cluster go back together'),
    ).toBeTruthy();
    expect(
      within(menu).getByText('kubectl rollout undo: drift the reconciler may revert'),
    ).toBeTruthy();
    expect(
      within(menu).getByText('Argo CD rollback to an earlier sync; turns auto-sync off first'),
    ).toBeTruthy();
    await user.click(within(menu).getByRole('button', { name: 'History rollback' }));
    expect(act).toHaveBeenCalledWith({
      rollback: { lane: 'gitops', method: 'history', by: 'you', disableAutoSync: true },
    });
  });

  it('closes a menu on Escape', async () => {
    const user = userEvent.setup();
    render(<LanePanel lane="gitops" />);
    const panel = lane('GitOps lane');
    const button = panel.getByRole('button', { name: 'Roll back' });
    await user.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    await user.keyboard('{Escape}');
    expect(button.getAttribute('aria-expanded')).toBe('false');
  });

  it('injects drift with kubectl against the lane’s Deployment', async () => {
    const user = userEvent.setup();
    render(<LanePanel lane="devops" />);
    const panel = lane('DevOps lane');
    await user.click(panel.getByRole('button', { name: 'Inject drift' }));
    const menu = panel.getByRole('group', { name: 'Inject drift' });
    // The choices load when the menu first opens.
    const names = (await within(menu).findAllByRole('button')).map(
      (b) => b.getAttribute('aria-label') ?? b.textContent,
    );
    expect(names).toEqual([
      'Scale to 7 replicas',
      'Set a hot-fix image',
      'Add an env var',
      'Delete the Deployment',
      'Run',
    ]);
    await user.click(within(menu).getByRole('button', { name: 'Scale to 7 replicas' }));
    expect(act).toHaveBeenLastCalledWith({
      kubectl: { lane: 'devops', actor: 'you', run: 'scale deployment/web --replicas=7' },
    });

    await user.click(panel.getByRole('button', { name: 'Inject drift' }));
    await user.click(panel.getByRole('button', { name: 'Set a hot-fix image' }));
    expect(act).toHaveBeenLastCalledWith({
      kubectl: { lane: 'devops', actor: 'you', run: 'set image deployment/web web=web:1.0-hotfix' },
    });

    await user.click(panel.getByRole('button', { name: 'Inject drift' }));
    await user.click(panel.getByRole('button', { name: 'Delete the Deployment' }));
    expect(act).toHaveBeenLastCalledWith({
      kubectl: { lane: 'devops', actor: 'you', run: 'delete deployment web' },
    });

    await user.click(panel.getByRole('button', { name: 'Inject drift' }));
    await user.click(panel.getByRole('button', { name: 'Add an env var' }));
    const env = (act.mock.lastCall![0] as { kubectl: { run: string } }).kubectl.run;
    expect(env).toMatch(/^patch deployment web -p '/);
    expect(env).toContain('"env":[{"name":"DEBUG","value":"1"}]');

    await user.click(panel.getByRole('button', { name: 'Inject drift' }));
    await user.type(
      panel.getByRole('textbox', { name: 'kubectl line' }),
      'kubectl label deploy web team=x',
    );
    await user.click(panel.getByRole('button', { name: 'Run' }));
    expect(act).toHaveBeenLastCalledWith({
      kubectl: { lane: 'devops', actor: 'you', run: 'label deploy web team=x' },
    });
  });

  it('shows what the sandbox answered', async () => {
    const user = userEvent.setup();
    act.mockResolvedValueOnce({
      ok: false,
      text: 'E_BAD_ROLLBACK: no earlier successful run to re-run',
      fatal: true,
    });
    render(<LanePanel lane="devops" />);
    const panel = lane('DevOps lane');
    await user.click(panel.getByRole('button', { name: 'Roll back' }));
    await user.click(panel.getByRole('button', { name: 'Re-run last good run' }));
    expect((await panel.findByRole('status')).textContent).toContain(
      'Refused: E_BAD_ROLLBACK: no earlier successful run to re-run',
    );
  });

  it('re-runs and approves the pipeline', async () => {
    const user = userEvent.setup();
    render(<LanePanel lane="devops" />);
    const panel = lane('DevOps lane');
    await user.click(panel.getByRole('button', { name: 'Re-run pipeline' }));
    expect(act).toHaveBeenLastCalledWith({
      rerun: { lane: 'devops', by: 'you', commit: '4c1d2e3f4a5b6c7d8e9f00112233445566778899' },
    });
    await user.click(panel.getByRole('button', { name: 'Approve' }));
    expect(act).toHaveBeenLastCalledWith({ approve: { by: 'you' } });
  });

  it('offers Approve only while the pipeline waits for it', () => {
    appStore.setState({
      view: sandboxView({ devops: devopsView({ state: 'build', awaitingApproval: [] }) }),
    });
    render(<LanePanel lane="devops" />);
    expect(lane('DevOps lane').queryByRole('button', { name: /Approve/ })).toBeNull();
  });

  it('offers one Approve per waiting run when parallel runs wait', async () => {
    const user = userEvent.setup();
    appStore.setState({ view: sandboxView({ devops: devopsView({ awaitingApproval: [2, 3] }) }) });
    render(<LanePanel lane="devops" />);
    const panel = lane('DevOps lane');
    expect(panel.queryByRole('button', { name: 'Approve' })).toBeNull();
    await user.click(panel.getByRole('button', { name: 'Approve #3' }));
    expect(act).toHaveBeenLastCalledWith({ approve: { by: 'you', run: 3 } });
  });

  it('refreshes and syncs the Application', async () => {
    const user = userEvent.setup();
    render(<LanePanel lane="gitops" />);
    const panel = lane('GitOps lane');
    await user.click(panel.getByRole('button', { name: 'Refresh' }));
    expect(act).toHaveBeenLastCalledWith({ refresh: { lane: 'gitops' } });
    await user.click(panel.getByRole('button', { name: 'Sync' }));
    expect(act).toHaveBeenLastCalledWith({ sync: { lane: 'gitops', by: 'you' } });
  });

  it("sets the lane's options", async () => {
    const user = userEvent.setup();
    render(
      <>
        <LanePanel lane="devops" />
        <LanePanel lane="gitops" />
      </>,
    );
    const gitops = lane('GitOps lane');
    await user.click(gitops.getByRole('switch', { name: 'selfHeal' }));
    expect(act).toHaveBeenLastCalledWith({ set: { lane: 'gitops', selfHeal: true } });
    await user.click(gitops.getByRole('switch', { name: 'automated' }));
    expect(act).toHaveBeenLastCalledWith({ set: { lane: 'gitops', automated: false } });
    await user.selectOptions(gitops.getByRole('combobox', { name: 'poll' }), '3m');
    expect(act).toHaveBeenLastCalledWith({ set: { lane: 'gitops', pollInterval: '3m' } });
    await user.selectOptions(gitops.getByRole('combobox', { name: 'flavour' }), 'Flux');
    expect(act).toHaveBeenLastCalledWith({
      set: {
        lane: 'gitops',
        flavour: 'flux',
        pollInterval: '1m',
        jitter: '0s',
        applyInterval: '10m',
      },
    });
    const devops = lane('DevOps lane');
    expect(devops.getByRole<HTMLInputElement>('switch', { name: 'approval' }).checked).toBe(true);
    await user.click(devops.getByRole('switch', { name: 'prune' }));
    expect(act).toHaveBeenLastCalledWith({ set: { lane: 'devops', prune: true } });
    const concurrency = devops.getByRole<HTMLSelectElement>('combobox', { name: 'concurrency' });
    expect(concurrency.value).toBe('github-concurrency-group');
    await user.selectOptions(concurrency, 'parallel');
    expect(act).toHaveBeenLastCalledWith({ set: { lane: 'devops', concurrency: 'parallel' } });
  });

  it('shows the sync plan: what a Sync would change, with diffs', async () => {
    const user = userEvent.setup();
    render(<LanePanel lane="gitops" />);
    const plan = lane('GitOps lane').getByRole('list', { name: 'Sync plan of app' });
    const tasks = within(plan).getAllByRole('listitem');
    // Argo's order: a Service before a Deployment in the same wave.
    expect(tasks.map((t) => t.textContent?.replace(/\s+/g, ' '))).toEqual([
      'wave 0createService webnot in the clusterdiff',
      'wave 0updateDeployment web2 fieldsdiff',
    ]);
    await user.click(within(plan).getByRole('button', { name: 'Diff of Deployment web' }));
    expect(within(plan).getByRole('region', { name: 'Diff of Deployment web' })).toBeTruthy();
  });

  it('shows the latest operation, the history ids and the notifications in Argo CD terms', async () => {
    const user = userEvent.setup();
    render(<LanePanel lane="gitops" />);
    const panel = lane('GitOps lane');
    expect(panel.getByText('successfully synced (all tasks run)')).toBeTruthy();
    // The phase, in the section's summary and in the operation itself.
    expect(panel.getAllByText('Succeeded')).toHaveLength(2);
    expect(
      within(panel.getByRole('list', { name: 'Operation results' })).getAllByRole('listitem'),
    ).toHaveLength(2);
    const feed = panel.getByRole('list', { name: 'Notifications' });
    expect(
      within(feed)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      expect.stringContaining('on-health-degraded'),
      expect.stringContaining('on-sync-succeeded'),
    ]);
    await user.click(panel.getByRole('button', { name: 'History' }));
    const history = await panel.findByRole('table', { name: 'History of app' });
    expect(
      within(history)
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.textContent),
    ).toEqual([expect.stringMatching(/^1 \(current\)9efaba7/), expect.stringMatching(/^04c1d2e3/)]);
  });

  it("shows the latest run's log stage by stage, and the queue", () => {
    render(<LanePanel lane="devops" />);
    const panel = lane('DevOps lane');
    const stages = within(panel.getByRole('list', { name: 'Stages of run #2' })).getAllByRole(
      'listitem',
    );
    expect(stages.map((s) => s.textContent)).toEqual([
      expect.stringMatching(/^✓checkout10s/),
      expect.stringMatching(/^✓build1m30s/),
      expect.stringMatching(/^✓test1m/),
      expect.stringMatching(/^▸approval1m20s so far/),
    ]);
    expect(panel.getByText('all tests passed')).toBeTruthy();
    expect(panel.getByText(/Queue:/).textContent).toContain('Queue: 1 run waits');
  });

  it('names the current state in words and draws the machine lazily, on demand', async () => {
    const user = userEvent.setup();
    render(<LanePanel lane="devops" />);
    const panel = lane('DevOps lane');
    expect(panel.getByTestId('machine-state').textContent).toBe('waiting-approval');
    await user.click(panel.getByRole('button', { name: 'Show diagram' }));
    const diagram = await panel.findByRole('img', {
      name: 'State machine of the pipeline: 12 states; current state waiting-approval',
    });
    expect(diagram.querySelector('.lp-node-current')?.textContent).toBe('waiting-approval');
    expect(
      panel.getByText('All transitions, from the machine definition', { exact: false }),
    ).toBeTruthy();
    const marked = panel.getAllByText('(last transition)');
    expect(marked).toHaveLength(2);
  });

  it('hides and shows the diagram', async () => {
    const user = userEvent.setup();
    render(<LanePanel lane="gitops" />);
    const panel = lane('GitOps lane');
    const show = panel.getByRole('button', { name: 'Show diagram' });
    expect(show.getAttribute('aria-expanded')).toBe('false');
    await user.click(show);
    const toggle = panel.getByRole('button', { name: 'Hide diagram' });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    await panel.findByRole('img', { name: /State machine/ }, { timeout: 15_000 });
    await user.click(toggle);
    expect(panel.getByRole('button', { name: 'Show diagram' }).getAttribute('aria-expanded')).toBe(
      'false',
    );
    expect(panel.queryByRole('img', { name: /State machine/ })).toBeNull();
  });
});
