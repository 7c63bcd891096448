// The kubelet's back-off (pkg/kubelet/kubelet.go: `backOffPeriod = 10 * time.Second`,
// `MaxContainerBackOff = 300 * time.Second`), used for both restarting a crashed container and
// pulling an image again: 10 s, doubling, capped at 5 minutes.
export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;
/** After a failed sync (a missing ConfigMap, a failed pull) the kubelet's pod worker retries a Pod this soon. */
export const POD_RETRY_MS = 10_000;

/** The back-off after `failures` earlier failures: 10 s, 20 s, 40 s … 300 s. */
export function backOffMs(failures: number): number {
  return Math.min(BACKOFF_INITIAL_MS * 2 ** Math.min(failures, 16), BACKOFF_MAX_MS);
}

/** Go's time.Duration text, as kubelet messages print a back-off: `10s`, `1m20s`, `5m0s`. */
export function goDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  return `${Math.floor(s / 60)}m${s % 60}s`;
}
