// `npm run bench`: every figure with its target, as a table, and bench/results.json (one object,
// a key per figure; keys this run does not measure are kept from the previous file). Figures are
// medians over several rounds: these machines are shared and noisy.
import '../src/platform/node';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { benchApply } from './apply';
import { benchCommit, benchNativeCommit } from './git-commit';
import { pollFixture, reconcileFixture, reconcileSample, type Sample } from './reconcile';
import { benchBrowser, BROWSER_PARTS, type BrowserPart } from './browser';
import { LIGHTHOUSE_RUNS, type LighthouseFigures } from './lighthouse';
import { benchLibrary, benchStepBack } from './scenarios';
import { runStress, type StressResult } from './stress';
import { median, renderTable, type Row } from './table';
import { DAY_MS, runVirtualDay, type DayResult } from './virtual-day';

const ROUNDS = 5;
const RESULTS = new URL('./results.json', import.meta.url);
/** A virtual day is run 3 times (median) only when one run takes less than this. */
const DAY_REPEAT_UNDER_MS = 10_000;

async function medianOf(fn: () => number | Promise<number>, rounds = ROUNDS): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < rounds; i++) values.push(await fn());
  return median(values);
}

const round = (v: number, digits = 2) => Number(v.toFixed(digits));

/** Progress goes to stderr: stdout is the table alone. */
const progress = (text: string) => process.stderr.write(`bench: ${text}\n`);

const cpuNote = (samples: Sample[]) =>
  `process CPU ${round(median(samples.map((s) => s.cpuMs)), 3)} ms`;

async function reconcileRows(): Promise<Row[]> {
  const sizes = [10, 100, 1_000];
  const samples = new Map<number, Sample[]>();
  for (const n of sizes) {
    progress(`reconcile, ${n} objects`);
    const fixture = await reconcileFixture(n);
    for (let i = 0; i < 3; i++) reconcileSample(fixture); // warm-up
    samples.set(
      n,
      Array.from({ length: ROUNDS }, () => reconcileSample(fixture)),
    );
  }
  const at = (n: number, of: keyof Sample) => median(samples.get(n)!.map((s) => s[of]));
  const exponent = (of: keyof Sample) => Math.log(at(1_000, of) / at(10, of)) / Math.log(100);
  const rows: Row[] = sizes.map((n) => ({
    key: `reconcileMs${n}`,
    value: round(at(n, 'wallMs'), 3),
    unit: 'ms',
    note: `reconcile(desired, live): ${n} objects, 1 drifted; ${cpuNote(samples.get(n)!)}`,
  }));
  rows.push({
    key: 'reconcileGrowthExponent',
    value: round(exponent('wallMs'), 3),
    unit: '',
    target: { op: '<=', value: 1.1 },
    note: `log(t1000 / t10) / log(100), 1 is linear; ${round(exponent('cpuMs'), 3)} by CPU time`,
  });
  progress('poll, 1,000 objects (setting up the sandbox)');
  const poll = await pollFixture(1_000);
  await poll.poll(); // warm-up
  const polls: Sample[] = [];
  for (let i = 0; i < ROUNDS; i++) polls.push(await poll.poll());
  rows.push({
    key: 'pollMs1000',
    value: round(median(polls.map((s) => s.wallMs))),
    unit: 'ms',
    note: `Refresh of an unchanged revision + advance(5 s), 1,000 objects, observer included; ${cpuNote(polls)}`,
  });
  return rows;
}

async function virtualDayRows(): Promise<Row[]> {
  const day = (run: number) =>
    runVirtualDay((hour) => {
      if (hour % 6 === 0) progress(`virtual day ${run}: hour ${hour}`);
    });
  const runs: DayResult[] = [await day(1)];
  if (runs[0]!.wallMs < DAY_REPEAT_UNDER_MS) runs.push(await day(2), await day(3));
  const wallMs = median(runs.map((r) => r.wallMs));
  const cpuMs = median(runs.map((r) => r.cpuMs));
  const how =
    runs.length === 1
      ? `1 run (a day takes over ${DAY_REPEAT_UNDER_MS / 1000} s)`
      : `median of ${runs.length} runs`;
  return [
    {
      key: 'virtualToWallRatio',
      value: Math.round(DAY_MS / wallMs),
      unit: '',
      target: { op: '>=', value: 50_000 },
      note: `100 objects, a commit every 10 min, a drift an hour in both lanes; ${how}; ${Math.round(DAY_MS / cpuMs)} by process CPU time`,
    },
    {
      key: 'virtualDayWallMs',
      value: Math.round(wallMs),
      unit: 'ms',
      note: `process CPU ${Math.round(cpuMs)} ms; ${runs[0]!.commits} commits, ${runs[0]!.drifts} drifts x 2 lanes; sandbox creation included`,
    },
    {
      key: 'virtualDayHeapDeltaMiB',
      value: round(median(runs.map((r) => r.heapDeltaMiB)), 1),
      unit: 'MiB',
      note: 'heap retained by the sandbox after the day (after a forced GC)',
    },
  ];
}

