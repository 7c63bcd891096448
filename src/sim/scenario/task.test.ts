// Tasks and questions in the runner: a task completes only once its goal holds, constraints are
// read from the audit trail since the task began, "Show me" is recorded and replays exactly, and a
// question's answer is kept with the step it belongs to.
import '../../platform/node';
import { describe, expect, it } from 'vitest';
import { loadScenario, ScenarioRun } from '.';
import { buildReport } from './report';
import { LEARNER } from './task';
import { tinyScenario } from './fixtures';

const TEXT = tinyScenario(
  { id: 'tiny-task', title: 'Tiny task', seed: 4 },
  `  - title: deploy
    do: [{ wait: 5m }]
    expect: [{ lane: both, inSyncWithGit: true }]
  - title: scale to 4 through Git
    task:
      goal: 4 replicas in the pull cluster
      expect: [{ lane: gitops, get: deployment/web, path: spec.replicas, equals: 4 }]
      hints: [edit web.yaml]
      constraints:
        - { text: without kubectl, forbid: { actor: you, channel: kubectl } }
        - { text: in one commit, maxCommits: 1 }
      solution:
        - commit: { message: four, author: you, patch: { web.yaml: { spec.replicas: 4 } } }
        - wait: 4m
  - title: Bob scales by hand
    question:
      ask: What does self-heal do?
      choices: [nothing, puts 4 back]
      answer: 1
      why: Argo CD applies Git again.
    do:
      - kubectl: { lane: gitops, actor: bob, run: "scale deployment/web --replicas=1" }
      - wait: 1m
    expect: [{ lane: gitops, get: deployment/web, path: spec.replicas, equals: 4 }]
`,
);

const scenario = () => loadScenario(TEXT, 'tiny-task.yaml', 'tiny-task');
const scaleBy = (who: string, n: number) => ({
  kubectl: { lane: 'gitops' as const, actor: who, run: `scale deployment/web --replicas=${n}` },
});

describe('a task step', () => {
  it('is not done by Step while its goal does not hold: nothing advances', async () => {
    const run = await ScenarioRun.start(scenario());
    await run.step();
    expect(run.nextStep?.kind).toBe('task');
    expect(run.checkTask()?.goalMet).toBe(false);
    const refused = await run.step();
    expect(refused).toMatchObject({ refused: true, ok: false, task: { solved: false } });
    expect(run.stepsDone).toBe(1);
  });

  it('completes once the goal holds, solved by the learner without the solution', async () => {
    const run = await ScenarioRun.start(scenario());
    await run.step();
    await run.act({
      commit: { message: 'four', author: LEARNER, patch: { 'web.yaml': { 'spec.replicas': 4 } } },
    });
    expect(run.checkTask()?.goalMet).toBe(false); // Argo CD has not polled yet
    await run.play(4 * 60_000); // at a task, Play lets free time run
    expect(run.checkTask()).toMatchObject({
      goalMet: true,
      constraints: [{ ok: true }, { ok: true }],
    });
    const done = await run.step();
    expect(done).toMatchObject({
      kind: 'task',
      ok: true,
      task: { solved: true, usedSolution: false },
    });
    expect(run.stepsDone).toBe(2);
  });

  it.each([
    [
      'kubectl by the learner',
      [scaleBy(LEARNER, 4)],
      'without kubectl',
      `${LEARNER} kubectl update Deployment/default/web on gitops`,
    ],
    [
      'two commits',
      [
        {
          commit: {
            message: 'three',
            author: LEARNER,
            patch: { 'web.yaml': { 'spec.replicas': 3 } },
          },
        },
        {
          commit: {
            message: 'four',
            author: LEARNER,
            patch: { 'web.yaml': { 'spec.replicas': 4 } },
          },
        },
      ],
      'in one commit',
      '2 commits',
    ],
  ])(
    'names the broken constraint when the way there used %s',
    async (_what, actions, text, found) => {
      const run = await ScenarioRun.start(scenario());
      await run.step();
      for (const a of actions) await run.act(a);
      const state = run.checkTask()!;
      const broken = state.constraints.find((c) => c.text === text)!;
      expect(broken.ok).toBe(false);
      expect(broken.found).toContain(found);
    },
  );

  it('does not count what others did before the task began', async () => {
    const run = await ScenarioRun.start(scenario());
    await run.act(scaleBy(LEARNER, 3)); // before step 1: not part of the task
    await run.step();
    expect(run.checkTask()!.constraints.every((c) => c.ok)).toBe(true);
  });

  it('records "Show me" as solution actions, and a replay lands in the same state', async () => {
    const run = await ScenarioRun.start(scenario());
    await run.step();
    await run.showSolution();
    expect(run.userActions.every((u) => u.solution === true)).toBe(true);
    const done = await run.step();
    expect(done?.task).toMatchObject({ solved: true, usedSolution: true });
    await run.step();
    const replayed = await ScenarioRun.replay(scenario(), {}, 3, run.userActions);
    expect(JSON.stringify(await buildReport(replayed))).toBe(
      JSON.stringify(await buildReport(run)),
    );
    expect(replayed.results[1]?.task?.usedSolution).toBe(true);
  });
});

describe('a question step', () => {
  it('pauses guided Play until answered, then reveals the answer against the choice', async () => {
    const run = await ScenarioRun.start(scenario());
    await run.step();
    await run.showSolution();
    await run.step();
    expect(await run.play(1_000)).toEqual({ kind: 'question', index: 2 });
    expect(run.stepsDone).toBe(2);
    run.answer(0);
    let outcome = await run.play(30_000);
    expect(outcome.kind).toBe('playing');
    while (outcome.kind === 'playing') outcome = await run.play(30_000);
    expect(outcome.kind === 'step' && outcome.result.question).toMatchObject({
      chosen: 0,
      correct: false,
      answer: 1,
    });
    const back = await run.back();
    expect(back.answerOf(1)).toBeUndefined();
    expect(back.stepsDone).toBe(2);
  });
});

describe('a step after the learner acted', () => {
  it("fails with what was found, and names the learner's commit that caused it", async () => {
    const run = await ScenarioRun.start(scenario());
    await run.step();
    await run.showSolution();
    await run.step();
    await run.act({
      commit: { message: 'six', author: LEARNER, patch: { 'web.yaml': { 'spec.replicas': 6 } } },
    });
    await run.advance(5 * 60_000); // free time: Argo CD polls and syncs the commit
    const result = await run.step();
    const line = result!.expectations[0]!;
    expect(line.ok).toBe(false);
    expect(line.sentence).toBe(
      'GitOps: deployment/web in namespace default has 4 replicas (GitOps found 6)',
    );
    expect(line.causedBy).toMatch(/^your commit to refs\/heads\/main in Git at /);
  });
});
