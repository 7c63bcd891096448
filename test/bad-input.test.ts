// Bad input in a manifest file, through each way a file reaches a cluster: `kubectl apply -f` typed
// at either lane's cluster, and the push pipeline's deploy step. Every one is refused with a
// ClusterError E_INVALID whose message names the file and the field (the line, for YAML that does
// not parse), the cluster is left as it was, and the refusal is a record in that cluster's trail.
import '../src/platform/node';
import { describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { loadDesired } from '../src/sim/apps/apps';
import { AuditLog, type ClusterName } from '../src/sim/audit';
import { EPOCH_MS, VirtualClock } from '../src/sim/clock';
import { Cluster, ClusterError } from '../src/sim/cluster';
import { deployment } from '../src/sim/cluster/testing/fixtures';
import { CreatedKeys } from '../src/sim/devops/created-keys';
import { applyApp, CI_CONTEXT } from '../src/sim/devops/deploy';
import { ConfigRepo } from '../src/sim/git';
import { repoFileReader, runKubectl } from '../src/sim/kubectl';

const FILE = 'apps/web/web.yaml';
const withReplicas = (replicas: unknown) =>
  stringify({ ...deployment(), spec: { ...(deployment().spec as object), replicas } });

/** What the file holds, and what the refusal must say besides the file. */
const CASES: [name: string, text: string, names: RegExp][] = [
  [
    'malformed YAML',
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n data: x\n',
    /error converting YAML to JSON: yaml: line 5: /,
  ],
  [
    'a missing metadata.name',
    stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: {}, data: { a: '1' } }),
    /metadata\.name/,
  ],
  ['a negative replica count', withReplicas(-1), /spec\.replicas: Invalid value: -1/],
  [
    'a wrong type',
    withReplicas('three'),
    /ValidationError\(Deployment\.spec\.replicas\): .* got "string", expected "integer"/,
  ],
];

/** A cluster already running a web Deployment (so a bad one patches it), and a repo holding `text`. */
async function world(name: ClusterName, text: string) {
  const clock = new VirtualClock();
  const audit = new AuditLog(clock);
  const cluster = new Cluster({ name, clock, audit });
  cluster.apply(deployment(), { ...CI_CONTEXT, revision: 'c0ffee' });
  const repo = await ConfigRepo.init({
    files: { [FILE]: text },
    author: { name: 'alice' },
    timestamp: EPOCH_MS,
  });
  const refuse = vi.spyOn(cluster, 'refuse');
  const before = JSON.stringify(cluster.list());
  /** The refusal was `message`: one ClusterError E_INVALID for FILE, recorded as `who` did it. */
  const expectRefused = (message: string, names: RegExp, who: Record<string, unknown>) => {
    expect(message).toContain(FILE);
    expect(message).toMatch(names);
    expect(JSON.stringify(cluster.list())).toBe(before);
    expect(refuse).toHaveBeenCalledOnce();
    const error = refuse.mock.calls[0]![1];
    expect(error).toBeInstanceOf(ClusterError);
    expect(error).toMatchObject({ code: 'E_INVALID', message, data: { file: FILE } });
    expect(audit.records().at(-1)).toMatchObject({
      cluster: name,
      verb: 'refuse',
      message,
      ...who,
    });
  };
  return { cluster, audit, repo, refuse, expectRefused };
}

describe.each<ClusterName>(['devops', 'gitops'])('kubectl apply -f at the %s cluster', (name) => {
  it.each(CASES)('refuses %s', async (_case, text, names) => {
    const { cluster, repo, expectRefused } = await world(name, text);
    const line = `apply -f ${FILE}`;
    const readRepoFile = await repoFileReader(repo, 'main', line);
    const result = runKubectl(line, { cluster, actor: 'bob', readRepoFile });
    expect(result).toMatchObject({ ok: false, stdout: '', changed: false });
    expectRefused(result.stderr, names, { actor: 'bob', channel: 'kubectl', revision: null });
  });
});

describe('the pipeline deploy step (kubectl apply -f with the CI kubeconfig)', () => {
  it.each(CASES)('refuses %s', async (_case, text, names) => {
    const { cluster, repo, expectRefused } = await world('devops', text);
    const sha = await repo.resolve('HEAD');
    const desired = await loadDesired(repo, sha, { name: 'web', path: 'apps/web' });
    const result = applyApp({
      cluster,
      desired,
      revision: sha,
      failAfter: null,
      prune: false,
      created: new CreatedKeys(),
    });
    expect(result.failed).toBe(true);
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]!.ok).toBe(false);
    expectRefused(result.lines[0]!.text, names, {
      actor: 'ci-bot',
      channel: 'pipeline',
      revision: sha,
    });
  });
});

describe('a dry run', () => {
  it('answers malformed YAML with the same error and records nothing', async () => {
    const { cluster, audit, repo, refuse } = await world('devops', CASES[0]![1]);
    const line = `apply -f ${FILE} --dry-run=server`;
    const readRepoFile = await repoFileReader(repo, 'main', line);
    const records = audit.size;
    const result = runKubectl(line, { cluster, actor: 'bob', readRepoFile });
    expect(result.stderr).toMatch(/^error: error parsing apps\/web\/web\.yaml: .*line 5: /);
    expect(refuse).not.toHaveBeenCalled();
    expect(audit.size).toBe(records);
  });
});
