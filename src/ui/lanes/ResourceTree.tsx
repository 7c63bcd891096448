// The lane's objects as a tree, the way Argo CD's UI draws an Application (resource-tree.ts):
// each node with its health and its relation to Git (as in Git, drifted, pending, orphan:
// git-relation.ts); a click on an object opens live vs desired. Nested lists of buttons.
import { useId, useMemo, useState } from 'react';
import type { ClusterName } from '../../sim/audit';
import type { AppStatus } from '../../sim/status';
import type { ObjectView } from '../../store/view';
import { HealthBadge, MatchesGit, SyncBadge } from './badges';
import { RELATION_TEXT, type GitRelation } from './git-relation';
import { ObjectDetail } from './ObjectsTable';
import { resourceTree, type ObjectNode, type PodNode } from './resource-tree';

function RelationBadge({ relation, fields }: { relation: GitRelation; fields: number }) {
  const r = RELATION_TEXT[relation];
  const n = relation === 'drifted' || relation === 'pending' ? fields : 0;
  return (
    <span className={`rt-git rt-git-${relation}`} title={r.title}>
      <span aria-hidden="true">{r.icon} </span>
      {r.text}
      {n > 0 ? `: ${n} field${n === 1 ? '' : 's'}` : ''}
    </span>
  );
}

function PodLeaf({ p }: { p: PodNode }) {
  return (
    <li className="rt-item">
      <span className="rt-leaf">
        <span className="lp-kind">Pod</span> <span className="lp-name">{p.name}</span>{' '}
        <span className={`rt-pod lp-pod-${p.state.toLowerCase()}`}>{p.state}</span>
      </span>
    </li>
  );
}

function ObjectItem({ node, relation }: { node: ObjectNode; relation: GitRelation }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const o = node.object;
  return (
    <li className={`rt-item rt-${relation}`}>
      <button
        type="button"
        className="rt-node"
        aria-expanded={open}
        aria-controls={id}
        title="Live vs desired"
        onClick={() => setOpen(!open)}
      >
        <span className="lp-kind">{o.kind}</span> <span className="lp-name">{o.name}</span>
        {o.health ? <HealthBadge status={o.health} title={o.healthMessage} /> : null}
        {o.hook !== undefined ? (
          <span
            className="lp-muted lp-small"
            title="Argo CD resource hook: a sync task, not compared"
          >
            {o.hook} hook
          </span>
        ) : (
          <RelationBadge relation={relation} fields={o.fields.length} />
        )}
      </button>
      <div id={id} hidden={!open} className="rt-detail">
        {open ? <ObjectDetail o={o} id={`${id}-diff`} /> : null}
      </div>
      {node.replicaSets.length > 0 ? (
        <ul>
          {node.replicaSets.map((rs) => (
            <li key={rs.name} className="rt-item">
              <span className="rt-leaf">
                <span className="lp-kind">ReplicaSet</span>{' '}
                <span className="lp-name">{rs.name}</span>{' '}
                <span className="lp-muted lp-small">
                  {rs.pods.length} pod{rs.pods.length === 1 ? '' : 's'}
                </span>
              </span>
              <ul>
                {rs.pods.map((p) => (
                  <PodLeaf key={p.name} p={p} />
                ))}
              </ul>
            </li>
          ))}
        </ul>
      ) : null}
      {node.pods.length > 0 ? (
        <ul>
          {node.pods.map((p) => (
            <PodLeaf key={p.name} p={p} />
          ))}
        </ul>
      ) : null}
      {node.endpoints ? (
        <ul>
          <li className="rt-item">
            <span className="rt-leaf" title={node.endpoints.join(', ') || 'no ready pod'}>
              <span className="lp-kind">Endpoints</span> <span className="lp-name">{o.name}</span>{' '}
              <span className="lp-muted lp-small">
                {node.endpoints.length} ready address{node.endpoints.length === 1 ? '' : 'es'}
              </span>
            </span>
          </li>
        </ul>
      ) : null}
    </li>
  );
}

function AppHead({ lane, app, status }: { lane: ClusterName; app: string; status?: AppStatus }) {
  if (!app) return <span className="rt-app-name">not declared in Git</span>;
  return (
    <span className="rt-leaf">
      <span className="lp-kind">{lane === 'gitops' ? 'Application' : 'pipeline app'}</span>{' '}
      <span className="lp-name">{app}</span>
      {status?.sync ? <SyncBadge status={status.sync} /> : null}
      {status ? <HealthBadge status={status.health} /> : null}
      {status && lane === 'devops' ? <MatchesGit yes={status.inSyncWithGit} /> : null}
    </span>
  );
}

export interface ResourceTreeProps {
  lane: ClusterName;
  objects: ObjectView[];
  apps: Record<string, AppStatus>;
  relationOf: (o: ObjectView) => GitRelation;
}

export function ResourceTree({ lane, objects, apps, relationOf }: ResourceTreeProps) {
  const tree = useMemo(() => resourceTree(objects), [objects]);
  if (objects.length === 0)
    return (
      <p className="lp-muted lp-empty">
        No objects yet: nothing has been deployed to this cluster.
      </p>
    );
  return (
    <ul className="rt-tree" aria-label="Resource tree">
      {tree.map((a) => (
        <li key={a.app} className="rt-item rt-app">
          <AppHead
            lane={lane}
            app={a.app}
            status={Object.hasOwn(apps, a.app) ? apps[a.app] : undefined}
          />
          <ul>
            {a.objects.map((node) => (
              <ObjectItem key={node.object.key} node={node} relation={relationOf(node.object)} />
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
