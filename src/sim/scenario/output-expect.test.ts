// `run:` lines and `output:` expectations through a real run: a step checks what its own lines
// printed, a task checks the learner's last line, and the report carries every line's output.
import '../../platform/node';
import { describe, expect, it } from 'vitest';
import { loadScenario, ScenarioRun } from '.';
import { describeExpectation } from './describe';
import { tinyScenario } from './fixtures';
import { buildReport } from './report';
import { playWithSolutions, proofOk } from './task-proof';

const TEXT = tinyScenario(
  { id: 'tiny-output', title: 'Tiny output', seed: 3 },
  `  - title: deploy and look
    do:
      - wait: 2m
      - run: { lane: gitops, line: "kubectl get deploy web", id: deploy }
      - run: { lane: gitops, line: "argocd app get app" }
    expect:
      - output: { of: deploy, matches: "^web +2/2 +2 +2 " }
      - output: { of: last, contains: "Health Status:      Healthy" }
      - output: { of: deploy, lines: ["NAME   READY   UP-TO-DATE   AVAILABLE   AGE"] }
  - title: look at the pods yourself
    task:
      goal: List the Pods on the GitOps cluster.
      expect:
        - output: { of: last, matches: "^web-[a-z0-9]{1,10}-[a-z0-9]{5} +1/1 +Running" }
      solution:
        - run: { lane: gitops, line: "get pods" }
`,
);

const scenario = () => loadScenario(TEXT, 'tiny-output.yaml', 'tiny-output');

describe('output expectations', () => {
  it("check what the step's own lines printed, by id and as the last line", async () => {
    const run = await ScenarioRun.start(scenario());
    const [step] = [(await run.step())!];
    expect(step.expectations.map((e) => e.ok)).toEqual([true, true, false]);
    expect(step.expectations[2]!.text).toMatch(
      /^console: output of deploy is \["NAME {3}READY.*"\] \(found "NAME {3}READY.*\\nweb .*" from kubectl get deploy web for/,
    );
    expect(step.console?.map((c) => [c.lane, c.line, c.id])).toEqual([
      ['gitops', 'kubectl get deploy web', 'deploy'],
      ['gitops', 'argocd app get app', undefined],
    ]);
  });

  it("a task's goal holds only once the learner's last line printed it", async () => {
    const run = await ScenarioRun.start(scenario());
    await run.step();
    expect(run.readsOutput).toBe(true);
    expect(run.checkTask()!.goalMet).toBe(false);
    expect(run.checkTask()!.goal[0]!.sentence).toMatch(/\(found no command ran\)$/);
    await run.act({ run: { lane: 'gitops', line: 'get deploy' } });
    expect(run.checkTask()!.goalMet).toBe(false);
    await run.act({ run: { lane: 'gitops', line: 'get pods' } });
    expect(run.checkTask()!.goalMet).toBe(true);
    // The learner's lines are part of the session: a replay prints the same and holds the same.
    const replayed = await ScenarioRun.replay(scenario(), { seed: run.seed }, 1, run.userActions);
    expect(replayed.checkTask()!.goalMet).toBe(true);
  });

  it('the proof finds the goal unmet before the solution and met after it', async () => {
    const run = await ScenarioRun.start(scenario());
    const [proof] = await playWithSolutions(run, 2);
    expect(proofOk(proof!)).toBe(true);
    const report = await buildReport(run, [proof!]);
    expect(report.steps[1]!.console).toEqual([
      expect.objectContaining({ lane: 'gitops', line: 'get pods', ok: true }),
    ]);
  });

  it('the report has console output only on steps that ran a line', async () => {
    const text = tinyScenario(
      { id: 'tiny-quiet', title: 'Quiet' },
      `  - title: wait
    do: [{ wait: 5m }]
  - title: scale
    do: [{ kubectl: { lane: both, run: "scale deployment/web --replicas=3" } }]
`,
    );
    const run = await ScenarioRun.start(loadScenario(text, 'tiny-quiet.yaml'));
    await run.runUntil(2);
    const report = await buildReport(run);
    expect('console' in report.steps[0]!).toBe(false);
    expect(report.steps[1]!.console).toEqual([
      {
        lane: 'devops',
        line: 'scale deployment/web --replicas=3',
        ok: true,
        output: 'deployment.apps/web scaled',
      },
      {
        lane: 'gitops',
        line: 'scale deployment/web --replicas=3',
        ok: true,
        output: 'deployment.apps/web scaled',
      },
    ]);
  });

  it.each([
    [{ of: 'last', contains: 'Synced' }, 'Console: the last command printed "Synced"'],
    [
      { of: 'pods', matches: 'Back[Oo]ff$' },
      'Console: the command pods printed a line matching /Back[Oo]ff$/',
    ],
    [{ of: 'last', lines: ['a', 'b'] }, 'Console: the last command printed exactly "a", "b"'],
    [{ of: 'last', lines: [] }, 'Console: the last command printed nothing'],
  ])('%j reads as "%s"', (output, sentence) => {
    expect(describeExpectation({ output })).toBe(sentence);
  });

  it('a run refused by its tool is output, not a failed step', async () => {
    const text = tinyScenario(
      { id: 'tiny-typo', title: 'Typo' },
      `  - title: mistype
    do:
      - run: { lane: gitops, line: "flux get ks", id: flux }
    expect:
      - output: { of: flux, contains: "this GitOps lane runs Argo CD, not Flux" }
`,
    );
    const run = await ScenarioRun.start(loadScenario(text, 'tiny-typo.yaml'));
    const step = (await run.step())!;
    expect(step.ok).toBe(true);
    expect(step.console?.[0]).toMatchObject({ ok: false, lane: 'gitops' });
  });
});
