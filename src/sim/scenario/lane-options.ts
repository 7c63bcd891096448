// Lane options as scenarios (`lanes:`) and `set` actions write them, turned into each lane's
// options: durations are text there ("2m") and milliseconds here; `retry` uses Argo CD's field
// names (backoff, maxDuration) and takes Argo's defaults for what it leaves out.
//
// The schema (schema.ts) is checked against the lane option types (lanes/lane.ts LaneOptionsOf):
// each written option has a converter in CONVERTERS, whose type requires that the option exists in
// the lane's options and that the converter returns its type; an option the schema gains without
// one does not compile. lane-options.test.ts checks the key sets both ways at the type level.
import type { ClusterName } from '../audit';
import { parseDuration } from '../clock';
import { DEFAULT_STAGES, type StageDurations } from '../devops/machine';
import { retryPolicy } from '../gitops/options';
import { syncOptionsFrom } from '../gitops/sync-options';
import type { LaneOptionsOf } from '../lane';
import { safeRecord } from '../safe-keys';
import type { WrittenLaneOptions } from './schema';

/** One converter per written option, to the lane option of the same name (never to another). */
type Converters<W, O> = {
  [K in keyof W]-?: K extends keyof O ? (value: NonNullable<W[K]>) => O[K] | undefined : never;
};

const ms = (text: string | undefined) =>
  text === undefined ? undefined : (parseDuration(text) ?? undefined);
const same = <T>(value: T) => value;

/**
 * A `stages` option names some stages; the others keep their default durations (as in `lanes:`,
 * where devopsOptions fills them in).
 */
function stages(written: NonNullable<WrittenLaneOptions['devops']['stages']>): StageDurations {
  const out = { ...DEFAULT_STAGES };
  for (const stage of Object.keys(DEFAULT_STAGES) as (keyof StageDurations)[]) {
    out[stage] = ms(written[stage]) ?? DEFAULT_STAGES[stage];
  }
  return out;
}

/** Written options kept under an older name: each becomes the option that replaced it. */
type Renamed = { devops: 'cancelInProgress'; gitops: never };
/** `cancelInProgress` came before `concurrency`: true is cancel-in-progress, false a queue. */
const RENAMED: { [N in ClusterName]: Record<Renamed[N], (value: never) => [string, unknown]> } = {
  devops: {
    cancelInProgress: (value: boolean) => ['concurrency', value ? 'cancel-in-progress' : 'queue'],
  },
  gitops: {},
};

const CONVERTERS: {
  [N in ClusterName]: Converters<Omit<WrittenLaneOptions[N], Renamed[N]>, LaneOptionsOf[N]>;
} = {
  devops: {
    stages,
    prune: same,
    approval: same,
    concurrency: same,
    flakyRate: same,
  },
  gitops: {
    flavour: same,
    automated: same,
    selfHeal: same,
    prune: same,
    allowEmpty: same,
    pollInterval: ms,
    jitter: ms,
    applyInterval: ms,
    webhook: same,
    suspend: same,
    retry: (r) =>
      retryPolicy({
        limit: r.limit,
        backoffMs: ms(r.backoff),
        factor: r.factor,
        maxMs: ms(r.maxDuration),
      }),
    ignoreDifferences: same,
    syncOptions: syncOptionsFrom,
  },
};

/**
 * The lane options a scenario or a `set` action writes, as the lane takes them, in the order
 * written (a `set` applies them in that order: a flavour brings its own timing first). A field
 * the schema does not know (only an unchecked action has one) passes through unchanged.
 */
export function laneOptions<N extends ClusterName>(
  lane: N,
  written: WrittenLaneOptions[N] & { lane?: N },
): Partial<LaneOptionsOf[N]> {
  const converters = CONVERTERS[lane] as Record<string, (value: unknown) => unknown>;
  const renamed = RENAMED[lane] as Record<string, (value: unknown) => [string, unknown]>;
  const out = safeRecord<unknown>();
  for (const [key, value] of Object.entries(written)) {
    if (key === 'lane') continue;
    if (Object.hasOwn(renamed, key)) {
      const [name, converted] = renamed[key]!(value);
      out[name] = converted;
    } else out[key] = Object.hasOwn(converters, key) ? converters[key]!(value) : value;
  }
  return out as Partial<LaneOptionsOf[N]>;
}
