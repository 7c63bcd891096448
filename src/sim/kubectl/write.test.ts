import { describe, expect, it } from 'vitest';
import { podState, type KObject } from '../cluster';
import { webCluster } from './test-fixtures';

type Container = { name: string; image: string; env?: { name: string; value: string }[] };
const containersOf = (obj: KObject | undefined) =>
  (obj?.spec as { template: { spec: { containers: Container[] } } }).template.spec.containers;

describe('imperative commands', () => {
  it('scales, and get shows the new replica count', async () => {
    const { kubectl, clock } = await webCluster();
    expect(kubectl('scale deployment/web --replicas=5')).toMatchObject({
      ok: true,
      stdout: 'deployment.apps/web scaled',
      changed: true,
    });
    await clock.advanceBy(30_000);
    expect(kubectl('get deploy web').stdout.split('\n')[1]).toMatch(/^web {4}5\/5 {5}5 {12}5 /);
    expect(kubectl('scale svc/web --replicas=2')).toMatchObject({
      ok: false,
      stderr: 'error: cannot scale a Service',
      changed: false,
    });
    expect(kubectl('scale deploy/nope --replicas=2')).toMatchObject({
      ok: false,
      stderr: 'Error from server (NotFound): deployments.apps "nope" not found',
    });
  });

  it('sets an image, and rollout undo restores the previous one', async () => {
    const { kubectl, cluster, clock } = await webCluster();
    expect(kubectl('set image deployment/web web=registry.example/web:2.0').stdout).toBe(
      'deployment.apps/web image updated',
    );
    await clock.advanceBy(60_000);
    expect(containersOf(cluster.get({ kind: 'Deployment', name: 'web' }))[0]!.image).toBe(
      'registry.example/web:2.0',
    );
    expect(kubectl('rollout history deployment/web').stdout).toBe(
      [
        'deployment.apps/web ',
        'REVISION  CHANGE-CAUSE',
        '1         <none>',
        '2         <none>',
      ].join('\n'),
    );
    expect(kubectl('rollout undo deployment/web')).toMatchObject({
      ok: true,
      stdout: 'deployment.apps/web rolled back',
      changed: true,
    });
    expect(containersOf(cluster.get({ kind: 'Deployment', name: 'web' }))[0]!.image).toBe(
      'registry.example/web:1.0',
    );
    expect(kubectl('set image deployment/web nope=x:1')).toMatchObject({
      ok: false,
      stderr: 'error: unable to find container named "nope"',
    });
  });

  it('reports rollout status as it is at this instant', async () => {
    const { kubectl, clock } = await webCluster();
    expect(kubectl('rollout status deployment/web')).toMatchObject({
      ok: true,
      stdout: 'deployment "web" successfully rolled out',
    });
    kubectl('set image deploy/web web=registry.example/web:2.0');
    await clock.flush();
    expect(kubectl('rollout status deploy web').stdout).toMatch(
      /^Waiting for deployment "web" rollout to finish: /,
    );
    expect(kubectl('rollout status svc/web')).toMatchObject({
      ok: false,
      stderr: expect.stringContaining('no rollout support') as unknown,
    });
    expect(kubectl('rollout undo deploy/web --to-revision=9')).toMatchObject({
      ok: false,
      stderr: 'error: unable to find specified revision 9 in history',
    });
  });

  it('restarts a rollout with a new template annotation', async () => {
    const { kubectl, cluster } = await webCluster();
    expect(kubectl('rollout restart deployment/web').stdout).toBe('deployment.apps/web restarted');
    const template = (
      cluster.get({ kind: 'Deployment', name: 'web' })!.spec as {
        template: { metadata: { annotations: Record<string, string> } };
      }
    ).template;
    expect(template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toBe(
      '2026-01-05T09:00:30Z',
    );
  });

  it('patches with a strategic merge (containers by name), a merge patch and a JSON patch', async () => {
    const { kubectl, cluster } = await webCluster();
    const web = () => cluster.get({ kind: 'Deployment', name: 'web' })!;
    const strategic = kubectl(
      `patch deployment web -p '{"spec":{"template":{"spec":{"containers":[{"name":"web","env":[{"name":"DEBUG","value":"1"}]}]}}}}'`,
    );
    expect(strategic).toMatchObject({
      ok: true,
      stdout: 'deployment.apps/web patched',
      changed: true,
    });
    expect(containersOf(web())[0]).toMatchObject({
      image: 'registry.example/web:1.0',
      env: [
        { name: 'LOG_LEVEL', value: 'info' },
        { name: 'DEBUG', value: '1' },
      ],
    });
    expect(
      kubectl(`patch deploy/web --type merge -p '{"metadata":{"labels":{"team":"payments"}}}'`)
        .stdout,
    ).toBe('deployment.apps/web patched');
    expect(web().metadata.labels).toEqual({ app: 'web', team: 'payments' });
    expect(
      kubectl(
        `patch deploy/web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":2}]'`,
      ).ok,
    ).toBe(true);
    expect((web().spec as { replicas: number }).replicas).toBe(2);
    expect(
      kubectl(`patch deploy/web --type json -p '[{"op":"remove","path":"/spec/nope"}]'`),
    ).toMatchObject({
      ok: false,
      stderr: 'error: remove: path "/spec/nope" does not exist',
      changed: false,
    });
    expect(kubectl(`patch deploy web -p '{"spec":{"replicas":-1}}'`)).toMatchObject({
      ok: false,
      stderr: expect.stringContaining('spec.replicas: Invalid value: -1') as unknown,
    });
  });

  it('labels and annotates, removes with key-, and refuses to overwrite without --overwrite', async () => {
    const { kubectl, cluster } = await webCluster();
    const meta = () => cluster.get({ kind: 'Deployment', name: 'web' })!.metadata;
    expect(kubectl('label deploy web tier=frontend').stdout).toBe('deployment.apps/web labeled');
    expect(meta().labels).toEqual({ app: 'web', tier: 'frontend' });
    expect(kubectl('label deploy web tier=backend')).toMatchObject({
      ok: false,
      stderr: "error: 'tier' already has a value (frontend), and --overwrite is false",
      changed: false,
    });
    expect(kubectl('label deploy web tier=backend --overwrite').ok).toBe(true);
    expect(meta().labels?.tier).toBe('backend');
    kubectl('label deploy/web tier-');
    expect(meta().labels).toEqual({ app: 'web' });
    expect(kubectl("annotate deploy web owner='team payments'").stdout).toBe(
      'deployment.apps/web annotated',
    );
    expect(meta().annotations?.owner).toBe('team payments');
    kubectl('annotate deploy web owner-');
    expect(meta().annotations?.owner).toBeUndefined();
  });

  it('deletes by name, by --all and by selector', async () => {
    const { kubectl, cluster } = await webCluster();
    expect(kubectl('delete svc web')).toMatchObject({
      ok: true,
      stdout: 'service "web" deleted',
      changed: true,
    });
    expect(cluster.get({ kind: 'Service', name: 'web' })).toBeUndefined();
    expect(kubectl('delete svc web')).toMatchObject({
      ok: false,
      stderr: 'Error from server (NotFound): services "web" not found',
    });
    expect(kubectl('delete svc web --ignore-not-found')).toMatchObject({
      ok: true,
      stdout: '',
      stderr: '',
    });
    expect(kubectl('delete pods -l app=web --dry-run=client').stdout.split('\n')).toHaveLength(3);
    expect(cluster.list({ kind: 'Pod' })).toHaveLength(3);
    const all = kubectl('delete pods --all');
    expect(all.stdout).toMatch(/^pod "web-\w+-\w+" deleted\n/);
    // Deleted Pods are Terminating for their grace period; their ReplicaSet replaced them.
    expect(
      cluster
        .list({ kind: 'Pod' })
        .map(podState)
        .filter((s) => s === 'Terminating'),
    ).toHaveLength(3);
    expect(kubectl('delete deployment.apps/web').stdout).toBe('deployment.apps "web" deleted');
    expect(cluster.list({ kind: 'ReplicaSet' })).toHaveLength(0);
  });

  it('deletes `all --all`, skipping what went with its owner', async () => {
    const { kubectl, cluster } = await webCluster();
    const result = kubectl('delete all --all');
    expect(result).toMatchObject({ ok: true, stderr: '', changed: true });
    expect(result.stdout.split('\n').slice(3)).toEqual([
      'service "web" deleted',
      'deployment.apps "web" deleted',
    ]);
    expect(cluster.list({ kind: 'ReplicaSet' })).toEqual([]);
    expect(cluster.get({ kind: 'Secret', name: 'db' })).toBeDefined();
  });

  it('records every change with the actor, channel kubectl and no revision', async () => {
    const { kubectl, audit, clock } = await webCluster();
    const lines = [
      'scale deploy/web --replicas=4',
      'set image deploy/web web=registry.example/web:2.0',
      `patch deploy web -p '{"metadata":{"labels":{"hot":"fix"}}}'`,
      'label deploy web tier=frontend',
      'annotate deploy web note=x',
      'rollout undo deploy/web',
      'rollout restart deploy/web',
      'delete svc web',
    ];
    for (const line of lines) {
      const before = audit.size;
      const result = kubectl(line);
      expect(result.ok, `${line}: ${result.stderr}`).toBe(true);
      const records = audit.records().slice(before);
      expect(records.length, line).toBeGreaterThan(0);
      for (const r of records)
        expect(r, line).toMatchObject({ actor: 'alice', channel: 'kubectl', revision: null });
      // Let the controllers roll out, so that `rollout undo` has a previous revision.
      await clock.advanceBy(30_000);
    }
    const before = audit.size;
    kubectl('scale deploy/web --replicas=1', {
      actor: 'ci-bot',
      channel: 'pipeline',
      revision: 'f00d',
    });
    expect(audit.records()[before]).toMatchObject({
      actor: 'ci-bot',
      channel: 'pipeline',
      revision: 'f00d',
    });
  });

  // kubectl delete: --grace-period overrides the Pod's terminationGracePeriodSeconds; 0 without
  // --force becomes 1; --force alone means 0 and warns (kubernetes.io/docs/reference/kubectl/
  // generated/kubectl_delete; kubernetes.io/docs/tasks/run-application/force-delete-stateful-set-pod).
  it.each([
    ['', 30, 'deleted'],
    ['--grace-period=5', 5, 'deleted'],
    ['--grace-period=0', 1, 'deleted'],
    ['--force', 0, 'force deleted'],
    ['--force --grace-period=0', 0, 'force deleted'],
  ])('delete pod %s leaves it Terminating for %is', async (flags, seconds, verb) => {
    const { kubectl, cluster, clock } = await webCluster();
    const name = cluster.list({ kind: 'Pod' })[0]!.metadata.name;
    const result = kubectl(`delete pod ${name} ${flags}`);
    expect(result.stdout).toBe(`pod "${name}" ${verb}`);
    expect(result.stderr.startsWith('Warning: Immediate deletion')).toBe(seconds === 0);
    const pod = () => cluster.get({ kind: 'Pod', name, namespace: 'default' });
    if (seconds > 0) {
      expect(podState(pod()!)).toBe('Terminating');
      await clock.advanceBy(seconds * 1000 - 1);
      expect(pod()).toBeDefined();
      await clock.advanceBy(1);
    }
    expect(pod()).toBeUndefined();
  });
});
