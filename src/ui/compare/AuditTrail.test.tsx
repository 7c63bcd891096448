// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CommitView } from '../../store/view';
import { AuditTrail } from './AuditTrail';
import { fakeClientHeight, LEAKED_TOKEN_TRAIL as TRAIL, SHA_A } from './test-fixtures';

const COMMITS: CommitView[] = [
  {
    sha: SHA_A,
    subject: 'Initial commit',
    message: 'Initial commit\n',
    author: 'platform-team',
    t: 0,
    parents: [],
    refs: ['main'],
  },
];

let undoHeight = () => {};
beforeAll(() => {
  undoHeight = fakeClientHeight(900);
});
afterAll(() => undoHeight());
afterEach(cleanup);

const region = () => within(screen.getByRole('region', { name: 'Audit trail' }));
const table = () => within(screen.getByRole('table'));
/** The body rows of the trail (the header row aside), each as its cells' text. */
const bodyRows = () =>
  region()
    .getAllByRole('row')
    .filter((row) => row.getAttribute('aria-rowindex') !== '1');
const actorsShown = () =>
  [...screen.getByRole('table').querySelectorAll('.t-actor')].map((el) => el.textContent);

describe('AuditTrail', () => {
  it('shows both lanes side by side, machinery hidden until asked for', () => {
    render(<AuditTrail records={TRAIL} commits={COMMITS} />);
    const headers = region()
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['Time', 'DevOps (push)', 'Repo (git)', 'GitOps (pull)']);
    expect(actorsShown()).not.toContain('driftlab');
    fireEvent.click(region().getByRole('checkbox', { name: 'Show controller writes' }));
    expect(actorsShown()).toContain('driftlab');
    expect(actorsShown()).toContain('deployment-controller');
    const controller = table().getByText('deployment-controller').closest('[role="cell"]')!;
    expect(controller.className).toContain('machinery');
  });

  it('narrows the rows when filtered by actor', () => {
    render(<AuditTrail records={TRAIL} commits={COMMITS} />);
    const before = bodyRows().length;
    fireEvent.change(region().getByRole('combobox', { name: 'Actor' }), {
      target: { value: 'ci-bot' },
    });
    expect(bodyRows().length).toBeLessThan(before);
    expect(bodyRows()).toHaveLength(3);
    expect(new Set(actorsShown())).toEqual(new Set(['ci-bot']));
    expect(region().getByText('Showing 3 of 15 records')).toBeTruthy();
  });

  it('narrows by channel and by object text', () => {
    render(<AuditTrail records={TRAIL} commits={COMMITS} />);
    fireEvent.change(region().getByRole('combobox', { name: 'Channel' }), {
      target: { value: 'kubectl' },
    });
    expect(actorsShown().sort()).toEqual(['bob', 'ci-bot', 'mallory']);
    fireEvent.change(region().getByRole('searchbox', { name: 'Object' }), {
      target: { value: 'leaked' },
    });
    expect(actorsShown()).toEqual(['mallory']);
    fireEvent.click(region().getByRole('button', { name: 'Clear filters' }));
    expect(actorsShown()).toContain('platform-team');
  });

  it('marks "out-of-band" exactly on cluster changes made without a revision', () => {
    render(<AuditTrail records={TRAIL} commits={COMMITS} />);
    fireEvent.click(region().getByRole('checkbox', { name: 'Show controller writes' }));
    const marks = region().getAllByText('out-of-band');
    const marked = marks.map((m) => {
      const cell = m.closest('[role="cell"]')!;
      return `${cell.querySelector('.t-actor')!.textContent} ${cell.querySelector('.t-object')!.textContent}`;
    });
    expect(marked.sort()).toEqual([
      'bob Deployment/default/web',
      'ci-bot Deployment/default/web',
      'ci-bot Secret/default/db',
    ]);
    // The refused attempt changed nothing; the controller only followed a revisioned write.
    const refused = table().getByText('mallory').closest('[role="cell"]')!;
    expect(refused.textContent).not.toContain('out-of-band');
    expect(refused.textContent).toContain('no revision');
  });

  it('sums up each lane above the rows, whatever the filters', () => {
    render(<AuditTrail records={TRAIL} commits={COMMITS} />);
    fireEvent.change(region().getByRole('combobox', { name: 'Actor' }), {
      target: { value: 'bob' },
    });
    const card = (name: string) =>
      region().getByRole('heading', { name }).closest('.summary-card')!.textContent;
    expect(card('DevOps (push)')).toContain('3 changes');
    expect(card('DevOps (push)')).toContain('2 out-of-band');
    expect(card('DevOps (push)')).toContain('Actors: ci-bot');
    expect(card('GitOps (pull)')).toContain('3 changes');
    expect(card('GitOps (pull)')).toContain('1 out-of-band');
    expect(card('GitOps (pull)')).toContain('1 refused');
    expect(card('GitOps (pull)')).toContain('Actors: reconciler, bob, mallory');
    expect(card('Repo')).toContain('1 Git event');
  });

  it('links a row to its commit: the short sha, the subject as its title', () => {
    const picked: string[] = [];
    render(
      <AuditTrail records={TRAIL} commits={COMMITS} onSelectCommit={(sha) => picked.push(sha)} />,
    );
    const shas = region().getAllByRole('button', { name: SHA_A.slice(0, 7) });
    expect(shas[0]!.getAttribute('title')).toBe('Initial commit');
    fireEvent.click(shas[0]!);
    expect(picked).toEqual([SHA_A]);
    expect(region().getByRole('status').textContent).toBe(
      `Commit ${SHA_A.slice(0, 7)}: Initial commit (platform-team, 00:00:00)`,
    );
  });

  it('shows Secret values only as the hashes the trail holds', () => {
    render(<AuditTrail records={TRAIL} commits={COMMITS} />);
    expect(screen.getByRole('region', { name: 'Audit trail' }).textContent).not.toMatch(
      /password|hash:/,
    );
  });
});
