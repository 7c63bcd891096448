// @vitest-environment jsdom
// The last resort: a rendering error shows a way out (Export session, Reset), never a blank page,
// and a polluted prototype is put back before the way out is drawn.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from './ErrorBoundary';

afterEach(cleanup);

function Broken({ pollute = false }: { pollute?: boolean }): never {
  if (pollute) (Object.prototype as Record<string, unknown>).get = 'yes';
  throw new Error('Getter must be a function: yes');
}

describe('ErrorBoundary', () => {
  it('shows what stopped, with Export session and Reset', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <ErrorBoundary>
        <Broken pollute />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('alert').textContent).toContain(
      'Getter must be a function: yes. The session is still stored: export it, or Reset',
    );
    expect(screen.getByRole('button', { name: 'Export session' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Reset' })).toBeTruthy();
    expect(({} as Record<string, unknown>).get).toBeUndefined();
    vi.restoreAllMocks();
  });

  it('shows its fallback in place of a part that failed, leaving the rest', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <main>
        <p>The lanes</p>
        <ErrorBoundary fallback={(e) => <p>plain: {e.message}</p>}>
          <Broken />
        </ErrorBoundary>
      </main>,
    );
    expect(screen.getByText('The lanes')).toBeTruthy();
    expect(screen.getByText('plain: Getter must be a function: yes')).toBeTruthy();
    vi.restoreAllMocks();
  });
});
