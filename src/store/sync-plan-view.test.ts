// The sync plan the UI shows is the plan the sync runs. The UI used to plan on its own from the
// objects' drift (wave, kind, name), without gitops-engine's adjustDeps: a Namespace in a later
// wave than an object that lives in it was shown after that object, while the sync moves it up to
// that object's wave and applies it first (REFERENCE.md, Argo CD sync waves; sync-plan.ts).
import '../platform/node';
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../sim/sandbox';
import { STARTER_FILES } from '../sim/starter-repo';
import { buildView } from './view';

const NAMESPACE = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  annotations:
    argocd.argoproj.io/sync-wave: "1"
`;
const CONFIG = `apiVersion: v1
kind: ConfigMap
metadata:
  name: prices
  namespace: shop
data:
  currency: EUR
`;

/** The starter app deployed, auto-sync then turned off, and a commit of a new namespace. */
async function sandboxWithNewNamespace() {
  const sandbox = await Sandbox.create({ seed: 1, files: { ...STARTER_FILES } });
  await sandbox.advance(60_000);
  sandbox.gitops.setOption('automated', false);
  await sandbox.commit({
    author: 'alice',
    message: 'shop: its namespace and prices',
    write: { 'apps/web/namespace.yaml': NAMESPACE, 'apps/web/prices.yaml': CONFIG },
  });
  await sandbox.advance(1_000);
  return sandbox;
}

const shown = async (sandbox: Sandbox) =>
  (await buildView(sandbox)).lanes.gitops.plan.flatMap((p) =>
    p.tasks.map((t) => `${t.wave} ${t.verb} ${t.kind}/${t.name}`),
  );

describe('the sync plan in the view', () => {
  it('moves a Namespace up to the first object in it, as the sync does (adjustDeps)', async () => {
    const sandbox = await sandboxWithNewNamespace();
    // The old UI plan: '0 create ConfigMap/prices', '1 create Namespace/shop'.
    expect(await shown(sandbox)).toEqual(['0 create Namespace/shop', '0 create ConfigMap/prices']);
  });

  it('lists the changes in the order the manual Sync then applies them', async () => {
    const sandbox = await sandboxWithNewNamespace();
    const planned = (await buildView(sandbox)).lanes.gitops.plan.flatMap((p) =>
      p.tasks.map((t) => t.key),
    );
    sandbox.gitops.sync('you');
    await sandbox.advance(30_000);
    const app = sandbox.gitops.apps[0]!;
    expect(app.operation?.phase).toBe('Succeeded');
    const applied = app.operation!.results.map((r) => r.key).filter((k) => planned.includes(k));
    expect(applied).toEqual(planned);
    expect(await shown(sandbox)).toEqual([]);
  });

  it('shows the diff of each change and nothing for what is already Synced', async () => {
    const sandbox = await sandboxWithNewNamespace();
    await sandbox.kubectl('gitops', 'scale deployment/web --replicas=5', 'you');
    await sandbox.advance(2_000);
    const [plan] = (await buildView(sandbox)).lanes.gitops.plan;
    const update = plan?.tasks.find((t) => t.kind === 'Deployment');
    expect(update?.verb).toBe('update');
    expect(update?.fields).toContainEqual({ path: 'spec.replicas', desired: 3, live: 5 });
    expect(plan?.tasks.some((t) => t.kind === 'Service')).toBe(false);
  });
});
