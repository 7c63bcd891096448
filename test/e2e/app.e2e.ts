// The app in a real browser: every library scenario to its end, drift and rollbacks in both
// lanes, a reload and a shared link that restore the same state, accessibility, screenshots.
import { readdirSync, readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage, openConsole } from './browser';
import { stepCount, stepToEnd } from './steps';

const SHOTS = 'test/e2e/screenshots';
const LIBRARY = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml') && f !== 'lessons.yaml')
  .map((f) => f.replace(/\.yaml$/, ''));
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const base = () => inject('baseUrl');

/** Steps `n` times from where the session is, answering questions on the way. */
async function stepTimes(page: Page, n: number): Promise<void> {
  const [from] = await stepCount(page);
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let k = from; k < from + n; k++) {
    const predict = page.getByRole('region', { name: 'Predict' });
    if (await predict.isVisible()) {
      await predict.getByRole('radio').first().check();
      await predict.getByRole('button', { name: 'Lock in my answer' }).click();
    }
    await step.click();
    await expect.poll(async () => (await stepCount(page))[0], { timeout: 60_000 }).toBe(k + 1);
  }
}

/** The state a learner sees: clock, step counter, both lanes' status rows, the commit count. */
async function fingerprint(page: Page): Promise<string> {
  await page.waitForTimeout(300);
  const clock = await page.getByRole('timer', { name: 'Virtual clock' }).textContent();
  const steps = await page.locator('.step-count').textContent();
  const lanes = await Promise.all(
    ['DevOps lane', 'GitOps lane'].map((n) =>
      page.getByRole('region', { name: n }).getByRole('list', { name: 'Status' }).textContent(),
    ),
  );
  const commits = await page
    .getByRole('list', { name: 'Commits, newest first' })
    .getByRole('listitem')
    .count();
  return JSON.stringify({ clock, steps, lanes, commits });
}

