import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { AuditLog } from '../audit';
import { VirtualClock } from '../clock';
import { Cluster } from '../cluster';
import { runKubectl } from './execute';
import type { ReadRepoFile } from './manifests';
import { webDeployment } from './test-fixtures';

const configMap = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, labels },
  data: { key: name },
});
const docs = (...objects: unknown[]) => objects.map((o) => stringify(o)).join('---\n');

/** A repository as a map of files; a folder path reads every file under it, sorted. */
function repo(files: Record<string, string>): ReadRepoFile {
  return (path) => {
    if (files[path] !== undefined) return { files: [{ path, text: files[path] }] };
    const prefix = path.endsWith('/') ? path : `${path}/`;
    const under = Object.keys(files)
      .filter((f) => f.startsWith(prefix))
      .sort();
    return under.length > 0
      ? { files: under.map((f) => ({ path: f, text: files[f]! })) }
      : { error: `the path "${path}" does not exist` };
  };
}

function setup(files: Record<string, string>) {
  const clock = new VirtualClock();
  const audit = new AuditLog(clock);
  const cluster = new Cluster({ name: 'gitops', clock, audit });
  const kubectl = (line: string) =>
    runKubectl(line, { cluster, actor: 'bob', readRepoFile: repo(files) });
  return { clock, audit, cluster, kubectl };
}

