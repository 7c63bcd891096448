// The lane's cluster, as Argo CD's resource tree or as the flat table: the learner picks, and the
// choice is remembered per lane.
import { useMemo } from 'react';
import type { ClusterName } from '../../sim/audit';
import { useApp } from '../../store/hooks';
import type { LaneView, ObjectView } from '../../store/view';
import { gitRelation, writesByObject, type Write } from './git-relation';
import { useRememberedOpen } from '../layout/remembered';
import { ObjectsTable } from './ObjectsTable';
import { ResourceTree } from './ResourceTree';

export interface ClusterObjectsProps {
  lane: ClusterName;
  objects: LaneView['objects'];
  apps: LaneView['status']['apps'];
  changed?: ReadonlySet<string>;
}

export function ClusterObjects({ lane, objects, apps, changed }: ClusterObjectsProps) {
  const [tree, setTree] = useRememberedOpen(`${lane}.objects-tree`, false);
  const audit = useApp((s) => s.view?.audit);
  const auditSize = useApp((s) => s.view?.auditSize ?? 0);
  // The trail is append-only and shared: auditSize says when it grew. It is read only when an
  // object differs from Git (a long trail is not scanned on every frame of Play for nothing).
  const relationOf = useMemo(() => {
    let writes: Map<string, Write[]> | null = null;
    return (o: ObjectView) => {
      if (o.drift === null || o.drift === 'extra') return gitRelation(o);
      writes ??= writesByObject(audit?.slice(0, auditSize) ?? [], lane);
      return gitRelation(o, writes.get(o.key));
    };
  }, [audit, auditSize, lane]);
  return (
    <>
      <div className="rt-switch" role="group" aria-label="Show the objects as">
        <button
          type="button"
          className="lp-btn lp-btn-small"
          aria-pressed={tree}
          onClick={() => setTree(true)}
        >
          Tree
        </button>
        <button
          type="button"
          className="lp-btn lp-btn-small"
          aria-pressed={!tree}
          onClick={() => setTree(false)}
        >
          Table
        </button>
      </div>
      {tree ? (
        <ResourceTree lane={lane} objects={objects} apps={apps} relationOf={relationOf} />
      ) : (
        <ObjectsTable objects={objects} changed={changed} relationOf={relationOf} />
      )}
    </>
  );
}