async function scenarioRows(): Promise<Row[]> {
  progress('scenario library');
  await benchLibrary(); // warm-up
  const runs = [await benchLibrary(), await benchLibrary(), await benchLibrary()];
  const ms = median(runs.map((r) => r.ms));
  const longest = runs[0]!.longest;
  progress(`step back from the end of ${longest}`);
  const back = await medianOf(() => benchStepBack(longest, 'standby'), 3);
  const immediate = await medianOf(() => benchStepBack(longest, 'immediate'), 3);
  const replay = await medianOf(() => benchStepBack(longest, 'replay'), 3);
  return [
    {
      key: 'scenarioLibraryMs',
      value: Math.round(ms),
      unit: 'ms',
      target: { op: '<=', value: 3_000 },
      note: `${runs[0]!.scenarios} scenarios, headless, one process; median of 3`,
    },
    {
      key: 'stepBackMs',
      value: Math.round(back),
      unit: 'ms',
      target: { op: '<=', value: 100 },
      note: `from the last step of ${longest}, the longest, a second after it ran: the standby run is handed over; median of 3`,
    },
    {
      key: 'stepBackImmediateMs',
      value: Math.round(immediate),
      unit: 'ms',
      note: 'the same, at once after the last step (waits for the standby to catch up); median of 3',
    },
    {
      key: 'stepBackReplayMs',
      value: Math.round(replay),
      unit: 'ms',
      note: 'the same without a standby: a replay from the start (a timeline jump costs this); median of 3',
    },
  ];
}

async function stressRows(): Promise<Row[]> {
  const budgetS = Number(process.env.BENCH_STRESS_BUDGET_S ?? 180);
  progress(
    `stress: 500 objects, 2,000 commits, drift every 5 min, 7 virtual days (budget ${budgetS} s)`,
  );
  // The machine is shared and noisy: the wall time is the median of a few whole runs (one run
  // when the first one is cut short by the budget), the heap the largest any run saw.
  const runs = Math.max(1, Number(process.env.BENCH_STRESS_RUNS ?? 3));
  const results: StressResult[] = [];
  for (let i = 0; i < runs; i++) {
    if (i > 0) progress(`stress: run ${i + 1} of ${runs}`);
    const run = await runStress(budgetS * 1000);
    results.push(run);
    if (!run.finished) break;
  }
  const byWall = [...results].sort((a, b) => a.wallMs - b.wallMs);
  const r = byWall[Math.floor((byWall.length - 1) / 2)]!;
  const peakLive = results.every((x) => x.peakLiveHeapMB !== null)
    ? Math.max(...results.map((x) => x.peakLiveHeapMB!))
    : null;
  const peakInUse = Math.max(...results.map((x) => x.peakHeapMB));
  const walls =
    results.length > 1
      ? `median of ${results.length} runs (${byWall.map((x) => (x.wallMs / 1000).toFixed(1)).join(', ')} s); `
      : '';
  const days = (r.virtualMs / 86_400_000).toFixed(2);
  const how = `${walls}${r.commits} commits, ${r.drifts} drifts x 2 lanes, ${r.auditRecords} audit records; the heap samples' forced GCs (${Math.round(r.sampleGcMs)} ms) not counted`;
  return [
    {
      key: 'stressWallMs',
      value: r.finished
        ? Math.round(r.wallMs)
        : Math.round((r.wallMs * 7 * 86_400_000) / r.virtualMs),
      unit: 'ms',
      target: { op: '<=', value: 30_000 },
      note: r.finished
        ? `7 virtual days; ${how}`
        : `stopped at the ${budgetS} s budget after ${days} of 7 days; value extrapolated; ${how}`,
    },
    {
      key: 'stressPeakHeapMB',
      value: peakLive ?? peakInUse,
      unit: 'MB',
      // The heap grows with the trail: a run cut short is not judged against the target.
      ...(r.finished ? { target: { op: '<=' as const, value: 500 } } : {}),
      note: `${
        peakLive === null
          ? 'peak heap in use (the garbage collector could not be called)'
          : 'peak live heap: in use after a full GC at the end of each virtual day and of the run (the largest of the runs)'
      }${r.finished ? '' : `; first ${days} days only: not judged (BENCH_STRESS_BUDGET_S=600 runs it all)`}`,
    },
    {
      key: 'stressPeakHeapInUseMB',
      value: peakInUse,
      unit: 'MB',
      note: 'peak heap in use after any step, garbage not yet collected included (V8 collects when it sees fit)',
    },
  ];
}

