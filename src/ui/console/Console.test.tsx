// @vitest-environment jsdom
// The console over a real free-play session: kubectl lines on a cluster, git lines on the
// repository, each recorded as a `run` action when it changes something, history, and Tab
// completion.
import '../../platform/node';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ReactElement } from 'react';
import { createAppStore } from '../../store/store';
import { renderWithStore } from '../testing/render-with-store';
import { Console } from './Console';

const appStore = createAppStore();
const render = (ui: ReactElement) => renderWithStore(ui, appStore);

beforeAll(async () => {
  await appStore.getState().open('free-play');
});

afterEach(cleanup);

const log = () => within(screen.getByRole('region', { name: 'Console' })).getByRole('list');
const input = () => screen.getByRole<HTMLInputElement>('textbox', { name: 'Command' });

describe('Console', () => {
  it('runs git lines on the repository and records the ones that change it', async () => {
    const user = userEvent.setup();
    render(<Console />);
    await user.type(input(), 'git log --oneline{Enter}');
    await waitFor(() => expect(log().textContent).toMatch(/\(HEAD -> main\) /));
    expect(log().textContent).toContain('repo $ git log --oneline');
    await user.type(
      input(),
      'git commit -m "web: 4 replicas" apps/web/deployment.yaml:spec.replicas=4{Enter}',
    );
    await waitFor(() =>
      expect(appStore.getState().sessionRecord()?.actions).toContainEqual({
        afterStep: 0,
        action: {
          run: {
            lane: 'devops',
            line: 'git commit -m "web: 4 replicas" apps/web/deployment.yaml:spec.replicas=4',
          },
        },
      }),
    );
    await user.type(input(), 'git push{Enter}');
    await waitFor(() =>
      expect(log().querySelector('pre.error')?.textContent).toMatch(/not simulated/),
    );
    // A line that only looks is not recorded.
    expect(appStore.getState().sessionRecord()?.actions).toHaveLength(1);
  });

  it('runs kubectl lines on the chosen cluster, recalls them, and completes names', async () => {
    const user = userEvent.setup();
    render(<Console />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Console cluster' }), 'gitops');
    await user.type(input(), 'get deploy{Enter}');
    await waitFor(() => expect(log().textContent).toContain('gitops $ kubectl get deploy'));
    await user.type(input(), '{ArrowUp}');
    expect(input().value).toBe('get deploy');
    await user.clear(input());
    await user.type(input(), 'describe deployment/w');
    await user.keyboard('{Tab}');
    await waitFor(() => expect(input().value).toBe('describe deployment/web '));
    await user.clear(input());
    await user.type(input(), 'git revert ');
    await user.keyboard('{Tab}');
    await waitFor(() =>
      expect(
        within(screen.getByRole('list', { name: 'Completions' })).getByText('HEAD'),
      ).toBeTruthy(),
    );
  });

  it('answers kubectl lines that only look without recording them, and records changes', async () => {
    const user = userEvent.setup();
    render(<Console />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Console cluster' }), 'gitops');
    const recorded = () => appStore.getState().sessionRecord()?.actions.length;
    const before = recorded();
    await user.type(input(), 'get pods{Enter}');
    await user.type(input(), 'describe deployment/web{Enter}');
    await user.type(input(), 'rollout status deployment/web{Enter}');
    await waitFor(() => expect(log().textContent).toContain('gitops $ kubectl rollout status'));
    expect(recorded()).toBe(before);
    await user.type(input(), 'scale deployment/web --replicas=2{Enter}');
    await waitFor(() => expect(recorded()).toBe(before! + 1));
  });
});
