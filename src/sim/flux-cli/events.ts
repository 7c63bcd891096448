// `flux events`: the kustomize-controller's events for each Kustomization, from the GitOps lane's
// audit records (a sync started, succeeded or failed), oldest first, in Flux 2.x's columns
// LAST SEEN, TYPE, REASON, OBJECT, MESSAGE.
import type { AuditRecord } from '../audit';
import { humanDuration } from '../kubectl/age';
import { fluxTable } from './table';

const REASONS: Partial<Record<AuditRecord['verb'], [string, string]>> = {
  'deploy-started': ['Normal', 'Progressing'],
  'deploy-succeeded': ['Normal', 'ReconciliationSucceeded'],
  'deploy-failed': ['Warning', 'ReconciliationFailed'],
};

/** How many events `flux events` shows here (the newest). */
const SHOWN = 50;

export function fluxEvents(records: readonly AuditRecord[], now: number): string {
  const rows = records
    .filter((r) => r.cluster === 'gitops' && r.channel === 'reconciler' && REASONS[r.verb])
    .slice(-SHOWN)
    .map((r) => {
      const [type, verbReason] = REASONS[r.verb]!;
      // A finished reconcile's event carries its Ready reason (HealthCheckFailed, ...) and
      // kustomize-controller's message ("Reconciliation finished in 2s, next run in 10m0s", or
      // the error), as the lane recorded them (gitops/flux-operations.ts).
      const reason = r.operation?.reason ?? verbReason;
      const name = r.object.replace(/^app\//, '');
      return [humanDuration(now - r.t), type, reason, `Kustomization/${name}`, r.message ?? ''];
    });
  return fluxTable([['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'], ...rows]);
}
