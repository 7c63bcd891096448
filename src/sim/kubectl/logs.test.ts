// `kubectl logs` as kubernetes.io/docs/reference/kubectl/generated/kubectl_logs describes it
// (POD or TYPE/NAME, -c, --previous, --tail) and with the API server's refusals that
// kubernetes.io/docs/tasks/debug/debug-application/debug-pods shows learners ("container ... is
// waiting to start: ContainerCreating", "previous terminated container ... not found").
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../audit';
import { VirtualClock } from '../clock';
import { Cluster, imageCatalog } from '../cluster';
import { completeKubectl } from './complete';
import { runKubectl } from './execute';
import { PIPELINE, webDeployment } from './test-fixtures';

async function world(image: string, at: number) {
  const clock = new VirtualClock();
  const cluster = new Cluster({
    name: 'devops',
    clock,
    audit: new AuditLog(clock),
    images: imageCatalog({
      'web:crash': { crash: true },
      'web:slow': { notReadyForMs: 20_000 },
      'web:typo': { pullError: true },
    }),
  });
  cluster.apply(webDeployment(image), PIPELINE);
  await clock.advanceTo(at);
  const kubectl = (line: string) => runKubectl(line, { cluster, actor: 'alice' });
  const pod = cluster.list({ kind: 'Pod' })[0]!.metadata.name;
  return { cluster, clock, kubectl, pod };
}

describe('kubectl logs', () => {
  it('prints a started container’s start-up, its port and its readiness', async () => {
    const { kubectl, pod } = await world('web:1.0', 60_000);
    expect(kubectl(`logs ${pod}`)).toMatchObject({
      ok: true,
      stdout: [
        '2026-01-05T09:00:10Z starting web:1.0',
        '2026-01-05T09:00:10Z listening on :8080',
        '2026-01-05T09:00:10Z ready to serve requests',
      ].join('\n'),
    });
    expect(kubectl(`logs ${pod} --tail=1`).stdout).toBe(
      '2026-01-05T09:00:10Z ready to serve requests',
    );
  });

  it('shows a warming-up container as not ready until its readiness probe passes', async () => {
    const { kubectl, pod, clock } = await world('web:slow', 15_000);
    expect(kubectl(`logs ${pod}`).stdout.split('\n').at(-1)).toBe(
      '2026-01-05T09:00:10Z warming up: not ready for 20s',
    );
    await clock.advanceTo(30_000);
    expect(kubectl(`logs ${pod}`).stdout.split('\n').at(-1)).toBe(
      '2026-01-05T09:00:30Z ready to serve requests',
    );
  });

  it('prints a crashing container’s last instance, with its exit code, also with --previous', async () => {
    const { kubectl, pod } = await world('web:crash', 60_000);
    const last = kubectl(`logs ${pod}`);
    expect(last.stdout).toMatch(/ fatal: web:crash cannot start, exiting with code 1$/);
    expect(kubectl(`logs ${pod} --previous`).stdout).toBe(last.stdout);
    expect(kubectl(`logs -p ${pod} -c web`).stdout).toBe(last.stdout);
  });

  it.each([
    ['web:1.0', 5_000, 'is waiting to start: ContainerCreating'],
    ['web:typo', 6_000, "is waiting to start: image can't be pulled"],
    ['web:typo', 20_000, 'is waiting to start: trying and failing to pull image'],
  ])('refuses the logs of %s at %i ms: %s', async (image, at, why) => {
    const { kubectl, pod } = await world(image, at);
    expect(kubectl(`logs ${pod}`)).toMatchObject({
      ok: false,
      stderr: `Error from server (BadRequest): container "web" in pod "${pod}" ${why}`,
    });
  });

  it('refuses --previous when the container never terminated, and an unknown container', async () => {
    const { kubectl, pod } = await world('web:1.0', 60_000);
    expect(kubectl(`logs ${pod} --previous`).stderr).toBe(
      `Error from server (BadRequest): previous terminated container "web" in pod "${pod}" not found`,
    );
    expect(kubectl(`logs ${pod} -c sidecar`).stderr).toBe(
      `Error from server (BadRequest): container sidecar is not valid for pod ${pod}`,
    );
    expect(kubectl('logs web-nope').stderr).toBe(
      'Error from server (NotFound): pods "web-nope" not found',
    );
  });

  it('picks one of a Deployment’s Pods for logs deploy/NAME and says which', async () => {
    const { kubectl } = await world('web:1.0', 60_000);
    const r = kubectl('logs deploy/web --tail 1');
    expect(r.stderr).toMatch(/^Found 3 pods, using pod\/web-\w+-\w+$/);
    expect(r.stdout).toBe('2026-01-05T09:00:10Z ready to serve requests');
  });

  it('has help, and completes Pod names after logs', async () => {
    const { kubectl, cluster } = await world('web:1.0', 60_000);
    expect(kubectl('logs --help').stdout).toContain('--previous');
    expect(kubectl('help').stdout).toMatch(/\n {2}logs +Print the logs for a container in a pod\n/);
    expect(kubectl('logs').stderr).toContain('POD or TYPE/NAME is a required argument');
    expect(completeKubectl('logs web-', cluster)).toHaveLength(3);
    expect(completeKubectl('logs deploy/w', cluster)).toEqual(['logs deploy/web']);
  });
});
