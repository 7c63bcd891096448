// The invariant checkers bite: each one, given a history with a planted violation, reports it. A
// green property run means something only if its checks can fail.
import '../../src/platform/node';
import { describe, expect, it } from 'vitest';
import type { AuditInput } from '../../src/sim/audit';
import { auditReplayDifferences } from './audit-replay';
import { converge } from './convergence';
import {
  metricsConsistent,
  pullLaneChangesOnlyForARevisionOrAPerson,
  pushLaneChangesOnlyWhenDeployed,
} from './invariants';
import { act, runHistory, type History } from './random-history';

async function quietHistory(): Promise<History> {
  return runHistory(5, [
    {
      commit: {
        message: 'scale',
        author: 'alice',
        patch: { 'apps/web/deployment.yaml': { 'spec.replicas': 2 } },
      },
    },
    { wait: '600s' },
    { kubectl: { lane: 'both', actor: 'bob', run: 'scale deployment/web --replicas=4' } },
    { wait: '60s' },
  ]);
}

const plant = (h: History, input: Partial<AuditInput>) =>
  h.sandbox.audit.append({
    cluster: 'devops',
    actor: 'someone',
    channel: 'pipeline',
    verb: 'update',
    object: 'Deployment/default/web',
    revision: null,
    changes: [],
    ...input,
  });

describe('the invariant checkers', () => {
  it('audit replay: the full trail rebuilds both clusters; a dropped record does not', async () => {
    const h = await quietHistory();
    const records = h.sandbox.audit.records();
    for (const lane of ['devops', 'gitops'] as const)
      expect(auditReplayDifferences(records, h.sandbox.clusters[lane])).toEqual([]);
    const scale = records.find(
      (r) => r.cluster === 'devops' && r.actor === 'bob' && r.verb === 'update',
    )!;
    const missing = records.filter((r) => r.seq !== scale.seq);
    expect(auditReplayDifferences(missing, h.sandbox.clusters.devops).join('\n')).toContain(
      'Deployment/default/web spec.replicas: live 4, trail 2',
    );
  }, 30_000);

  it('push lane: flags a pipeline write outside a deploy, a kubectl write during a wait, a controller writing spec', async () => {
    const h = await quietHistory();
    expect(pushLaneChangesOnlyWhenDeployed(h)).toEqual([]);
    plant(h, { revision: 'abc' });
    plant(h, { channel: 'kubectl' });
    plant(h, {
      channel: 'controller',
      actor: 'deployment-controller',
      changes: [{ path: 'spec.replicas', before: 4, after: 1 }],
    });
    const found = pushLaneChangesOnlyWhenDeployed(h).join('\n');
    expect(found).toContain('a controller wrote what is not its own');
    expect(found).toContain('a pipeline write outside a deploy of its revision');
    expect(found).toContain('a write by no one allowed to');
  }, 30_000);

  it('pull lane: flags a self-heal while selfHeal is off and a write outside a sync', async () => {
    const h = await quietHistory();
    expect(pullLaneChangesOnlyForARevisionOrAPerson(h)).toEqual([]);
    plant(h, {
      cluster: 'gitops',
      channel: 'reconciler',
      verb: 'deploy-started',
      revision: 'abc',
      operation: { trigger: 'heal' },
    });
    plant(h, {
      cluster: 'gitops',
      channel: 'reconciler',
      verb: 'deploy-succeeded',
      revision: 'abc',
    });
    plant(h, { cluster: 'gitops', channel: 'reconciler', revision: 'abc' });
    const found = pullLaneChangesOnlyForARevisionOrAPerson(h).join('\n');
    expect(found).toContain('a self-heal sync started while selfHeal was off');
    expect(found).toContain('a reconciler write outside a sync of its revision');
  }, 30_000);

  it('convergence: flags a pull lane that cannot converge (its controller is down)', async () => {
    const h = await quietHistory();
    await act(h, { kubectl: { lane: 'gitops', actor: 'bob', run: 'delete configmap web-config' } });
    await act(h, { fault: { lane: 'gitops', kind: 'reconciler-down', for: '3600s' } });
    h.pullFaultUntil = 0; // hide the fault from the epilogue
    expect((await converge(h)).problems.join('\n')).toContain('does not match HEAD');
  }, 30_000);

  it('metrics: flags deployments the trail and the metric count differently', async () => {
    const h = await quietHistory();
    expect(metricsConsistent(h)).toEqual([]);
    plant(h, { channel: 'observer', verb: 'deploy-succeeded', revision: 'abc', object: 'app/web' });
    expect(metricsConsistent(h).join('\n')).toContain('non-heal deploy results');
  }, 30_000);
});