describe('the app', () => {
  it.each(LIBRARY)('steps through %s to its end with no error', async (id) => {
    const { page, problems } = await openPage(browser, `${base()}?scenario=${id}`);
    await expect
      .poll(async () => (await stepCount(page))[1], { timeout: 30_000 })
      .toBeGreaterThan(0);
    await stepToEnd(page);
    const [done, total] = await stepCount(page);
    expect(done).toBe(total);
    await expect.poll(() => page.locator('.expectations li.failed').count()).toBe(0);
    expect(problems).toEqual([]);
    if (id === 'hotfix-drift' || id === 'busy-day')
      await page.screenshot({ path: join(SHOTS, `scenario-${id}.png`), fullPage: true });
    await page.close();
  });

  it('injects drift in both lanes: GitOps returns to Synced, DevOps stays drifted', async () => {
    const { page, problems } = await openPage(browser, `${base()}?scenario=free-play`);
    const devops = page.getByRole('region', { name: 'DevOps lane' });
    const gitops = page.getByRole('region', { name: 'GitOps lane' });
    const matches = (lane: typeof devops) =>
      lane.getByRole('list', { name: 'Status' }).textContent();
    const clock = () => page.getByRole('timer', { name: 'Virtual clock' }).textContent();
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('300');
    // Play is enabled once the sandbox is ready (a press before that used to be lost).
    await page.getByRole('button', { name: 'Play' }).click();
    // Time moves: if it did not, the failure below would only say that nothing was deployed.
    await expect.poll(clock, { timeout: 30_000 }).not.toBe('00:00:00');
    await expect.poll(() => matches(devops), { timeout: 60_000 }).toContain('Matches Git: yes');
    await expect.poll(() => matches(gitops), { timeout: 60_000 }).toContain('Matches Git: yes');
    await page.getByRole('button', { name: 'Pause' }).click();
    for (const lane of [devops, gitops]) {
      await lane.getByRole('button', { name: 'Inject drift' }).click();
      await lane.getByRole('button', { name: /^Scale to \d+ replicas$/ }).click();
    }
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => matches(gitops), { timeout: 60_000 }).toContain('Synced');
    await expect.poll(() => matches(gitops), { timeout: 60_000 }).toContain('Matches Git: yes');
    expect(await matches(devops)).toContain('Matches Git: no');
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.screenshot({ path: join(SHOTS, 'drift.png'), fullPage: true });

    expect(problems).toEqual([]);
    await page.close();
  });

  it('takes git and kubectl lines in the console, with completion', async () => {
    const { page, problems } = await openPage(browser, `${base()}?scenario=free-play`);
    const command = await openConsole(page);
    const consoleLog = page.getByRole('region', { name: 'Console' }).getByRole('list').first();
    await command.fill('git commit -m "web: 4 replicas" apps/web/deployment.yaml:spec.replicas=4');
    await command.press('Enter');
    await command.fill('git log --oneline');
    await command.press('Enter');
    await expect
      .poll(() => consoleLog.textContent(), { timeout: 30_000 })
      .toMatch(/[0-9a-f]{7} \(HEAD -> main\) web: 4 replicas/);
    // The reconciler deploys at once; the pipeline is still checking out, so ask the GitOps cluster.
    await page.getByRole('combobox', { name: 'Console cluster' }).selectOption('gitops');
    await command.fill('get deployment/w');
    await command.press('Tab');
    await expect.poll(() => command.inputValue(), { timeout: 10_000 }).toBe('get deployment/web ');
    await command.press('Enter');
    await expect
      .poll(() => consoleLog.textContent())
      .toContain('gitops $ kubectl get deployment/web');
    expect(page.url()).toContain('actions=');
    expect(problems).toEqual([]);
    await page.close();
  });

  it("rolls back a bad release in Git at the lesson's task, and both lanes follow", async () => {
    // After step 3 both clusters were rolled back by hand (rollout undo; an Argo CD history
    // rollback) and neither matches Git; step 4 is the task: roll back in Git.
    const { page, problems } = await openPage(
      browser,
      `${base()}?scenario=bad-release-rollback&step=3`,
    );
    await expect.poll(async () => (await stepCount(page))[0], { timeout: 60_000 }).toBe(3);
    const devops = page.getByRole('region', { name: 'DevOps lane' });
    const gitops = page.getByRole('region', { name: 'GitOps lane' });
    await gitops.getByRole('button', { name: 'Roll back' }).click();
    await gitops.getByRole('button', { name: 'Git revert' }).click();
    await expect
      .poll(() => page.getByRole('list', { name: 'Commits, newest first' }).textContent(), {
        timeout: 30_000,
      })
      .toContain('Revert');
    // At a task, Play lets time run (a pipeline run, a poll) and pauses once the goal holds.
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('300');
    await page.getByRole('button', { name: 'Play' }).click();
    const status = (lane: typeof devops) =>
      lane.getByRole('list', { name: 'Status' }).textContent();
    await expect
      .poll(() => status(gitops), { timeout: 90_000 })
      .toMatch(/Healthy[\s\S]*Matches Git: yes/);
    await expect
      .poll(() => status(devops), { timeout: 90_000 })
      .toMatch(/Healthy[\s\S]*Matches Git: yes/);
    await page.getByRole('button', { name: 'Play' }).waitFor();
    const task = page.getByRole('region', { name: 'Your task' });
    expect(await task.getByRole('button', { name: 'Check and continue' }).isEnabled()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'rollback.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('restores the same state after a reload and from a shared link', async () => {
    const { page, problems } = await openPage(browser, `${base()}?scenario=hotfix-drift`);
    await expect.poll(async () => (await stepCount(page))[1]).toBeGreaterThan(0);
    await stepTimes(page, 2);
    const before = await fingerprint(page);
    const url = page.url();
    expect(url).toContain('scenario=hotfix-drift');
    expect(url).toContain('step=2');
    await page.reload();
    await expect.poll(async () => (await stepCount(page))[0], { timeout: 60_000 }).toBe(2);
    expect(await fingerprint(page)).toBe(before);
    const other = await openPage(browser, url);
    await expect.poll(async () => (await stepCount(other.page))[0], { timeout: 60_000 }).toBe(2);
    expect(await fingerprint(other.page)).toBe(before);
    expect([...problems, ...other.problems]).toEqual([]);
    await other.page.close();
    await page.close();
  });

  it('says so instead of replaying a link from an incompatible build', async () => {
    const { page } = await openPage(browser, `${base()}?v=99&scenario=hotfix-drift&step=2`);
    await expect(page.getByRole('status').textContent()).resolves.toMatch(
      /another version of DriftLab/,
    );
    await page.close();
  });

  it('refuses a hostile scenario import quickly and keeps the session', async () => {
    const { page, problems } = await openPage(browser, `${base()}?scenario=hotfix-drift`);
    const bomb = `id: bomb\ntitle: B\nrepo: { files: { a: b } }\nsteps:\n${'  - title: s\n'.repeat(1_001)}`;
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'bomb.yaml', mimeType: 'text/yaml', buffer: Buffer.from(bomb) });
    await expect(page.getByRole('status').textContent()).resolves.toMatch(
      /bomb\.yaml:\d+:\d+: .*at most 1000 items/,
    );
    await expect.poll(async () => (await stepCount(page))[1]).toBe(4);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps a trail of over twenty thousand rows scrollable, with only a window of it in the page', async () => {
    const { page, problems } = await openPage(browser, `${base()}?scenario=free-play`);
    // The free-play app through three steps of 100 scale-ups and downs in both lanes, two minutes
    // apart: every one starts or stops Pods, and each Pod's life is a few controller writes.
    const freePlay = readFileSync('scenarios/free-play.yaml', 'utf8');
    const churn = Array.from(
      { length: 100 },
      (_, i) =>
        `      - kubectl: { lane: both, actor: bob, run: "scale deployment/web --replicas=${i % 2 ? 3 : 30}" }\n      - wait: 2m\n`,
    ).join('');
    const step = (n: number) => `  - title: Churn ${n}\n    do:\n${churn}`;
    const scenario = `${freePlay.slice(0, freePlay.indexOf('\nsteps:')).replace('id: free-play', 'id: trail-load')}\nsteps:\n${step(1)}${step(2)}${step(3)}`;
    await page.locator('input[type=file]').setInputFiles({
      name: 'trail-load.yaml',
      mimeType: 'text/yaml',
      buffer: Buffer.from(scenario),
    });
    await expect.poll(async () => (await stepCount(page))[1], { timeout: 30_000 }).toBe(3);
    await stepToEnd(page);
    await page.getByRole('tab', { name: 'Compare' }).click();
    await page.getByRole('checkbox', { name: 'Show controller writes' }).check();
    const table = page.getByRole('table', { name: /Audit records/ });
    const rows = async () => Number(await table.getAttribute('aria-rowcount'));
    await expect.poll(rows, { timeout: 10_000 }).toBeGreaterThan(20_000);
    const rowCount = await rows();
    // Only the rows in view (and a few either side) are in the page.
    expect(await table.getByRole('row').count()).toBeLessThan(100);
    // It follows the end; the top is a scroll away, and its first record is there.
    await table.evaluate((el) => el.scrollTo({ top: 0 }));
    await expect.poll(() => table.getByRole('row').nth(1).getAttribute('aria-rowindex')).toBe('2');
    await table.evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
    await expect
      .poll(async () => Number(await table.getByRole('row').nth(1).getAttribute('aria-rowindex')))
      .toBeGreaterThan(rowCount / 3);
    expect(await table.getByRole('row').count()).toBeLessThan(100);
    console.info(`audit trail: ${rowCount - 1} rows`);
    expect(problems).toEqual([]);
    await page.close();
  }, 240_000);

  it('has no serious or critical accessibility violations on the main views', async () => {
    const axe = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
    const { page } = await openPage(browser, `${base()}?scenario=hotfix-drift&step=2`);
    await expect.poll(async () => (await stepCount(page))[0], { timeout: 60_000 }).toBe(2);
    const audit = async (name: string) => {
      // Evaluated through the DevTools protocol, which the page's CSP does not govern.
      await page.evaluate(axe);
      const result = await page.evaluate(async () => {
        const r = await (
          window as unknown as {
            axe: {
              run: (
                ctx: Document,
                o: object,
              ) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }>;
            };
          }
        ).axe.run(document, { resultTypes: ['violations'] });
        return r.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id} (${v.nodes.length})`);
      });
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
      return result;
    };
    expect(await audit('lanes')).toEqual([]);
    await page.getByRole('tab', { name: 'Compare' }).click();
    await page.getByRole('region', { name: 'Audit trail' }).waitFor();
    expect(await audit('compare')).toEqual([]);
    await page.close();
  });
});
