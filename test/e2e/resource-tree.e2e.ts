// Argo CD's resource tree in each lane (issue 14): the app, then Deployment -> ReplicaSet -> Pod
// and Service -> Endpoints; each object carries its health and one of three relations to Git
// (drifted: changed out of band; pending: Git is ahead; orphan: no longer in Git), and a click
// opens live vs desired. Each state is reached at a step of the lesson that teaches it.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import { launch, openPage } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Opens a lesson at a step and shows a lane's objects as a tree; returns the tree. */
async function treeAt(scenario: string, step: number, lane: 'DevOps lane' | 'GitOps lane') {
  const { page, problems } = await openPage(
    browser,
    `${inject('baseUrl')}?scenario=${scenario}&step=${step}`,
  );
  await expect
    .poll(async () => page.locator('.step-count').textContent(), { timeout: 60_000 })
    .toMatch(new RegExp(`Step ${step} of`));
  const region = page.getByRole('region', { name: lane });
  await region.getByRole('button', { name: 'Tree', exact: true }).click();
  const tree = region.getByRole('list', { name: 'Resource tree' });
  await tree.waitFor();
  return { page, problems, region, tree };
}

/** The object node (a button) of `kind name` in a tree. */
const node = (tree: Locator, kind: string, name: string) =>
  tree.getByRole('button', { name: new RegExp(`^${kind} ${name}\\b`) });

describe('the resource tree', () => {
  it('draws the app, Deployment -> ReplicaSet -> Pod and Service -> Endpoints, and a drift made with kubectl as drifted', async () => {
    // hotfix-drift, step 2: someone scaled web by hand in the push lane's cluster.
    const { page, problems, tree } = await treeAt('hotfix-drift', 2, 'DevOps lane');
    await expect.poll(() => tree.textContent()).toMatch(/pipeline app\s*web/);
    const deployment = node(tree, 'Deployment', 'web');
    await expect.poll(() => deployment.textContent()).toMatch(/drifted: 1 field/);
    // The Deployment's item (the innermost one holding its node) holds its ReplicaSet, and the
    // ReplicaSet its Pods.
    const itemOf = (kind: string) =>
      tree
        .locator('li', { has: page.getByRole('button', { name: new RegExp(`^${kind} web\\b`) }) })
        .last();
    const replicaSet = itemOf('Deployment').locator('li', { hasText: /^ReplicaSet web-/ });
    expect(await replicaSet.count()).toBe(1);
    expect(await replicaSet.locator('li', { hasText: /^Pod web-/ }).count()).toBeGreaterThan(0);
    await expect.poll(() => itemOf('Service').textContent()).toMatch(/as in Git.*Endpoints web/s);

    // A click opens live vs desired: the field that differs, Git's value and the live one.
    await deployment.click();
    expect(await deployment.getAttribute('aria-expanded')).toBe('true');
    const diff = page.getByRole('region', { name: 'Diff of Deployment web' });
    await diff.waitFor();
    const row = diff.getByRole('row').filter({ hasText: 'spec.replicas' });
    expect(await row.count()).toBe(1);
    // The flat table stays available.
    await page
      .getByRole('region', { name: 'DevOps lane' })
      .getByRole('button', { name: 'Table', exact: true })
      .click();
    expect(await tree.count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('shows a deploy that waits for its approval as pending, not drifted', async () => {
    // promotion, step 3: Git has prod's new revision; the pipeline waits for a person's approval.
    const { page, problems, tree } = await treeAt('promotion', 3, 'DevOps lane');
    const nodes = tree.getByRole('button', { name: /^Deployment web/ });
    await expect
      .poll(() => nodes.allTextContents())
      .toContainEqual(expect.stringMatching(/pending: 1 field/));
    expect((await nodes.allTextContents()).join(' ')).not.toMatch(/drifted/);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it.each(['DevOps lane', 'GitOps lane'] as const)(
    'shows an object whose manifest was deleted from Git as orphan (%s, prune off)',
    async (lane) => {
      // deleted-manifest, step 2: banner.yaml is gone from Git; neither lane prunes.
      const { page, problems, tree } = await treeAt('deleted-manifest', 2, lane);
      await expect
        .poll(() => node(tree, 'ConfigMap', 'web-banner').textContent())
        .toMatch(/orphan/);
      expect(await node(tree, 'Deployment', 'web').textContent()).toMatch(/as in Git/);
      expect(problems).toEqual([]);
      await page.close();
    },
    120_000,
  );
});
