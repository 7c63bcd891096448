// The console's flux lines over a small sandbox of the Flux flavour (the starter repo, app
// apps/web). Formats follow Flux 2.x's `flux get` tables (NAME REVISION SUSPENDED READY MESSAGE,
// `main@sha1:<sha>` revisions, "Applied revision: ..."; REFERENCE.md on Flux's Kustomization).
import '../../platform/node';
import { describe, expect, it } from 'vitest';
import { cliSandbox, scaleWebTo4 } from '../argocd-cli/test-fixtures';
import { runAction } from '../scenario/actions';
import { runFlux } from './run';

const sandbox = (flavour: 'flux' | 'argo' = 'flux') => cliSandbox({ flavour });
const SHA = /[0-9a-f]{40}/.source;

describe('flux read lines answer from the lane', () => {
  it.each([
    [
      'flux get kustomizations',
      new RegExp(
        `^NAME\\tREVISION {10,}\\tSUSPENDED\\tREADY\\tMESSAGE\\nweb \\tmain@sha1:${SHA}\\tFalse {4}\\tTrue \\tApplied revision: main@sha1:${SHA}$`,
      ),
    ],
    [
      'flux get sources git',
      new RegExp(
        `^NAME {7}\\tREVISION[\\s\\S]*\\nflux-system\\tmain@sha1:${SHA}\\tFalse {4}\\tTrue \\tstored artifact for revision 'main@sha1:${SHA}'$`,
      ),
    ],
    ['flux help', /flux reconcile kustomization <name> \[--with-source\]/],
  ])('%s', async (line, expected) => {
    const { view } = await sandbox();
    const r = await runFlux(line, view, 'you');
    expect(r.kind === 'text' && r.ok && r.text).toMatch(expected);
  });
});

describe('flux events', () => {
  it('lists the Kustomization events of the first apply, oldest first', async () => {
    const { s, view } = await sandbox();
    const trail = { records: s.audit.records(), now: s.now() };
    const r = await runFlux('flux events', { ...view, trail }, 'you');
    const lines = r.kind === 'text' && r.ok ? r.text.split('\n') : [];
    expect(lines[0]).toMatch(/^LAST SEEN\tTYPE {2}\tREASON {17}\tOBJECT {11}\tMESSAGE$/);
    expect(
      lines.slice(1).map((l) =>
        l
          .split('\t')
          .slice(1, 4)
          .map((c) => c.trim()),
      ),
    ).toEqual([
      ['Normal', 'Progressing', 'Kustomization/web'],
      ['Normal', 'ReconciliationSucceeded', 'Kustomization/web'],
    ]);
  });
});

describe('flux refusals', () => {
  it.each([
    ['argo', 'flux get kustomizations', /runs Argo CD, not Flux/],
    [
      'flux',
      'flux reconcile kustomization nope',
      /^✗ Kustomization.kustomize.toolkit.fluxcd.io "nope" not found$/,
    ],
    ['flux', 'flux suspend kustomization nope', /"nope" not found/],
    [
      'flux',
      'flux reconcile source git other',
      /^✗ GitRepository.source.toolkit.fluxcd.io "other" not found$/,
    ],
    ['flux', 'flux get kustomizations --bogus', /^✗ unknown flag: --bogus$/],
  ] as const)('%s lane: %s', async (flavour, line, expected) => {
    const { view } = await sandbox(flavour);
    const r = await runFlux(line, view, 'you');
    expect(r.kind === 'text' && !r.ok && r.text).toMatch(expected);
  });
});

describe('flux write lines become recorded scenario actions', () => {
  it.each([
    ['flux reconcile kustomization web', { sync: { lane: 'gitops', by: 'you', app: 'web' } }],
    ['flux reconcile ks web --with-source', { sync: { lane: 'gitops', by: 'you', app: 'web' } }],
    ['flux reconcile source git flux-system', { refresh: { lane: 'gitops' } }],
    ['flux suspend kustomization web', { set: { lane: 'gitops', suspend: true } }],
    ['flux resume kustomization web', { set: { lane: 'gitops', suspend: false } }],
  ])('%s', async (line, action) => {
    const { view } = await sandbox();
    const r = await runFlux(line, view, 'you');
    expect(r.kind === 'action' && r.action).toEqual(action);
  });

  it('suspend shows in SUSPENDED, and a reconcile applies the new revision', async () => {
    const { s, view } = await sandbox();
    const suspend = await runFlux('flux suspend kustomization web', view, 'you');
    if (suspend.kind !== 'action') throw new Error('expected an action');
    await runAction(s, suspend.action);
    const table = await runFlux('flux get ks', view, 'you');
    expect(table.kind === 'text' && table.text.split('\n')[1]).toMatch(/\tTrue {5}\t/);
    const resume = await runFlux('flux resume kustomization web', view, 'you');
    if (resume.kind !== 'action') throw new Error('expected an action');
    await runAction(s, resume.action);
    const sha = await scaleWebTo4(s);
    const reconcile = await runFlux('flux reconcile kustomization web --with-source', view, 'you');
    if (reconcile.kind !== 'action') throw new Error('expected an action');
    const outcome = await runAction(s, reconcile.action);
    await s.advance(5_000);
    expect(reconcile.after?.(view, outcome.text)).toMatch(
      new RegExp(
        `✔ fetched revision main@sha1:${sha}\\n► annotating Kustomization web in flux-system namespace\\n✔ Kustomization annotated\\n◎ waiting for Kustomization reconciliation\\n✔ applied revision main@sha1:${sha}$`,
      ),
    );
  });
});
