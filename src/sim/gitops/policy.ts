// Automated sync, decided as Argo CD's application controller decides it (`autoSync` in
// controller/appcontroller.go). Pure: the lane asks, then acts on the answer.
//
// order of checks:
//   automated off or suspended         -> nothing (drift is shown, left alone)
//   Synced                              -> nothing
//   only extra resources, prune off     -> skip: "need to prune extra resources only ..."
//   same revision, last attempt failed  -> skip ("Failed last sync attempt to ..."), unless a
//                                          retry of it is due (retryPolicyOf)
//   revision already synced (drift)     -> selfHeal ? heal (non-Synced resources, with backoff)
//                                                  : nothing
//   a new revision                      -> sync everything
//   sync or heal, prune on, allowEmpty off, every resource to prune
//                                       -> no operation: a SyncError condition "auto-sync will
//                                          wipe out all resources" (not a failed sync)
//
// Self-heal backoff (Argo >= 2.14, --self-heal-backoff-*): the first heal has no delay; the next
// ones wait 2 s, 6 s, 18 s, ... (x3), capped at 300 s. The attempt count resets when a sync of a
// new revision, or a manual sync, succeeds: repeated drift at one revision keeps backing off.
import type { Operation } from './applications';
import { DEFAULT_RETRY, type GitopsOptions, type RetryPolicy } from './options';

export interface AttemptState {
  revision: string;
  failed: boolean;
  /** Retries made for this revision after the first failure. */
  retries: number;
  message?: string;
  /** When the next retry of this failed sync is due; absent when no retry will come. */
  retryAt?: number;
}

export interface HealState {
  attempts: number;
  lastAt: number | null;
}

export interface PolicyInput {
  options: GitopsOptions;
  sync: 'Synced' | 'OutOfSync' | 'Unknown';
  onlyPruneNeeded: boolean;
  /** Every resource of the app requires pruning: a sync would delete them all. */
  allNeedPrune: boolean;
  /** The revision Git's branch points at now. */
  revision: string;
  /** The revision the last successful sync deployed. */
  syncedRevision: string | null;
  lastAttempt: AttemptState | null;
  heal: HealState;
  now: number;
}

/** A condition the decision sets on the app (argo-cd ApplicationCondition). */
export interface PolicyCondition {
  type: 'SyncError';
  message: string;
}

export type Decision =
  | { action: 'none'; reason: string; condition?: PolicyCondition }
  | { action: 'sync'; reason: string }
  | { action: 'heal'; reason: string }
  | { action: 'wait'; reason: string; untilMs: number };

/** Delay before heal number `attempts` (0-based): 0, 2 s, 6 s, 18 s, ... capped. */
export function selfHealDelay(attempts: number, backoff: GitopsOptions['selfHealBackoff']): number {
  if (attempts <= 0) return 0;
  return Math.min(backoff.initialMs * backoff.factor ** (attempts - 1), backoff.maxMs);
}

/**
 * How a failed sync of `kind` is retried (argo-cd controller/appcontroller.go): by the app's
 * `retry` option; without one, an automated operation still retries 5 times with the default
 * backoff (5 s, x2, at most 3 min: 5, 10, 20, 40, 80 s). A manual sync is not retried. Flux
 * retries at its next interval instead, so its flavour has no default.
 */
export function retryPolicyOf(options: GitopsOptions, kind: Operation['kind']): RetryPolicy | null {
  if (kind === 'manual') return null;
  if (options.retry) return options.retry;
  const automated = kind === 'auto' || kind === 'heal' || kind === 'retry';
  return automated && options.flavour === 'argo' ? DEFAULT_RETRY : null;
}

/** Delay before retry number `retries` (0-based) of a failed sync. */
export function retryDelay(retries: number, retry: NonNullable<GitopsOptions['retry']>): number {
  return Math.min(retry.backoffMs * retry.factor ** retries, retry.maxMs);
}

/** The message of Argo CD's guard against an automated sync that would prune everything. */
export const WIPE_OUT = 'auto-sync will wipe out all resources';

export function autoSyncDecision(p: PolicyInput): Decision {
  const d = decide(p);
  // argo-cd appcontroller.go autoSync: checked last, before an operation would be created.
  if (
    (d.action === 'sync' || d.action === 'heal') &&
    p.options.prune &&
    !p.options.allowEmpty &&
    p.allNeedPrune
  )
    return {
      action: 'none',
      reason: WIPE_OUT,
      condition: { type: 'SyncError', message: WIPE_OUT },
    };
  return d;
}

function decide(p: PolicyInput): Decision {
  const { options: o } = p;
  if (!o.automated) return { action: 'none', reason: 'automated sync is off' };
  if (o.suspend) return { action: 'none', reason: 'suspended' };
  if (p.sync !== 'OutOfSync')
    return { action: 'none', reason: p.sync === 'Synced' ? 'Synced' : 'comparison failed' };
  if (p.onlyPruneNeeded && !o.prune) {
    return {
      action: 'none',
      reason:
        'Skipping auto-sync: need to prune extra resources only but automated prune is disabled',
    };
  }
  const last = p.lastAttempt;
  if (last && last.failed && last.revision === p.revision) {
    if (last.retryAt === undefined) {
      return {
        action: 'none',
        reason: `Failed last sync attempt to ${p.revision}: ${last.message ?? 'sync failed'}`,
      };
    }
    return {
      action: 'none',
      reason: `waiting for the retry backoff (attempt #${last.retries + 1})`,
    };
  }
  if (p.syncedRevision === p.revision) {
    if (!o.selfHeal)
      return { action: 'none', reason: 'drift at the synced revision; selfHeal is off' };
    const delay = selfHealDelay(p.heal.attempts, o.selfHealBackoff);
    const due = (p.heal.lastAt ?? -Infinity) + delay;
    if (p.heal.attempts > 0 && p.now < due)
      return {
        action: 'wait',
        reason: `self-heal backoff: next heal in ${Math.round((due - p.now) / 1000)}s`,
        untilMs: due,
      };
    return { action: 'heal', reason: 'self-heal: live state drifted from the synced revision' };
  }
  return { action: 'sync', reason: `auto-sync to ${p.revision}` };
}
