// Every floor and ceiling a scenario, a share link or a console line is held to, in one place, so
// that `sim validate`, the runner, the link parser and the README state the same numbers. They keep
// hostile input cheap to refuse and every run bounded: a poll interval of 0 would loop forever at
// one instant, 100,000 replicas would allocate 100,000 Pods, and a 10-year wait would run for
// minutes of wall time.
//
// Simplification: real Kubernetes has no per-workload replica ceiling (spec.replicas is an int32)
// and Argo CD / Flux accept any interval; these floors and ceilings sit far outside what the tools
// are run with (Argo CD polls every 120 s, Flux every 1m; a cluster of 5,000 Pods is large).

/** A scenario file, counted in bytes of UTF-8 (a CJK character is three). */
export const MAX_BYTES = 1024 * 1024;
export const MAX_STEPS = 1_000;
/** YAML aliases (`*name`) in one file; their expansion is bounded too (an alias bomb). */
export const MAX_ALIASES = 100;
/** Nesting of YAML maps and lists. */
export const MAX_YAML_DEPTH = 64;
/** Nesting of markdown containers (`>` quotes, list items) in narration text (`say`). */
export const MAX_MARKDOWN_DEPTH = 64;
/** Virtual time one scenario's waits add up to, and the longest single wait (scenario or link). */
export const MAX_VIRTUAL_MS = 30 * 86_400_000;
/** The shortest poll or apply interval (and retry backoff): below it a run does little but poll. */
export const MIN_INTERVAL_MS = 1_000;
/** The API server's ceilings (replicas per workload, Pods per cluster) live with the cluster. */
export { MAX_CLUSTER_PODS, MAX_REPLICAS } from '../cluster/limits';
/** Seeds are 31-bit, as the scenario schema and the CLI's --seed take them. */
export const MAX_SEED = 2 ** 31 - 1;
/**
 * Polls and applies the reconciler may run over a scenario's waits (or a session's own waits):
 * waits / pollInterval, plus waits / applyInterval for Flux. Argo CD's defaults over 30 days are 21,600 polls, Flux's 47,520;
 * a 1s poll for 30 days would be 2.6 million, about 20 minutes of a run.
 */
export const MAX_RECONCILES = 50_000;
