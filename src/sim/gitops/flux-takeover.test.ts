// Flux takes over kubectl's fields at each Kustomization apply (REFERENCE.md, Flux flavour: "kubectl
// edits do not survive", flux FAQ "Why are kubectl edits rolled back by Flux?", kustomize-controller
// PR #527); `kustomize.toolkit.fluxcd.io/ssa: Merge|Ignore` opts an object out. Argo CD's sync does
// not: a field nobody applied survives it (REFERENCE.md "Apply semantics both lanes share").
import '../../platform/node';
import { describe, expect, it } from 'vitest';
import { Cluster, ops, type KObject } from '../cluster';
import { STARTER_FILES } from '../starter-repo';
import { laneWorld } from '../testing/lane-world';
import { GitopsLane } from './lane';
import type { Flavour } from './options';

const WEB = { kind: 'Deployment', name: 'web' };
const DEPLOY = 'apps/web/deployment.yaml';
const BOB = { actor: 'bob' };
const INTERVAL = 600_000;

async function lane(flavour: Flavour, files: Record<string, string> = {}) {
  const { clock, cluster, commit, laneDeps } = await laneWorld('gitops', { files });
  const gitops = new GitopsLane({ ...laneDeps, options: { flavour } });
  await clock.advanceBy(60_000);
  const remove = (path: string) => commit(`remove ${path}`, {}, [path]);
  return { clock, cluster, app: gitops.apps[0]!, remove };
}

const web = (cluster: Cluster): KObject => cluster.get(WEB)!;
const labels = (cluster: Cluster) => web(cluster).metadata.labels ?? {};
const annotations = (cluster: Cluster) => web(cluster).metadata.annotations ?? {};
const templateAnnotations = (cluster: Cluster) =>
  (web(cluster).spec as { template: { metadata: { annotations?: Record<string, string> } } })
    .template.metadata.annotations ?? {};
const replicas = (cluster: Cluster) => (web(cluster).spec as { replicas: number }).replicas;

type Edit = (cluster: Cluster) => void;
type Seen = (cluster: Cluster) => unknown;

const label: Edit = (c) => ops.setMetadata(c, WEB, 'labels', { team: 'bob' }, false, BOB);
const annotate: Edit = (c) => ops.setMetadata(c, WEB, 'annotations', { note: 'hi' }, false, BOB);
const patchLabel: Edit = (c) =>
  ops.patch(c, WEB, { metadata: { labels: { hotfix: 'yes' } } }, 'merge', BOB);
const restart: Edit = (c) => ops.rolloutRestart(c, WEB, BOB);

