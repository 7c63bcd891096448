// Step in the browser, from the click to the painted result (issue 14): every step of a lesson,
// questions answered and tasks shown on the way (those are not timed).
import { readdirSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** Every scenario of the library that has steps (free play has none; lessons.yaml is the path). */
export const STEP_PAINT_SCENARIOS = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml') && f !== 'lessons.yaml' && f !== 'free-play.yaml')
  .map((f) => f.replace(/\.yaml$/, ''))
  .sort();

/**
 * Clicks Step and resolves with the ms from the click to the first frame painted after the step
 * ended (the button is enabled again once the store's step and its view refresh are done: a frame
 * then paints, and a task queued from that frame's requestAnimationFrame runs after the paint).
 * A string, not a function: tsx's name-keeping helper does not exist in the page.
 */
const CLICK_STEP = `new Promise((resolve) => {
  const step = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Step');
  const counter = () => document.querySelector('.step-count')?.textContent;
  const before = counter();
  const t0 = performance.now();
  step.click();
  let seenBusy = false;
  const frame = () => {
    const busy = step.getAttribute('aria-busy') === 'true';
    seenBusy ||= busy;
    // A step quicker than a frame is never seen busy: the moved counter tells it ended too
    // (waiting for aria-busy alone spun forever then).
    if ((seenBusy || counter() !== before) && !busy)
      setTimeout(() => resolve(performance.now() - t0), 0);
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})`;

/** Steps through a lesson, timing each Step; questions are answered and tasks shown, untimed. */
export async function stepPaints(page: Page): Promise<number[]> {
  const times: number[] = [];
  const count = async () =>
    ((await page.locator('.step-count').textContent()) ?? '').match(/Step (\d+) of (\d+)/)!;
  for (let i = 0; i < 60; i++) {
    const [, done, total] = await count();
    if (Number(done) >= Number(total)) break;
    const predict = page.getByRole('region', { name: 'Predict' });
    const task = page.getByRole('region', { name: 'Your task' });
    if (await predict.isVisible()) {
      await predict.getByRole('radio').first().check();
      await predict.getByRole('button', { name: 'Lock in my answer' }).click();
    }
    if (await task.isVisible()) {
      const showMe = task.getByRole('button', { name: 'Show me' });
      // A task without a solution to show ends the lesson's timed steps here.
      if ((await showMe.count()) === 0) break;
      await showMe.click();
      const check = task.getByRole('button', { name: 'Check and continue' });
      for (let w = 0; w < 600 && !(await check.isEnabled()); w++)
        await new Promise((r) => setTimeout(r, 100));
      await check.click();
    } else {
      // Clicked only once enabled: a click on the busy button is not a step.
      const step = page.getByRole('button', { name: 'Step', exact: true });
      for (let w = 0; w < 600 && !(await step.isEnabled()); w++)
        await new Promise((r) => setTimeout(r, 100));
      times.push(await page.evaluate<number>(CLICK_STEP));
    }
    for (let w = 0; w < 600 && (await count())[1] === done; w++)
      await new Promise((r) => setTimeout(r, 50));
  }
  return times;
}
