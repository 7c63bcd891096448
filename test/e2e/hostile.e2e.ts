// Hostile links, imports and saved sessions in a real browser (issue 11): the page stays alive and
// answers within seconds with a clear message; a broken saved session leads to a notice, not a
// blank page; an imported lesson survives a reload.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage, openConsole } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const base = () => inject('baseUrl');

function link(actions: unknown[], scenario = 'free-play'): string {
  const packed = Buffer.from(JSON.stringify(actions)).toString('base64url');
  return `${base()}?v=1&scenario=${scenario}&seed=1&step=0&actions=${packed}`;
}

const kubectl = (run: string, lane = 'gitops') => ({
  afterStep: 0,
  action: { kubectl: { lane, actor: 'you', run } },
});

/** The page answers: a Step press moves the counter, and Object.prototype is clean. */
async function alive(page: Page): Promise<void> {
  await page.getByRole('region', { name: 'GitOps lane' }).waitFor({ timeout: 20_000 });
  expect(await page.evaluate(() => Object.keys(Object.prototype))).toEqual([]);
  await expect
    .poll(() => page.getByRole('button', { name: 'Reset' }).isEnabled(), { timeout: 20_000 })
    .toBe(true);
}

const notice = (page: Page) => page.locator('.notice').allTextContents();

/** The lessons page, alive and clean, offers the saved session: Continue opens it. */
async function continueSaved(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Lessons', level: 2 }).waitFor({ timeout: 20_000 });
  expect(await page.evaluate(() => Object.keys(Object.prototype))).toEqual([]);
  await page.getByRole('button', { name: 'Continue' }).click();
}

const LESSON = `id: tiny
title: A tiny imported lesson
repo:
  files:
    cm.yaml: |
      apiVersion: v1
      kind: ConfigMap
      metadata: { name: tiny }
steps:
  - title: Wait a minute
    say: "[run me](javascript:alert(1)) is text; this is **bold**."
    do: [{ wait: 1m }]
  - title: Again
    do: [{ wait: 1m }]
`;

describe('hostile input in the browser', () => {
  it('survives a link that writes to Object.prototype, on every later visit too', async () => {
    const url = link([
      kubectl(
        `patch deployment/web --type json -p '[{"op":"add","path":"/__proto__/polluted","value":"yes"}]'`,
      ),
    ]);
    const { page } = await openPage(browser, url);
    await alive(page);
    await page.reload();
    await alive(page);
    // With no session in the address the lessons page comes first; Continue restores the session.
    await page.goto(base());
    await continueSaved(page);
    await alive(page);
    await page.close();
  });

  it.each([
    [
      'a poll interval of 0',
      { set: { lane: 'gitops', pollInterval: '0ms', jitter: '0ms' } },
      /pollInterval is out of range/,
    ],
    ['a wait of ten years', { wait: '3650d' }, /wait is out of range/],
    [
      'a wait given as a number',
      { wait: 5 },
      /action 1: wrong type for wait \(expected string, found 5\)/,
    ],
    ['an action that is no action', { scale: 100000 }, /action 1: unknown action "scale"/],
  ])('refuses a link with %s, by name, and stays responsive', async (_, action, message) => {
    const { page, problems } = await openPage(browser, link([{ afterStep: 0, action }]));
    await alive(page);
    await expect.poll(() => notice(page)).toEqual([expect.stringMatching(message)]);
    expect((await notice(page)).join()).not.toMatch(/Cannot read|is not a function|undefined/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('answers a link that scales to 100,000 replicas within seconds', async () => {
    const { page } = await openPage(
      browser,
      link([kubectl('scale deployment/web --replicas=100000')]),
    );
    await alive(page);
    await page.close();
  });

  it('shows a lesson whose narration nests 5,000 levels as text', async () => {
    const { page, problems } = await openPage(browser, `${base()}?scenario=free-play`);
    const deep = LESSON.replace(
      'say: "[run me](javascript:alert(1)) is text; this is **bold**."',
      `say: "${'>'.repeat(5_000)} deep"`,
    );
    await page.locator('input[type=file]').setInputFiles({
      name: 'deep.yaml',
      mimeType: 'text/yaml',
      buffer: Buffer.from(deep),
    });
    await alive(page);
    // Refused by the loader (limits) or shown as plain text: never a blank page.
    await expect
      .poll(
        async () =>
          (await notice(page)).join() +
          (await page.getByRole('region', { name: 'Narration' }).textContent()),
      )
      .toMatch(/deep\.yaml:\d+:\d+|>>>>/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('sets a broken saved session aside with a notice, and offers export and discard', async () => {
    const { page } = await openPage(browser, `${base()}?scenario=free-play`);
    // Leave the sandbox first: a running session saves itself and would overwrite the record.
    await page.goto(base());
    await page.getByRole('heading', { name: 'Lessons', level: 2 }).waitFor({ timeout: 20_000 });
    await page.evaluate(() =>
      localStorage.setItem(
        'driftlab.session',
        JSON.stringify({
          v: 2,
          scenario: 'free-play',
          seed: 1,
          step: 0,
          actions: [{ afterStep: 0, action: { wait: { by: 1 } } }],
        }),
      ),
    );
    await page.reload();
    await continueSaved(page);
    await alive(page);
    await expect
      .poll(() => notice(page))
      .toContainEqual(
        expect.stringMatching(
          /Your saved session could not be restored: action 1: .*It is set aside below/,
        ),
      );
    const aside = page.getByRole('group', { name: 'Session set aside' });
    const download = page.waitForEvent('download');
    await aside.getByRole('button', { name: 'Export session' }).click();
    expect((await download).suggestedFilename()).toBe('driftlab-session.json');
    await aside.getByRole('button', { name: 'Discard it' }).click();
    await expect.poll(() => aside.count()).toBe(0);
    await page.reload();
    await alive(page);
    expect(await notice(page)).toEqual([]);
    await page.close();
  });

  it('keeps an imported lesson and its actions across a reload; a removed link is text', async () => {
    const { page, problems } = await openPage(browser, `${base()}?scenario=free-play`);
    await page.locator('input[type=file]').setInputFiles({
      name: 'tiny.yaml',
      mimeType: 'text/yaml',
      buffer: Buffer.from(LESSON),
    });
    await expect.poll(() => page.locator('.step-count').textContent()).toBe('Step 0 of 2');
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => page.locator('.step-count').textContent()).toBe('Step 1 of 2');
    const narration = page.getByRole('region', { name: 'Narration' });
    await expect.poll(() => narration.locator('strong').textContent()).toBe('bold');
    expect(await narration.getByRole('link').count()).toBe(0);
    await page.reload();
    await alive(page);
    await expect
      .poll(() => page.locator('.step-count').textContent(), { timeout: 30_000 })
      .toBe('Step 1 of 2');
    expect(await page.getByRole('combobox', { name: 'Scenario' }).inputValue()).toBe('imported');
    expect(await notice(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('does not record read-only console lines in the address', async () => {
    const { page } = await openPage(browser, `${base()}?scenario=free-play`);
    const command = await openConsole(page);
    for (let i = 0; i < 20; i++) {
      await command.fill('get pods');
      await command.press('Enter');
    }
    await expect
      .poll(() => page.getByRole('region', { name: 'Console' }).textContent())
      .toContain('get pods');
    expect(page.url()).not.toContain('actions=');
    await page.close();
  });
});
