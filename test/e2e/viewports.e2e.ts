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

/**
 * Elements whose right edge passes the viewport (React Flow's own pane clips its canvas, and a
 * state diagram is drawn at its natural size inside a box that scrolls: issue 14).
 */
const overflowing = (page: Page, width: number) =>
  page.evaluate(
    (w) => ({
      scrollWidth: document.documentElement.scrollWidth,
      wide: [...document.querySelectorAll('body *')]
        .filter(
          (e) =>
            !e.closest('.react-flow__pane, .lp-scroll') && e.getBoundingClientRect().right > w + 1,
        )
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

  it('on a phone the top bar is one compact row, and More reaches the session controls', async () => {
    const phone = { width: 390, height: 844 };
    const { page, problems } = await openPage(
      browser,
      `${inject('baseUrl')}?scenario=hotfix-drift`,
      phone,
    );
    // The lanes' diagrams fit their box once laid out (the other phone test waits as long).
    await page.waitForTimeout(1_000);
    const bar = await page.locator('.topbar').boundingBox();
    expect(bar!.height).toBeLessThanOrEqual(100);
    for (const name of ['Lessons', 'Step back', 'Step', 'Play', 'More'])
      expect(await page.getByRole('button', { name, exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('timer', { name: 'Virtual clock' }).isVisible()).toBe(true);
    // Scenario, Reset, speed and Share wait behind More, and are all reachable from it.
    const more = page.getByRole('button', { name: 'More', exact: true });
    const speed = page.getByRole('combobox', { name: 'Speed' });
    expect(await speed.isVisible()).toBe(false);
    await more.click();
    expect(await more.getAttribute('aria-expanded')).toBe('true');
    for (const control of [
      page.getByRole('combobox', { name: 'Scenario' }),
      page.getByRole('button', { name: 'Reset', exact: true }),
      speed,
      page.getByRole('button', { name: 'Share', exact: true }),
    ]) {
      const box = await control.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= phone.width).toBe(true);
    }
    await speed.selectOption('300');
    expect(await speed.inputValue()).toBe('300');
    expect(await overflowing(page, phone.width)).toEqual({ scrollWidth: phone.width, wide: [] });
    await more.click();
    expect(await speed.isVisible()).toBe(false);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
