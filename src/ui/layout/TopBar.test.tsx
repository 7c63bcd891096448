// @vitest-environment jsdom
// The top bar over a real session of a library scenario: the picker, Step moving the counter
// at once, Step back, Play / Pause as one toggle, the speed, and the clock.
import '../../platform/node';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ReactElement } from 'react';
import { createAppStore } from '../../store/store';
import { renderWithStore } from '../testing/render-with-store';
import { TopBar } from './TopBar';

const appStore = createAppStore();
const render = (ui: ReactElement) => renderWithStore(ui, appStore);

beforeAll(async () => {
  await appStore.getState().open('hotfix-drift');
});
afterEach(cleanup);

const button = (name: string) => screen.getByRole('button', { name });
const counter = () => screen.getByText(/^Step \d+ of \d+$/).textContent;

describe('TopBar before the sandbox is ready', () => {
  it('keeps Play disabled, and a Space press cannot start play', () => {
    const ready = appStore.getState();
    appStore.setState({ status: 'loading', playing: false });
    render(<TopBar />);
    expect((button('Play') as HTMLButtonElement).disabled).toBe(true);
    appStore.getState().togglePlay();
    expect(appStore.getState().playing).toBe(false);
    cleanup();
    appStore.setState({ status: ready.status });
  });
});

describe('TopBar', () => {
  it('lists the library, free play and the import entry', () => {
    render(<TopBar />);
    const picker = screen.getByRole('combobox', { name: 'Scenario' });
    const options = [...picker.querySelectorAll('option')].map((o) => o.textContent);
    expect(options).toContain('Free play');
    expect(options).toContain('A hotfix made by hand');
    expect(options.at(-1)).toBe('Import…');
    expect((picker as HTMLSelectElement).value).toBe('hotfix-drift');
  });

  it('steps forward with the counter moving at once, and back again', async () => {
    const user = userEvent.setup();
    render(<TopBar />);
    const total = Number(/of (\d+)/.exec(counter() ?? '')![1]);
    expect(counter()).toBe(`Step 0 of ${total}`);
    expect((button('Step back') as HTMLButtonElement).disabled).toBe(true);
    await user.click(button('Step'));
    await waitFor(() => expect(counter()).toBe(`Step 1 of ${total}`));
    // Step 2 asks before it runs: Step waits for an answer.
    expect((button('Step') as HTMLButtonElement).disabled).toBe(true);
    expect(button('Step').title).toBe('Answer the question first: predict, then see');
    appStore.getState().answer(0);
    await user.click(button('Step'));
    await waitFor(() => expect(counter()).toBe(`Step 2 of ${total}`));
    const clock = screen.getByRole('timer', { name: 'Virtual clock' }).textContent;
    await user.click(button('Step back'));
    await waitFor(() => expect(counter()).toBe(`Step 1 of ${total}`));
    expect(screen.getByRole('timer', { name: 'Virtual clock' }).textContent).not.toBe(clock);
  });

  it('toggles Play and Pause in one button, and sets the speed', async () => {
    const user = userEvent.setup();
    render(<TopBar />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Speed' }), '300');
    expect(appStore.getState().speed).toBe(300);
    await user.click(button('Play'));
    expect(button('Pause').getAttribute('aria-pressed')).toBe('true');
    await user.click(button('Pause'));
    expect(button('Play').getAttribute('aria-pressed')).toBe('false');
  });
});
