// At a glance on a laptop (issue 14): at 1280x800, after every step of a lesson, the step control
// and the clock, the narration, both lanes' status lines, what just happened and the timeline are
// inside the window, with no scrolling (the page itself does not scroll there).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launch, openPage } from './browser';
import { stepToEnd } from './steps';

const VIEW = { width: 1280, height: 800 };
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * The parts a learner watches while stepping, by their accessible names; `top`: only their first
 * line must show (a list that scrolls in its box, a narration longer than the window).
 */
function watched(page: Page): [string, Locator, 'whole' | 'top'][] {
  const lane = (name: string) => page.getByRole('region', { name });
  const narration = page.getByRole('region', { name: 'Narration' });
  return [
    ['Step', page.getByRole('button', { name: 'Step', exact: true }), 'whole'],
    ['the clock', page.getByRole('timer', { name: 'Virtual clock' }), 'whole'],
    ['the narration’s title', narration.getByRole('heading', { level: 2 }), 'whole'],
    ['the narration’s first lines', narration.locator('.say > :first-child'), 'top'],
    ['the DevOps status line', lane('DevOps lane').getByRole('list', { name: 'Status' }), 'whole'],
    ['the GitOps status line', lane('GitOps lane').getByRole('list', { name: 'Status' }), 'whole'],
    ['what just happened', page.getByRole('heading', { name: /^What just happened/ }), 'whole'],
    ['what just happened: DevOps', page.getByRole('list', { name: /: DevOps/ }), 'top'],
    ['what just happened: GitOps', page.getByRole('list', { name: /: GitOps/ }), 'top'],
    ['the timeline', page.getByRole('region', { name: 'Timeline' }), 'whole'],
  ];
}

/** The watched parts not wholly inside the window (a name and its box). */
async function outOfView(page: Page): Promise<string[]> {
  const out: string[] = [];
  for (const [name, at, part] of watched(page)) {
    const box = await at.first().boundingBox();
    const bottom = box && (part === 'whole' ? box.y + box.height : box.y + 16);
    const inside =
      box !== null &&
      box.x >= 0 &&
      box.y >= 0 &&
      box.x + box.width <= VIEW.width + 0.5 &&
      bottom! <= VIEW.height + 0.5;
    if (!inside) out.push(`${name} at ${JSON.stringify(box)}`);
  }
  return out;
}

describe('the at-a-glance layout at 1280x800', () => {
  it.each(['hotfix-drift', 'promotion'])(
    'keeps the step, the narration, both status lines and the timeline in view at every step of %s',
    async (id) => {
      const { page, problems } = await openPage(
        browser,
        `${inject('baseUrl')}?scenario=${id}`,
        VIEW,
      );
      // The timeline and the narration arrive after the lanes (the session's steps load first).
      await page.getByRole('region', { name: 'Timeline' }).waitFor();
      await page
        .getByRole('region', { name: 'Narration' })
        .locator('.say > :first-child')
        .waitFor();
      expect(await outOfView(page)).toEqual([]);
      const seen: string[] = [];
      await stepToEnd(page, async (done, total) => {
        // Once every step ran the summary takes the top of the stage: the lesson no longer runs.
        if (done === total) return;
        await page.waitForTimeout(300);
        for (const o of await outOfView(page)) seen.push(`after step ${done}: ${o}`);
      });
      expect(seen).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBe(VIEW.height);
      expect(problems).toEqual([]);
      await page.close();
    },
    240_000,
  );
});

/** Parts of `at` that are not wholly inside the window (their names). */
async function notInView(parts: [string, Locator][]): Promise<string[]> {
  const out: string[] = [];
  for (const [name, at] of parts) {
    const box = await at.boundingBox();
    const inside =
      box !== null &&
      box.y >= 0 &&
      box.x + box.width <= VIEW.width + 0.5 &&
      box.y + box.height <= VIEW.height + 0.5;
    if (!inside) out.push(`${name} at ${JSON.stringify(box)}`);
  }
  return out;
}

