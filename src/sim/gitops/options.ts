// The reconciler's options, with the defaults of the tool it imitates. The argo flavour follows
// Argo CD 3.x (poll every 120 s + up to 60 s jitter; automated sync with prune, selfHeal and
// allowEmpty off; self-heal backoff 2 s x3 capped at 300 s). The flux flavour follows what
// `flux bootstrap` sets: GitRepository interval 1m, Kustomization interval 10m, prune on.
import type { IgnoreDifference } from '../compare/ignore';
import { NO_SYNC_OPTIONS, type SyncOptions } from './sync-options';

export type Flavour = 'argo' | 'flux';

export interface RetryPolicy {
  /** How many retries after a failed sync of the same revision. */
  limit: number;
  backoffMs: number;
  factor: number;
  maxMs: number;
}

export interface GitopsOptions {
  flavour: Flavour;
  automated: boolean;
  selfHeal: boolean;
  prune: boolean;
  allowEmpty: boolean;
  /** Argo: Git poll interval (timeout.reconciliation). Flux: the GitRepository interval. */
  pollInterval: number;
  /** Up to this much random (seeded) delay on top of each poll (argo: 60 s; flux: none). */
  jitter: number;
  /** Flux: the Kustomization interval, when drift is found and corrected by a full re-apply. */
  applyInterval: number;
  /** A Git webhook wakes the reconciler at once (off by default, as in a fresh install). */
  webhook: boolean;
  /** Pause applying and drift correction (Flux `suspend`, Argo: automated sync off). */
  suspend: boolean;
  retry: RetryPolicy | null;
  selfHealBackoff: { initialMs: number; factor: number; maxMs: number };
  ignoreDifferences: IgnoreDifference[];
  /** Argo: `spec.syncPolicy.syncOptions` (sync-options.ts). */
  syncOptions: SyncOptions;
}

export const ARGO_DEFAULTS: GitopsOptions = {
  flavour: 'argo',
  automated: true,
  selfHeal: false,
  prune: false,
  allowEmpty: false,
  pollInterval: 120_000,
  jitter: 60_000,
  applyInterval: 0,
  webhook: false,
  suspend: false,
  retry: null,
  selfHealBackoff: { initialMs: 2_000, factor: 3, maxMs: 300_000 },
  ignoreDifferences: [],
  syncOptions: NO_SYNC_OPTIONS,
};

export const FLUX_DEFAULTS: GitopsOptions = {
  ...ARGO_DEFAULTS,
  flavour: 'flux',
  prune: true,
  pollInterval: 60_000,
  jitter: 0,
  applyInterval: 600_000,
};

/**
 * Argo CD's retry backoff defaults (backoff 5 s, factor 2, max 3 min, as in application.yaml), with
 * the limit of an automated sync that has no `retry` option (appcontroller.go `Retry{Limit: 5}`).
 */
export const DEFAULT_RETRY: RetryPolicy = { limit: 5, backoffMs: 5_000, factor: 2, maxMs: 180_000 };

/** A retry policy from its limit; what it leaves out is Argo CD's default (DEFAULT_RETRY). */
export function retryPolicy(
  written: Pick<RetryPolicy, 'limit'> & Partial<RetryPolicy>,
): RetryPolicy {
  return {
    limit: written.limit,
    backoffMs: written.backoffMs ?? DEFAULT_RETRY.backoffMs,
    factor: written.factor ?? DEFAULT_RETRY.factor,
    maxMs: written.maxMs ?? DEFAULT_RETRY.maxMs,
  };
}

export function gitopsOptions(partial: Partial<GitopsOptions> = {}): GitopsOptions {
  const base = partial.flavour === 'flux' ? FLUX_DEFAULTS : ARGO_DEFAULTS;
  return {
    ...base,
    ...partial,
    selfHealBackoff: { ...base.selfHealBackoff, ...partial.selfHealBackoff },
    syncOptions: { ...base.syncOptions, ...partial.syncOptions },
  };
}
