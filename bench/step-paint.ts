// Step in the browser, from the click to the painted result (issue 14): every step of a lesson,
// questions answered and tasks shown on the way (those are not timed).
import { readdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { stepToEnd } from '../test/e2e/steps';

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

/**
 * Steps through a lesson as the browser tests do (test/e2e/steps.ts: questions answered, tasks
 * solved by "Show me", untimed), timing each press of Step.
 */
export async function stepPaints(page: Page): Promise<number[]> {
  const times: number[] = [];
  await stepToEnd(page, undefined, async (p) => times.push(await p.evaluate<number>(CLICK_STEP)));
  return times;
}
