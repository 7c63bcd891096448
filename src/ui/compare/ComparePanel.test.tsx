// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReactElement } from 'react';
import { createAppStore, type AppStore } from '../../store/store';
import { renderWithStore } from '../testing/render-with-store';
import type { SandboxView } from '../../store/view';
import { ComparePanel } from './ComparePanel';
import {
  fakeClientHeight,
  LEAKED_TOKEN_TRAIL as TRAIL,
  METRICS_PAIR,
  SHA_A,
} from './test-fixtures';

let appStore = createAppStore();
// The panel reads the repository of the store's run: a stand-in with only what it calls.
beforeEach(() => {
  appStore = Object.assign(createAppStore(), {
    currentRun: (() => ({
      sandbox: { repo: { exportRepository } },
    })) as unknown as AppStore['currentRun'],
  });
});
const render = (ui: ReactElement) => renderWithStore(ui, appStore);

const exportRepository = vi.fn(() =>
  Promise.resolve([
    { path: '.git/HEAD', bytes: new TextEncoder().encode('ref: refs/heads/main\n') },
    { path: 'apps/web/deployment.yaml', bytes: new TextEncoder().encode('kind: Deployment\n') },
  ]),
);

// Only what the Compare tab reads of a view.
const VIEW = {
  t: 300_000,
  seed: 23,
  head: SHA_A,
  commits: [
    {
      sha: SHA_A,
      subject: 'Initial commit',
      message: '',
      author: 'platform-team',
      t: 0,
      parents: [],
      refs: [],
    },
  ],
  pullRequests: [],
  lanes: {},
  metrics: METRICS_PAIR,
  audit: TRAIL,
  auditSize: TRAIL.length,
} as unknown as SandboxView;

/** Every download: its file name and its content. */
const saved: { name: string; blob: Blob }[] = [];
let undoHeight = () => {};

beforeAll(() => {
  undoHeight = fakeClientHeight(600);
  URL.createObjectURL = (blob: Blob) => {
    saved.push({ name: '', blob });
    return `blob:${saved.length}`;
  };
  URL.revokeObjectURL = () => {};
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    saved[saved.length - 1]!.name = this.download;
  });
});
afterAll(() => {
  undoHeight();
  vi.restoreAllMocks();
});
beforeEach(() => {
  saved.length = 0;
  appStore.setState({
    view: VIEW,
    scenarioId: 'leaked-credentials',
    scenarioTitle: 'Leaked CI credentials',
    seed: 23,
    steps: [
      { title: 'Both lanes deploy', say: '' },
      { title: 'Mallory', say: '' },
    ],
    results: [
      {
        index: 0,
        title: 'Both lanes deploy',
        t: 60_000,
        kind: 'plain',
        auditEnd: 0,
        actions: [],
        ok: true,
        expectations: [{ ok: true, text: 'devops: matches Git' }],
      },
    ],
  });
});
afterEach(cleanup);

describe('ComparePanel', () => {
  it('shows the trail, the metrics and the in-sync chart with its text summary', () => {
    render(<ComparePanel />);
    expect(screen.getByRole('region', { name: 'Audit trail' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Delivery and drift, per lane' })).toBeTruthy();
    // The chart's heading says what its figures are: shares of time out of sync.
    expect(screen.getByRole('region', { name: 'Time out of sync with Git' })).toBeTruthy();
    expect(screen.getByText('DevOps out of sync 80% of the time; GitOps 2%.')).toBeTruthy();
    expect(screen.getAllByText('out-of-band')).toHaveLength(3);
  });

  it('exports the audit trail as JSON and CSV, named for scenario and seed', async () => {
    render(<ComparePanel />);
    fireEvent.click(screen.getByRole('button', { name: 'Export audit trail (JSON)' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export audit trail (CSV)' }));
    expect(saved.map((s) => s.name)).toEqual([
      'driftlab-leaked-credentials-23-audit.json',
      'driftlab-leaked-credentials-23-audit.csv',
    ]);
    const json = JSON.parse(await saved[0]!.blob.text()) as { audit: unknown[] };
    expect(json.audit).toHaveLength(TRAIL.length);
    expect((await saved[1]!.blob.text()).split('\r\n')[0]).toMatch(/^seq,t_ms,time,cluster,actor/);
  });

  it('exports the comparison as Markdown with the metrics table and the expectations', async () => {
    render(<ComparePanel />);
    fireEvent.click(screen.getByRole('button', { name: 'Export comparison (Markdown)' }));
    expect(saved[0]!.name).toBe('driftlab-leaked-credentials-23-comparison.md');
    const md = await saved[0]!.blob.text();
    expect(md).toContain('| Change lead time | 3m | 1m ★ |');
    expect(md).toContain('   - ✓ devops: matches Git');
    expect(md).toContain('- Steps run: 1 of 2');
    expect(md).toContain(
      'Time out of sync with Git: DevOps out of sync 80% of the time; GitOps 2%.',
    );
  });

  it('downloads the repository as a zip of its entries', async () => {
    render(<ComparePanel />);
    fireEvent.click(screen.getByRole('button', { name: 'Download repository (zip)' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.name).toBe('driftlab-leaked-credentials-23-repo.zip');
    const files = unzipSync(new Uint8Array(await saved[0]!.blob.arrayBuffer()));
    expect(strFromU8(files['.git/HEAD']!)).toBe('ref: refs/heads/main\n');
  });

  it('waits for the sandbox before showing anything', () => {
    appStore.setState({ view: null });
    render(<ComparePanel />);
    expect(screen.getByText('The sandbox is starting…')).toBeTruthy();
  });
});
