// Invariants over random histories: commits (valid and invalid), pull requests, reverts, kubectl
// drift in either lane, rollbacks, faults, option toggles and waits, up to 40 actions, then the
// convergence epilogue. After each history: (1) the audit trail rebuilds both clusters and names
// every commit; (2) the pull lane converges, and with selfHeal off changes only for a new revision
// or a person; (3) the push lane changes only when someone or something deploys; (5) a sample of
// the exported repositories pass `git fsck --strict`; (6) the metrics are consistent.
// Determinism (4) is in determinism.test.ts.
import '../../src/platform/node';
import * as fc from 'fast-check';
import { describe, it } from 'vitest';
import { converge } from './convergence';
import {
  auditCompleteness,
  metricsConsistent,
  pullLaneChangesOnlyForARevisionOrAPerson,
  pushLaneChangesOnlyWhenDeployed,
} from './invariants';
import { fsckStrict } from './native-git';
import { PROPERTY_SEED, runs, timeoutFor } from './property-config';
import { historyActions, historySeed, runHistory, type History } from './random-history';

const RUNS = runs(100);
/** Every n-th history is exported and checked by native git (a process per check is slow). */
const FSCK_EVERY = 25;

async function fsck(h: History): Promise<string[]> {
  const { status, stderr } = await fsckStrict(h.sandbox.repo);
  return status === 0 && stderr === ''
    ? []
    : [`git fsck --strict exited ${status}: ${stderr.trim()}`];
}

/** What the histories exercised, so that a green run is known not to be a vacuous one. */
function exercised(h: History, into: Map<string, number>): void {
  const add = (k: string) => into.set(k, (into.get(k) ?? 0) + 1);
  for (const s of h.spans) if (s.outcome && !s.outcome.ok) add('refused actions');
  for (const r of h.sandbox.audit.records()) {
    if (r.verb === 'deploy-started') add(`${r.cluster} ${r.operation?.trigger ?? '?'} deploys`);
    if (r.verb === 'deploy-failed') add(`${r.cluster} failed deploys`);
    if (r.channel === 'kubectl' && r.verb !== 'refuse') add('kubectl writes');
    if (r.object === '*') add('wipes');
  }
}

describe('invariants over random histories', () => {
  it(
    `hold for ${RUNS} histories of up to 40 actions`,
    async () => {
      const count = { sequences: 0, actions: 0, repaired: 0, manualSyncs: 0, fsck: 0 };
      const seen = new Map<string, number>();
      const started = performance.now();
      await fc.assert(
        fc.asyncProperty(historySeed, historyActions, async (seed, actions) => {
          const h = await runHistory(seed, actions);
          count.sequences++;
          count.actions += actions.length;
          const converged = await converge(h);
          exercised(h, seen);
          if (converged.repaired) count.repaired++;
          if (converged.manualSync) count.manualSyncs++;
          const problems = [
            ...(await auditCompleteness(h)).map((p) => `(1 audit) ${p}`),
            ...converged.problems.map((p) => `(2 convergence) ${p}`),
            ...pullLaneChangesOnlyForARevisionOrAPerson(h).map((p) => `(2 selfHeal off) ${p}`),
            ...pushLaneChangesOnlyWhenDeployed(h).map((p) => `(3 push lane) ${p}`),
            ...metricsConsistent(h).map((p) => `(6 metrics) ${p}`),
          ];
          if (count.sequences % FSCK_EVERY === 1) {
            count.fsck++;
            problems.push(...(await fsck(h)).map((p) => `(5 fsck) ${p}`));
          }
          if (problems.length > 0)
            throw new Error(
              `${problems.length} violation(s):\n${problems.slice(0, 10).join('\n')}`,
            );
        }),
        { seed: PROPERTY_SEED, numRuns: RUNS },
      );
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `invariants: ${count.sequences} sequences, ${count.actions} actions ` +
          `(${count.repaired} HEAD repairs, ${count.manualSyncs} manual syncs after a failed sync, ` +
          `${count.fsck} git fsck) ` +
          `in ${seconds}s, seed ${PROPERTY_SEED}`,
      );
      console.log(`exercised: ${[...seen].map(([k, v]) => `${v} ${k}`).join(', ')}`);
    },
    timeoutFor(RUNS, 1_000),
  );
});
