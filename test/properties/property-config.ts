// How many random cases the property tests and fuzzers run, and from which seed. `npm test` runs
// the defaults; `PROPERTY_RUNS=5000 npx vitest run test/properties` runs more, and
// `PROPERTY_SEED=<n>` replays the seed a failure printed.

const fromEnv = (name: string): number | undefined => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
};

/** The seed of every fast-check run here (fixed, so `npm test` is reproducible). */
export const PROPERTY_SEED = fromEnv('PROPERTY_SEED') ?? 20_260_105;

/** `PROPERTY_RUNS`, or `fallback`: the number of random cases of one property. */
export function runs(fallback: number): number {
  return fromEnv('PROPERTY_RUNS') ?? fallback;
}

/** A vitest timeout for `count` cases costing about `msEach` each, never under a minute. */
export function timeoutFor(count: number, msEach: number): number {
  return Math.max(60_000, count * msEach * 3);
}
