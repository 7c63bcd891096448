// @vitest-environment jsdom
// Narration: the step's title and markdown (never raw HTML), then its expectations, ✓ or ✗.
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReactElement } from 'react';
import { createAppStore } from '../../store/store';
import { renderWithStore } from '../testing/render-with-store';
import { Narration } from './Narration';

let appStore = createAppStore();
beforeEach(() => {
  appStore = createAppStore();
});
const render = (ui: ReactElement) => renderWithStore(ui, appStore);

afterEach(cleanup);

const steps = [
  {
    title: 'Ship v2',
    say: 'Commit **v2**. <img src=x onerror="alert(1)"> <script>alert(2)</script>',
  },
  { title: 'Drift', say: 'Scale by hand.' },
];

describe('Narration', () => {
  it('shows the next step before any ran, its markdown rendered without raw HTML', async () => {
    appStore.setState({ scenarioTitle: 'A test', steps, results: [] });
    const { container } = render(<Narration />);
    expect(screen.getByRole('heading', { name: 'Next: Ship v2' })).toBeTruthy();
    expect((await screen.findByText('v2')).tagName).toBe('STRONG');
    expect(container.querySelector('img, script')).toBeNull();
    expect(container.innerHTML).not.toContain('onerror');
  });

  it('shows the step that ran, with its expectations held or not', () => {
    appStore.setState({
      steps,
      results: [
        {
          index: 0,
          title: 'Ship v2',
          t: 300_000,
          kind: 'plain',
          auditEnd: 0,
          actions: [{ ok: false, text: 'E_NO_OPEN_PR: nothing to merge', fatal: true }],
          expectations: [
            { ok: true, text: 'gitops sync Synced' },
            { ok: false, text: 'found 5 for "deployment/web spec.replicas equals 3"' },
          ],
          ok: false,
        },
      ],
    });
    render(<Narration />);
    expect(screen.getByRole('heading', { name: '1. Ship v2' })).toBeTruthy();
    const list = within(screen.getByRole('list', { name: 'Expectations' }));
    expect(list.getByText('held:').parentElement?.textContent).toContain('✓');
    expect(list.getByText('did not hold:').parentElement?.className).toBe('failed');
    expect(screen.getByRole('list', { name: 'What the actions answered' }).textContent).toContain(
      'E_NO_OPEN_PR',
    );
  });
});
