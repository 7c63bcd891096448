// @vitest-environment jsdom
// The shortcuts sheet (issue 14): `?` opens it as a modal dialog, Esc closes it and focus goes
// back to where it was; `?` in a text field stays text.
import { act, cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { shortcutsSheet } from './shortcuts-sheet';
import { ShortcutsSheet } from './ShortcutsSheet';
import { useKeyboard } from './useKeyboard';
import { renderWithStore as render } from '../testing/render-with-store';

function Page() {
  useKeyboard();
  return (
    <>
      <button type="button">Sync</button>
      <input aria-label="Command" />
      <ShortcutsSheet />
    </>
  );
}

afterEach(() => {
  cleanup();
  act(() => shortcutsSheet.set(false));
});

describe('the shortcuts sheet', () => {
  it('opens on ?, lists the shortcuts, closes on Esc and gives focus back', async () => {
    const user = userEvent.setup();
    render(<Page />);
    const sync = screen.getByRole('button', { name: 'Sync' });
    sync.focus();
    await user.keyboard('?');
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.textContent).toContain('Step: run the next step');
    expect(dialog.textContent).toContain('Play or pause');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(sync);
  });

  it('keeps Tab inside and closes with its Close button', async () => {
    const user = userEvent.setup();
    render(<Page />);
    act(() => shortcutsSheet.set(true));
    const close = screen.getByRole('button', { name: 'Close' });
    await user.tab();
    expect(document.activeElement).toBe(close);
    await user.click(close);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('leaves ? to a text field', async () => {
    const user = userEvent.setup();
    render(<Page />);
    await user.type(screen.getByRole('textbox', { name: 'Command' }), 'git help?');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Command' }).value).toBe(
      'git help?',
    );
  });
});
