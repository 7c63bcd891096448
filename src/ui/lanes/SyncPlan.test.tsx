// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ObjectView } from '../../store/view';
import { gitopsView } from './fixtures';
import { planFromObjects, SyncPlan } from './SyncPlan';

afterEach(cleanup);

function object(kind: string, name: string, drift: ObjectView['drift'], wave?: string): ObjectView {
  const manifest = {
    apiVersion: 'v1',
    kind,
    metadata: {
      name,
      ...(wave !== undefined ? { annotations: { 'argocd.argoproj.io/sync-wave': wave } } : {}),
    },
  };
  return {
    key: `${kind}/default/${name}`,
    kind,
    name,
    app: 'app',
    health: null,
    pods: [],
    ...(drift === 'extra' ? { live: manifest } : { desired: manifest }),
    drift,
    fields: [],
  };
}

describe('planFromObjects', () => {
  const objects = [
    object('Deployment', 'web', 'modified'),
    object('ConfigMap', 'old', 'extra'),
    object('Job', 'migrate', 'missing', '-1'),
    object('Service', 'web', 'modified'),
    object('ConfigMap', 'in-sync', null),
  ];

  it('orders tasks as Argo CD does: wave, then kind, then name; prunes last', () => {
    const [plan] = planFromObjects(objects, true);
    expect(plan?.tasks.map((t) => `${t.wave} ${t.verb} ${t.object.kind}/${t.object.name}`)).toEqual(
      [
        '-1 create Job/migrate',
        '0 update Service/web',
        '0 update Deployment/web',
        '0 prune ConfigMap/old',
      ],
    );
    expect(plan?.leftBehind).toEqual([]);
  });

  it('leaves extras behind while prune is off', () => {
    const [plan] = planFromObjects(objects, false);
    expect(plan?.tasks.map((t) => t.verb)).toEqual(['create', 'update', 'update']);
    expect(plan?.leftBehind.map((o) => o.name)).toEqual(['old']);
  });
});

describe('SyncPlan', () => {
  it('says when there is nothing to sync', () => {
    render(<SyncPlan objects={[object('Service', 'web', null)]} applications={[]} prune={false} />);
    expect(screen.getByText('Nothing to sync: the cluster matches Git HEAD.')).toBeTruthy();
  });

  it('says when the reconciler has not seen the drift yet', () => {
    const app = gitopsView().applications[0]!;
    render(
      <SyncPlan
        objects={[object('Service', 'web', 'missing')]}
        applications={[{ ...app, sync: 'Synced' }]}
        prune={false}
      />,
    );
    expect(screen.getByText(/Not seen by the reconciler yet/).textContent).toContain('00:03:20');
  });
});
