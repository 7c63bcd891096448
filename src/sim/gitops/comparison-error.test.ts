// Conditions are set before any operation starts (REFERENCE.md, pull lane: "the allowEmpty guard is
// a condition set before any operation starts"; argo-cd ApplicationCondition): an app whose path is
// not in Git has a ComparisonError and sync status Unknown, and no operation runs.
import '../../platform/node';
import { describe, expect, it } from 'vitest';
import { laneWorld } from '../testing/lane-world';
import { GitopsLane } from './lane';

describe('ComparisonError conditions', () => {
  it('an app path that does not exist is a ComparisonError in the repo server words, with no operation', async () => {
    const world = await laneWorld('gitops');
    const lane = new GitopsLane({ ...world.laneDeps, apps: [{ name: 'web', path: 'apps/nope' }] });
    await world.clock.advanceBy(60_000);
    const app = lane.apps[0]!;
    expect(app.conditions).toEqual([
      { type: 'ComparisonError', message: 'apps/nope: app path does not exist' },
    ]);
    expect(app.sync).toBe('Unknown');
    expect(app.operation).toBeNull();
  });

  it('a manifest that does not parse names its file, line and column', async () => {
    const world = await laneWorld('gitops', { files: { 'apps/web/bad.yaml': 'a: [1\n' } });
    const lane = new GitopsLane({ ...world.laneDeps });
    await world.clock.advanceBy(60_000);
    const [condition] = lane.apps[0]!.conditions;
    expect(condition?.type).toBe('ComparisonError');
    expect(condition?.message).toMatch(/^apps\/web\/bad\.yaml:\d+:\d+: /);
  });
});
