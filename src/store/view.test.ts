// The view adapter is incremental: a lane's view is the same object while the three things it is
// made from are unchanged (its cluster's version, the observer's observation, the lane's state),
// and a new one as soon as any of them changes. React skips what kept its identity.
import '../platform/node';
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../sim/sandbox';
import { STARTER_FILES } from '../sim/starter-repo';
import { ViewAdapter } from './view';

async function started() {
  const sandbox = await Sandbox.create({ seed: 1, files: { ...STARTER_FILES } });
  await sandbox.advance(60_000);
  const adapter = new ViewAdapter(sandbox);
  return { sandbox, adapter, before: await adapter.build() };
}

const WRITE = { actor: 'you', channel: 'kubectl', manager: 'kubectl', revision: null } as const;

describe('ViewAdapter', () => {
  it('gives the same lane views when nothing changed', async () => {
    const { adapter, before } = await started();
    const after = await adapter.build();
    expect(after.lanes.devops).toBe(before.lanes.devops);
    expect(after.lanes.gitops).toBe(before.lanes.gitops);
  });

  it.each([
    [
      'its cluster changed',
      (s: Sandbox) =>
        void s.clusters.gitops.update({ kind: 'ConfigMap', name: 'web-config' }, WRITE, (o) => {
          o.metadata.labels = { ...o.metadata.labels, touched: 'yes' };
        }),
    ],
    [
      // A commit the GitOps lane has not fetched yet (no webhook): only the observation moves.
      'the observer saw Git move',
      async (s: Sandbox) => {
        await s.commit({ author: 'alice', message: 'notes', write: { 'NOTES.md': 'hello\n' } });
        await s.observer.check();
      },
    ],
    ['the lane state changed', (s: Sandbox) => s.gitops.setOption('pollInterval', 60_000)],
  ])('gives the GitOps lane a new view when %s', async (_, change) => {
    const { sandbox, adapter, before } = await started();
    const inputs = () => [
      sandbox.clusters.gitops.version,
      sandbox.observer.observation('gitops'),
      sandbox.gitops.snapshot,
    ];
    const was = inputs();
    await Promise.resolve(change(sandbox));
    const after = await adapter.build();
    expect(after.lanes.gitops).not.toBe(before.lanes.gitops);
    // One input at a time (the lane's options are state too, with no new machine snapshot).
    expect(inputs().filter((v, i) => v !== was[i]).length).toBeLessThanOrEqual(1);
  });

  it("keeps the other lane's view when one lane changes", async () => {
    const { sandbox, adapter, before } = await started();
    sandbox.gitops.setOption('pollInterval', 60_000);
    expect((await adapter.build()).lanes.devops).toBe(before.lanes.devops);
  });

  it('keeps the objects of a lane whose state alone changed', async () => {
    const { sandbox, adapter, before } = await started();
    sandbox.gitops.setOption('pollInterval', 60_000);
    const after = await adapter.build();
    expect(after.lanes.gitops.options.pollInterval).toBe(60_000);
    expect(after.lanes.gitops.objects).toBe(before.lanes.gitops.objects);
    expect(after.lanes.gitops.plan).toBe(before.lanes.gitops.plan);
  });

  it('shows an Application edited in place: its copy is new, the lane record is not shared', async () => {
    const { sandbox, adapter, before } = await started();
    sandbox.gitops.sync('you');
    await sandbox.advance(1_000);
    const after = await adapter.build();
    const [app] = sandbox.gitops.apps;
    expect(after.lanes.gitops.applications[0]).not.toBe(app);
    expect(after.lanes.gitops.applications[0]?.operation?.initiatedBy.username).toBe('you');
    expect(before.lanes.gitops.applications[0]?.operation?.initiatedBy.username).not.toBe('you');
  });
});