describe('apply -f', () => {
  it('creates, then reports configured and unchanged, as kubectl does', () => {
    const { kubectl, cluster } = setup({
      'apps/web/deployment.yaml': stringify(webDeployment()),
      'apps/web/v2.yaml': stringify(webDeployment('registry.example/web:2.0')),
    });
    expect(kubectl('apply -f apps/web/deployment.yaml')).toMatchObject({
      ok: true,
      stdout: 'deployment.apps/web created',
      stderr: '',
      changed: true,
    });
    expect(kubectl('apply -f apps/web/deployment.yaml')).toMatchObject({
      ok: true,
      stdout: 'deployment.apps/web unchanged',
      changed: false,
    });
    expect(kubectl('apply -f apps/web/v2.yaml').stdout).toBe('deployment.apps/web configured');
    expect(cluster.managedFields({ kind: 'Deployment', name: 'web' })).toHaveProperty(
      'kubectl-client-side-apply',
    );
  });

  it('goes on after an invalid object: the 1st and 3rd are applied, the 2nd reported', () => {
    const invalid = {
      ...webDeployment(),
      metadata: { name: 'broken' },
      spec: { ...(webDeployment().spec as object), replicas: 'three' },
    };
    const { kubectl, cluster } = setup({
      'apps/all.yaml': docs(configMap('first'), invalid, configMap('third')),
    });
    const result = kubectl('apply -f apps/all.yaml');
    expect(result).toMatchObject({ ok: false, changed: true });
    expect(result.stdout).toBe('configmap/first created\nconfigmap/third created');
    expect(result.stderr).toContain('got "string", expected "integer"');
    expect(cluster.get({ kind: 'ConfigMap', name: 'first' })).toBeDefined();
    expect(cluster.get({ kind: 'ConfigMap', name: 'third' })).toBeDefined();
    expect(cluster.get({ kind: 'Deployment', name: 'broken' })).toBeUndefined();
  });

  it('refuses a kind the cluster does not serve', () => {
    const { kubectl } = setup({
      'crd.yaml': docs({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }),
    });
    const result = kubectl('apply -f crd.yaml');
    expect(result.ok).toBe(false);
    expect(result.stderr).toContain('no matches for kind "Widget" in version "example.com/v1"');
  });

  it('reports a YAML error with the file, and applies the files that parse', () => {
    const { kubectl } = setup({
      'apps/a.yaml': stringify(configMap('a')),
      'apps/b.yaml': 'data: [unclosed\n',
      'apps/README.md': '# not a manifest',
    });
    const result = kubectl('apply -f apps');
    expect(result.stdout).toBe('configmap/a created');
    expect(result.stderr).toMatch(
      /^error: error parsing apps\/b\.yaml: error converting YAML to JSON: yaml: line \d+: /,
    );
    expect(result.ok).toBe(false);
  });

  it('unpacks a kind: List', () => {
    const { kubectl } = setup({
      'list.yaml': stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [configMap('a'), configMap('b')],
      }),
    });
    expect(kubectl('apply -f list.yaml').stdout).toBe('configmap/a created\nconfigmap/b created');
  });

  it('changes nothing on a dry run', () => {
    const { kubectl, cluster } = setup({ 'cm.yaml': stringify(configMap('a')) });
    expect(kubectl('apply -f cm.yaml --dry-run=server')).toMatchObject({
      ok: true,
      stdout: 'configmap/a created (server dry run)',
      changed: false,
    });
    expect(kubectl('apply -f cm.yaml --dry-run=client').stdout).toBe(
      'configmap/a created (dry run)',
    );
    expect(cluster.get({ kind: 'ConfigMap', name: 'a' })).toBeUndefined();
  });

  it('applies server-side as the manager "kubectl"', () => {
    const { kubectl, cluster } = setup({ 'cm.yaml': stringify(configMap('a')) });
    expect(kubectl('apply -f cm.yaml --server-side').stdout).toBe('configmap/a serverside-applied');
    expect(Object.keys(cluster.managedFields({ kind: 'ConfigMap', name: 'a' }))).toEqual([
      'kubectl',
    ]);
  });

  it('prints the deprecation warning on stderr and still succeeds', () => {
    const hpa = {
      apiVersion: 'autoscaling/v2beta2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 2,
        maxReplicas: 5,
      },
    };
    const { kubectl } = setup({ 'hpa.yaml': stringify(hpa) });
    const result = kubectl('apply -f hpa.yaml');
    expect(result).toMatchObject({
      ok: true,
      stdout: 'horizontalpodautoscaler.autoscaling/web created',
    });
    expect(result.stderr).toBe(
      'Warning: autoscaling/v2beta2 HorizontalPodAutoscaler is deprecated in v1.23+, unavailable in v1.26+; use autoscaling/v2 HorizontalPodAutoscaler',
    );
  });

  it('records the apply with the actor, channel kubectl, no revision and the file', () => {
    const { kubectl, audit } = setup({ 'cm.yaml': stringify(configMap('a')) });
    kubectl('apply -f cm.yaml');
    expect(audit.records().at(-1)).toMatchObject({
      actor: 'bob',
      channel: 'kubectl',
      revision: null,
      verb: 'create',
      object: 'ConfigMap/default/a',
    });
  });

  it('fills the namespace from -n, and refuses a manifest in another namespace', () => {
    const shop = { ...configMap('a'), metadata: { name: 'a', namespace: 'shop' } };
    const { kubectl, cluster } = setup({
      'ns.yaml': stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }),
      'cm.yaml': stringify(configMap('a')),
      'shop.yaml': stringify(shop),
    });
    expect(kubectl('apply -f cm.yaml -n shop').stderr).toBe(
      'Error from server (NotFound): error when creating "cm.yaml": namespaces "shop" not found',
    );
    kubectl('apply -f ns.yaml');
    expect(kubectl('apply -f cm.yaml -n shop').stdout).toBe('configmap/a created');
    expect(cluster.get({ kind: 'ConfigMap', name: 'a', namespace: 'shop' })).toBeDefined();
    expect(kubectl('apply -f shop.yaml -n other').stderr).toBe(
      `error: the namespace from the provided object "shop" does not match the namespace "other". You must pass '--namespace=shop' to perform this operation.`,
    );
  });

  it('applies only the objects a selector picks', () => {
    const { kubectl } = setup({
      'all.yaml': docs(configMap('a', { app: 'web' }), configMap('b', { app: 'api' })),
    });
    expect(kubectl('apply -f all.yaml -l app=api').stdout).toBe('configmap/b created');
  });

  it('prunes what kubectl applied before and the files no longer name', () => {
    const { kubectl, cluster } = setup({
      'v1/a.yaml': stringify(configMap('a')),
      'v1/b.yaml': stringify(configMap('b')),
      'v2/a.yaml': stringify(configMap('a')),
    });
    kubectl('apply -f v1');
    cluster.apply(configMap('by-argo'), {
      actor: 'argocd',
      channel: 'reconciler',
      manager: 'argocd-controller',
      revision: 'abc',
    });
    const result = kubectl('apply -f v2 --prune --all');
    expect(result.stdout).toBe('configmap/a unchanged\nconfigmap/b pruned');
    expect(cluster.get({ kind: 'ConfigMap', name: 'b' })).toBeUndefined();
    expect(cluster.get({ kind: 'ConfigMap', name: 'by-argo' })).toBeDefined();
  });

  it('does not prune when any object failed', () => {
    const { kubectl, cluster } = setup({
      'v1/b.yaml': stringify(configMap('b')),
      'v2/bad.yaml': stringify({ ...configMap('Bad_Name') }),
    });
    kubectl('apply -f v1');
    expect(kubectl('apply -f v2 --prune --all').ok).toBe(false);
    expect(cluster.get({ kind: 'ConfigMap', name: 'b' })).toBeDefined();
  });

  it('explains a missing path, an empty file and a console without a repository', () => {
    const { kubectl, cluster } = setup({ 'empty.yaml': '# nothing\n---\n' });
    expect(kubectl('apply -f nope.yaml')).toMatchObject({
      ok: false,
      stderr: 'error: the path "nope.yaml" does not exist',
    });
    expect(kubectl('apply -f empty.yaml')).toMatchObject({
      ok: false,
      stderr: 'error: no objects passed to apply',
    });
    expect(runKubectl('apply -f x.yaml', { cluster, actor: 'bob' })).toMatchObject({
      ok: false,
      stderr: expect.stringContaining('no repository') as unknown,
    });
  });
});

describe('delete -f', () => {
  it('deletes what the files name and reports what is missing', () => {
    const { kubectl, cluster } = setup({
      'all.yaml': docs(configMap('a'), configMap('b')),
      'widget.yaml': docs({
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'w' },
      }),
    });
    kubectl('apply -f all.yaml');
    cluster.delete(
      { kind: 'ConfigMap', name: 'b' },
      { actor: 'x', channel: 'kubectl', manager: 'kubectl', revision: null },
    );
    const result = kubectl('delete -f all.yaml');
    expect(result.stdout).toBe('configmap "a" deleted');
    expect(result.stderr).toBe('Error from server (NotFound): configmaps "b" not found');
    expect(kubectl('delete -f all.yaml --ignore-not-found')).toMatchObject({
      ok: true,
      stderr: '',
    });
    expect(kubectl('delete -f widget.yaml').stderr).toContain('no matches for kind "Widget"');
  });
});