describe('a task at 1280x800', () => {
  it.each([
    ['your-first-change', 0],
    // Step 2 asked a question: its answer is shown too, under the task's card.
    ['hotfix-drift', 1],
  ])(
    'keeps the task card, its goal and its buttons in the window, with a hint open too (%s)',
    async (id, from) => {
      const { page, problems } = await openPage(
        browser,
        `${inject('baseUrl')}?scenario=${id}&step=${from}`,
        VIEW,
      );
      const step = page.getByRole('button', { name: 'Step', exact: true });
      const predict = page.getByRole('region', { name: 'Predict' });
      if (from > 0) await predict.waitFor();
      if (await predict.isVisible()) {
        await predict.getByRole('radio').first().check();
        await predict.getByRole('button', { name: 'Lock in my answer' }).click();
      }
      await expect.poll(() => step.isEnabled(), { timeout: 60_000 }).toBe(true);
      await step.click();
      const task = page.getByRole('region', { name: 'Your task' });
      await task.waitFor();
      const parts = (): [string, Locator][] => [
        ['the task’s title', task.getByRole('heading', { level: 2 })],
        ['the goal', task.locator('.task-goal')],
        ['the goal’s checklist', task.getByRole('list', { name: 'Goal' })],
        ['Show me', task.getByRole('button', { name: 'Show me' })],
        ['Check and continue', task.getByRole('button', { name: 'Check and continue' })],
        // The step that ran folds to its title above the card, still in view.
        [
          'the narration’s title',
          page.getByRole('region', { name: 'Narration' }).getByRole('heading'),
        ],
      ];
      await page.waitForTimeout(300);
      expect(await notInView(parts())).toEqual([]);
      await task.getByRole('button', { name: /^Show a hint/ }).click();
      await task.getByRole('list', { name: 'Hints' }).waitFor();
      expect(await notInView(parts())).toEqual([]);
      // The page itself does not scroll: the side column does, alone.
      expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBe(VIEW.height);
      expect(problems).toEqual([]);
      await page.close();
    },
    120_000,
  );
});

/** The smallest text of the state diagrams as drawn (font size × the diagram's zoom), in px. */
const smallestDiagramText = (page: Page) =>
  page.evaluate(() =>
    Math.min(
      ...[...document.querySelectorAll('.lp-flow')].flatMap((flow) => {
        const viewport = flow.querySelector<HTMLElement>('.react-flow__viewport');
        const zoom = Number(/scale\(([\d.]+)\)/.exec(viewport?.style.transform ?? '')?.[1] ?? NaN);
        return [...flow.querySelectorAll('.lp-node span, .lp-edge-label')].map(
          (t) => parseFloat(getComputedStyle(t).fontSize) * zoom,
        );
      }),
    ),
  );

describe('the state diagrams at 1280x800', () => {
  it('are never drawn below 11 px text, with labels in words and the guard names on hover', async () => {
    const { page, problems } = await openPage(
      browser,
      `${inject('baseUrl')}?scenario=hotfix-drift`,
      VIEW,
    );
    const devops = page.getByRole('region', { name: 'DevOps lane' });
    // A deeper panel, closed at first (issue 14): both are opened.
    for (const name of ['DevOps lane', 'GitOps lane'])
      await page
        .getByRole('region', { name })
        .getByRole('button', { name: 'Show diagram' })
        .click();
    await devops.locator('.lp-node').first().waitFor();
    expect(await smallestDiagramText(page)).toBeGreaterThanOrEqual(11);
    await devops.getByRole('button', { name: 'Labels' }).click();
    const label = devops.locator('.lp-edge-label', { hasText: 'when CI is back' });
    await label.waitFor();
    expect(await label.getAttribute('title')).toBe(
      'CI_RESTORED [ciAvailable] | always [ciAvailable]',
    );
    expect(await smallestDiagramText(page)).toBeGreaterThanOrEqual(11);
    // The choice is remembered: after a reload the diagram still shows its labels.
    await page.reload();
    await devops.locator('.lp-edge-label', { hasText: 'when CI is back' }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });
});
