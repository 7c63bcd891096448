// Lighthouse on the first view (issue 14): lighthouse@12.2.3 (later versions need Node 22), its
// default mobile preset (simulated slow 4G, 4x CPU slowdown), run 3 times against the built app
// served by `vite preview`; the medians are reported, and CLS of every run (the target holds for
// each run, not only the median: panels that jump in one run out of three still jump).
// Lighthouse is not a dependency: the copy at LIGHTHOUSE_BIN (or /work/tools/lh) is used when it
// exists, else `npx -y lighthouse@12.2.3`.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { CHROMIUM } from '../test/e2e/browser';
import { median } from './table';

const run = promisify(execFile);
const LOCAL = process.env.LIGHTHOUSE_BIN ?? '/work/tools/lh/node_modules/.bin/lighthouse';
export const LIGHTHOUSE_RUNS = 3;

export interface LighthouseFigures {
  performance: number;
  accessibility: number;
  tbtMs: number;
  lcpMs: number;
  cls: number;
  /** CLS of each run, in run order. */
  clsRuns: number[];
  /** Performance score of each run, in run order. */
  performanceRuns: number[];
}

interface Report {
  categories: Record<string, { score: number | null }>;
  audits: Record<string, { numericValue?: number }>;
  runtimeError?: { code: string; message: string };
}

async function once(url: string): Promise<Report> {
  const args = [
    url,
    '--output=json',
    '--output-path=stdout',
    '--quiet',
    '--only-categories=performance,accessibility',
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
  ];
  const [cmd, argv] = existsSync(LOCAL)
    ? [LOCAL, args]
    : ['npx', ['-y', 'lighthouse@12.2.3', ...args]];
  const { stdout } = await run(cmd, argv, {
    env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? CHROMIUM },
    maxBuffer: 64 * 2 ** 20,
  });
  const report = JSON.parse(stdout) as Report;
  if (report.runtimeError) throw new Error(`lighthouse: ${report.runtimeError.message}`);
  return report;
}

export async function lighthouse(url: string): Promise<LighthouseFigures> {
  const reports: Report[] = [];
  for (let i = 0; i < LIGHTHOUSE_RUNS; i++) reports.push(await once(url));
  const score = (r: Report, c: string) => r.categories[c]?.score ?? 0;
  const audit = (r: Report, a: string) => r.audits[a]?.numericValue ?? NaN;
  const clsRuns = reports.map((r) => Number(audit(r, 'cumulative-layout-shift').toFixed(3)));
  const performanceRuns = reports.map((r) => score(r, 'performance'));
  return {
    performance: median(performanceRuns),
    accessibility: median(reports.map((r) => score(r, 'accessibility'))),
    tbtMs: Math.round(median(reports.map((r) => audit(r, 'total-blocking-time')))),
    lcpMs: Math.round(median(reports.map((r) => audit(r, 'largest-contentful-paint')))),
    cls: median(clsRuns),
    clsRuns,
    performanceRuns,
  };
}
