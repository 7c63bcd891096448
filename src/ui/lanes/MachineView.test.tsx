// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { stubResizeObserver } from './fixtures';
import { MachineView } from './MachineView';

beforeAll(stubResizeObserver);

afterEach(cleanup);

describe('MachineView', () => {
  it('is closed at first (a deeper panel, issue 14), then shows a text fallback while the diagram chunk loads, then the diagram', async () => {
    const user = userEvent.setup();
    render(
      <MachineView
        lane="gitops"
        state="syncing"
        lastTransition={{
          from: 'comparing',
          to: 'syncing',
          event: 'xstate.done.actor.0.reconciler.comparing',
        }}
      />,
    );
    // The state and the last transition are in words; the diagram opens on demand.
    expect(screen.getByTestId('machine-state').textContent).toBe('syncing');
    const show = screen.getByRole('button', { name: 'Show diagram' });
    expect(show.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('img', { name: /State machine/ })).toBeNull();
    await user.click(show);
    expect(screen.getByText('Loading the state machine diagram…')).toBeTruthy();
    expect(screen.getByText('comparing done').closest('.lp-last')?.textContent).toBe(
      'last: comparing → syncing (comparing done)',
    );
    // The diagram's chunk (React Flow, dagre) takes a while to import on a loaded machine.
    const img = await screen.findByRole(
      'img',
      { name: 'State machine of the reconciler: 5 states; current state syncing' },
      { timeout: 15_000 },
    );
    expect(img.querySelector('.lp-node-current')?.getAttribute('title')).toBe(
      'syncing: current state',
    );
    expect(img.querySelectorAll('.lp-edge-marked')).toHaveLength(1);
    // A transition from any state, in words, its event's name on hover.
    expect(screen.getByText('when it goes down').title).toBe('GO_DOWN');
  });

  it('draws every transition label on demand, in a box that scrolls', async () => {
    const user = userEvent.setup();
    render(<MachineView lane="devops" state="build" lastTransition={null} />);
    await user.click(screen.getByRole('button', { name: 'Show diagram' }));
    await screen.findByRole('img', { name: /current state build/ }, { timeout: 15_000 });
    await user.click(screen.getByRole('button', { name: 'Labels' }));
    expect(screen.getByRole('button', { name: 'Labels' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    const scroller = screen.getByRole('group', { name: /with labels/ });
    expect(scroller.tabIndex).toBe(0);
  });

  // The reconciler's queue is part of its machine: drawn as loops on the busy states, in words.
  it("draws the reconciler's queue as labelled loops on its busy states", async () => {
    const user = userEvent.setup();
    render(<MachineView lane="gitops" state="syncing" lastTransition={null} />);
    await screen.findByRole('img', { name: /current state syncing/ }, { timeout: 15_000 });
    await user.click(screen.getByRole('button', { name: 'Labels' }));
    const loops = screen
      .getAllByText('a request is queued')
      .filter((el) => el.classList.contains('lp-edge-label'));
    expect(loops).toHaveLength(3);
    expect(loops[0]!.title).toBe('WATCH | APPLIED | RETRY | REFRESH | WEBHOOK | SYNC');
    expect(screen.getByText('the queued request runs').parentElement?.textContent).toBe(
      'the queued request runs (stays)',
    );
  });
});