async function browserRows(parts?: ReadonlySet<BrowserPart>): Promise<Row[]> {
  progress(`browser (build, serve, Chromium): ${[...(parts ?? BROWSER_PARTS)].join(', ')}`);
  const b = await benchBrowser(parts);
  const rows: (Row | null)[] = [
    {
      key: 'initialJsGzipBytes',
      value: b.initialJsGzipBytes!,
      unit: 'B',
      target: { op: '<=', value: 250_000 },
      note: 'gzip: the entry script and the chunks index.html preloads',
    },
    b.firstViewJsGzipBytes === undefined
      ? null
      : {
          key: 'firstViewJsGzipBytes',
          value: b.firstViewJsGzipBytes,
          unit: 'B',
          target: { op: '<=', value: 300_000 },
          note: 'gzip: all JS the lessons page (the first view) fetches until idle, idle-time prefetches included',
        },
    b.lessonLinkJsGzipBytes === undefined
      ? null
      : {
          key: 'lessonLinkJsGzipBytes',
          value: b.lessonLinkJsGzipBytes,
          unit: 'B',
          target: { op: '<=', value: 300_000 },
          note: 'gzip: all JS a lesson link (hotfix-drift, the sandbox opened directly) fetches until idle',
        },
    b.firstRenderMs === undefined
      ? null
      : {
          key: 'firstRenderMs',
          value: b.firstRenderMs,
          unit: 'ms',
          target: { op: '<=', value: 1_000 },
          note: 'navigation to both lanes on screen, headless Chromium on localhost; median of 5',
        },
    ...(b.playFrameP95Ms === undefined
      ? []
      : [
          {
            key: 'playFrameP95Ms',
            value: b.playFrameP95Ms,
            unit: 'ms',
            target: { op: '<=' as const, value: 17.5 },
            note: 'busy-day at 1000x: 95th percentile of requestAnimationFrame intervals',
          },
          {
            key: 'longestTaskMs',
            value: b.longestTaskMs!,
            unit: 'ms',
            target: { op: '<=' as const, value: 50 },
            note: `longest task while playing busy-day at 1000x (${b.longTasks} long tasks); observer self-check (an 80 ms task made on purpose is reported): ${b.longTaskObserverWorks ? 'passed' : 'FAILED'}`,
          },
        ]),
    ...(b.stepPaintMsMedian === undefined
      ? []
      : [
          {
            key: 'stepPaintMsMedian',
            value: b.stepPaintMsMedian,
            unit: 'ms',
            target: { op: '<=' as const, value: 100 },
            note: `Step, click to painted result, every step of ${Object.entries(
              b.stepPaintByScenario!,
            )
              .map(([id, ms]) => `${id} (median ${ms} ms)`)
              .join(', ')}; headless Chromium, 1280x800`,
          },
          {
            key: 'stepPaintMsMax',
            value: b.stepPaintMsMax!,
            unit: 'ms',
            target: { op: '<=' as const, value: 250 },
            note: 'the slowest Step of the same runs',
          },
        ]),
    ...(b.playReactCommitsPerS === undefined
      ? []
      : [
          {
            key: 'playReactCommitsPerS',
            value: b.playReactCommitsPerS,
            unit: '/s',
            note: 'React commits while busy-day plays at 1000x for 10 s (counted by the DevTools hook)',
          },
          {
            key: 'playRendersPerCommit',
            value: b.playRendersPerCommit!,
            unit: '',
            note: 'components rendered per commit, the same play (the incremental view adapter: a lane whose view did not change renders nothing)',
          },
        ]),
    b.stepLongTasksMs10k === undefined
      ? null
      : {
          key: 'stepLongTaskMs10k',
          value: Math.max(...b.stepLongTasksMs10k),
          unit: 'ms',
          target: { op: '<=', value: 200 },
          note: `longest task of a Step among 10,000 ConfigMaps, per step of 1 min: ${b.stepLongTasksMs10k.join(', ')} ms (the pipeline's first deploy of all 10,000 lands in step 3)`,
        },
    ...(b.lighthouse === undefined
      ? []
      : lighthouseRows(b.lighthouse, 'lighthouse', 'the lessons page')),
    ...(b.lighthouseLessonLink === undefined
      ? []
      : lighthouseRows(
          b.lighthouseLessonLink,
          'lighthouseLessonLink',
          'a lesson link (hotfix-drift)',
        )),
  ];
  return rows.filter((r): r is Row => r !== null);
}

