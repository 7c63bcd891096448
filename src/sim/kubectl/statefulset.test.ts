// `kubectl get sts` and `kubectl describe statefulset` as kubectl prints them
// (kubernetes.io/docs/tutorials/stateful-application/basic-stateful-set: "kubectl get statefulset
// web" shows NAME READY AGE; describe shows Replicas, Update Strategy, Partition, Pods Status).
import { describe, expect, it } from 'vitest';
import { CI, makeCluster, statefulSet } from '../cluster/testing/fixtures';
import { runKubectl } from './execute';

async function dbCluster(at: number) {
  const { cluster, clock } = makeCluster();
  cluster.apply(statefulSet({ replicas: 3 }), CI);
  await clock.advanceTo(at);
  return (line: string) => runKubectl(line, { cluster, actor: 'alice' });
}

describe('kubectl and StatefulSets', () => {
  it('shows READY growing one ordinal at a time under the short name sts', async () => {
    const kubectl = await dbCluster(15_000);
    expect(kubectl('get sts').stdout).toMatch(/^NAME +READY +AGE\ndb +1\/3 +15s$/);
    expect(
      kubectl('get pods')
        .stdout.split('\n')
        .slice(1)
        .map((l) => l.split(/ +/)[0]),
    ).toEqual(['db-0', 'db-1']);
  });

  it('describes the update strategy, Pods Status and the controller’s events', async () => {
    const kubectl = await dbCluster(40_000);
    const page = kubectl('describe statefulset db').stdout;
    expect(page).toMatch(/\nReplicas: +3 desired \| 3 total\n/);
    expect(page).toMatch(/\nUpdate Strategy: +RollingUpdate\n +Partition: +0\n/);
    expect(page).toMatch(/\nPods Status: +3 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed\n/);
    expect(page).toMatch(
      /Normal +SuccessfulCreate +\S+ +statefulset-controller +create Pod db-2 in StatefulSet db successful/,
    );
  });
});
