// Screenshots of the lessons for the README, from the built app: the lessons page, a task in
// progress, a revealed question and a lesson summary, at a laptop's and a phone's size.
// `npx tsx scripts/lesson-screenshots.ts` (builds, serves on a free port, drives the system
// Chromium). Writes docs/{lessons,task,question,summary}.png (1280x800) and *-phone.png (390x844)
// to test/e2e/screenshots; and the sandbox for the README: docs/desktop.png (1280x800),
// docs/phone.png (390x844) and docs/resource-tree.png (a lane's objects as Argo CD's tree).
import { mkdirSync } from 'node:fs';
import { build, preview } from 'vite';
import type { Browser, Page } from 'playwright-core';
import { launch } from '../test/e2e/browser';

const LESSON = 'Your first change, through a pull request';
const PHONE_DIR = 'test/e2e/screenshots';

async function shoot(page: Page, name: string, phone: boolean): Promise<void> {
  await page.waitForTimeout(600);
  const path = phone ? `${PHONE_DIR}/${name}-phone.png` : `docs/${name}.png`;
  await page.screenshot({ path });
  console.log(`wrote ${path}`);
}

async function tour(page: Page, base: string, phone: boolean): Promise<void> {
  // A learner who finished the first lesson comes back.
  await page.addInitScript(() => {
    if (localStorage.getItem('driftlab.progress')) return;
    localStorage.setItem(
      'driftlab.progress',
      JSON.stringify({
        v: 1,
        selected: 'your-first-change',
        solved: {
          'first-deploy-pr': {
            tasks: { solved: 0, shown: 0, total: 0 },
            quiz: { right: 1, total: 1 },
          },
        },
      }),
    );
  });
  await page.goto(base);
  await page.getByRole('heading', { name: 'Lessons', level: 2 }).waitFor();
  await shoot(page, 'lessons', phone);

  await page.getByRole('button', { name: `Start: ${LESSON}` }).click();
  await page.getByRole('region', { name: 'GitOps lane' }).waitFor();
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  const task = page.getByRole('region', { name: 'Your task' });
  await task.waitFor();
  const editor = page.getByRole('form', { name: 'Change a manifest' });
  await editor.getByRole('combobox', { name: 'File' }).selectOption('apps/web/deployment.yaml');
  const content = editor.getByRole('textbox', { name: 'Content' });
  while (!(await content.inputValue()).includes('replicas: 2')) await page.waitForTimeout(100);
  await content.fill((await content.inputValue()).replace('replicas: 2', 'replicas: 4'));
  await editor.getByRole('button', { name: 'Open pull request' }).click();
  await page
    .getByRole('group', { name: /^Pull request #1/ })
    .getByRole('button', { name: 'Merge' })
    .click();
  await task.getByRole('button', { name: 'Show a hint (1 of 3)' }).click();
  await task.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollTo(0, 0));
  await shoot(page, 'task', phone);

  // On a phone the speed waits behind More.
  const more = page.getByRole('button', { name: 'More', exact: true });
  if (await more.isVisible()) await more.click();
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('300');
  if (await more.isVisible()) await more.click();
  await page.getByRole('button', { name: 'Play' }).click();
  const check = task.getByRole('button', { name: 'Check and continue' });
  while (!(await check.isEnabled())) await page.waitForTimeout(200);
  await check.click();
  const predict = page.getByRole('region', { name: 'Predict' });
  await predict.getByRole('radio', { name: /4 in the pull cluster, 2 in the push/ }).check();
  await predict.getByRole('button', { name: 'Lock in my answer' }).click();
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.getByRole('region', { name: 'Answer' }).waitFor();
  await page.getByRole('region', { name: LESSON }).scrollIntoViewIfNeeded();
  await shoot(page, 'summary', phone);

  // A question in the middle of a lesson: "A hotfix made by hand", step 2.
  await page.goto(`${base}?scenario=hotfix-drift&step=1`);
  const ask = page.getByRole('region', { name: 'Predict' });
  await ask.waitFor();
  await ask.getByRole('radio').first().check();
  await ask.getByRole('button', { name: 'Lock in my answer' }).click();
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  const answer = page.getByRole('region', { name: 'Answer' });
  await answer.waitFor();
  // Step 3 is a task: its card comes first, the answer under it.
  await answer.scrollIntoViewIfNeeded();
  await shoot(page, 'question', phone);
}

/** The sandbox mid-lesson: hotfix-drift after Bob's kubectl scale (step 2). */
async function sandboxShots(browser: Browser, base: string): Promise<void> {
  const url = `${base}?scenario=hotfix-drift&step=2`;
  const views = [
    ['desktop', { width: 1280, height: 800 }],
    ['phone', { width: 390, height: 844 }],
  ] as const;
  for (const [name, viewport] of views) {
    const page = await browser.newPage({ viewport });
    await page.goto(url);
    await page.getByRole('region', { name: 'GitOps lane' }).waitFor();
    await page.getByRole('region', { name: 'Timeline' }).waitFor();
    await page.waitForTimeout(1_500);
    await page.screenshot({ path: `docs/${name}.png` });
    console.log(`wrote docs/${name}.png`);
    await page.close();
  }
  // One long column (below 1001 px the page scrolls), so the whole lane is in the picture.
  const page = await browser.newPage({ viewport: { width: 760, height: 1800 } });
  await page.goto(url);
  const lane = page.getByRole('region', { name: 'DevOps lane' });
  await lane.getByRole('button', { name: 'Tree', exact: true }).click();
  const tree = lane.getByRole('list', { name: 'Resource tree' });
  await tree.getByRole('button', { name: /^Deployment web/ }).click();
  await page.getByRole('region', { name: 'Diff of Deployment web' }).waitFor();
  await page.waitForTimeout(600);
  await tree.screenshot({ path: 'docs/resource-tree.png' });
  console.log('wrote docs/resource-tree.png');
  await page.close();
}

await build({ logLevel: 'warn' });
const server = await preview({ preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
const base = server.resolvedUrls!.local[0]!;
const browser = await launch();
mkdirSync(PHONE_DIR, { recursive: true });
try {
  for (const phone of [false, true]) {
    const page = await browser.newPage({
      viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 800 },
    });
    await tour(page, base, phone);
    await page.close();
  }
  await sandboxShots(browser, base);
} finally {
  await browser.close();
  await server.close();
}
