// "What just happened" tells what the trail records, including a correction within a second.
import '../../platform/node';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario, ScenarioRun } from '.';
import { happenedInLastStep, whatHappened } from './narrate';

async function hotfixAfter(steps: number) {
  const text = readFileSync('scenarios/hotfix-drift.yaml', 'utf8');
  const run = await ScenarioRun.start(loadScenario(text, 'hotfix-drift.yaml', 'hotfix-drift'));
  await run.runUntil(steps);
  return run;
}

describe('what just happened', () => {
  it('tells a self-heal within a second: the drift, what Git says, how long after whose change', async () => {
    const run = await hotfixAfter(2);
    const gitops = happenedInLastStep(run, 'gitops');
    const heal = gitops.find((h) => h.kind === 'heal');
    expect(heal?.text).toBe(
      "00:05:01 Argo CD saw Deployment/default/web drift (spec.replicas 5, Git says 3) and self-healed it 1s after bob's change",
    );
    expect(heal?.keys).toEqual(['Deployment/default/web']);
    expect(gitops.map((h) => h.text)).toContain(
      '00:05:01 app/web: Synced → OutOfSync → Synced within a second',
    );
    expect(gitops.map((h) => h.text)).toContain(
      '00:05:00 the cluster stopped matching Git and matched it again 1s later',
    );
  });

  it('says the pipeline did nothing, and why, when only a person changed the push cluster', async () => {
    const run = await hotfixAfter(2);
    const devops = happenedInLastStep(run, 'devops');
    expect(devops.map((h) => h.kind)).toEqual(['change', 'status', 'idle']);
    expect(devops[0]?.text).toBe(
      '00:05:00 bob changed Deployment/default/web with kubectl (spec.replicas 3 → 5), outside Git',
    );
    expect(devops[2]?.text).toMatch(/^The pipeline did not run: it runs only on a push to main/);
  });

  it('tells a learner commit on a branch as deploying nowhere, and the merge as landing on main', async () => {
    const run = await hotfixAfter(2);
    const from = run.stepStartSeq;
    await run.showSolution();
    const texts = whatHappened(run.sandbox.audit.records(), 'devops', from).map((h) => h.text);
    expect(
      texts.some((t) =>
        /you committed .* on you\/hotfix-5-replicas .*not main, so no lane deploys it/.test(t),
      ),
    ).toBe(true);
    expect(texts.some((t) => /you merged pull request #1 into main/.test(t))).toBe(true);
    expect(
      texts.some((t) => /the pipeline deployed .* \(push\): nothing needed changing/.test(t)),
    ).toBe(true);
  });

  it('tells a lane that has not deployed a push yet apart from one with nothing to do', async () => {
    const text = readFileSync('scenarios/first-deploy-pr.yaml', 'utf8');
    const run = await ScenarioRun.start(
      loadScenario(text, 'first-deploy-pr.yaml', 'first-deploy-pr'),
    );
    await run.runUntil(2);
    expect(happenedInLastStep(run, 'devops').at(-1)?.text).toMatch(
      /^The pipeline did not run: it runs only on a push to main/,
    );
    await run.step(); // the merge, one minute ago
    expect(happenedInLastStep(run, 'devops').at(-1)?.text).toBe(
      "The pipeline started on alice's push to main at 00:15:00 and has not deployed yet: checkout, build and test come first.",
    );
    expect(happenedInLastStep(run, 'gitops').at(-1)?.text).toBe(
      "Argo CD has not deployed alice's push to main yet: it finds a new commit at its next poll of Git.",
    );
  });
});
