// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MetricsTable } from './MetricsTable';
import { METRICS_PAIR } from './test-fixtures';

afterEach(cleanup);

const ELEVEN_MINUTES = 11 * 60_000;

/** The DevOps and GitOps cells of the row whose metric is `label`. */
function cells(label: string) {
  const row = screen.getByRole('rowheader', { name: new RegExp(`^${label}`) }).closest('tr')!;
  const [devops, gitops] = within(row).getAllByRole('cell');
  return { devops: devops!, gitops: gitops! };
}

function show(metrics = METRICS_PAIR, windowMs = ELEVEN_MINUTES) {
  render(<MetricsTable metrics={metrics} windowMs={windowMs} />);
}

describe('MetricsTable', () => {
  it('has a row per shown metric and a column per lane, under a heading that says what they are', () => {
    show();
    expect(screen.getByRole('heading', { name: 'Delivery and drift, per lane' })).toBeTruthy();
    const table = screen.getByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Metric', 'DevOps (push)', 'GitOps (pull)']);
    expect(within(table).getAllByRole('rowheader')).toHaveLength(11);
  });

  it('marks the better value with a star and the word "better"', () => {
    show();
    const lead = cells('Change lead time');
    expect(lead.gitops.textContent).toBe('1m ★better');
    expect(within(lead.gitops).getByText('better').className).toBe('visually-hidden');
    expect(lead.devops.textContent).toBe('3m');
    expect(cells('Rebuildable from Git').gitops.textContent).toBe('yes ★better');
  });

  it('gives a rate with its count and window, not extrapolated to a day from minutes', () => {
    show();
    expect(cells('Deployment frequency').devops.textContent).toBe('4 deploys in 11m ★better');
    expect(screen.queryByText(/\/ day/)).toBeNull();
  });

  it('gives the rate per day once a day has run', () => {
    show(METRICS_PAIR, 2 * 86_400_000);
    expect(cells('Deployment frequency').gitops.textContent).toBe('3 deploys in 2d (2.5 / day)');
  });

  it('gives a fail rate as failed deploys of all deploys', () => {
    show();
    const fail = cells('Change fail rate');
    // A tie marks neither.
    expect(fail.devops.textContent).toBe('2 of 4 failed (50%)');
    expect(fail.devops.className).not.toBe('metric-better'); // 50% each: a tie marks neither
  });

  it.each([
    ['drift that was never detected', { driftEvents: 2, timeToDetectMs: null }, 'not detected'],
    ['no drift at all', { driftEvents: 0, timeToDetectMs: null }, 'no drift yet'],
  ])('tells %s apart: "%s"', (_name, fields, text) => {
    show({ ...METRICS_PAIR, devops: { ...METRICS_PAIR.devops, ...fields } });
    const detect = cells('Time to detect drift').devops;
    expect(detect.textContent).toBe(text);
    expect(detect.className).toBe('metric-none');
  });

  it('says "nothing failed" rather than a recovery time when no deploy failed', () => {
    const calm = { ...METRICS_PAIR.devops, changeFailRate: 0, recoveryTimeMs: null };
    show({ ...METRICS_PAIR, devops: calm });
    expect(cells('Failed deployment recovery time').devops.textContent).toBe('nothing failed');
  });

  it('explains a metric in plain words behind "? what is this", saying the pull lane neither builds nor tests', () => {
    show();
    const name = screen.getByRole('rowheader', { name: /^Change lead time/ });
    const what = within(name).getByText('what is this');
    fireEvent.click(what);
    expect(name.textContent).toMatch(/The pull lane neither builds nor tests/);
  });
});
