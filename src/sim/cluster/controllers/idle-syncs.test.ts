// The controllers' work queue skips a sync when only that controller's own writes woke the object
// (controllers/index.ts, `drain`). These tests keep that skip honest: with `verifyIdleSyncs` every
// skipped sync runs anyway and throws if it writes anything, over rollouts, scaling, crashing and
// unpullable images, minReadySeconds, Pod deletions with and without grace, and rollbacks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CI, deployment, makeCluster } from '../testing/fixtures';
import type { WriteContext } from '../write';

const IMAGES = {
  'web:crash': { crash: true },
  'web:typo': { pullError: true },
  'web:slow': { notReadyForMs: 20_000 },
} as const;

const step = fc.record({
  op: fc.constantFrom('apply', 'scale', 'delete-pod', 'force-delete-pod', 'wait'),
  image: fc.constantFrom('web:1.0', 'web:2.0', 'web:crash', 'web:typo', 'web:slow'),
  replicas: fc.integer({ min: 0, max: 4 }),
  minReady: fc.constantFrom(0, 5),
  waitMs: fc.integer({ min: 0, max: 120_000 }),
});

const runs = Number(process.env['PROPERTY_RUNS'] ?? 60);

describe('the controllers skip only syncs that would find nothing to do', () => {
  it('skips syncs in a plain rollout, and each one skipped was idle', async () => {
    const { cluster, clock } = makeCluster({ verifyIdleSyncs: true });
    cluster.apply(deployment({ replicas: 3 }), CI);
    await clock.advanceBy(60_000);
    cluster.apply(deployment({ replicas: 3, image: 'web:2.0' }), CI);
    await clock.advanceBy(120_000);
    // Without skips the count is 0; a skip that was not idle would have thrown above.
    expect(cluster.idleSyncsSkipped).toBeGreaterThan(10);
  });

  it('holds over random rollouts, scales, crashes and Pod deletions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const { cluster, clock } = makeCluster({ images: IMAGES, verifyIdleSyncs: true });
        for (const s of steps) {
          const pods = cluster.list({ kind: 'Pod' });
          switch (s.op) {
            case 'apply':
              cluster.apply(
                deployment({
                  replicas: s.replicas,
                  image: s.image,
                  extra: { minReadySeconds: s.minReady },
                }),
                CI,
              );
              break;
            case 'scale':
              if (cluster.get({ kind: 'Deployment', name: 'web' }))
                cluster.update({ kind: 'Deployment', name: 'web' }, PERSON_CTX, (d) => {
                  (d.spec as { replicas: number }).replicas = s.replicas;
                });
              break;
            case 'delete-pod':
            case 'force-delete-pod':
              if (pods.length > 0)
                cluster.delete(
                  { kind: 'Pod', name: pods[s.replicas % pods.length]!.metadata.name },
                  PERSON_CTX,
                  s.op === 'force-delete-pod' ? { gracePeriodSeconds: 0 } : {},
                );
              break;
          }
          await clock.advanceBy(s.waitMs);
        }
        await clock.advanceBy(400_000);
      }),
      { numRuns: runs },
    );
  });
});

const PERSON_CTX: WriteContext = {
  actor: 'alice',
  channel: 'kubectl',
  manager: 'kubectl-edit',
  revision: null,
};
