// What React does while the app plays, and the longest task of a Step in a cluster of 10,000
// objects. React commits are counted through the hook React DevTools uses
// (`__REACT_DEVTOOLS_GLOBAL_HOOK__.onCommitFiberRoot`, called by production builds too), and a
// component counts as rendered in a commit when its fiber was re-created for that commit and carries
// React's PerformedWork flag (a fiber kept from the last commit did no work).
import type { Page } from 'playwright-core';
import { stepCount } from '../test/e2e/steps';

/** Installed before the app loads (page.addInitScript). A string: it runs in the page. */
export const REACT_COUNTER = `(() => {
  const seen = { fibers: new Set() };
  window.__react = { commits: 0, rendered: 0, byName: {} };
  const walk = (fiber, now) => {
    for (let f = fiber; f; f = f.sibling) {
      now.add(f);
      // Function, class, forwardRef and memo components; PerformedWork is flag 1.
      if ([0, 1, 11, 14, 15].includes(f.tag) && !seen.fibers.has(f) && (f.flags & 1) === 1)
      {
        window.__react.rendered++;
        const t = f.tag === 14 || f.tag === 15 ? f.type.type || f.type : f.type;
        const name = (t && (t.displayName || t.name)) || '?';
        window.__react.byName[name] = (window.__react.byName[name] || 0) + 1;
      }
      if (f.child) walk(f.child, now);
    }
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject() { return 1; },
    checkDCE() {},
    onScheduleFiberRoot() {},
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    onCommitFiberRoot(_id, root) {
      window.__react.commits++;
      const now = new Set();
      walk(root.current, now);
      seen.fibers = now;
    },
  };
})()`;

export interface ReactWork {
  commits: number;
  rendered: number;
  wallMs: number;
}

/** Plays at top speed for `wallMs` of real time and counts React's commits and renders. */
export async function playReactWork(page: Page, wallMs: number): Promise<ReactWork> {
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('1000');
  const read = () => page.evaluate<{ commits: number; rendered: number }>('window.__react');
  const before = await read();
  const started = Date.now();
  const play = page.getByRole('button', { name: 'Play' });
  // A guided lesson pauses at the end of each step: press Play again, as a learner would.
  while (Date.now() - started < wallMs) {
    if (await play.isVisible()) await play.click();
    await new Promise((r) => setTimeout(r, 100));
  }
  const pause = page.getByRole('button', { name: 'Pause' });
  if (await pause.isVisible()) await pause.click();
  const after = await read();
  return {
    commits: after.commits - before.commits,
    rendered: after.rendered - before.rendered,
    wallMs: Date.now() - started,
  };
}

/**
 * Steps of one virtual minute: the pipeline's first deploy of every object lands in the third (its
 * stages take 3 minutes), the reconciler's polls in others.
 */
export const STEPS = 5;

/** An app of `n` ConfigMaps (files under the 200,000-character limit) and STEPS steps. */
export function manyObjectsScenario(n: number): string {
  const perFile = 2_000;
  const files: string[] = [];
  for (let f = 0; f * perFile < n; f++) {
    const docs = Array.from(
      { length: Math.min(perFile, n - f * perFile) },
      (_, i) =>
        `      ---\n      {apiVersion: v1, kind: ConfigMap, metadata: {name: c${f * perFile + i}}, data: {k: v}}`,
    );
    files.push(`    apps/big/configmaps-${f}.yaml: |\n${docs.join('\n')}`);
  }
  const step = (title: string) => `  - title: ${title}\n    do:\n      - wait: 1m\n`;
  const steps = Array.from({ length: STEPS }, (_, i) => step(`Minute ${i + 1}`)).join('');
  return `id: many-objects\ntitle: ${n} objects\nsummary: A cluster of ${n} ConfigMaps.\nseed: 1\nrepo:\n  path: apps/big\n  files:\n${files.join('\n')}\nsteps:\n${steps}`;
}

/**
 * Imports the scenario of `n` objects, then presses Step STEPS times; the longest task each Step
 * made (PerformanceObserver 'longtask'), from the press until the view shows the step done.
 */
export async function stepLongTasks(page: Page, n: number): Promise<number[]> {
  await page.locator('input[type=file]').setInputFiles({
    name: 'many-objects.yaml',
    mimeType: 'text/yaml',
    buffer: Buffer.from(manyObjectsScenario(n)),
  });
  const deadline = Date.now() + 600_000;
  while ((await stepCount(page).catch(() => [0, 0]))[1] !== STEPS) {
    if (Date.now() > deadline) throw new Error('the scenario did not open');
    await new Promise((r) => setTimeout(r, 250));
  }
  // Wait for the first view of the objects, and for the page to go quiet.
  await new Promise((r) => setTimeout(r, 3_000));
  await page.evaluate(`(() => {
    window.__tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__tasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  })()`);
  const longest: number[] = [];
  for (let k = 1; k <= STEPS; k++) {
    await page.evaluate('window.__tasks = []');
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    while ((await stepCount(page))[0] !== k) {
      if (Date.now() > deadline) throw new Error(`step ${k} did not finish`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // The view follows the step: give it time to land before reading the tasks.
    await new Promise((r) => setTimeout(r, 2_000));
    longest.push(Math.round(Math.max(0, ...(await page.evaluate<number[]>('window.__tasks')))));
  }
  return longest;
}
