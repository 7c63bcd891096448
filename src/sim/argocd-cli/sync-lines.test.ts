// `argocd app sync` with its flags, `app wait` and `app terminate-op` in the console: each becomes
// a recorded scenario action and does what Argo CD does (docs/user-guide/commands/
// argocd_app_sync.md, argocd_app_wait.md, argocd_app_terminate-op.md; REFERENCE.md, pull lane).
import '../../platform/node';
import { describe, expect, it } from 'vitest';
import type { ImageBehaviour } from '../cluster';
import { Sandbox } from '../sandbox';
import { runAction } from '../scenario/actions';
import type { Action } from '../scenario/schema';
import { STARTER_FILES } from '../starter-repo';
import { runArgocd } from './run';
import type { ArgoView } from './read';

const DEPLOY = 'apps/web/deployment.yaml';
const CONFIG = 'apps/web/configmap.yaml';
const CM = { kind: 'ConfigMap', name: 'web-config' };
const WEB = { kind: 'Deployment', name: 'web' };

/** Manual sync only (auto-sync off), images as given; a minute in, after the first manual sync. */
async function manual(images: Record<string, ImageBehaviour> = {}) {
  const s = await Sandbox.create({
    files: { ...STARTER_FILES },
    path: 'apps/web',
    lanes: { gitops: { automated: false } },
    images: { 'web:1.0': { readyAfterMs: 10_000 }, ...images },
  });
  const view: ArgoView = { gitops: s.gitops, cluster: s.clusters.gitops };
  /** Runs a console line as the learner would: its action, then what the tool prints. */
  const line = async (text: string) => {
    const r = await runArgocd(text, view, 'you');
    if (r.kind === 'text') return { ok: r.ok, text: r.text, action: null as Action | null };
    const outcome = await runAction(s, r.action);
    const out = outcome.ok && r.after ? r.after(view, outcome.text) : outcome.text;
    return { ok: outcome.ok, text: out, action: r.action };
  };
  await line('argocd app sync web');
  await s.advance(60_000);
  return { s, view, line, app: s.gitops.apps[0]! };
}

const replicas = (s: Sandbox) =>
  (s.clusters.gitops.get(WEB)?.spec as { replicas: number } | undefined)?.replicas;

describe('argocd app sync flags become the sync action', () => {
  it.each([
    ['argocd app sync web --prune', { prune: true }],
    ['argocd app sync web --dry-run', { dryRun: true }],
    [
      'argocd app sync web --resource apps:Deployment:web --resource :Service:default/web',
      { resources: ['apps:Deployment:web', ':Service:default/web'] },
    ],
  ])('%s', async (text, flags) => {
    const { view } = await manual();
    const r = await runArgocd(text, view, 'you');
    expect(r.kind === 'action' && r.action).toEqual({
      sync: { lane: 'gitops', by: 'you', app: 'web', ...flags },
    });
  });

  it('a --resource not in GROUP:KIND:NAME form is refused in the CLI words', async () => {
    const { view } = await manual();
    const r = await runArgocd('argocd app sync web --resource Deployment/web', view, 'you');
    expect(r).toEqual({
      kind: 'text',
      ok: false,
      text: 'Error: Resource filter "Deployment/web" is not in the format GROUP:KIND:NAME or GROUP:KIND:NAMESPACE/NAME',
    });
  });
});

