// Driving a lesson in the browser: the step counter, and stepping to the end (answering questions
// and solving tasks on the way).
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

export async function stepCount(page: Page): Promise<[number, number]> {
  const text = (await page.locator('.step-count').textContent()) ?? '';
  const m = /Step (\d+) of (\d+)/.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
}

/**
 * Steps to the end of a scenario. A question is answered first (its right answer is not known
 * here: the first choice); a task is solved by "Show me", then checked.
 */
export async function stepToEnd(
  page: Page,
  afterStep: (done: number, total: number) => Promise<void> = () => Promise.resolve(),
): Promise<void> {
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 50; i++) {
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
      await expect.poll(() => check.isEnabled(), { timeout: 60_000 }).toBe(true);
      await check.click();
    } else {
      await expect.poll(() => step.isEnabled(), { timeout: 60_000 }).toBe(true);
      // A step of the trail-load scenario holds the page for tens of seconds on a loaded machine
      // (main's build too: 25-34 s measured): the click waits for it.
      await step.click({ timeout: 120_000 });
    }
    await expect.poll(async () => (await stepCount(page))[0], { timeout: 60_000 }).toBe(before + 1);
    await afterStep(before + 1, total);
  }
}
