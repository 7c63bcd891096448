// The apply path of the API server: `kubectl apply --server-side --force-conflicts`, or, for a
// client-side manager (kubectl's, Argo CD's), `kubectl apply` with the last-applied annotation,
// whose fields the new manifest dropped are deleted (last-applied.ts). A manifest is admitted
// (admission.ts), merged with the fields its manager owns (ownership.ts) and committed
// (commit.ts); an apply that changes nothing is answered from what the cluster knows
// (known-applies.ts) or found so without a copy.
import { isStored, type Stored } from '../stored';
import { admit, settledManifest, type AdmissionEnv } from './admission';
import type { Write } from './commit';
import type { KindRegistry } from './kinds';
import type { KnownApplies } from './known-applies';
import {
  appliesClientSide,
  droppedFields,
  lastAppliedFields,
  withLastApplied,
} from './last-applied';
import { clone, isRecord, refKey, refOf, type KObject, type ObjectRef } from './object';
import {
  appliedFields,
  applyChangesNothing,
  applyOwnedFields,
  copyOwnership,
  type Ownership,
} from './ownership';
import { hasFieldsToTake, takeOverFields } from './takeover';
import type { StoredObjects } from './store';
import type { ApplyOptions, ApplyOutcome, ApplyResult, WriteContext } from './write';

/** What an apply reads and writes of its cluster. */
export interface ApplyEnv {
  kinds: KindRegistry;
  objects: StoredObjects;
  owners: Map<string, Ownership>;
  known: KnownApplies;
  admission(ctx: WriteContext, dryRun: boolean): AdmissionEnv;
  display(ref: ObjectRef): string;
  commit(write: Write): ApplyOutcome;
}

/** Applies `given` as `ctx.manager`; refusals throw a ClusterError, recorded by admission first. */
export function applyWrite(
  env: ApplyEnv,
  given: unknown,
  ctx: WriteContext,
  opts: ApplyOptions,
): ApplyResult {
  const clientSide = !opts.serverSide && appliesClientSide(ctx.manager);
  const stored = isStored(given) && isRecord(given) ? (given as Stored<KObject>) : null;
  // What the cluster knows of a manifest is known per manager as it usually applies.
  const known = stored && !opts.serverSide && env.known.answer(stored, ctx.manager, opts);
  if (known) return known;
  // A client-side apply sends the manifest with its last-applied annotation (last-applied.ts).
  const manifest = clientSide ? withLastApplied(given) : given;
  const settled = settledManifest(manifest);
  const { obj, type } = admit(manifest, ctx.file, env.admission(ctx, opts.dryRun === true));
  const ref = refOf(obj);
  const key = refKey(ref);
  const existing = env.objects.get(key);
  const warnings = [env.kinds.deprecationWarning(obj.apiVersion, obj.kind)].filter(
    (w): w is string => w !== null,
  );
  const display = env.display(ref);
  if (stored && settled)
    env.known.admitted(stored, { kinds: env.kinds.generation, ref, display, warnings });
  const answer = (outcome: ApplyOutcome): ApplyResult => ({
    outcome,
    ref,
    key,
    display,
    warnings: [...warnings],
  });
  // Re-applying what is already there (most applies) needs no copy, merge or comparison.
  const fields = appliedFields(settled ?? obj);
  const taking =
    existing !== undefined &&
    opts.takeOver !== undefined &&
    hasFieldsToTake(env.owners.get(key), opts.takeOver);
  if (
    existing &&
    !taking &&
    applyChangesNothing(existing, obj.apiVersion, fields, env.owners.get(key), ctx.manager)
  )
    return answer('unchanged');
  const next: KObject = existing
    ? clone(existing)
    : {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        metadata: {
          ...(ref.namespace !== undefined ? { namespace: ref.namespace } : {}),
          name: ref.name,
        },
      };
  next.apiVersion = obj.apiVersion;
  const ownership = copyOwnership(env.owners.get(key));
  if (taking) takeOverFields(ownership, ctx.manager, opts.takeOver!);
  const last = clientSide ? lastAppliedFields(existing) : null;
  const dropped = last ? droppedFields(last, new Set(fields.map((f) => f.text))) : undefined;
  applyOwnedFields(next, obj, ownership, ctx.manager, clientSide ? (dropped ?? []) : undefined);
  const outcome = env.commit({
    key,
    existing,
    next,
    ownership,
    ctx,
    dryRun: opts.dryRun === true,
  });
  if (outcome !== 'unchanged' && type.kind === 'CustomResourceDefinition' && !opts.dryRun)
    env.kinds.addCustomResource(next);
  return answer(outcome);
}
