// `flux events`: the kustomize-controller's events for each Kustomization, from the GitOps lane's
// audit records (a sync started, succeeded or failed), oldest first, in Flux 2.x's columns
// LAST SEEN, TYPE, REASON, OBJECT, MESSAGE.
import type { AuditRecord } from '../audit';
import { humanDuration } from '../kubectl/age';
import { fluxRevision, fluxTable } from './table';

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
      const [type, reason] = REASONS[r.verb]!;
      const name = r.object.replace(/^app\//, '');
      // A success reads as the Kustomization's Ready message; the others as DriftLab recorded them.
      const message =
        r.verb === 'deploy-succeeded' && r.revision
          ? `Applied revision: ${fluxRevision(r.revision)}`
          : (r.message ?? '');
      return [humanDuration(now - r.t), type, reason, `Kustomization/${name}`, message];
    });
  return fluxTable([['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'], ...rows]);
}
