// The Ready condition of a Kustomization, as kustomize-controller writes it
// (internal/controller/kustomization_controller.go: MarkUnknown Progressing "Reconciliation in
// progress", MarkFalse ReconciliationFailed / HealthCheckFailed / BuildFailed / ArtifactFailed,
// MarkTrue ReconciliationSucceeded "Applied revision: %s"; REFERENCE.md, Flux flavour conditions).
import { describe, expect, it } from 'vitest';
import { newApplication, type Application, type Operation } from './applications';
import { kustomizationStatus, type ReadyCondition } from './flux-ready';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

function app(over: Partial<Application> = {}): Application {
  return {
    ...newApplication({ name: 'web', path: 'apps/web' }),
    sync: 'Synced',
    health: 'Healthy',
    comparedTo: B,
    syncedRevision: A,
    reconciledAt: 0,
    ...over,
  };
}

function op(phase: Operation['phase'], over: Partial<Operation> = {}): Operation {
  return {
    phase,
    revision: B,
    startedAt: 0,
    message: '',
    initiatedBy: { username: 'automated sync policy', automated: true },
    kind: 'auto',
    results: [],
    ...over,
  };
}

const DRY_RUN =
  'Service/default/web dry-run failed (Invalid): Service "web" is invalid: spec.ports[0].port: Invalid value: 80800';
const TIMED_OUT =
  "health check failed after 30s: timeout waiting for: [Deployment/default/web status: 'InProgress']";

describe('the Ready condition and its reasons', () => {
  it.each<[string, Partial<Application>, Omit<ReadyCondition, 'type'>]>([
    [
      'before the first reconcile',
      { syncedRevision: null },
      { status: 'Unknown', reason: 'Progressing', message: 'Reconciliation in progress' },
    ],
    [
      'a reconcile applying or health-checking',
      { operation: op('Running') },
      { status: 'Unknown', reason: 'Progressing', message: 'Reconciliation in progress' },
    ],
    [
      'a reconcile that applied',
      { operation: op('Succeeded', { reason: 'ReconciliationSucceeded' }) },
      {
        status: 'True',
        reason: 'ReconciliationSucceeded',
        message: `Applied revision: main@sha1:${B}`,
      },
    ],
    [
      'an apply the dry run refused',
      { operation: op('Failed', { reason: 'ReconciliationFailed', message: DRY_RUN }) },
      { status: 'False', reason: 'ReconciliationFailed', message: DRY_RUN },
    ],
    [
      'a health check that timed out',
      { operation: op('Failed', { reason: 'HealthCheckFailed', message: TIMED_OUT }) },
      { status: 'False', reason: 'HealthCheckFailed', message: TIMED_OUT },
    ],
    [
      'manifests that do not parse',
      {
        conditions: [{ type: 'ComparisonError', message: 'apps/web/a.yaml:3:1: bad indentation' }],
      },
      { status: 'False', reason: 'BuildFailed', message: 'apps/web/a.yaml:3:1: bad indentation' },
    ],
    [
      'the path gone from the revision',
      {
        conditions: [
          { type: 'ComparisonError', message: 'apps/web:1:1: app path does not exist: apps/web' },
        ],
      },
      {
        status: 'False',
        reason: 'ArtifactFailed',
        message: 'kustomization path not found: stat apps/web: no such file or directory',
      },
    ],
    [
      'Git never fetched',
      {
        comparedTo: null,
        syncedRevision: null,
        conditions: [{ type: 'ComparisonError', message: 'rpc error: code = Unknown desc = x' }],
      },
      {
        status: 'False',
        reason: 'ArtifactFailed',
        message: 'Source artifact not found, retrying in 30s',
      },
    ],
    [
      'a failed fetch after an artifact: Flux goes on with the last one',
      {
        operation: op('Succeeded'),
        conditions: [{ type: 'ComparisonError', message: 'rpc error: code = Unknown desc = x' }],
      },
      {
        status: 'True',
        reason: 'ReconciliationSucceeded',
        message: `Applied revision: main@sha1:${B}`,
      },
    ],
  ])('%s', (_, over, expected) => {
    expect(kustomizationStatus(app(over)).ready).toEqual({ type: 'Ready', ...expected });
  });

  it('lastAppliedRevision is the last success; lastAttemptedRevision the last start', () => {
    const status = kustomizationStatus(app({ operation: op('Failed', { message: DRY_RUN }) }));
    expect(status.lastAppliedRevision).toBe(`main@sha1:${A}`);
    expect(status.lastAttemptedRevision).toBe(`main@sha1:${B}`);
  });
});
