// The state diagram's labels in a learner's words (issue 14: "CI_RESTORED [ciAvailable] always
// [ciAvailable]" could not be read), every label of both lane machines covered.
import { describe, expect, it } from 'vitest';
import { pipelineMachine } from '../../sim/devops/machine';
import { reconcilerMachine } from '../../sim/gitops/machine';
import { machineGraph } from './machine-graph';
import { transitionWords } from './transition-words';

describe('transition words', () => {
  it.each([
    ['CI_RESTORED [ciAvailable]', 'when CI is back'],
    ['always [ciAvailable]', 'when CI is back'],
    ['after test [testsPass]', 'tests done, if they pass'],
    ['always', 'otherwise'],
    ['always [moreApps && nextAppGated]', 'when apps are left and the next app needs approval'],
    ['WEBHOOK [webhookEnabled]', 'on a webhook, if webhooks are on'],
    ['PUSH [cancelsRunning]', 'on a push to main, if it cancels the run in progress'],
    ['comparing done [shouldSync]', 'diff done, if auto-sync is due'],
    ['SOMETHING_NEW [aGuard]', 'SOMETHING_NEW, if aGuard'],
    ['constructor', 'constructor'],
  ])('%s reads "%s"', (label, words) => {
    expect(transitionWords(label)).toBe(words);
  });

  it.each([
    ['the pipeline', pipelineMachine],
    ['the reconciler', reconcilerMachine],
  ])('has words for every event and guard of %s', (_name, machine) => {
    const g = machineGraph(machine);
    const labels = [...g.edges.flatMap((e) => e.labels), ...g.anyState.map((a) => a.label)];
    // Words never keep a raw UPPER_CASE event, a camelCase guard or xstate's `always`.
    const raw = labels.filter((l) =>
      /\b[A-Z]{3,}\b|[A-Z]+_[A-Z]+|\b[a-z]+[A-Z]\w*|\balways\b/.test(transitionWords(l)),
    );
    expect(raw).toEqual([]);
  });
});
