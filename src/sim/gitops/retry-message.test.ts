// The operation message while a retry is due (argo-cd controller/appcontroller.go: "<message>.
// Retrying attempt #<n> at <time.Kitchen>."; REFERENCE.md, automated sync retries 5 s, 10 s, ...).
import '../../platform/node';
import { describe, expect, it } from 'vitest';
import { STARTER_FILES } from '../starter-repo';
import { laneWorld } from '../testing/lane-world';
import { GitopsLane } from './lane';
import { kitchenTime } from './retry-message';

const DEPLOY = 'apps/web/deployment.yaml';

describe('the operation message of a failed sync that will be retried', () => {
  it.each([
    [0, '9:00AM'],
    [3 * 3_600_000 + 4 * 60_000, '12:04PM'],
    [15 * 3_600_000, '12:00AM'],
  ])("Go's time.Kitchen of virtual %i ms is %s", (ms, text) => {
    expect(kitchenTime(ms)).toBe(text);
  });

  it('says "Retrying attempt #1", then "#2", and nothing more once the retries are spent', async () => {
    const world = await laneWorld('gitops');
    const lane = new GitopsLane({ ...world.laneDeps });
    await world.clock.advanceBy(60_000);
    await world.commit('bad replicas', {
      [DEPLOY]: STARTER_FILES[DEPLOY]!.replace('replicas: 3', 'replicas: -1'),
    });
    lane.refresh();
    await world.clock.advanceBy(2_000);
    const app = lane.apps[0]!;
    expect(app.operation?.message).toMatch(
      /^one or more objects failed to apply, reason: .*Invalid value: -1.*\. Retrying attempt #1 at \d{1,2}:\d\d[AP]M\.$/,
    );
    await world.clock.advanceBy(5_000);
    expect(app.operation?.message).toMatch(/Retrying attempt #2 at /);
    await world.clock.advanceBy(1_800_000);
    expect(app.operation?.phase).toBe('Failed');
    expect(app.operation?.message).not.toMatch(/Retrying/);
  });
});
