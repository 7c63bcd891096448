// Driving a lesson in the browser: the step counter, and stepping to the end (answering questions
// and solving tasks on the way). Shared by the browser tests and the bench (bench/browser.ts), so
// it imports no test runner: a wait that runs out throws.
import type { Page } from 'playwright-core';

/** The step counter, "Step 1 of 3" as [1, 3]. */
export async function stepCount(page: Page): Promise<[number, number]> {
  const text = (await page.locator('.step-count').textContent()) ?? '';
  const m = /Step (\d+) of (\d+)/.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
}

/** Polls `holds` every 100 ms until it is true; throws after `timeoutMs` (a bound, not a timing). */
async function until(what: string, holds: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await holds())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Clicks Step. A step of the trail-load scenario holds the page for tens of seconds on a loaded
 * machine (main's build too: 25-34 s measured): the click waits for it. */
const clickStep = (page: Page) =>
  page.getByRole('button', { name: 'Step', exact: true }).click({ timeout: 120_000 });

/**
 * Steps to the end of a scenario. A question is answered first (its right answer is not known
 * here: the first choice); a task is solved by "Show me", then checked. Step is pressed by
 * `press` (the bench times it), only once it is enabled: a click on the busy button is not a step.
 */
export async function stepToEnd(
  page: Page,
  afterStep: (done: number, total: number) => Promise<void> = () => Promise.resolve(),
  press: (page: Page) => Promise<unknown> = clickStep,
): Promise<void> {
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 60; i++) {
    const [before, total] = await stepCount(page);
    if (before >= total) return;
    const predict = page.getByRole('region', { name: 'Predict' });
    const task = page.getByRole('region', { name: 'Your task' });
    if (await predict.isVisible()) {
      await predict.getByRole('radio').first().check();
      await predict.getByRole('button', { name: 'Lock in my answer' }).click();
    }
    if (await task.isVisible()) {
      await task.getByRole('button', { name: 'Show me' }).click();
      const check = task.getByRole('button', { name: 'Check and continue' });
      await until('the task can be checked', () => check.isEnabled());
      await check.click();
    } else {
      await until('Step is enabled', () => step.isEnabled());
      await press(page);
    }
    await until(
      `step ${before + 1} is done`,
      async () => (await stepCount(page))[0] === before + 1,
    );
    await afterStep(before + 1, total);
  }
}
