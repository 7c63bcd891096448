import { describe, expect, it } from 'vitest';
import { completeKubectl } from './complete';
import { webCluster } from './test-fixtures';

describe('completeKubectl', () => {
  it.each([
    ['', ['annotate', 'api-resources', 'apply']],
    ['g', ['get']],
    ['kubectl sc', ['kubectl scale']],
    ['rollout u', ['rollout undo']],
    ['rollout ', ['rollout history', 'rollout restart', 'rollout status', 'rollout undo']],
    ['get deploy', ['get deployments']],
    ['get deploy w', ['get deploy web']],
    ['scale deployment/w', ['scale deployment/web']],
    ['describe secret ', ['describe secret db']],
    ['get pods -n ', ['get pods -n default']],
    ['get pods -o y', ['get pods -o yaml']],
    ['get pods --sh', ['get pods --show-labels', 'get pods --show-managed-fields']],
    ['get pods -n shop web', []],
    ['apply -f ', []],
    ['get "unterminated', []],
    ['get deploy web ', ['get deploy web web']],
  ])('%j', async (partial, expected) => {
    const { cluster } = await webCluster();
    const found = completeKubectl(partial, cluster);
    expect(found.slice(0, expected.length)).toEqual(expected);
    if (expected.length === 0) expect(found).toEqual([]);
  });

  it('completes Pod names, which change as controllers work', async () => {
    const { cluster } = await webCluster();
    const pods = completeKubectl('get pods web-', cluster);
    expect(pods).toHaveLength(3);
    for (const line of pods) expect(line).toMatch(/^get pods web-\w+-\w+$/);
  });
});
