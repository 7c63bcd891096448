// The console in a real browser, typed as a learner types: `argocd app sync` in an Argo CD lesson
// undoes a hand scale (the cluster no longer matches Git, then does); `kubectl get events` prints what the controllers
// did about it; `flux reconcile kustomization` on the Flux flavour applies Git at once. Each line's
// printed output is checked, and its effect on the lane's status row.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openConsole, openPage } from './browser';
import { stepCount } from './steps';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const base = () => inject('baseUrl');

/** Types a line into the console on the GitOps cluster and returns what it printed. */
async function type(page: Page, line: string): Promise<string> {
  const command = await openConsole(page);
  await page.getByRole('combobox', { name: 'Console cluster' }).selectOption('gitops');
  const log = page.getByRole('region', { name: 'Console' }).getByRole('listitem');
  const before = await log.count();
  await command.fill(line);
  await command.press('Enter');
  await expect.poll(() => log.count(), { timeout: 60_000 }).toBe(before + 1);
  const entry = log.last();
  expect(await entry.locator('.prompt').textContent()).toContain(`$ ${line}`);
  return (await entry.locator('pre').textContent()) ?? '';
}

const gitopsStatus = (page: Page) =>
  page.getByRole('region', { name: 'GitOps lane' }).getByRole('list', { name: 'Status' });

describe('the console', () => {
  it('argocd app sync brings a hand-scaled Deployment back to Git, and kubectl get events says so', async () => {
    const { page, problems } = await openPage(browser, `${base()}?scenario=selfheal-off`);
    // The lesson's first step deploys web with Argo CD's defaults (selfHeal off).
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(async () => (await stepCount(page))[0], { timeout: 60_000 }).toBe(1);
    await expect.poll(() => gitopsStatus(page).textContent()).toMatch(/Synced.*Matches Git: yes/);

    expect(await type(page, 'kubectl scale deployment/web --replicas=5')).toBe(
      'deployment.apps/web scaled',
    );
    // Argo CD sees the drift once time moves; the lane's own comparison at once.
    await expect.poll(() => gitopsStatus(page).textContent()).toMatch(/Matches Git: no/);

    const synced = await type(page, 'argocd app sync web');
    expect(synced).toMatch(/^gitops: sync requested\nName: +argocd\/web\n/);
    expect(synced).toMatch(/\nSync Status: +Synced to HEAD \([0-9a-f]{7}\)\n/);
    await expect
      .poll(() => gitopsStatus(page).textContent())
      .toMatch(/^(?!.*OutOfSync).*Synced.*Matches Git: yes/);

    const events = await type(page, 'kubectl get events');
    expect(events.split('\n')[0]).toMatch(/^LAST SEEN +TYPE +REASON +OBJECT +MESSAGE$/);
    expect(events).toMatch(
      /ScalingReplicaSet +deployment\/web +Scaled up replica set web-\S+ to 5 from 3/,
    );
    expect(events).toMatch(
      /ScalingReplicaSet +deployment\/web +Scaled down replica set web-\S+ to 3 from 5/,
    );

    // The lines that changed something were recorded with the session: a reload replays them.
    await page.reload();
    await page.getByRole('region', { name: 'GitOps lane' }).waitFor();
    await expect.poll(() => gitopsStatus(page).textContent()).toMatch(/Matches Git: yes/);
    expect(await type(page, 'kubectl get events')).toMatch(
      /Scaled down replica set web-\S+ to 3 from 5/,
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  it('flux reconcile kustomization applies Git at once on the Flux flavour', async () => {
    const { page, problems } = await openPage(browser, `${base()}?scenario=free-play`);
    await page
      .getByRole('region', { name: 'GitOps lane' })
      .getByRole('combobox', { name: 'flavour' })
      .selectOption('flux');
    // Argo CD's CLI answers that this lane runs Flux.
    expect(await type(page, 'argocd app list')).toMatch(/this GitOps lane runs Flux, not Argo CD/);

    const first = await type(page, 'flux reconcile kustomization web');
    expect(first).toMatch(/^► annotating Kustomization web in flux-system namespace\n/);
    expect(first).toMatch(/\n✔ applied revision main@sha1:[0-9a-f]{40}$/);
    await expect.poll(() => gitopsStatus(page).textContent()).toMatch(/Matches Git: yes/);

    await type(page, 'kubectl scale deployment/web --replicas=5');
    await expect.poll(() => gitopsStatus(page).textContent()).toMatch(/Matches Git: no/);
    expect(await type(page, 'flux reconcile kustomization web')).toMatch(/✔ applied revision/);
    await expect.poll(() => gitopsStatus(page).textContent()).toMatch(/Matches Git: yes/);
    expect(await type(page, 'kubectl get deploy web')).toMatch(/\nweb +\d\/3 +3 /);
    expect(problems).toEqual([]);
    await page.close();
  });
});
