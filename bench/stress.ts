// The stress run (issue: proof under load): 500 objects, 2,000 commits, a drift every 5 minutes
// in both lanes, over 7 virtual days, headless. Records wall time and peak heap. It stops at a
// wall-time budget and says how far it got, rather than running for ever on a slow machine.
//
// Peak heap is measured two ways. `peakLiveHeapMB`: what the run keeps alive, read after a full
// garbage collection at the end of each virtual day and at the end (the trail grows all along, so
// the peak is at a sample); those collections are not counted in the wall time. `peakHeapMB`:
// the heap in use after every step, garbage included, which says as much about when V8 chose to
// collect as about the run.
import { CLUSTERS, Sandbox } from '../src/sim/sandbox';
import { fullGc } from './gc';
import { appFile, appFilePath, appFiles, appObject } from './app-manifests';

const DAYS = 7;
const TOTAL_MS = DAYS * 86_400_000;
const COMMITS = 2_000;
const STEP_MS = 5 * 60_000;
const FOLDER = 'apps/stress';
const OBJECTS = 501; // 167 Deployments, Services and ConfigMaps

export interface StressResult {
  finished: boolean;
  wallMs: number;
  peakHeapMB: number;
  /** Null when the garbage collector cannot be called (see gcFunction). */
  peakLiveHeapMB: number | null;
  /** Time spent in the forced collections of the live-heap samples (not in `wallMs`). */
  sampleGcMs: number;
  virtualMs: number;
  commits: number;
  drifts: number;
  auditRecords: number;
}

export async function runStress(budgetMs = 180_000): Promise<StressResult> {
  const gc = fullGc();
  let sampling = 0;
  let peakLive = 0;
  const sampleLive = () => {
    if (!gc) return;
    const at = performance.now();
    gc();
    peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
    sampling += performance.now() - at;
  };
  // The repository's files and every commit's file are written before the clock starts: what is
  // measured is DriftLab taking the load, not this harness printing YAML.
  const files = appFiles(OBJECTS, FOLDER);
  const changes = Array.from({ length: COMMITS }, (_, n) => {
    const i = (n % 167) * 3;
    const obj = appObject(i, { tag: `2.${n}`, count: OBJECTS });
    return {
      message: `${obj.metadata.name}: 2.${n}`,
      write: { [appFilePath(FOLDER, i)]: appFile(obj) },
    };
  });
  const start = performance.now();
  let peak = process.memoryUsage().heapUsed;
  const sandbox = await Sandbox.create({
    seed: 5,
    files,
    path: FOLDER,
    lanes: { gitops: { selfHeal: true } },
  });
  const commitEvery = Math.floor(TOTAL_MS / COMMITS);
  let commits = 0;
  let drifts = 0;
  let nextCommit = commitEvery;
  for (let t = STEP_MS; t <= TOTAL_MS; t += STEP_MS) {
    await sandbox.advance(STEP_MS);
    const deploy = `app-${(drifts % 167) * 3}`;
    for (const lane of CLUSTERS)
      await sandbox.kubectl(
        lane,
        `scale deployment/${deploy} --replicas=${2 + (drifts % 3)}`,
        'alice',
      );
    drifts++;
    while (nextCommit <= t && commits < COMMITS) {
      await sandbox.commit({ author: 'alice', ...changes[commits]! });
      commits++;
      nextCommit += commitEvery;
    }
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    if (t % 86_400_000 === 0) sampleLive();
    if (performance.now() - start - sampling > budgetMs) break;
  }
  const wallMs = performance.now() - start - sampling;
  sampleLive();
  return {
    finished: sandbox.now() >= TOTAL_MS,
    wallMs,
    peakHeapMB: Math.round(peak / 2 ** 20),
    peakLiveHeapMB: gc ? Math.round(peakLive / 2 ** 20) : null,
    sampleGcMs: sampling,
    virtualMs: sandbox.now(),
    commits,
    drifts,
    auditRecords: sandbox.audit.size,
  };
}
