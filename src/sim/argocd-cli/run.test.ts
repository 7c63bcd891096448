// The console's argocd lines over a small sandbox (the starter repo, app apps/web on the GitOps
// lane). Formats follow Argo CD 3.x's cmd/argocd/commands/app.go; refusals are the API server's
// gRPC errors (REFERENCE.md: rollback is refused while auto-sync is on).
import '../../platform/node';
import { describe, expect, it } from 'vitest';
import { runAction } from '../scenario/actions';
import { completeCli } from './complete';
import { cliSandbox, scaleWebTo4 } from './test-fixtures';
import { runArgocd } from './run';

const sandbox = (automated = true) => cliSandbox({ automated });

async function text(line: string, automated = true) {
  const { view } = await sandbox(automated);
  const r = await runArgocd(line, view, 'you');
  if (r.kind !== 'text') throw new Error('expected text');
  return r;
}

describe('argocd read lines answer from the lane', () => {
  it.each([
    [
      'argocd app list',
      /^NAME {2,}CLUSTER {2,}NAMESPACE {2,}PROJECT {2,}STATUS {2,}HEALTH {2,}SYNCPOLICY {2,}CONDITIONS {2,}REPO {2,}PATH {2,}TARGET\nargocd\/web {2,}https:\/\/kubernetes.default.svc {2,}default {2,}default {2,}Synced {2,}Healthy {2,}Auto {2,}<none> /,
    ],
    [
      'argocd app get web',
      /^Name: {15}argocd\/web\nProject: {12}default\n[\s\S]*Sync Policy: {8}Automated\nSync Status: {8}Synced to HEAD \([0-9a-f]{7}\)\nHealth Status: {6}Healthy\n\nGROUP {2,}KIND {2,}NAMESPACE {2,}NAME {2,}STATUS {2,}HEALTH {2,}HOOK {2,}MESSAGE\n/,
    ],
    ['argocd app get web', /\napps {2,}Deployment {2,}default {2,}web {2,}Synced {2,}Healthy/],
    [
      'argocd app history web',
      /^SOURCE {2}https:\S+\nID {2,}DATE {2,}REVISION\n0 {2,}2026-01-05 09:0\d:\d\d \+0000 UTC {2}HEAD \([0-9a-f]{7}\)$/,
    ],
    ['argocd app diff web', /^\(exit 0: no differences\)$/],
    ['argocd help', /argocd app rollback <app> \[<id>\]/],
  ])('%s', async (line, expected) => {
    const r = await text(line);
    expect(r.ok).toBe(true);
    expect(r.text).toMatch(expected);
  });

  it("argocd app diff shows a hotfix in Argo's ===== group/Kind ns/name ====== format", async () => {
    const { s, view } = await sandbox();
    await s.kubectl('gitops', 'scale deployment web --replicas=5', 'bob');
    s.gitops.refresh();
    await s.advance(1_000);
    const r = await runArgocd('app diff web', view, 'you');
    expect(r.kind === 'text' && r.text).toMatch(
      /^===== apps\/Deployment default\/web ======\n[\s\S]*replicas[\s\S]*\(exit 1: the live state differs from Git\)$/,
    );
  });
});

describe("argocd refusals read as Argo CD's", () => {
  it.each([
    [
      'argocd app get nope',
      true,
      'rpc error: code = NotFound desc = applications.argoproj.io "nope" not found',
    ],
    [
      'argocd app rollback web 0',
      true,
      'rpc error: code = FailedPrecondition desc = rollback cannot be initiated when auto-sync is enabled',
    ],
    [
      'argocd app rollback web 7',
      false,
      'rpc error: code = InvalidArgument desc = application web does not have deployment with id 7',
    ],
    [
      'argocd app terminate-op web',
      true,
      'rpc error: code = InvalidArgument desc = Unable to terminate operation. No operation is in progress',
    ],
    ['argocd app set web --sync-policy sometimes', true, 'Error: invalid sync policy "sometimes"'],
    ['argocd app get web --bogus', true, 'Error: unknown flag: --bogus'],
  ])('%s', async (line, automated, expected) => {
    const r = await text(line, automated);
    expect(r).toEqual({ kind: 'text', ok: false, text: expected });
  });

  it('the Flux flavour refuses argocd lines', async () => {
    const { view } = await cliSandbox({ flavour: 'flux' });
    const r = await runArgocd('argocd app list', view, 'you');
    expect(r.kind === 'text' && !r.ok && r.text).toMatch(/runs Flux, not Argo CD/);
  });
});

describe('argocd write lines become recorded scenario actions', () => {
  it.each([
    ['argocd app sync web', { sync: { lane: 'gitops', by: 'you', app: 'web' } }],
    [
      'argocd app sync web --revision main',
      { sync: { lane: 'gitops', by: 'you', app: 'web', revision: 'main' } },
    ],
    [
      'argocd app set web --sync-policy none --self-heal',
      { set: { lane: 'gitops', automated: false, selfHeal: true } },
    ],
    [
      'argocd app set web --sync-policy automated --auto-prune',
      { set: { lane: 'gitops', automated: true, prune: true } },
    ],
  ])('%s', async (line, action) => {
    const { view } = await sandbox();
    const r = await runArgocd(line, view, 'you');
    expect(r.kind === 'action' && r.action).toEqual(action);
  });

  it('a rollback by history id runs once auto-sync is off', async () => {
    const { s, view } = await sandbox();
    const off = await runArgocd('argocd app set web --sync-policy none', view, 'you');
    if (off.kind !== 'action') throw new Error('expected an action');
    await runAction(s, off.action);
    await scaleWebTo4(s);
    const sync = await runArgocd('argocd app sync web', view, 'you');
    if (sync.kind !== 'action') throw new Error('expected an action');
    expect((await runAction(s, sync.action)).ok).toBe(true);
    await s.advance(30_000);
    const rollback = await runArgocd('argocd app rollback web 0', view, 'you');
    expect(rollback.kind === 'action' && rollback.action).toEqual({
      rollback: { lane: 'gitops', method: 'history', by: 'you', app: 'web', to: 0 },
    });
    if (rollback.kind !== 'action') return;
    const outcome = await runAction(s, rollback.action);
    expect(outcome.ok).toBe(true);
    expect(outcome.text).toMatch(/rolling back to history id 0/);
    expect(rollback.after?.(view, outcome.text)).toMatch(/\nName: {15}argocd\/web\n/);
  });
});

describe('Tab completes argocd and flux lines', () => {
  it.each([
    ['arg', ['argocd ']],
    ['argocd app ro', ['argocd app rollback ']],
    ['argocd app get ', ['argocd app get web ']],
    ['flux get ', ['flux get kustomizations ', 'flux get sources ']],
    ['flux suspend kustomization w', ['flux suspend kustomization web ']],
  ])('%s', (line, expected) => {
    expect(completeCli(line, ['web'])).toEqual(expected);
  });
});
