// One reconcile of a Flux Kustomization as a stepwise object, like the sync it wraps (sync-run.ts):
// the apply first, then, with `wait` or `healthChecks`, the health check (flux-health.ts), polled
// every 5 s, during which the Kustomization is Progressing. It ends with the reason its Ready
// condition gets (kustomize-controller `reconcile`): ReconciliationSucceeded, ReconciliationFailed
// (the apply failed; the message is the apply's error in Flux's words) or HealthCheckFailed.
import type { Cluster, ObjectRef } from '../cluster';
import { checkRef, goDuration, HEALTH_POLL_MS, HealthWait } from './flux-health';
import { fluxTimeout, waitsForHealth } from './flux-options';
import { appliedMessage, fluxRevision, type FluxOutcome } from './flux-ready';
import type { GitopsOptions } from './options';
import { WAVE_DELAY_MS } from './sync-plan';
import type { SyncOperation, SyncState } from './sync-run';

/**
 * A refusal as Flux's dry run reports it (fluxcd/pkg ssa `DryRunErr`): `Kind/ns/name dry-run
 * failed (Invalid): <the API server's status>`, without kubectl's framing of it ("Error from
 * server (Reason): ...", "The Service "web" is invalid").
 */
export function dryRunError(key: string, message: string): string {
  const server =
    /^Error from server \(([A-Za-z]+)\): (?:error when [a-z]+ "[^"]*": )?([\s\S]*)$/.exec(message);
  if (server) return `${key} dry-run failed (${server[1]}): ${server[2]}`;
  const invalid = /^The ([\s\S]* is invalid: [\s\S]*)$/.exec(message);
  if (invalid) return `${key} dry-run failed (Invalid): ${invalid[1]}`;
  return `${key} dry-run failed: ${message}`;
}

export interface FluxReconcileDeps {
  cluster: Cluster;
  now: () => number;
  options: GitopsOptions;
  revision: string;
  /** The objects the apply applies, in order (`wait` checks them all). */
  applied: readonly ObjectRef[];
}

export class FluxReconcile {
  readonly state: SyncState;
  private wait: HealthWait | null = null;
  private outcome: FluxOutcome | null = null;

  constructor(
    private readonly sync: SyncOperation,
    private readonly deps: FluxReconcileDeps,
  ) {
    this.state = { ...sync.state };
    this.follow();
  }

  get done(): boolean {
    return this.state.phase !== 'Running';
  }

  /** The reason the reconcile ended with (null while it runs). */
  get reason(): FluxOutcome | null {
    return this.outcome;
  }

  /** How long until the next step: the wave delay while applying, the poll while waiting. */
  get delayMs(): number {
    return this.wait ? HEALTH_POLL_MS : WAVE_DELAY_MS;
  }

  step(): void {
    if (this.done) return;
    if (!this.wait) {
      this.sync.step();
      this.follow();
      return;
    }
    const verdict = this.wait.check(this.deps.now());
    if (verdict.state === 'passed') this.succeed();
    else if (verdict.state === 'failed') this.end('HealthCheckFailed', 'Failed', verdict.message);
  }

  terminate(reason: string): void {
    if (this.done) return;
    this.sync.terminate(reason);
    this.end('ReconciliationFailed', 'Failed', reason);
  }

  /** Mirrors the apply; once it succeeds, starts the health check when one is asked for. */
  private follow(): void {
    const { sync } = this;
    Object.assign(this.state, { ...sync.state, phase: 'Running' });
    if (!sync.done) return;
    if (sync.state.phase !== 'Succeeded') {
      const first = sync.refusals[0];
      const message = first ? dryRunError(first.key, first.message) : sync.state.message;
      return this.end('ReconciliationFailed', 'Failed', message);
    }
    const { options, cluster } = this.deps;
    if (!waitsForHealth(options)) return this.succeed();
    // `wait` checks what was applied, and then ignores healthChecks (kustomization_types.go).
    const refs = options.wait
      ? this.deps.applied
      : options.healthChecks.map((r) => checkRef(cluster, r));
    const timeout = fluxTimeout(options);
    this.wait = new HealthWait(cluster, refs, this.deps.now(), timeout);
    this.state.message = `Running health checks for revision ${fluxRevision(this.deps.revision)} with a timeout of ${goDuration(timeout)}`;
    this.step();
  }

  private succeed(): void {
    this.end('ReconciliationSucceeded', 'Succeeded', appliedMessage(this.deps.revision));
  }

  private end(reason: FluxOutcome, phase: 'Succeeded' | 'Failed', message?: string): void {
    this.outcome = reason;
    this.state.phase = phase;
    if (message !== undefined) this.state.message = message;
  }
}
