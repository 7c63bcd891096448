// Browser figures for `npm run bench`: the gzip size of the JS the first view loads, the time to
// the first rendered sandbox, and frame intervals and long tasks while the busiest scenario plays
// at top speed. Builds the app, serves it on 127.0.0.1 and drives the system Chromium.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build, preview } from 'vite';
import { launch } from '../test/e2e/browser';
import { median } from './table';

export interface BrowserFigures {
  initialJsGzipBytes: number;
  firstRenderMs: number;
  playFrameP95Ms: number;
  longestTaskMs: number;
  longTasks: number;
}

const READY = () => {
  const lane = document.querySelector('[aria-label="GitOps lane"]');
  return lane !== null && (lane.textContent ?? '').includes('Matches Git');
};

export async function benchBrowser(): Promise<BrowserFigures> {
  await build({ logLevel: 'warn' });
  const server = await preview({ preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
  const base = server.resolvedUrls!.local[0]!;
  const browser = await launch();
  try {
    // First view: the JS it loads, and when the sandbox is on screen.
    const renders: number[] = [];
    let jsBytes = 0;
    for (let i = 0; i < 5; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${base}?scenario=hotfix-drift`);
      await page.waitForFunction(READY, undefined, { polling: 'raf', timeout: 30_000 });
      renders.push(await page.evaluate(() => performance.now()));
      if (i === 0) {
        await page.waitForLoadState('networkidle');
        const scripts = await page.evaluate(() =>
          performance
            .getEntriesByType('resource')
            .map((e) => e.name)
            .filter((n) => n.endsWith('.js')),
        );
        for (const url of scripts)
          jsBytes += gzipSync(readFileSync(`dist${new URL(url).pathname}`)).length;
      }
      await page.close();
    }

    // Play the busiest scenario at top speed and watch the frames.
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${base}?scenario=busy-day`);
    await page.waitForFunction(READY, undefined, { polling: 'raf', timeout: 30_000 });
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('1000');
    await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __tasks: number[] };
      w.__frames = [];
      w.__tasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__tasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: false });
      let last = performance.now();
      const loop = (now: number) => {
        w.__frames.push(now - last);
        last = now;
        if (w.__frames.length < 600) requestAnimationFrame(loop);
      };
      requestAnimationFrame(loop);
    });
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForFunction(
      () => (window as unknown as { __frames: number[] }).__frames.length >= 600,
      undefined,
      { timeout: 120_000 },
    );
    const { frames, tasks } = await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __tasks: number[] };
      return { frames: w.__frames.slice(10), tasks: w.__tasks };
    });
    const sorted = [...frames].sort((a, b) => a - b);
    return {
      initialJsGzipBytes: jsBytes,
      firstRenderMs: Math.round(median(renders)),
      playFrameP95Ms: Number(sorted[Math.floor(sorted.length * 0.95)]!.toFixed(1)),
      longestTaskMs: Math.round(Math.max(0, ...tasks)),
      longTasks: tasks.length,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
