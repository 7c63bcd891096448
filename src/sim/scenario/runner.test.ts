import '../../platform/node';
import { describe, expect, it, vi } from 'vitest';
import { loadScenario, ScenarioRun } from '.';
import { buildReport } from './report';
import { staticCheck } from './static-check';
import { tinyScenario } from './fixtures';

const TEXT = tinyScenario(
  { id: 'tiny-run', title: 'Tiny run', seed: 4 },
  `  - title: deploy
    do: [{ wait: 5m }]
    expect:
      - { lane: both, inSyncWithGit: true, health: Healthy }
  - title: change
    do:
      - commit: { message: more, author: alice, tag: v2, patch: { web.yaml: { spec.replicas: 4 } } }
      - wait: 6m
    expect:
      - { lane: both, get: deployment/web, path: spec.replicas, equals: 4 }
  - title: drift
    do:
      - kubectl: { lane: both, run: "scale deployment/web --replicas=1" }
      - wait: 1m
    expect:
      - { lane: devops, get: deployment/web, path: spec.replicas, equals: 1 }
      - { lane: gitops, get: deployment/web, path: spec.replicas, equals: 4 }
      - { lane: gitops, get: deployment/web, path: spec.replicas, equals: 1 }
`,
);

const scenario = () => loadScenario(TEXT, 'tiny-run.yaml', 'tiny-run');

describe('the scenario runner', () => {
  it('runs steps, checks expectations, and reports a failing one as failed', async () => {
    const run = await ScenarioRun.start(scenario());
    await run.runUntil(3);
    expect(run.results.map((r) => r.ok)).toEqual([true, true, false]);
    expect(run.results[2]!.expectations.map((e) => e.ok)).toEqual([true, true, false]);
    expect(run.results[2]!.expectations[2]!.text).toContain(
      'found 4 for "deployment/web spec.replicas equals 1"',
    );
  });

  it.each([false, true])(
    'steps back to exactly the state a replay gives (standby: %s)',
    async (standby) => {
      const run = await ScenarioRun.start(scenario(), { standby });
      await run.runUntil(2);
      await run.act({ kubectl: { lane: 'devops', run: 'annotate deployment web note=hello' } });
      await run.advance(30_000);
      await run.step();
      const back = await run.back();
      const replay = await ScenarioRun.replay(
        scenario(),
        {},
        2,
        run.userActions.filter((u) => u.afterStep <= 2),
      );
      expect(back.stepsDone).toBe(2);
      expect(back.sandbox.now()).toBe(replay.sandbox.now());
      expect(JSON.stringify(await buildReport(back))).toBe(
        JSON.stringify(await buildReport(replay)),
      );
      expect(
        back.sandbox.clusters.devops.get({ kind: 'Deployment', name: 'web' })?.metadata.annotations
          ?.note,
      ).toBe('hello');
    },
  );

  it('hands over the standby on a step back, and keeps it right through steps, backs and play', async () => {
    const replays = vi.spyOn(ScenarioRun, 'replay');
    const report = async (r: ScenarioRun) => JSON.stringify(await buildReport(r));
    const reference = (r: ScenarioRun, k: number) =>
      ScenarioRun.replay(
        scenario(),
        {},
        k,
        r.userActions.filter((u) => u.afterStep <= k),
      );
    let run = await ScenarioRun.start(scenario(), { standby: true });
    await run.advance(20_000);
    await run.advance(40_000); // merged with the wait before: one recorded action
    await run.step();
    await run.act({ kubectl: { lane: 'gitops', run: 'annotate deployment web a=1' } });
    await run.step();
    await run.act({ kubectl: { lane: 'devops', run: 'annotate deployment web b=2' } });
    await run.step();
    replays.mockClear();
    run = await run.back(); // to 2: the standby, not a replay of step 2
    expect(replays.mock.calls.map((c) => c[2])).toEqual([1]); // only the next standby, at 1
    expect(await report(run)).toBe(await report(await reference(run, 2)));
    run = await run.back(); // to 1, at once after the last back
    expect(run.stepsDone).toBe(1);
    expect(await report(run)).toBe(await report(await reference(run, 1)));
    // Forward again with new actions: the standby follows, and a back still matches a replay.
    await run.act({ kubectl: { lane: 'devops', run: 'scale deployment/web --replicas=5' } });
    await run.step();
    await run.advance(90_000);
    await run.step();
    replays.mockClear();
    run = await run.back();
    expect(replays.mock.calls.map((c) => c[2])).toEqual([1]);
    expect(run.stepsDone).toBe(2);
    expect(await report(run)).toBe(await report(await reference(run, 2)));
    replays.mockRestore();
  });

  it('gives byte-identical reports for the same seed, and different ones for another seed', async () => {
    const report = async (seed?: number) => {
      const run = await ScenarioRun.start(scenario(), seed === undefined ? {} : { seed });
      await run.runUntil(3);
      return JSON.stringify(await buildReport(run));
    };
    const a = await report();
    expect(await report()).toBe(a);
    expect(await report(99)).not.toBe(a);
  });
});

describe('static checks', () => {
  const check = (text: string) => staticCheck(loadScenario(text, 'x.yaml'), text, 'x.yaml');
  it('accepts a valid scenario', () => expect(check(TEXT)).toEqual([]));
  it('finds a patch path that does not exist at that step', () => {
    const bad = TEXT.replace('spec.replicas: 4', '"spec.template.spec.containers[2].image": x');
    expect(check(bad)[0]?.code).toBe('E_PATCH');
    expect(check(bad)[0]?.message).toMatch(/index 2 is out of range/);
  });
  it('finds a tag used before it is made', () => {
    const bad = TEXT.replace('      - wait: 1m\n', '      - revert: v9\n      - wait: 1m\n');
    expect(check(bad)[0]).toMatchObject({ code: 'E_TAG', found: '"v9"' });
    expect(
      check(TEXT.replace('      - wait: 1m\n', '      - revert: v2\n      - wait: 1m\n')),
    ).toEqual([]);
  });
  it('finds a patch of a file that is not there', () => {
    const [p] = check(TEXT.replace('patch: { web.yaml:', 'patch: { nope.yaml:'));
    expect(p?.code).toBe('E_PATCH');
    expect(p?.message).toContain('nope.yaml');
  });
});

describe('recorded play', () => {
  it('merges waits that follow each other, and replays to the same instant', async () => {
    const run = await ScenarioRun.start(scenario());
    for (let i = 0; i < 50; i++) await run.advance(1_000);
    expect(run.userActions).toEqual([{ afterStep: 0, action: { wait: '50000ms' } }]);
    const replay = await ScenarioRun.replay(scenario(), {}, 0, run.userActions);
    expect(replay.sandbox.now()).toBe(run.sandbox.now());
  });
});
