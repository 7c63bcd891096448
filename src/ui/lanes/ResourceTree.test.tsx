// @vitest-environment jsdom
// Argo CD's resource tree (issue 14): Application -> Deployment -> ReplicaSet -> Pod and
// Service -> Endpoints, each object with its health and its relation to Git (drifted, pending,
// orphan told apart), and a click that opens live vs desired.
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { KObject } from '../../sim/cluster';
import type { ObjectView } from '../../store/view';
import { gitRelation, type Write } from './git-relation';
import { ResourceTree } from './ResourceTree';
import { renderWithStore } from '../testing/render-with-store';

afterEach(cleanup);

const manifest = (kind: string, name: string, spec: object): KObject => ({
  apiVersion: 'v1',
  kind,
  metadata: { name, namespace: 'default' },
  spec,
});

const web: ObjectView = {
  key: 'Deployment/default/web',
  kind: 'Deployment',
  name: 'web',
  namespace: 'default',
  app: 'web',
  health: 'Healthy',
  pods: [
    { name: 'web-7d4b9c-aaaaa', state: 'Running' },
    { name: 'web-7d4b9c-bbbbb', state: 'Running' },
    { name: 'web-5f6a1e-ccccc', state: 'Pending' },
  ],
  desired: manifest('Deployment', 'web', { replicas: 3 }),
  live: manifest('Deployment', 'web', {
    replicas: 5,
    template: { metadata: { labels: { app: 'web' } } },
  }),
  drift: 'modified',
  fields: [{ path: 'spec.replicas', desired: 3, live: 5 }],
  events: [
    {
      type: 'Normal',
      reason: 'ScalingReplicaSet',
      count: 1,
      source: 'deployment-controller',
      message: 'Scaled up replica set web-5f6a1e to 1',
      firstTimestamp: 0,
      lastTimestamp: 0,
    },
  ],
};
const service: ObjectView = {
  key: 'Service/default/web',
  kind: 'Service',
  name: 'web',
  namespace: 'default',
  app: 'web',
  health: 'Healthy',
  pods: [],
  live: manifest('Service', 'web', { selector: { app: 'web' } }),
  desired: manifest('Service', 'web', { selector: { app: 'web' } }),
  drift: null,
  fields: [],
};
const config: ObjectView = {
  key: 'ConfigMap/default/web-config',
  kind: 'ConfigMap',
  name: 'web-config',
  namespace: 'default',
  app: 'web',
  health: null,
  pods: [],
  desired: manifest('ConfigMap', 'web-config', {}),
  live: manifest('ConfigMap', 'web-config', {}),
  drift: 'modified',
  fields: [{ path: 'data.greeting', desired: 'hi', live: 'hello' }],
};
const leftover: ObjectView = {
  key: 'ConfigMap/default/old',
  kind: 'ConfigMap',
  name: 'old',
  namespace: 'default',
  health: null,
  pods: [],
  live: manifest('ConfigMap', 'old', {}),
  drift: 'extra',
  fields: [],
};

// bob scaled web by hand; the ConfigMap's new text is in Git, not yet deployed.
const WRITES = new Map<string, Write[]>([
  ['Deployment/default/web', [{ verb: 'update', outOfBand: true, paths: ['spec.replicas'] }]],
  ['ConfigMap/default/web-config', [{ verb: 'create', outOfBand: false, paths: ['data'] }]],
]);

function renderTree() {
  renderWithStore(
    <ResourceTree
      lane="gitops"
      objects={[config, leftover, service, web]}
      apps={{ web: { sync: 'OutOfSync', health: 'Healthy', inSyncWithGit: false } }}
      relationOf={(o) => gitRelation(o, WRITES.get(o.key))}
    />,
  );
  return screen.getByRole('list', { name: 'Resource tree' });
}

