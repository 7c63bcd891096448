// `kubectl get events` and describe's Events section, fed by the controllers, the scheduler and
// the kubelet. Reasons and messages as the real components record them (kubelet
// pkg/kubelet/events/event.go; pkg/controller/replicaset, deployment/sync.go scaleReplicaSet;
// kubernetes.io/docs/tasks/debug/debug-application/debug-pods).
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../audit';
import { VirtualClock } from '../clock';
import { Cluster, imageCatalog } from '../cluster';
import { runKubectl } from './execute';
import { PIPELINE, webDeployment } from './test-fixtures';

async function world(image = 'registry.example/web:1.0') {
  const clock = new VirtualClock();
  const cluster = new Cluster({
    name: 'devops',
    clock,
    audit: new AuditLog(clock),
    images: imageCatalog({ 'web:crash': { crash: true } }),
  });
  cluster.apply(webDeployment(image), PIPELINE);
  const kubectl = (line: string) => runKubectl(line, { cluster, actor: 'alice' });
  await clock.advanceBy(30_000);
  const pod = cluster.list({ kind: 'Pod' })[0]!.metadata.name;
  return { clock, cluster, kubectl, pod };
}

describe('kubectl get events', () => {
  it('lists what the controllers, the scheduler and the kubelet said, oldest first', async () => {
    const { kubectl, pod } = await world();
    const lines = kubectl('get events').stdout.split('\n');
    expect(lines[0]).toMatch(/^LAST SEEN +TYPE +REASON +OBJECT +MESSAGE$/);
    const reasons = lines.slice(1).map((l) => l.split(/ {2,}/).slice(1, 4).join(' '));
    expect(reasons).toEqual(
      expect.arrayContaining([
        'Normal ScalingReplicaSet deployment/web',
        'Normal SuccessfulCreate replicaset/' + pod.replace(/-\w+$/, ''),
        `Normal Scheduled pod/${pod}`,
        `Normal Pulling pod/${pod}`,
        `Normal Pulled pod/${pod}`,
        `Normal Created pod/${pod}`,
        `Normal Started pod/${pod}`,
      ]),
    );
    expect(kubectl('get events').stdout).toContain(
      `Successfully assigned default/${pod} to node-1`,
    );
  });

  it('filters by --field-selector involvedObject.name and type', async () => {
    const { kubectl, pod } = await world('web:crash');
    const own = kubectl(`get events --field-selector involvedObject.name=${pod}`).stdout;
    expect(
      own
        .split('\n')
        .slice(1)
        .every((l) => l.includes(`pod/${pod}`)),
    ).toBe(true);
    const warnings = kubectl('get events --field-selector type=Warning').stdout.split('\n');
    // Three replicas, each in its crash loop: only their BackOff warnings.
    expect(warnings.slice(1).map((l) => l.split(/ {2,}/)[2])).toEqual([
      'BackOff',
      'BackOff',
      'BackOff',
    ]);
    expect(kubectl('get events --field-selector spec.x=1')).toMatchObject({
      ok: false,
      stderr: expect.stringContaining('field label not supported: spec.x') as string,
    });
  });

  it('says no resources in another namespace, and shows NAMESPACE with -A', async () => {
    const { kubectl } = await world();
    expect(kubectl('get events -n shop').stderr).toBe('No resources found in shop namespace.');
    expect(kubectl('get events -A').stdout.split('\n')[1]).toMatch(/^default +\d+s +Normal/);
  });
});

describe('kubectl describe: Events', () => {
  it('ends a crashing Pod’s page with its aggregated back-off events', async () => {
    const { kubectl, clock, pod } = await world('web:crash');
    await clock.advanceBy(60_000);
    const page = kubectl(`describe pod ${pod}`).stdout;
    const events = page.slice(page.indexOf('Events:'));
    expect(events).toMatch(/Type +Reason +Age +From +Message/);
    // Restarts at 11, 31 and 71 s: the back-off event was seen four times from 1 s to 71 s.
    expect(events).toMatch(
      new RegExp(
        `Warning +BackOff +19s \\(x4 over 89s\\) +kubelet +Back-off restarting failed container web in pod ${pod}_default`,
      ),
    );
  });

  it('shows a Deployment’s scaling, and Events: <none> where nothing was said', async () => {
    const { kubectl, cluster } = await world();
    expect(kubectl('describe deployment web').stdout).toMatch(
      /Normal +ScalingReplicaSet +30s +deployment-controller +Scaled up replica set web-\w+ to 3 from 0/,
    );
    cluster.apply(
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: {} },
      PIPELINE,
    );
    expect(kubectl('describe configmap c').stdout).toMatch(/\nEvents: +<none>\n/);
  });
});
