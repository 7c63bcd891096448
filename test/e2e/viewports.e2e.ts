// A phone and a tablet (issue 14): the lessons page and a running lesson lay out within the
// screen's width, and Step stays reachable and works.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Elements whose right edge passes the viewport (React Flow's own pane clips its canvas). */
const overflowing = (page: Page, width: number) =>
  page.evaluate(
    (w) => ({
      scrollWidth: document.documentElement.scrollWidth,
      wide: [...document.querySelectorAll('body *')]
        .filter((e) => !e.closest('.react-flow__pane') && e.getBoundingClientRect().right > w + 1)
        .slice(0, 5)
        .map((e) => `${e.tagName}.${String(e.className)}`),
    }),
    width,
  );

describe('phone and tablet layouts', () => {
  it.each([
    ['a phone', 390, 844],
    ['a tablet', 768, 1024],
  ])(
    'on %s (%ix%i) nothing is wider than the screen, and Step works',
    async (_n, width, height) => {
      const base = inject('baseUrl');
      // openPage waits for the lanes: a lesson first, then the lessons page (with its Continue card).
      const { page, problems } = await openPage(browser, `${base}?scenario=hotfix-drift`, {
        width,
        height,
      });
      const step = page.getByRole('button', { name: 'Step', exact: true });
      const box = await step.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= width).toBe(true);
      await step.click();
      await expect
        .poll(async () => page.locator('.step-count').textContent(), { timeout: 30_000 })
        .toMatch(/Step 1 of/);
      await page.waitForTimeout(1_000);
      expect(await overflowing(page, width)).toEqual({ scrollWidth: width, wide: [] });

      await page.goto(base);
      await page.getByRole('heading', { name: 'Lessons', level: 2 }).waitFor();
      expect(await overflowing(page, width)).toEqual({ scrollWidth: width, wide: [] });
      expect(problems).toEqual([]);
      await page.close();
    },
    120_000,
  );
});
