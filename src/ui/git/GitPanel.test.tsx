// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReactElement } from 'react';
import { createAppStore, type AppStore } from '../../store/store';
import { renderWithStore } from '../testing/render-with-store';
import { FEATURE, MERGE, repoView, ROOT } from './fixtures';
import { GitPanel } from './GitPanel';

let appStore = createAppStore();
// The panel reads the repository of the store's run: a stand-in with only what it calls.
beforeEach(() => {
  appStore = Object.assign(createAppStore(), {
    currentRun: (() => ({ sandbox: { repo } })) as unknown as AppStore['currentRun'],
  });
});
const render = (ui: ReactElement) => renderWithStore(ui, appStore);

const FILE = 'apps/web/deployment.yaml';
const repo = {
  listFiles: vi.fn(() => Promise.resolve([{ path: FILE, oid: 'o', mode: '100644' }])),
  readFile: vi.fn(() => Promise.resolve('kind: Deployment\nspec:\n  replicas: 2\n')),
  readCommit: vi.fn(() => Promise.resolve({ parents: [ROOT] })),
  diff: vi.fn(() =>
    Promise.resolve([
      {
        path: FILE,
        status: 'modified',
        oldOid: 'a',
        newOid: 'b',
        patch: `--- a/${FILE}\n+++ b/${FILE}\n@@ -1,2 +1,2 @@\n kind: Deployment\n-replicas: 1\n+replicas: 2\n`,
      },
    ]),
  ),
};

const act = vi.fn(() => Promise.resolve({ ok: true, text: 'done', fatal: false }));

beforeEach(() => {
  act.mockClear();
  appStore.setState({ view: repoView(), act, busy: false });
});
afterEach(cleanup);

const panel = () => within(screen.getByRole('region', { name: 'Git repository' }));

describe('GitPanel', () => {
  it('draws the graph with a merge of two parents and the refs as labels', () => {
    render(<GitPanel />);
    const merge = panel().getByRole('button', { name: /Merge pull request #1 from add-web/ });
    expect(merge.textContent).toContain('merge of 2 parents');
    expect(merge.textContent).toContain('tag v1');
    const revert = panel().getByRole('button', { name: /Revert "web: first Deployment"/ });
    expect(revert.textContent).toMatch(/^main .* revert$/);
    expect(panel().getByRole('button', { name: /^add-web web: first Deployment/ })).toBeTruthy();
    expect(
      panel().getByRole('button', { name: /^you\/deployment-1 PR #2 web: 3 replicas/ }),
    ).toBeTruthy();
  });

  it('shows the selected commit: message, author, parents and the diff', async () => {
    render(<GitPanel />);
    fireEvent.click(panel().getByRole('button', { name: /Merge pull request #1/ }));
    // The commit view is lazy-loaded: wait for it.
    const detail = within(
      await screen.findByRole('region', { name: `Commit ${MERGE.slice(0, 7)}` }),
    );
    expect(detail.getByText(/Deploy web 1.0/)).toBeTruthy();
    expect(detail.getByText('alice')).toBeTruthy();
    expect(
      detail.getByRole('button', { name: `Show parent commit ${FEATURE.slice(0, 7)}` }),
    ).toBeTruthy();
    expect((await detail.findByText('+replicas: 2')).className).toBe('dl-add');
    expect(detail.getByText('-replicas: 1').className).toBe('dl-del');

    fireEvent.click(
      detail.getByRole('button', { name: `Show parent commit ${FEATURE.slice(0, 7)}` }),
    );
    expect(
      await screen.findByRole('region', { name: `Commit ${FEATURE.slice(0, 7)}` }),
    ).toBeTruthy();
  });

  it('warns before committing YAML that does not parse, then commits on "Commit anyway"', async () => {
    render(<GitPanel />);
    const content = await panel().findByRole<HTMLTextAreaElement>('textbox', { name: 'Content' });
    await waitFor(() => expect(content.value).toBe('kind: Deployment\nspec:\n  replicas: 2\n'));
    const broken = 'kind: Deployment\nspec:\n  replicas: [2\n';
    fireEvent.change(content, { target: { value: broken } });
    fireEvent.click(panel().getByRole('button', { name: 'Commit' }));

    const alert = panel().getByRole('alert');
    expect(alert.textContent).toContain(`${FILE}:4:1`);
    expect(act).not.toHaveBeenCalled();

    fireEvent.click(within(alert).getByRole('button', { name: 'Commit anyway' }));
    await waitFor(() =>
      expect(act).toHaveBeenCalledWith({
        commit: { message: 'Update deployment.yaml', author: 'you', write: { [FILE]: broken } },
      }),
    );
  });

  it('opens a pull request from a new branch you/<file>-<n>', async () => {
    render(<GitPanel />);
    const content = await panel().findByRole<HTMLTextAreaElement>('textbox', { name: 'Content' });
    await waitFor(() => expect(content.disabled).toBe(false));
    fireEvent.change(content, { target: { value: 'kind: Deployment\nspec:\n  replicas: 3\n' } });
    fireEvent.change(panel().getByRole('textbox', { name: 'Commit message' }), {
      target: { value: 'web: 3 replicas again' },
    });
    fireEvent.click(panel().getByRole('button', { name: 'Open pull request' }));
    await waitFor(() => expect(act).toHaveBeenCalledTimes(2));
    expect(act.mock.calls.map((c) => c as unknown[])).toEqual([
      [
        {
          commit: {
            message: 'web: 3 replicas again',
            author: 'you',
            branch: 'you/deployment-2',
            write: { [FILE]: 'kind: Deployment\nspec:\n  replicas: 3\n' },
          },
        },
      ],
      [
        {
          pr: {
            open: { branch: 'you/deployment-2', title: 'web: 3 replicas again', author: 'you' },
          },
        },
      ],
    ]);
  });

  it('approves (as reviewer) and merges open pull requests', async () => {
    render(<GitPanel />);
    const pr = within(screen.getByRole('group', { name: 'Pull request #2: web: 3 replicas' }));
    fireEvent.click(pr.getByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(act).toHaveBeenCalledWith({
        pr: { approve: { branch: 'you/deployment-1', by: 'reviewer' } },
      }),
    );
    fireEvent.click(pr.getByRole('button', { name: 'Merge' }));
    await waitFor(() =>
      expect(act).toHaveBeenCalledWith({
        pr: { merge: { branch: 'you/deployment-1', by: 'you' } },
      }),
    );
    expect(screen.queryByRole('group', { name: /Pull request #1/ })).toBeNull();
  });
});
