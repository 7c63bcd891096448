// @vitest-environment jsdom
// One step per press (issue 14): a double click on Step, or → pressed again while a step runs,
// ran a second step, because the store queues its work. busy-day asks no question between its
// steps, so only Step's guards (disabled while a step runs; a double click's second click is no
// press) keep the second press from stepping.
import '../../platform/node';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReactElement } from 'react';
import { createAppStore } from '../../store/store';
import { renderWithStore } from '../testing/render-with-store';
import { runStep } from './step-runner';
import { TopBar } from './TopBar';

let appStore = createAppStore();
beforeEach(() => {
  appStore = createAppStore();
});
const render = (ui: ReactElement) => renderWithStore(ui, appStore);

beforeEach(async () => {
  await appStore.getState().open('busy-day');
});
afterEach(cleanup);

const stepButton = () => screen.getByRole<HTMLButtonElement>('button', { name: 'Step' });
const stepsDone = () => appStore.getState().results.length;

describe('Step runs one step per press', () => {
  it('is disabled while its step runs, and enabled again after it', async () => {
    render(<TopBar />);
    fireEvent.click(stepButton());
    expect(stepButton().disabled).toBe(true);
    expect(stepButton().getAttribute('aria-busy')).toBe('true');
    await waitFor(() => expect(stepButton().disabled).toBe(false), { timeout: 30_000 });
    expect(stepsDone()).toBe(1);
  });

  it('runs one step on a double click', async () => {
    const user = userEvent.setup();
    render(<TopBar />);
    await user.dblClick(stepButton());
    await waitFor(() => expect(stepButton().disabled).toBe(false), { timeout: 30_000 });
    expect(stepsDone()).toBe(1);
    expect(screen.getByText(/^Step \d+ of \d+$/).textContent).toMatch(/^Step 1 of/);
  });

  it('ignores a second press (→ held down) while the first step runs', async () => {
    await Promise.all([runStep(appStore), runStep(appStore), runStep(appStore)]);
    expect(stepsDone()).toBe(1);
    await runStep(appStore);
    expect(stepsDone()).toBe(2);
  });
});