/** The Lighthouse rows of one page; `prefix` names its keys (lighthouseTbtMs, lighthouseLessonLinkTbtMs). */
function lighthouseRows(l: LighthouseFigures, prefix: string, page: string): Row[] {
  const how = `Lighthouse 12.2.3 mobile preset on ${page} (vite preview), median of ${LIGHTHOUSE_RUNS}`;
  return [
    {
      key: prefix === 'lighthouse' ? 'lighthouseMobilePerformance' : `${prefix}Performance`,
      value: l.performance,
      unit: '',
      target: { op: '>=', value: 0.9 },
      note: `${how}; runs ${l.performanceRuns.join(', ')}`,
    },
    {
      key: `${prefix}TbtMs`,
      value: l.tbtMs,
      unit: 'ms',
      target: { op: '<=', value: 200 },
      note: `Total Blocking Time; ${how}`,
    },
    {
      key: `${prefix}LcpMs`,
      value: l.lcpMs,
      unit: 'ms',
      target: { op: '<=', value: 2_500 },
      note: `Largest Contentful Paint; ${how}`,
    },
    {
      key: `${prefix}Cls`,
      // The target holds in every run: the worst run is the figure.
      value: Math.max(...l.clsRuns),
      unit: '',
      target: { op: '<=', value: 0.1 },
      note: `Cumulative Layout Shift, the worst of ${LIGHTHOUSE_RUNS} runs (${l.clsRuns.join(', ')}; median ${l.cls})`,
    },
    {
      key: `${prefix}Accessibility`,
      value: l.accessibility,
      unit: '',
      target: { op: '>=', value: 1 },
      note: how,
    },
  ];
}

async function main() {
  // BENCH_ONLY=stress or BENCH_ONLY=browser measures that group alone (results.json keeps the
  // rest); BENCH_ONLY=browser:steps,lighthouse measures those parts of the browser group (parts:
  // firstview, play, steps, react, tenk, lighthouse).
  const only = process.env.BENCH_ONLY;
  if (only === 'stress') return report(await stressRows());
  if (only === 'browser') return report(await browserRows());
  if (only?.startsWith('browser:')) return report(await browserRows(browserParts(only)));
  progress('commits');
  await benchCommit(20); // warm-up: JIT and module loading
  const commitMs = await medianOf(() => benchCommit(100));
  const nativeMs = await medianOf(() => benchNativeCommit(50));
  progress('apply');
  benchApply(200);
  const applyRate = await medianOf(() => benchApply(1_000));

  const rows: Row[] = [
    {
      key: 'commitMsPerOp',
      value: round(commitMs),
      unit: 'ms',
      note: 'write + add + commit, in memory',
    },
    {
      key: 'nativeGitCommitMsPerOp',
      value: round(nativeMs),
      unit: 'ms',
      note: 'the same with the git CLI in a temp dir',
    },
    {
      key: 'commitCostRatioVsNativeGit',
      value: round(commitMs / nativeMs, 3),
      unit: '',
      target: { op: '<=', value: 0.5 },
    },
    {
      key: 'applyObjectsPerSec',
      value: Math.round(applyRate),
      unit: 'objects/s',
      note: '1,000 objects',
    },
    ...(await reconcileRows()),
    ...(await virtualDayRows()),
    ...(await scenarioRows()),
    ...(process.env.BENCH_STRESS === '0' ? [] : await stressRows()),
    ...(process.env.BENCH_BROWSER === '0' ? [] : await browserRows()),
  ];
  report(rows);
}

function browserParts(only: string): Set<BrowserPart> {
  const names = only.slice('browser:'.length).split(',');
  const unknown = names.filter((n) => !(BROWSER_PARTS as readonly string[]).includes(n));
  if (unknown.length > 0)
    throw new Error(
      `BENCH_ONLY: no browser part ${unknown.join(', ')} (${BROWSER_PARTS.join(', ')})`,
    );
  return new Set(names as BrowserPart[]);
}

function report(rows: Row[]): void {
  const previous = existsSync(RESULTS)
    ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>)
    : {};
  const results: Record<string, unknown> = { ...previous };
  for (const row of rows) results[row.key] = row.value;
  results.machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);

  console.log(renderTable(rows));
  console.log(
    `\nmedians of ${ROUNDS} rounds (unless a note says otherwise) on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; written to bench/results.json`,
  );
}

await main();
