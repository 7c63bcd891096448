// `flux diff kustomization NAME --path DIR` as flux 2.x prints it (flux2 internal/build/diff.go and
// its golden files cmd/flux/testdata/diff-kustomization/*.golden: "► Kind/ns/name created",
// "► ... drifted" then dyff's report, "► ... deleted" for what prune would delete; the exit status
// and refusals of cmd/flux/diff_kustomization.go and internal/build/build.go). REFERENCE.md, Flux
// flavour: Flux applies server-side and takes over kubectl's fields, which the diff shows.
import '../../platform/node';
import { describe, expect, it } from 'vitest';
import { cliSandbox } from '../argocd-cli/test-fixtures';
import { completeCli } from '../argocd-cli/complete';
import { ops } from '../cluster';
import { STARTER_FILES } from '../starter-repo';
import { runFlux } from './run';

const CHANGED = '⚠️ identified at least one change, exiting with non-zero exit code';
const EXTRA = `apiVersion: v1
kind: ConfigMap
metadata:
  name: extra
data:
  A: b
`;

async function world(options = {}) {
  const { s, view } = await cliSandbox({ flavour: 'flux', ...options });
  const diff = async (line = 'flux diff kustomization web --path ./apps/web') => {
    const r = await runFlux(line, { ...view, repo: s.repo }, 'you');
    if (r.kind !== 'text') throw new Error('a diff is not an action');
    return r;
  };
  return { s, diff };
}

describe('flux diff kustomization prints what an apply of the folder would change', () => {
  it('nothing changed: no output (exit 0)', async () => {
    const { diff } = await world();
    expect(await diff()).toEqual({ kind: 'text', ok: true, text: '' });
  });

  it('a field Git changed: drifted, with the value change', async () => {
    const { s, diff } = await world();
    const deployment = STARTER_FILES['apps/web/deployment.yaml']!;
    await s.commit({
      author: 'alice',
      message: 'web: 4 replicas',
      write: { 'apps/web/deployment.yaml': deployment.replace('replicas: 3', 'replicas: 4') },
    });
    expect((await diff()).text).toBe(
      `► Deployment/default/web drifted\n\nspec.replicas\n± value change\n- 3\n+ 4\n\n${CHANGED}`,
    );
  });

  it('a label added with kubectl label: drifted, Flux would remove it (it takes kubectl fields over)', async () => {
    const { s, diff } = await world();
    const web = { kind: 'Deployment', name: 'web' };
    ops.setMetadata(s.clusters.gitops, web, 'labels', { team: 'bob' }, false, { actor: 'bob' });
    expect((await diff()).text).toBe(
      `► Deployment/default/web drifted\n\nmetadata.labels\n- one map entry removed:\n  team: bob\n\n${CHANGED}`,
    );
  });

  it('a new manifest: created; a manifest removed from Git, with prune on: deleted', async () => {
    const { s, diff } = await world();
    await s.commit({
      author: 'alice',
      message: 'extra config, no Service',
      write: { 'apps/web/extra.yaml': EXTRA },
      remove: ['apps/web/service.yaml'],
    });
    expect((await diff()).text).toBe(
      `► ConfigMap/default/extra created\n► Service/default/web deleted\n${CHANGED}`,
    );
  });

  it('with prune off, a manifest removed from Git is not listed', async () => {
    const { s, diff } = await world({ prune: false });
    await s.commit({ author: 'alice', message: 'no Service', remove: ['apps/web/service.yaml'] });
    expect((await diff()).text).toBe('');
  });

  it('an object the API server refuses fails the diff with the dry run error (exit 2)', async () => {
    const { s, diff } = await world();
    const service = STARTER_FILES['apps/web/service.yaml']!;
    await s.commit({
      author: 'alice',
      message: 'bad port',
      write: { 'apps/web/service.yaml': service.replace('port: 80', 'port: 80800') },
    });
    const r = await diff();
    expect(r.ok).toBe(false);
    expect(r.text).toMatch(/^✗ Service\/default\/web dry-run failed \(Invalid\): /m);
  });
});

describe('flux diff refusals, in flux words', () => {
  it.each([
    ['flux diff kustomization', '✗ Kustomization name is required'],
    ['flux diff kustomization web', '✗ invalid resource path ""'],
    ['flux diff kustomization web --path ./apps/nope', '✗ invalid resource path "./apps/nope"'],
    [
      'flux diff kustomization nope --path ./apps/web',
      '✗ failed to get kustomization object: kustomizations.kustomize.toolkit.fluxcd.io "nope" not found',
    ],
  ])('%s', async (line, expected) => {
    const { diff } = await world();
    expect(await diff(line)).toEqual({ kind: 'text', ok: false, text: expected });
  });
});

describe('Tab completes flux diff', () => {
  it.each([
    ['flux di', ['flux diff ']],
    ['flux diff ', ['flux diff kustomization ']],
    ['flux diff kustomization ', ['flux diff kustomization web ']],
    ['flux diff kustomization web ', ['flux diff kustomization web --path ']],
  ])('%s', (line, expected) => {
    expect(completeCli(line, ['web'])).toEqual(expected);
  });
});
