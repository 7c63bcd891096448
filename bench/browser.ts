// Browser figures for `npm run bench`: the gzip size of the JS the first view loads, the time to
// the first rendered sandbox, and frame intervals and long tasks while the busiest scenario plays
// at top speed. Builds the app, serves it on 127.0.0.1 and drives the system Chromium.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build, preview } from 'vite';
import type { Browser, Page } from 'playwright-core';
import { launch } from '../test/e2e/browser';
import { playReactWork, REACT_COUNTER, stepLongTasks } from './react-work';
import { lighthouse, type LighthouseFigures } from './lighthouse';
import { STEP_PAINT_SCENARIOS, stepPaints } from './step-paint';
import { median } from './table';

/** The parts of the browser bench; BENCH_ONLY=browser:steps,lighthouse runs those alone. */
export const BROWSER_PARTS = ['firstview', 'play', 'steps', 'react', 'tenk', 'lighthouse'] as const;
export type BrowserPart = (typeof BROWSER_PARTS)[number];

export interface BrowserFigures {
  /** The entry script and the chunks index.html preloads: what must arrive before anything runs. */
  initialJsGzipBytes: number;
  /** Everything the first view has fetched once idle, lazy chunks (diagrams, markdown) included. */
  firstViewJsGzipBytes: number;
  firstRenderMs: number;
  playFrameP95Ms: number;
  longestTaskMs: number;
  longTasks: number;
  /** The self-check: an 80 ms task made after play was reported by the same observer. */
  longTaskObserverWorks: boolean;
  /** React while busy-day plays at 1000x: commits per second, components rendered per commit. */
  playReactCommitsPerS: number;
  playRendersPerCommit: number;
  /** The longest task of each Step in a cluster of 10,000 objects. */
  stepLongTasksMs10k: number[];
  /** Click on Step to the painted result, every step of STEP_PAINT_SCENARIOS. */
  stepPaintMsMedian: number;
  stepPaintMsMax: number;
  /** The median per scenario, for the note. */
  stepPaintByScenario: Record<string, number>;
  /** Lighthouse, mobile preset, on the lessons page (the first view) and on a lesson's link. */
  lighthouse: LighthouseFigures;
  lighthouseLessonLink: LighthouseFigures;
  /** All JS a lesson's link (the sandbox, opened directly) fetches until idle. */
  lessonLinkJsGzipBytes: number;
}

const READY = `(() => {
  const lane = document.querySelector('[aria-label="GitOps lane"]');
  return lane !== null && (lane.textContent || '').includes('Matches Git');
})()`;

function initialJs(): number {
  const html = readFileSync('dist/index.html', 'utf8');
  const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  return files.reduce((n, f) => n + gzipSync(readFileSync(`dist${f}`)).length, 0);
}

/**
 * Polls `expr` in the page until it is truthy; returns the page's performance.now() at that moment.
 * (page.waitForFunction evaluates strings with eval, which the app's CSP rightly refuses.)
 */
