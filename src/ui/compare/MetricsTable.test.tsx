// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MetricsTable } from './MetricsTable';
import { METRICS_PAIR } from './test-fixtures';

afterEach(cleanup);

/** The DevOps and GitOps cells of the row named `label`. */
function cells(label: string) {
  const row = screen.getByRole('rowheader', { name: label }).closest('tr')!;
  const [devops, gitops] = within(row).getAllByRole('cell');
  return { devops: devops!, gitops: gitops! };
}

describe('MetricsTable', () => {
  it('has a row per metric and a column per lane', () => {
    render(<MetricsTable metrics={METRICS_PAIR} />);
    const table = screen.getByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Metric', 'DevOps (push)', 'GitOps (pull)']);
    expect(within(table).getAllByRole('rowheader')).toHaveLength(12);
  });

  it('marks the better value with a star and the word "better"', () => {
    render(<MetricsTable metrics={METRICS_PAIR} />);
    // Lead time: lower is better, 1m beats 3m.
    const lead = cells('Change lead time');
    expect(lead.gitops.textContent).toBe('1m ★better');
    expect(within(lead.gitops).getByText('better').className).toBe('visually-hidden');
    expect(lead.devops.textContent).toBe('3m');
    // Deployment frequency: higher is better.
    expect(cells('Deployment frequency').devops.textContent).toBe('4 / day ★better');
    // A tie marks neither.
    const fail = cells('Change fail rate');
    expect([fail.devops.textContent, fail.gitops.textContent]).toEqual(['50%', '50%']);
    expect(cells('Rebuildable from Git').gitops.textContent).toBe('yes ★better');
  });

  it('shows "–" with "no events yet" for a metric without events, and marks neither side', () => {
    render(<MetricsTable metrics={METRICS_PAIR} />);
    const recovery = cells('Failed deployment recovery time');
    expect(recovery.devops.getAttribute('title')).toBe('no events yet');
    expect(recovery.devops.textContent).toBe('–no events yet');
    expect(recovery.gitops.textContent).toBe('5s');
  });
});
