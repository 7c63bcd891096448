// The one property every cache keeps: whatever happened since the last look, the cached answer is
// what a fresh computation gives. A cache test says what its world is (a cluster, a cache, Git's
// manifests), what can happen to it and what the two answers are; this runs random histories
// (fast-check, seeded) and compares the answers at every look. A test shows it can fail by a
// sabotage: break the cache on purpose, see it red, put it back (the commit says which).
import fc from 'fast-check';
import { expect } from 'vitest';

export interface CacheVsFresh<P, W, S, A> {
  /** What a history starts from (the first manifests, ...); `fc.constant(null)` when nothing. */
  start: fc.Arbitrary<P>;
  /** A new world from it: the cache and what it caches. */
  world: (start: P) => W | Promise<W>;
  /** What can happen between two looks. */
  step: fc.Arbitrary<S>;
  /** Makes `step` happen to the world. */
  act: (world: W, step: S) => void | Promise<void>;
  /** Whether to look after `step` (default: after every step). Looks are also taken first and last. */
  looksAfter?: (step: S) => boolean;
  /** The cache's answer. */
  cached: (world: W) => A | Promise<A>;
  /** The same answer computed afresh, with no cache. */
  fresh: (world: W) => A | Promise<A>;
  /** How the two must agree (default: deep equality). */
  agree?: (cached: A, fresh: A, world: W) => void;
  runs: number;
  seed: number;
  /** The longest history (default 30 steps). */
  maxSteps?: number;
}

/** Runs the property; answers how many looks were taken, for tests that count what they saw. */
export async function expectCacheEqualsFresh<P, W, S, A>(
  spec: CacheVsFresh<P, W, S, A>,
): Promise<{ looks: number }> {
  const agree = spec.agree ?? ((cached: A, fresh: A) => expect(cached).toEqual(fresh));
  let runs = 0;
  let looks = 0;
  await fc.assert(
    fc.asyncProperty(
      spec.start,
      fc.array(spec.step, { maxLength: spec.maxSteps ?? 30 }),
      async (start, steps) => {
        runs++;
        const world = await spec.world(start);
        const look = async () => {
          looks++;
          // The cache first: a fresh computation must not warm it.
          const cached = await spec.cached(world);
          agree(cached, await spec.fresh(world), world);
        };
        await look();
        for (const step of steps) {
          await spec.act(world, step);
          if (spec.looksAfter?.(step) ?? true) await look();
        }
        await look();
      },
    ),
    { numRuns: spec.runs, seed: spec.seed },
  );
  // fast-check stops at the first failure: every run ran.
  expect(runs).toBe(spec.runs);
  return { looks };
}
