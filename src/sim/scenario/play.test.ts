// Guided Play, on the breaks issue 13 reported: Play then Step ends where Step alone ends, and
// time that Play runs is always inside the step being played.
import '../../platform/node';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario, ScenarioRun } from '.';
import { buildReport } from './report';

const library = (id: string) =>
  loadScenario(readFileSync(`scenarios/${id}.yaml`, 'utf8'), `${id}.yaml`, id);

describe('guided Play', () => {
  it('first-deploy-pr: 1.3 s of Play at 60x, then Step, lands where Steps alone land', async () => {
    const played = await ScenarioRun.start(library('first-deploy-pr'));
    expect(await played.play(1_300 * 60)).toMatchObject({
      kind: 'playing',
      index: 0,
      elapsedMs: 78_000,
    });
    // The lesson ends with a task: both runs solve it with its solution, the same way.
    const all = played.scenario.steps.length;
    await played.runUntil(all, { solveTasks: true });
    const stepped = await ScenarioRun.start(library('first-deploy-pr'));
    await stepped.runUntil(all, { solveTasks: true });
    expect(played.done && stepped.done).toBe(true);
    expect(played.results.flatMap((r) => r.expectations.filter((e) => !e.ok))).toEqual([]);
    expect(JSON.stringify(await buildReport(played))).toBe(
      JSON.stringify(await buildReport(stepped)),
    );
  });

  it('hotfix-drift: the clock Play moves belongs to the step being played, which then ends', async () => {
    const run = await ScenarioRun.start(library('hotfix-drift'));
    await run.play(30_000);
    expect(run.sandbox.now()).toBe(30_000);
    expect(run.playing).toEqual({ index: 0, elapsedMs: 30_000, totalMs: 300_000 });
    let out = await run.play(120_000);
    while (out.kind === 'playing') out = await run.play(120_000);
    expect(out).toMatchObject({ kind: 'step', result: { index: 0, ok: true, t: 300_000 } });
    expect(run.playing).toBeNull();
  });

  it('Step back inside a playing step returns to its start', async () => {
    const run = await ScenarioRun.start(library('hotfix-drift'));
    await run.step();
    await run.play(1_000); // the next step asks a question: Play waits for the answer
    expect(run.playing).toBeNull();
    run.answer(1);
    await run.play(20_000);
    expect(run.playing?.index).toBe(1);
    const back = await run.back();
    expect(back.stepsDone).toBe(1);
    expect(back.playing).toBeNull();
    expect(back.sandbox.now()).toBe(300_000);
  });
});