describe('what the sync flags do', () => {
  it.each([
    ['argocd app sync web --prune', false],
    ['argocd app sync web', true],
  ])('%s with the prune policy off: the removed ConfigMap is kept: %s', async (text, kept) => {
    const { s, line } = await manual();
    await s.commit({ author: 'alice', message: 'drop config', remove: [CONFIG] });
    await line(text);
    await s.advance(30_000);
    expect(s.clusters.gitops.get(CM) !== undefined).toBe(kept);
  });

  it('--dry-run says what it would do and changes nothing, nor the history', async () => {
    const { s, line, app } = await manual();
    await s.commit({
      author: 'alice',
      message: 'scale',
      write: { [DEPLOY]: STARTER_FILES[DEPLOY]!.replace('replicas: 3', 'replicas: 4') },
    });
    const before = app.history.length;
    const out = await line('argocd app sync web --dry-run');
    await s.advance(10_000);
    expect(replicas(s)).toBe(3);
    expect(app.history).toHaveLength(before);
    expect(app.sync).toBe('OutOfSync');
    expect(app.operation?.results.map((r) => r.message)).toContain(
      'deployment.apps/web configured (dry run)',
    );
    expect(out.text).toMatch(/Phase: {14}Succeeded/);
  });

  it('--resource syncs only the selected resource and adds no history entry', async () => {
    const { s, line, app } = await manual();
    await s.commit({
      author: 'alice',
      message: 'scale and greet',
      write: {
        [DEPLOY]: STARTER_FILES[DEPLOY]!.replace('replicas: 3', 'replicas: 4'),
        [CONFIG]: STARTER_FILES[CONFIG]!.replace('hello', 'hi'),
      },
    });
    const before = app.history.length;
    await line('argocd app sync web --resource apps:Deployment:web');
    await s.advance(10_000);
    expect(replicas(s)).toBe(4);
    expect((s.clusters.gitops.get(CM)?.data as Record<string, string>).GREETING).toBe('hello');
    expect(app.history).toHaveLength(before);
    expect(app.sync).toBe('OutOfSync');
  });
});

describe('argocd app wait and terminate-op', () => {
  it('app wait --health lets virtual time run until the app is Healthy, then prints the final status', async () => {
    const { s, line, app } = await manual({ 'web:2.0': { readyAfterMs: 40_000 } });
    await s.commit({
      author: 'alice',
      message: 'v2',
      write: { [DEPLOY]: STARTER_FILES[DEPLOY]!.replace('web:1.0', 'web:2.0') },
    });
    await line('argocd app sync web');
    expect(app.health).not.toBe('Healthy');
    const started = s.now();
    const out = await line('argocd app wait web --health --timeout 300');
    expect(out.action).toEqual({
      waitFor: { lane: 'gitops', app: 'web', health: true, timeout: '300s' },
    });
    expect(app.health).toBe('Healthy');
    expect(s.now() - started).toBeGreaterThanOrEqual(30_000);
    expect(out.text).toMatch(/Health Status: {6}Healthy[\s\S]*Operation: {10}Sync\n/);
  });

  it("app wait gives up at its timeout in the real command's words", async () => {
    const { s, line } = await manual({ 'web:bad': { crash: true } });
    await s.commit({
      author: 'alice',
      message: 'bad',
      write: { [DEPLOY]: STARTER_FILES[DEPLOY]!.replace('web:1.0', 'web:bad') },
    });
    await line('argocd app sync web');
    const out = await line('argocd app wait web --health --timeout 20');
    expect(out).toMatchObject({
      ok: false,
      text: 'timed out (20s) waiting for app "web" match desired state',
    });
  });

  it('terminate-op ends a running sync as Failed "Operation terminated": its later waves never run and it is not retried', async () => {
    // A wave that waits for a slow Deployment, then a ConfigMap in wave 1.
    const { s, line, app } = await manual({ 'web:slow': { readyAfterMs: 120_000 } });
    const waved = STARTER_FILES[CONFIG]!.replace(
      'name: web-config',
      'name: web-config\n  annotations:\n    argocd.argoproj.io/sync-wave: "1"',
    ).replace('hello', 'hi');
    await s.commit({
      author: 'alice',
      message: 'slow',
      write: { [DEPLOY]: STARTER_FILES[DEPLOY]!.replace('web:1.0', 'web:slow'), [CONFIG]: waved },
    });
    await line('argocd app sync web');
    await s.advance(5_000);
    expect(app.operation?.phase).toBe('Running');
    const out = await line('argocd app terminate-op web');
    expect(out).toMatchObject({ ok: true, text: "Application 'web' operation terminating" });
    expect(app.operation).toMatchObject({ phase: 'Failed', message: 'Operation terminated' });
    await s.advance(600_000);
    expect((s.clusters.gitops.get(CM)?.data as Record<string, string>).GREETING).toBe('hello');
    expect(app.operation?.message).toBe('Operation terminated');
  });
});
