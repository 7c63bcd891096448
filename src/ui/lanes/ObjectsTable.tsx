// The lane's cluster: each object with its health, its pods and a drift badge that opens the
// field-level diff (desired vs live). Grouped by app when the lane deploys several.
import { Fragment, memo, Suspense, useId, useState } from 'react';
import { stringify } from 'yaml';
import type { KObject } from '../../sim/cluster';
import { getOrCreate } from '../../sim/get-or-create';
import type { ObjectView } from '../../store/view';
import { HealthBadge } from './badges';
import type { GitRelation } from './git-relation';
import { FieldDiffView } from './FieldDiff';
import { ObjectEvents } from './ObjectEvents';
import { PodDots } from './PodDots';
import { VIRTUAL_FROM, VirtualTable } from './virtual-from';

/** A modified object is "drifted" (changed outside Git) or "pending" (Git ahead): git-relation.ts. */
function driftText(o: Pick<ObjectView, 'drift' | 'fields'>, pending: boolean): string | null {
  if (o.drift === 'missing') return 'missing';
  if (o.drift === 'extra') return 'left behind';
  if (o.drift === 'modified') {
    const n = o.fields.length;
    const word = pending ? 'pending' : 'drifted';
    return n === 0 ? word : `${word}: ${n} field${n === 1 ? '' : 's'}`;
  }
  return null;
}

const DRIFT_NOTE: Record<NonNullable<ObjectView['drift']>, string> = {
  missing: 'Git declares this object; the cluster does not have it.',
  extra: 'The cluster still runs this object; Git no longer declares it. Only a prune deletes it.',
  modified:
    'Fields Git sets have other values in the cluster, or fields the last apply set (see its last-applied-configuration) are gone from Git but still live.',
};

/** A manifest as `kubectl get -o yaml` shows it, without the server's field bookkeeping. */
function manifestYaml(obj: KObject | undefined): string {
  if (!obj) return '(none)';
  const { managedFields: _m, ...metadata } = obj.metadata as KObject['metadata'] & {
    managedFields?: unknown;
  };
  return stringify({ ...obj, metadata });
}

/** Live vs desired: the differing fields, then both manifests. */
export function ObjectDetail({ o, id }: { o: ObjectView; id: string }) {
  return (
    <>
      <FieldDiffView
        id={id}
        name={`${o.kind} ${o.name}`}
        fields={o.fields}
        textDiff={o.textDiff}
        note={o.drift ? DRIFT_NOTE[o.drift] : undefined}
      />
      {o.live ? <ObjectEvents name={`${o.kind} ${o.name}`} events={o.events ?? []} /> : null}
      <details className="lp-manifests">
        <summary>Desired and live manifests</summary>
        <div className="lp-two">
          <div>
            <h5>Desired (Git)</h5>
            <pre tabIndex={0}>{manifestYaml(o.desired)}</pre>
          </div>
          <div>
            <h5>Live</h5>
            <pre tabIndex={0}>{manifestYaml(o.live)}</pre>
          </div>
        </div>
      </details>
    </>
  );
}

interface RowProps {
  o: ObjectView;
  open: boolean;
  changed: boolean;
  /** Git is ahead of this object (a deploy or sync not yet made), rather than drifted. */
  pending: boolean;
  onToggle: () => void;
}

