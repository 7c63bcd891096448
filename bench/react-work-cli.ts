// `tsx bench/react-work-cli.ts [appDir] [play|step]`: the React work while busy-day plays at 1000x
// and the longest task of a Step among 10,000 objects, for the app in `appDir` (default: here),
// so that two commits can be compared on the same machine at the same time.
import { resolve } from 'node:path';
import { build, preview } from 'vite';
import { launch } from '../test/e2e/browser';
import { playReactWork, REACT_COUNTER, stepLongTasks } from './react-work';

const root = resolve(process.argv[2] ?? '.');
const what = process.argv[3] ?? 'play';
const PLAY_MS = Number(process.env.PLAY_MS ?? 15_000);

await build({
  root,
  logLevel: 'warn',
  ...(process.env.MINIFY === '0' ? { build: { minify: false } } : {}),
});
const server = await preview({ root, preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
const base = server.resolvedUrls!.local[0]!;
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(REACT_COUNTER);
  if (what === 'play') {
    await page.goto(`${base}?scenario=${process.env.SCENARIO ?? 'busy-day'}`);
    await page.getByRole('region', { name: 'GitOps lane' }).waitFor();
    await new Promise((r) => setTimeout(r, 2_000));
    const w = await playReactWork(page, PLAY_MS);
    const s = w.wallMs / 1000;
    if (process.env.BY_NAME)
      console.log(await page.evaluate<Record<string, number>>('window.__react.byName'));
    console.log(
      JSON.stringify({
        root,
        commitsPerS: +(w.commits / s).toFixed(1),
        rendersPerS: +(w.rendered / s).toFixed(0),
        rendersPerCommit: +(w.rendered / Math.max(1, w.commits)).toFixed(1),
        ...w,
      }),
    );
  } else {
    await page.goto(`${base}?scenario=free-play`);
    await page.getByRole('region', { name: 'GitOps lane' }).waitFor();
    const n = Number(process.env.OBJECTS ?? 10_000);
    if (process.env.BY_NAME)
      console.log(await page.evaluate<Record<string, number>>('window.__react.byName'));
    console.log(
      JSON.stringify({ root, objects: n, stepLongestTaskMs: await stepLongTasks(page, n) }),
    );
  }
} finally {
  await browser.close();
  await server.close();
}
