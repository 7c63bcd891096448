// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { HealthBadge, MatchesGit, PipelineBadge, SyncBadge } from './badges';
import { PodDots } from './PodDots';

afterEach(cleanup);

describe('status badges', () => {
  it.each(['Synced', 'OutOfSync', 'Unknown'] as const)('shows the sync status %s in words', (s) => {
    render(<SyncBadge status={s} />);
    expect(screen.getByText(s)).toBeTruthy();
  });

  it.each(['Healthy', 'Progressing', 'Degraded', 'Suspended', 'Missing', 'Unknown'] as const)(
    'shows the health status %s in words, with an icon hidden from screen readers',
    (h) => {
      const { container } = render(<HealthBadge status={h} />);
      expect(container.textContent).toContain(h);
      const icon = container.querySelector('[aria-hidden="true"]');
      expect(icon?.textContent).not.toBe('');
    },
  );

  it('says whether the cluster matches Git', () => {
    const { rerender } = render(<MatchesGit yes />);
    expect(screen.getByText('Matches Git: yes')).toBeTruthy();
    rerender(<MatchesGit yes={false} />);
    expect(screen.getByText('Matches Git: no')).toBeTruthy();
  });

  it('names the pipeline state', () => {
    render(<PipelineBadge state="waiting-approval" />);
    expect(screen.getByText('waiting-approval')).toBeTruthy();
  });
});

describe('PodDots', () => {
  it('names each pod and its state, in the accessible name and the tooltip', () => {
    render(
      <PodDots
        pods={[
          { name: 'web-a', state: 'Running' },
          { name: 'web-b', state: 'Pending' },
          { name: 'web-c', state: 'CrashLoopBackOff' },
          { name: 'web-d', state: 'ImagePullBackOff' },
        ]}
      />,
    );
    for (const [name, state] of [
      ['web-a', 'Running'],
      ['web-b', 'Pending'],
      ['web-c', 'CrashLoopBackOff'],
      ['web-d', 'ImagePullBackOff'],
    ]) {
      const dot = screen.getByRole('img', { name: `${name}: ${state}` });
      expect(dot.getAttribute('title')).toBe(`${name}: ${state}`);
    }
    expect(
      screen.getByRole('list', {
        name: 'Pods: 1 Running, 1 Pending, 1 CrashLoopBackOff, 1 ImagePullBackOff',
      }),
    ).toBeTruthy();
  });
});
