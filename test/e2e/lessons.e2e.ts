// A learner's path in a real browser: the lessons page as the first view, a task solved by hand
// through the Git panel (after a hint, and a broken rule with its message), a question answered
// before its step and revealed after it, the summary and Next lesson, and progress that survives
// a reload.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openConsole } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const base = () => inject('baseUrl');
const LESSON = 'Your first change, through a pull request';

async function open(url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(url);
  return { page, problems };
}

const stepsDone = async (page: Page) =>
  Number(/Step (\d+) of/.exec((await page.locator('.step-count').textContent()) ?? '')?.[1]);

describe('a lesson, as a first-time visitor takes it', () => {
  it('lands on the lessons page, solves a task by hand, answers a question and moves on', async () => {
    const { page, problems } = await open(base());
    await page.getByRole('heading', { name: 'Lessons', level: 2 }).waitFor();
    // No sandbox on the first view: it loads when a lesson starts.
    expect(await page.getByRole('region', { name: 'GitOps lane' }).count()).toBe(0);

    await page.getByRole('button', { name: new RegExp(`^${LESSON}`) }).click();
    await page.getByRole('button', { name: `Start: ${LESSON}` }).click();
    await page.getByRole('region', { name: 'GitOps lane' }).waitFor();
    expect(page.url()).toContain('scenario=your-first-change');

    // Step 1 runs; step 2 is the task.
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    const task = page.getByRole('region', { name: 'Your task' });
    await task.waitFor();
    const check = task.getByRole('button', { name: 'Check and continue' });
    expect(await check.isEnabled()).toBe(false);
    await task.getByRole('button', { name: 'Show a hint (1 of 3)' }).click();
    await expect
      .poll(() => task.getByRole('list', { name: 'Hints' }).textContent())
      .toMatch(/Open the Git panel/);

    // A shortcut the task forbids: kubectl. The rule turns ✗ and names the command's record.
    const command = await openConsole(page);
    await command.fill('scale deployment/web --replicas=4');
    await command.press('Enter');
    const rule = task.getByRole('list', { name: 'Rules' }).getByRole('listitem').filter({
      hasText: 'without kubectl',
    });
    await expect
      .poll(() => rule.textContent())
      .toMatch(/does not hold.*you kubectl update Deployment\/default\/web on devops/);

    // Step back to before the task and take it again, the way it lasts.
    await page.getByRole('button', { name: 'Step back' }).click();
    await expect.poll(() => stepsDone(page), { timeout: 60_000 }).toBe(0);
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await task.waitFor();
    await expect.poll(() => rule.textContent()).toMatch(/holds/);

    const editor = page.getByRole('form', { name: 'Change a manifest' });
    await editor.getByRole('combobox', { name: 'File' }).selectOption('apps/web/deployment.yaml');
    const content = editor.getByRole('textbox', { name: 'Content' });
    await expect.poll(() => content.inputValue()).toContain('replicas: 2');
    await content.fill((await content.inputValue()).replace('replicas: 2', 'replicas: 4'));
    await editor.getByRole('button', { name: 'Open pull request' }).click();
    const pr = page.getByRole('group', { name: /^Pull request #1/ });
    await pr.getByRole('button', { name: 'Merge' }).click();
    await expect
      .poll(() => task.getByRole('list', { name: 'Rules' }).textContent())
      .not.toMatch(/does not hold/);

    // Play lets time run at a task and pauses once the goal holds.
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('300');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => check.isEnabled(), { timeout: 60_000 }).toBe(true);
    await page.getByRole('button', { name: 'Play' }).waitFor();
    await check.click();

    // Step 3 asks before it runs.
    const predict = page.getByRole('region', { name: 'Predict' });
    await predict.waitFor();
    expect(await page.getByRole('button', { name: 'Step', exact: true }).isEnabled()).toBe(false);
    await predict
      .getByRole('radio', { name: /4 in the pull cluster, 2 in the push cluster/ })
      .check();
    await predict.getByRole('button', { name: 'Lock in my answer' }).click();
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    const reveal = page.getByRole('region', { name: 'Answer' });
    await expect.poll(() => reveal.textContent(), { timeout: 60_000 }).toMatch(/✓ Right/);
    expect(await reveal.textContent()).toMatch(/Why: Argo CD compares/);

    // The summary: results, and the next lesson one click away.
    const summary = page.getByRole('region', { name: LESSON });
    const results = summary.getByRole('list', { name: 'Your results' });
    expect(await results.textContent()).toMatch(/solved by you/);
    expect(await summary.textContent()).toContain('Tasks solved: 1 of 1');
    expect(await summary.textContent()).toContain('Questions right: 1 of 1');
    const next = summary.getByRole('button', { name: /^Next lesson: / });
    const nextTitle = ((await next.textContent()) ?? '').replace('Next lesson: ', '');
    await next.click();
    await expect
      .poll(() =>
        page
          .getByRole('combobox', { name: 'Scenario' })
          .evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent),
      )
      .toBe(nextTitle);

    // Back on the lessons page, the lesson is solved; after a reload it still is.
    await page.getByRole('button', { name: 'Lessons', exact: true }).click();
    const solved = page.getByRole('button', { name: new RegExp(`^${LESSON} ?\\(solved\\)`) });
    await solved.waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Lessons', level: 2 }).waitFor();
    expect(await solved.count()).toBe(1);
    expect(await page.getByText(/^1 of \d+ lessons solved$/).count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('what just happened', () => {
  const told = (page: Page) =>
    page.getByRole('list', { name: 'What just happened: GitOps (pull)' }).textContent();

  it('tells a self-heal that happened while paused, with how soon it came', async () => {
    // hotfix-drift: step 1 deploys, step 2 asks, then bob scales by hand and self-heal reverts it.
    const { page, problems } = await open(`${base()}?scenario=hotfix-drift&step=1`);
    await page.getByRole('region', { name: 'GitOps lane' }).waitFor();
    await expect.poll(() => stepsDone(page), { timeout: 60_000 }).toBe(1);
    const predict = page.getByRole('region', { name: 'Predict' });
    await predict.getByRole('radio').first().check();
    await predict.getByRole('button', { name: 'Lock in my answer' }).click();
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => told(page), { timeout: 60_000 }).toMatch(/self-healed/);
    // The Deployment self-heal wrote is marked in the cluster table.
    const row = page
      .getByRole('region', { name: 'GitOps lane' })
      .getByRole('table', { name: 'Cluster objects' })
      .locator('tr.changed-now');
    expect(await row.textContent()).toMatch(/Deployment\s*web/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('tells a self-heal while playing, in free play, after drift injected by hand', async () => {
    const { page, problems } = await open(`${base()}?scenario=free-play`);
    const gitops = page.getByRole('region', { name: 'GitOps lane' });
    await gitops.waitFor();
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('60');
    await page.getByRole('button', { name: 'Play' }).click();
    await gitops.getByRole('button', { name: 'Inject drift' }).click();
    await gitops.getByRole('button', { name: /^Scale to \d+ replicas$/ }).click();
    await expect.poll(() => told(page), { timeout: 60_000 }).toMatch(/self-healed/);
    expect(await page.getByRole('button', { name: 'Pause' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Pause' }).click();
    expect(problems).toEqual([]);
    await page.close();
  });
});