describe('ResourceTree', () => {
  it('nests Application, Deployment, ReplicaSets and Pods, and Service then Endpoints', () => {
    const tree = renderTree();
    const [app, orphans] = within(tree)
      .getAllByRole('listitem')
      .filter((li) => li.parentElement === tree);
    expect(app!.firstElementChild!.textContent).toBe('Application web≠OutOfSync♥Healthy');
    const objects = [...app!.querySelectorAll(':scope > ul > li > .rt-node')].map(
      (n) => n.textContent,
    );
    expect(objects).toEqual([
      'Deployment web♥Healthy≠ drifted: 1 field',
      'Service web♥Healthy✓ as in Git',
      'ConfigMap web-config↑ pending: 1 field',
    ]);
    const deployment = app!.querySelector(':scope > ul > li')!;
    expect([...deployment.querySelectorAll('.rt-leaf')].map((n) => n.textContent)).toEqual([
      'ReplicaSet web-7d4b9c 2 pods',
      'Pod web-7d4b9c-aaaaa Running',
      'Pod web-7d4b9c-bbbbb Running',
      'ReplicaSet web-5f6a1e 1 pod',
      'Pod web-5f6a1e-ccccc Pending',
    ]);
    // The Service's endpoints: the Running pods its selector matches.
    expect(within(tree).getByText('2 ready addresses')).toBeTruthy();
    expect(orphans!.textContent).toContain('not declared in Git');
    expect(orphans!.textContent).toContain('ConfigMap old⌫ orphan');
  });

  it('opens live vs desired on a click', async () => {
    const user = userEvent.setup();
    renderTree();
    const node = screen.getByRole('button', { name: /^Deployment web/ });
    expect(node.getAttribute('aria-expanded')).toBe('false');
    await user.click(node);
    expect(node.getAttribute('aria-expanded')).toBe('true');
    const detail = document.getElementById(node.getAttribute('aria-controls')!)!;
    expect(detail.textContent).toContain('spec.replicas');
    expect(within(detail).getByText('Desired and live manifests')).toBeTruthy();
  });

  // An Argo CD PreSync hook (REFERENCE.md lines 53-57): a Job with its Pods, under its app,
  // marked as a hook (a sync task, not compared with Git).
  it('nests a hook Job and its Pods under the app, marked with its phase', () => {
    const job: ObjectView = {
      key: 'Job/default/db-migrate',
      kind: 'Job',
      name: 'db-migrate',
      namespace: 'default',
      app: 'web',
      hook: 'PreSync',
      health: 'Degraded',
      pods: [{ name: 'db-migrate-x2k4p', state: 'Error' }],
      live: manifest('Job', 'db-migrate', {}),
      drift: null,
      fields: [],
    };
    renderWithStore(
      <ResourceTree
        lane="gitops"
        objects={[job]}
        apps={{ web: { sync: 'Synced', health: 'Healthy', inSyncWithGit: true } }}
        relationOf={(o) => gitRelation(o)}
      />,
    );
    const node = screen.getByRole('button', { name: /^Job db-migrate/ });
    expect(node.textContent).toBe('Job db-migrate✖DegradedPreSync hook');
    const item = node.closest('li')!;
    expect([...item.querySelectorAll('.rt-leaf')].map((n) => n.textContent)).toEqual([
      'Pod db-migrate-x2k4p Error',
    ]);
  });

  it('shows the object’s Kubernetes events in its view, and says when there are none', async () => {
    const user = userEvent.setup();
    renderTree();
    await user.click(screen.getByRole('button', { name: /^Deployment web/ }));
    const events = screen.getByRole('table', { name: 'Events of Deployment web' });
    expect(
      within(events)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual([
      'TypeReasonAgeFromMessage',
      'NormalScalingReplicaSet0sdeployment-controllerScaled up replica set web-5f6a1e to 1',
    ]);
    await user.click(screen.getByRole('button', { name: /^Service web/ }));
    expect(screen.getByText('Events: none')).toBeTruthy();
  });
});
