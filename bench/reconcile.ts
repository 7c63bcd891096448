// reconcileMs: what the pure diff (`reconcile(desired, live)`) costs for an app of n objects with
// one drifted Deployment, over live objects an API server really produced (defaults, status,
// field managers, the tracking annotation a sync writes). pollMs: what one reconciler compare of
// an unchanged revision costs through the whole lane (fetch, load, diff, health, observer).
import '../src/platform/node';
import { AuditLog } from '../src/sim/audit';
import { VirtualClock } from '../src/sim/clock';
import { Cluster, ops, refKey, refOf, type KObject } from '../src/sim/cluster';
import { reconcile, type ReconcileResult } from '../src/sim/compare/diff';
import { trackingId, TRACKING_ANNOTATION } from '../src/sim/compare/tracking';
import { Sandbox } from '../src/sim/sandbox';
import { appFiles, appObjects } from './app-manifests';

const APP = 'bench';
const SYNC = {
  actor: 'reconciler',
  channel: 'reconciler' as const,
  manager: 'argocd-controller',
  revision: 'bench',
};
/** Each timed sample repeats the call until it lasts this long, so small n is not timer noise. */
const SAMPLE_MS = 50;

function withTracking(obj: KObject): KObject {
  const annotations = { ...obj.metadata.annotations, [TRACKING_ANNOTATION]: trackingId(APP, obj) };
  return { ...obj, metadata: { ...obj.metadata, annotations } };
}

export interface ReconcileFixture {
  run(): ReconcileResult;
}

/**
 * n objects applied as a sync applies them, a minute of virtual time for the controllers (pods
 * Ready, Deployment status), then `kubectl scale` of the first Deployment: one drifted object.
 */
export async function reconcileFixture(n: number): Promise<ReconcileFixture> {
  const clock = new VirtualClock();
  const cluster = new Cluster({ name: 'gitops', clock, audit: new AuditLog(clock) });
  const desired = appObjects(n);
  for (const obj of desired) cluster.apply(withTracking(obj), SYNC);
  await clock.advanceBy(60_000);
  ops.scale(cluster, { kind: 'Deployment', name: 'app-0' }, 5, { actor: 'alice' });
  await clock.advanceBy(60_000);

  const live = desired.map((obj) => cluster.get(refOf(obj))!);
  const byKey = new Map(live.map((o) => [refKey(refOf(o)), o]));
  const opts = {
    managedFields: (key: string) => {
      const obj = byKey.get(key);
      return obj ? cluster.managedFields(refOf(obj)) : {};
    },
    namespaced: (kind: string) => cluster.kinds.forKind(kind)?.namespaced ?? true,
  };
  const run = () => reconcile(desired, live, opts);

  const check = run();
  const drifted = check.resources.filter((r) => r.status === 'OutOfSync');
  if (
    check.resources.length !== n ||
    drifted.length !== 1 ||
    drifted[0]!.fields.map((f) => f.path).join() !== 'spec.replicas'
  )
    throw new Error(
      `reconcile fixture (n=${n}): expected one drift on spec.replicas, got ${drifted.map((r) => `${r.key}: ${r.fields.map((f) => f.path).join()}`).join('; ') || 'none'}`,
    );
  return { run };
}

/** Wall and process CPU ms, per call. CPU time tells the cost apart from a busy machine's waits. */
export interface Sample {
  wallMs: number;
  cpuMs: number;
}

const cpuMsSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

/** One sample of reconcile calls, repeated until it lasts SAMPLE_MS. */
export function reconcileSample(fixture: ReconcileFixture): Sample {
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let calls = 1; ; calls++) {
    fixture.run();
    const elapsed = performance.now() - start;
    if (elapsed >= SAMPLE_MS) return { wallMs: elapsed / calls, cpuMs: cpuMsSince(cpu) / calls };
  }
}

export interface PollFixture {
  /** One "Refresh" of an unchanged revision and the 5 s of virtual time after it. */
  poll(): Promise<Sample>;
}

/** A sandbox deploying an n-object app, advanced until both lanes have deployed it. */
export async function pollFixture(n: number): Promise<PollFixture> {
  const folder = `apps/${APP}`;
  const sandbox = await Sandbox.create({ seed: 1, files: appFiles(n, folder), path: folder });
  await sandbox.advance(600_000);
  const app = sandbox.gitops.apps[0]!;
  if (app.sync !== 'Synced' || app.health !== 'Healthy')
    throw new Error(`poll fixture (n=${n}): app is ${app.sync}/${app.health} after 10 minutes`);
  const poll = async () => {
    const before = app.reconciledAt;
    const cpu = process.cpuUsage();
    const start = performance.now();
    sandbox.gitops.refresh();
    await sandbox.advance(5_000);
    const sample = { wallMs: performance.now() - start, cpuMs: cpuMsSince(cpu) };
    if (app.reconciledAt === before || app.sync !== 'Synced')
      throw new Error(`poll fixture (n=${n}): the refresh did not compare, or found drift`);
    return sample;
  };
  return { poll };
}
