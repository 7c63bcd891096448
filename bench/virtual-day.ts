// virtualToWallRatio: a day of virtual time for a 100-object app, against the wall time it takes.
// A commit every 10 minutes (a ConfigMap value, or one Deployment's image tag, in turn) and every
// hour a `kubectl scale` drift in both lanes; both lanes at their defaults, with selfHeal on so
// the pull lane corrects each drift. The whole day runs through the Sandbox, as the UI runs it.
import '../src/platform/node';
import { CLUSTERS, Sandbox } from '../src/sim/sandbox';
import { fullGc } from './gc';
import { appFile, appFilePath, appFiles, appObject } from './app-manifests';

export const DAY_MS = 24 * 60 * 60 * 1000;
const COMMIT_EVERY_MS = 10 * 60 * 1000;
const DRIFT_EVERY_MS = 60 * 60 * 1000;
const FOLDER = 'apps/bench';

export interface DayResult {
  wallMs: number;
  /** Process CPU time (user + system) over the day: a cross-check when the machine is busy. */
  cpuMs: number;
  /** Heap still in use after the day (after a full GC), minus before it. */
  heapDeltaMiB: number;
  commits: number;
  drifts: number;
}

/** Heap in use after a full GC: what is retained, not what the collector has yet to free. */
function heapUsed(): number {
  fullGc()?.();
  return process.memoryUsage().heapUsed;
}

/** The n-th commit of the day: odd ones bump a ConfigMap value, even ones a Deployment's tag. */
function change(n: number): { path: string; text: string; message: string } {
  const slot = Math.floor(n / 2) % 33;
  const i = n % 2 === 1 ? slot * 3 + 2 : slot * 3;
  const obj =
    n % 2 === 1 ? appObject(i, { logLevel: `debug-${n}` }) : appObject(i, { tag: `1.${n}` });
  const what = n % 2 === 1 ? `LOG_LEVEL debug-${n}` : `image tag 1.${n}`;
  return {
    path: appFilePath(FOLDER, i),
    text: appFile(obj),
    message: `${obj.metadata.name}: ${what}`,
  };
}

/** Runs one virtual day; `progress` hears about each hour. */
export async function runVirtualDay(
  progress: (hour: number) => void = () => {},
): Promise<DayResult> {
  const heapBefore = heapUsed();
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const sandbox = await Sandbox.create({
    seed: 1,
    files: appFiles(100, FOLDER),
    path: FOLDER,
    lanes: { gitops: { selfHeal: true } },
  });
  let commits = 0;
  let drifts = 0;
  for (let t = 0; t < DAY_MS; t += COMMIT_EVERY_MS) {
    if (t > 0 && t % DRIFT_EVERY_MS === 0) {
      const deploy = `app-${((t / DRIFT_EVERY_MS) % 34) * 3}`;
      for (const lane of CLUSTERS) {
        const out = await sandbox.kubectl(lane, `scale deployment/${deploy} --replicas=5`, 'alice');
        if (!out.ok) throw new Error(`virtual day: drift in ${lane} refused: ${out.stderr}`);
      }
      drifts++;
      progress(t / DRIFT_EVERY_MS);
    }
    const next = change(++commits);
    await sandbox.commit({
      author: 'alice',
      message: next.message,
      write: { [next.path]: next.text },
    });
    await sandbox.advance(COMMIT_EVERY_MS);
  }
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const heapDeltaMiB = (heapUsed() - heapBefore) / 2 ** 20;
  // The checks come after the heap is measured, so the sandbox is still live when it is.
  if (sandbox.now() !== DAY_MS) throw new Error(`virtual day ended at ${sandbox.now()} ms`);
  for (const lane of CLUSTERS) {
    const status = sandbox.status(lane);
    if (!status.inSyncWithGit)
      throw new Error(`virtual day: ${lane} lane ends out of sync: ${JSON.stringify(status)}`);
  }
  return {
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    heapDeltaMiB,
    commits,
    drifts,
  };
}
