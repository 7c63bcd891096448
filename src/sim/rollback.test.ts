// Each lane offers its own rollback and faults through the Lane interface; the other lane refuses
// them with a stable code (rollback.ts), and nothing is written to the trail for a refusal.
import '../platform/node';
import { describe, expect, it } from 'vitest';
import type { ClusterName, RollbackMethod } from './audit';
import { Sandbox, type FaultKind } from './sandbox';
import { STARTER_FILES } from './starter-repo';

const sandbox = () => Sandbox.create({ seed: 1, files: { ...STARTER_FILES } });

describe("a lane's own rollback", () => {
  it.each([
    ['gitops', 'rerun', 'rerun is a pipeline rollback: the GitOps lane has no pipeline to re-run'],
    [
      'devops',
      'history',
      'history rollback is an Argo CD feature: the push lane has no sync history',
    ],
  ] as const)('the %s lane refuses %s', async (lane, method, message) => {
    const s = await sandbox();
    const size = s.audit.size;
    await expect(s.rollback(lane, method, 'carol')).rejects.toMatchObject({
      code: 'E_BAD_ROLLBACK',
      message,
    });
    expect(s.audit.size).toBe(size);
  });

  // Argo CD refuses a history rollback while auto-sync is on (REFERENCE.md, argocd app rollback).
  it('passes Argo CD refusal on with its code', async () => {
    const s = await sandbox();
    await s.advance(60_000);
    await expect(s.rollback('gitops', 'history', 'carol')).rejects.toMatchObject({
      code: 'E_ROLLBACK_AUTOSYNC',
    });
  });

  it.each([
    ['devops', 'rerun', 'pipeline'],
    ['gitops', 'git-revert', 'reconciler'],
  ] as [ClusterName, RollbackMethod, string][])(
    'records a %s %s through the %s channel',
    async (lane, method, channel) => {
      const s = await sandbox();
      await s.advance(300_000);
      await s.rollback(lane, method, 'carol', method === 'rerun' ? { to: 'HEAD' } : {});
      const record = s.audit.records().find((r) => r.verb === 'rollback');
      expect(record).toMatchObject({ cluster: lane, channel, actor: 'carol' });
    },
  );
});

describe('faults', () => {
  it.each([
    ['gitops', 'flaky-tests'],
    ['gitops', 'deploy-fails-after'],
    ['gitops', 'ci-down'],
    ['devops', 'git-unreachable'],
    ['devops', 'reconciler-down'],
  ] as [ClusterName, FaultKind][])('the %s lane refuses %s', async (lane, kind) => {
    const s = await sandbox();
    expect(() => s.fault(lane, kind, { forMs: 60_000 })).toThrow(
      expect.objectContaining({
        code: 'E_BAD_FAULT',
        message: `fault ${kind} does not apply to the ${lane} lane`,
      }),
    );
  });

  const push = (s: Sandbox) =>
    s.commit({ author: 'alice', message: 'a change', write: { 'notes.txt': 'x' } });
  it.each([
    // A push while no runner picks jobs up waits in the queue.
    ['devops', 'ci-down', push, 'queued'],
    ['gitops', 'reconciler-down', async () => {}, 'down'],
  ] as const)('the %s lane takes %s', async (lane, kind, then, state) => {
    const s = await sandbox();
    await s.advance(300_000);
    s.fault(lane, kind, { forMs: 600_000 });
    await then(s);
    await s.advance(1_000);
    expect(s.lanes[lane].state).toBe(state);
  });
});
