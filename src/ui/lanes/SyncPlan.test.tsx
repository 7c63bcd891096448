// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppPlanView, PlannedHook, PlannedTask } from '../../store/sync-plan-view';
import { gitopsView } from './fixtures';
import { SyncPlan } from './SyncPlan';

afterEach(cleanup);

function task(kind: string, name: string, verb: PlannedTask['verb'], wave = 0): PlannedTask {
  const drift = verb === 'create' ? 'missing' : verb === 'prune' ? 'extra' : 'modified';
  return { key: `${kind}/default/${name}`, kind, name, verb, wave, drift, fields: [] };
}

const app = gitopsView().applications[0]!;

function plan(over: Partial<AppPlanView> = {}): AppPlanView {
  return { app: 'app', tasks: [], hooks: [], leftBehind: [], ...over };
}

describe('SyncPlan', () => {
  it('says when there is nothing to sync', () => {
    render(<SyncPlan plans={[plan()]} applications={[app]} />);
    expect(screen.getByText('Nothing to sync: the cluster matches Git HEAD.')).toBeTruthy();
  });

  it('lists the tasks in the order of the plan, with their waves and verbs', () => {
    const tasks = [
      task('Namespace', 'shop', 'create'),
      task('ConfigMap', 'prices', 'create'),
      task('Deployment', 'web', 'update', 1),
      task('ConfigMap', 'old', 'prune'),
    ];
    render(<SyncPlan plans={[plan({ tasks })]} applications={[app]} />);
    const items = within(screen.getByRole('list', { name: 'Sync plan of app' })).getAllByRole(
      'listitem',
    );
    expect(items.map((li) => li.textContent)).toEqual([
      'wave 0createNamespace shopnot in the clusterdiff',
      'wave 0createConfigMap pricesnot in the clusterdiff',
      'wave 1updateDeployment web0 fieldsdiff',
      'wave 0pruneConfigMap oldnot in Gitdiff',
    ]);
  });

  it('names what it leaves behind and why, and a refusal', () => {
    const leftBehind = [
      { key: 'ConfigMap/default/old', kind: 'ConfigMap', name: 'old', why: 'prune is off' },
    ];
    render(
      <SyncPlan
        plans={[plan({ leftBehind, refused: 'ComparisonError: apps/web/x.yaml:1:1: bad' })]}
        applications={[app]}
      />,
    );
    expect(screen.getByText(/left behind \(prune is off\):/).textContent).toBe(
      'left behind (prune is off): ConfigMap old',
    );
    expect(screen.getByText(/A Sync is refused/).textContent).toContain('ComparisonError');
  });

  it('says when the reconciler has not seen the drift yet', () => {
    render(
      <SyncPlan
        plans={[plan({ tasks: [task('Service', 'web', 'create')] })]}
        applications={[{ ...app, sync: 'Synced' }]}
      />,
    );
    expect(screen.getByText(/Not seen by the reconciler yet/).textContent).toContain('00:03:20');
  });

  // Argo CD resource hooks by phase (REFERENCE.md lines 53-57), with their state in the operation.
  it('lists the hooks by phase with their state in the running operation', () => {
    const hook = (name: string, phase: PlannedHook['phase']): PlannedHook => ({
      key: `Job/default/${name}`,
      kind: 'Job',
      name,
      phase,
      wave: 0,
    });
    const hooks = [hook('db-migrate', 'PreSync'), hook('smoke-test', 'PostSync')];
    const operation = {
      ...app.operation!,
      phase: 'Running' as const,
      results: [
        {
          key: 'Job/default/db-migrate',
          action: 'apply' as const,
          wave: 0,
          ok: true,
          message: 'job.batch/db-migrate created',
          hook: 'PreSync' as const,
          hookPhase: 'Running' as const,
        },
      ],
    };
    render(<SyncPlan plans={[plan({ hooks })]} applications={[{ ...app, operation }]} />);
    const pre = screen.getByRole('list', { name: 'PreSync hooks of app' });
    expect(pre.textContent).toBe('wave 0 Job db-migrate Running');
    const post = screen.getByRole('list', { name: 'PostSync hooks of app' });
    expect(post.textContent).toBe('wave 0 Job smoke-test not run');
    expect(screen.queryByText('Nothing to sync: the cluster matches Git HEAD.')).toBeNull();
  });
});