async function waitUntil(page: Page, expr: string, timeoutMs = 30_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    const at = await page.evaluate<number>(`(${expr}) ? performance.now() : -1`);
    if (at >= 0) return at;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${expr}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function benchBrowser(
  parts: ReadonlySet<BrowserPart> = new Set(BROWSER_PARTS),
): Promise<Partial<BrowserFigures>> {
  await build({ logLevel: 'warn' });
  const server = await preview({ preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
  const base = server.resolvedUrls!.local[0]!;
  const browser = await launch();
  const figures: Partial<BrowserFigures> = { initialJsGzipBytes: initialJs() };
  try {
    if (parts.has('firstview')) Object.assign(figures, await firstView(browser, base));
    if (parts.has('play')) Object.assign(figures, await playFrames(browser, base));
    if (parts.has('steps')) Object.assign(figures, await stepPaintFigures(browser, base));
    if (parts.has('react')) {
      // React's work while playing, counted through the DevTools hook (react-work.ts).
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.addInitScript(REACT_COUNTER);
      await page.goto(`${base}?scenario=busy-day`);
      await waitUntil(page, READY);
      const react = await playReactWork(page, 10_000);
      await page.close();
      figures.playReactCommitsPerS = Number(((react.commits * 1000) / react.wallMs).toFixed(1));
      figures.playRendersPerCommit = Number(
        (react.rendered / Math.max(1, react.commits)).toFixed(1),
      );
    }
    if (parts.has('tenk')) {
      // Step among 10,000 objects (issue 11): the longest task of each Step.
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${base}?scenario=free-play`);
      await waitUntil(page, READY);
      figures.stepLongTasksMs10k = await stepLongTasks(page, 10_000);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  try {
    // Lighthouse starts its own Chromium: run with nothing else on the machine's cores.
    if (parts.has('lighthouse')) {
      figures.lighthouse = await lighthouse(base);
      figures.lighthouseLessonLink = await lighthouse(`${base}?scenario=${LESSON_LINK}`);
    }
  } finally {
    await server.close();
  }
  return figures;
}

/**
 * The lessons page (the first view): all JS fetched until the network is idle and the main thread
 * quiet (idle-time prefetches included); and the time from navigation to a sandbox on screen.
 */
async function firstView(browser: Browser, base: string) {
  const firstViewJsGzipBytes = await jsFetched(browser, base);
  const lessonLinkJsGzipBytes = await jsFetched(browser, `${base}?scenario=${LESSON_LINK}`);
  const renders: number[] = [];
  for (let i = 0; i < 5; i++) {
    const p = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await p.goto(`${base}?scenario=hotfix-drift`);
    renders.push(await waitUntil(p, READY));
    await p.close();
  }
  return {
    firstViewJsGzipBytes,
    lessonLinkJsGzipBytes,
    firstRenderMs: Math.round(median(renders)),
  };
}

/** The lesson a shared link opens in the figures of a link's first view. */
const LESSON_LINK = 'hotfix-drift';

/** The gzip bytes of all JS `url` fetches until the network and the page are idle. */
async function jsFetched(browser: Browser, url: string): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
  await new Promise((r) => setTimeout(r, 2_000));
  await page.waitForLoadState('networkidle');
  const scripts = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((n) => n.endsWith('.js')),
  );
  let jsBytes = 0;
  for (const url of new Set(scripts))
    jsBytes += gzipSync(readFileSync(`dist${new URL(url).pathname}`)).length;
  await page.close();
  return jsBytes;
}

/** Plays the busiest scenario at top speed and watches the frames and long tasks. */
async function playFrames(browser: Browser, base: string) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${base}?scenario=busy-day`);
  await waitUntil(page, READY);
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('1000');
  // A string, not a function: tsx's name-keeping helper does not exist in the page.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__tasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
    let last = performance.now();
    function loop(now) {
      window.__frames.push(now - last);
      last = now;
      if (window.__frames.length < 600) requestAnimationFrame(loop);
    }
    requestAnimationFrame(loop);
  })()`);
  // In a guided lesson Play pauses at the end of each step: press it again until the frames
  // are counted, as a learner playing through the day would.
  const play = page.getByRole('button', { name: 'Play' });
  const counted = () =>
    page.evaluate(() => (window as unknown as { __frames: number[] }).__frames.length >= 600);
  const started = Date.now();
  while (!(await counted())) {
    if (Date.now() - started > 120_000) throw new Error('play did not run 600 frames');
    if (await play.isVisible()) await play.click();
    await new Promise((r) => setTimeout(r, 50));
  }
  const pause = page.getByRole('button', { name: 'Pause' });
  if (await pause.isVisible()) await pause.click();
  const { frames, tasks } = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __tasks: number[] };
    return { frames: w.__frames.slice(10), tasks: [...w.__tasks] };
  });
  // The observer's self-check: a task of 80 ms made on purpose must be reported, so that "no
  // long task" above is a reading and not a deaf observer.
  await page.evaluate(`setTimeout(() => {
    const t = performance.now();
    while (performance.now() - t < 80);
  }, 0)`);
  await new Promise((r) => setTimeout(r, 500));
  const heard = await page.evaluate<number[]>('window.__tasks');
  const longTaskObserverWorks = heard.slice(tasks.length).some((d) => d >= 80);
  await page.close();

  const sorted = [...frames].sort((a, b) => a - b);
  return {
    playFrameP95Ms: Number(sorted[Math.floor(sorted.length * 0.95)]!.toFixed(1)),
    longestTaskMs: Math.round(Math.max(0, ...tasks)),
    longTasks: tasks.length,
    longTaskObserverWorks,
  };
}

/** The sandbox has opened its session (the workspace is no longer busy). */
const OPENED = `document.querySelector('main.workspace')?.getAttribute('aria-busy') === 'false'`;

/** Step, from the click to the painted result, every step of every lesson of the library. */
async function stepPaintFigures(browser: Browser, base: string) {
  const stepPaintByScenario: Record<string, number> = {};
  const all: number[] = [];
  for (const id of STEP_PAINT_SCENARIOS) {
    const p = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await p.goto(`${base}?scenario=${id}`);
    await waitUntil(p, OPENED, 60_000);
    const times = await stepPaints(p);
    all.push(...times);
    Object.assign(stepPaintByScenario, { [id]: Math.round(median(times)) });
    await p.close();
  }
  return {
    stepPaintMsMedian: Math.round(median(all)),
    stepPaintMsMax: Math.round(Math.max(...all)),
    stepPaintByScenario,
  };
}