describe('Flux flavour: kubectl edits do not survive the next Kustomization interval', () => {
  it.each<[string, Edit, Seen]>([
    ['a label added with kubectl label', label, (c) => labels(c).team],
    ['an annotation added with kubectl annotate', annotate, (c) => annotations(c).note],
    ['a label added with kubectl patch', patchLabel, (c) => labels(c).hotfix],
    [
      "rollout restart's restartedAt",
      restart,
      (c) => templateAnnotations(c)['kubectl.kubernetes.io/restartedAt'],
    ],
  ])('%s is removed at the next apply, and is there until then', async (_, edit, seen) => {
    const { clock, cluster } = await lane('flux');
    edit(cluster);
    await clock.advanceBy(INTERVAL / 2);
    expect(seen(cluster)).toBeDefined();
    await clock.advanceBy(INTERVAL);
    expect(seen(cluster)).toBeUndefined();
  });

  it('a field in Git that kubectl scale changed gets Git value back, owned by kustomize-controller', async () => {
    const { clock, cluster } = await lane('flux');
    ops.scale(cluster, WEB, 5, BOB);
    await clock.advanceBy(INTERVAL + 60_000);
    expect(replicas(cluster)).toBe(3);
    const owners = cluster.managedFields(WEB);
    expect(owners['kustomize-controller']).toContain('spec.replicas');
    expect(Object.keys(owners).filter((m) => m.startsWith('kubectl'))).toEqual([]);
  });

  it("keeps the fields controllers own (the Deployment controller's revision annotation)", async () => {
    const { clock, cluster } = await lane('flux');
    label(cluster);
    await clock.advanceBy(INTERVAL + 60_000);
    expect(labels(cluster).team).toBeUndefined();
    expect(annotations(cluster)['deployment.kubernetes.io/revision']).toBe('1');
  });

  it('ssa: Merge on the live object keeps the kubectl label (no takeover)', async () => {
    const { clock, cluster } = await lane('flux');
    ops.setMetadata(
      cluster,
      WEB,
      'annotations',
      { 'kustomize.toolkit.fluxcd.io/ssa': 'Merge' },
      false,
      BOB,
    );
    label(cluster);
    await clock.advanceBy(INTERVAL + 60_000);
    expect(labels(cluster).team).toBe('bob');
  });

  it('ssa: Ignore in Git leaves the existing object alone, kubectl edit of a Git field included', async () => {
    const ignored = STARTER_FILES[DEPLOY]!.replace(
      'metadata:\n  name: web',
      'metadata:\n  name: web\n  annotations:\n    kustomize.toolkit.fluxcd.io/ssa: Ignore',
    );
    expect(ignored).not.toBe(STARTER_FILES[DEPLOY]);
    const { clock, cluster, app } = await lane('flux', { [DEPLOY]: ignored });
    expect(replicas(cluster)).toBe(3);
    ops.scale(cluster, WEB, 5, BOB);
    await clock.advanceBy(INTERVAL + 60_000);
    expect(replicas(cluster)).toBe(5);
    expect(app.operation?.results.find((r) => r.key.includes('Deployment'))?.message).toMatch(
      /skipped/,
    );
  });
});

describe('Argo CD flavour: a field nobody applied survives a sync', () => {
  it('keeps a kubectl label through a full sync and still applies as argocd-controller', async () => {
    const { clock, cluster } = await lane('argo');
    label(cluster);
    ops.scale(cluster, WEB, 5, BOB);
    await clock.advanceBy(INTERVAL + 60_000);
    expect(labels(cluster).team).toBe('bob');
    expect(cluster.managedFields(WEB)['argocd-controller']).toBeDefined();
  });
});

const extra = (name: string, annotations = '') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${annotations}data:\n  A: "1"\n`;

describe('Flux flavour: what marks an applied object', () => {
  it.each<[Flavour, Record<string, string>, string[]]>([
    [
      'flux',
      {
        'kustomize.toolkit.fluxcd.io/name': 'web',
        'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
      },
      [],
    ],
    ['argo', {}, ['argocd.argoproj.io/tracking-id']],
  ])('%s: the labels and annotations its apply adds', async (flavour, expected, tracking) => {
    const { cluster, app } = await lane(flavour);
    const { labels: l = {}, annotations: a = {} } = web(cluster).metadata;
    expect(Object.fromEntries(Object.entries(l).filter(([k]) => k.includes('fluxcd')))).toEqual(
      expected,
    );
    expect(Object.keys(a).filter((k) => k.startsWith('argocd.argoproj.io'))).toEqual(tracking);
    expect(app.resources.length).toBeGreaterThan(1);
    expect(app.health).toBe('Healthy');
  });

  it('prune: disabled keeps an object removed from Git out of garbage collection', async () => {
    const files = {
      'apps/web/kept.yaml': extra(
        'kept',
        '  annotations:\n    kustomize.toolkit.fluxcd.io/prune: disabled\n',
      ),
      'apps/web/gone.yaml': extra('gone'),
    };
    const { clock, cluster, remove, app } = await lane('flux', files);
    expect(cluster.get({ kind: 'ConfigMap', name: 'kept' })).toBeDefined();
    await remove('apps/web/kept.yaml');
    await remove('apps/web/gone.yaml');
    await clock.advanceBy(INTERVAL + 60_000);
    expect(cluster.get({ kind: 'ConfigMap', name: 'gone' })).toBeUndefined();
    expect(cluster.get({ kind: 'ConfigMap', name: 'kept' })).toBeDefined();
    // Out of the Kustomization's inventory, it does not keep the app out of sync.
    expect(app.resources.some((r) => r.name === 'kept')).toBe(false);
    expect(app.sync).toBe('Synced');
  });
});
