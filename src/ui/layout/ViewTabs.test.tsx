// @vitest-environment jsdom
// The view tabs follow WAI-ARIA's tabs pattern (issue 14: → on a tab ran a step and the tab did
// not change): the selected tab is the one Tab stop, arrows, Home and End move and select.
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ViewTabs } from './ViewTabs';

const TABS = [
  { id: 'lanes', label: 'Lanes' },
  { id: 'compare', label: 'Compare' },
  { id: 'git', label: 'Git' },
] as const;

function Harness() {
  const [tab, setTab] = useState<(typeof TABS)[number]['id']>('lanes');
  return <ViewTabs label="Views" tabs={TABS} selected={tab} onSelect={setTab} />;
}

afterEach(cleanup);

const selected = () =>
  screen.getAllByRole('tab').filter((t) => t.getAttribute('aria-selected') === 'true');

describe('view tabs', () => {
  it('makes only the selected tab a Tab stop', () => {
    render(<Harness />);
    expect(screen.getAllByRole('tab').map((t) => t.tabIndex)).toEqual([0, -1, -1]);
  });

  it.each([
    ['→ selects and focuses the next tab', ['{ArrowRight}'], 'Compare'],
    ['→ from the last wraps to the first', ['{End}', '{ArrowRight}'], 'Lanes'],
    ['← from the first wraps to the last', ['{ArrowLeft}'], 'Git'],
    ['End goes to the last, Home back to the first', ['{End}', '{Home}'], 'Lanes'],
  ])('%s', async (_name, keys, expected) => {
    const user = userEvent.setup();
    render(<Harness />);
    screen.getByRole('tab', { name: 'Lanes' }).focus();
    for (const key of keys) await user.keyboard(key);
    expect(selected().map((t) => t.textContent)).toEqual([expected]);
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: expected }));
  });

  it('a click selects, and names the panel it controls', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.click(screen.getByRole('tab', { name: 'Git' }));
    expect(selected()[0]).toHaveProperty('id', 'tab-git');
    expect(selected()[0]!.getAttribute('aria-controls')).toBe('panel-git');
  });
});