function ObjectRow({ o, open, changed, pending, onToggle }: RowProps) {
  const text = driftText(o, pending);
  const diffId = useId();
  const label = `${o.kind} ${o.name}`;
  return (
    <>
      <tr
        className={
          [o.drift ? 'lp-row-drift' : '', changed ? 'changed-now' : ''].join(' ').trim() ||
          undefined
        }
      >
        <th scope="row">
          <span className="lp-kind">{o.kind}</span> <span className="lp-name">{o.name}</span>
          {changed ? <span className="visually-hidden"> (changed in this step)</span> : null}
          {o.namespace && o.namespace !== 'default' ? (
            <span className="lp-muted lp-small"> ({o.namespace})</span>
          ) : null}
        </th>
        <td>
          {o.health ? (
            <HealthBadge status={o.health} title={o.healthMessage} />
          ) : (
            <span className="lp-muted" title="No health check for this kind: present is healthy">
              —
            </span>
          )}
        </td>
        <td>
          <PodDots pods={o.pods} />
        </td>
        <td>
          {text ? (
            <button
              type="button"
              className={`lp-drift lp-drift-${o.drift}`}
              aria-expanded={open}
              aria-controls={diffId}
              aria-label={`${text} (${label})`}
              onClick={onToggle}
            >
              <span aria-hidden="true" className="lp-icon">
                {o.drift === 'missing' ? '◌' : o.drift === 'extra' ? '⌫' : pending ? '↑' : '≠'}
              </span>
              {text}
            </button>
          ) : (
            <span className="lp-muted lp-small">
              <span aria-hidden="true">✓ </span>as in Git
            </span>
          )}
        </td>
      </tr>
      {text && open ? (
        <tr className="lp-diff-row">
          <td colSpan={4}>
            <ObjectDetail o={o} id={diffId} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

type Item = { key: string; app: string } | { key: string; object: ObjectView };

function GroupRow({ app }: { app: string }) {
  return (
    <tr className="lp-group">
      <th scope="rowgroup" colSpan={4}>
        {app ? (
          <>
            app <span className="lp-mono">{app}</span>
          </>
        ) : (
          'not declared in Git'
        )}
      </th>
    </tr>
  );
}

const itemKey = (item: Item) => item.key;

const HEAD = (
  <thead>
    <tr>
      <th scope="col">Object</th>
      <th scope="col">Health</th>
      <th scope="col">Pods</th>
      <th scope="col">Drift</th>
    </tr>
  </thead>
);

interface TableProps {
  objects: ObjectView[];
  /** Objects a change, a deploy or a self-heal touched since the last step: highlighted. */
  changed?: ReadonlySet<string>;
  /** Each object's relation to Git (git-relation.ts); without it a difference reads "drifted". */
  relationOf?: (o: ObjectView) => GitRelation;
}

/** Memoized: a lane view that kept its objects does not draw the table again. */
export const ObjectsTable = memo(function ObjectsTable({
  objects,
  changed,
  relationOf,
}: TableProps) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  if (objects.length === 0)
    return (
      <p className="lp-muted lp-empty">
        No objects yet: nothing has been deployed to this cluster.
      </p>
    );
  const groups = new Map<string, ObjectView[]>();
  for (const o of objects) getOrCreate(groups, o.app ?? '', () => []).push(o);
  const items: Item[] = [];
  for (const [app, list] of groups) {
    if (groups.size > 1) items.push({ key: `app:${app}`, app });
    for (const o of list) items.push({ key: o.key, object: o });
  }
  const renderItem = (item: Item) =>
    'app' in item ? (
      <GroupRow app={item.app} />
    ) : (
      <ObjectRow
        o={item.object}
        open={open.has(item.key)}
        changed={changed?.has(item.key) ?? false}
        pending={relationOf?.(item.object) === 'pending'}
        onToggle={() => toggle(item.key)}
      />
    );
  const plain = (shown: Item[]) => (
    <table className="lp-table lp-objects" aria-label="Cluster objects">
      {HEAD}
      <tbody>
        {shown.map((item) => (
          <Fragment key={item.key}>{renderItem(item)}</Fragment>
        ))}
      </tbody>
    </table>
  );
  if (items.length <= VIRTUAL_FROM) return plain(items);
  return (
    <Suspense fallback={plain(items.slice(0, VIRTUAL_FROM))}>
      <VirtualTable
        items={items}
        itemKey={itemKey}
        renderItem={renderItem}
        head={HEAD}
        columns={4}
        label="Cluster objects"
        className="lp-table lp-objects"
        rowPx={27}
      />
    </Suspense>
  );
});
