// @vitest-environment jsdom
// One step per press (issue 14): a double click on Step, or → pressed again while a step runs,
// ran a second step, because the store queues its work. busy-day asks no question between its
// steps, so only Step's guards (disabled while a step runs; a double click's second click is no
// press) keep the second press from stepping.
import '../../platform/node';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appStore } from '../../store/app-store';
import { runStep } from './step-runner';
import { TopBar } from './TopBar';

const initial = appStore.getState();

beforeEach(async () => {
  await appStore.getState().open('busy-day');
});
afterEach(cleanup);
afterAll(() => appStore.setState(initial, true));

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
    await Promise.all([runStep(), runStep(), runStep()]);
    expect(stepsDone()).toBe(1);
    await runStep();
    expect(stepsDone()).toBe(2);
  });
});
