// One resource's diff (gitops-engine `pkg/diff`): the fields its manifest sets against the live
// object, and for an OutOfSync resource the text diff a learner reads. diff.ts pairs resources.
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { stringify } from 'yaml';
import {
  getPath,
  isRecord,
  isStatusPath,
  maskObject,
  refKey,
  refOf,
  sameValue,
  type KObject,
  type ObjectRef,
} from '../cluster';
import { eachLeaf, formatPath, setPath, type FieldPath } from '../cluster/fieldpath';
import { isIdentityPath } from '../cluster/identity-paths';
import { droppedFields, LAST_APPLIED, lastAppliedFields } from '../cluster/last-applied';
import { isSecretValuePath, normalizeSecret, valueHash } from '../cluster/secret';
import { groupOf, ignoreMatcher, type IgnoreDifference } from './ignore';
import { NO_MEMO, type ComparedFields, type CompareMemo } from './memo';
import { syncWaveOf } from './sync-order';
import { TRACKING_ANNOTATION } from './tracking';
import type { DiffReason, FieldDiff, ResourceDiff } from './types';

const SERVER_META = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields'];
// gitops-engine `diff.HideSecretData`: equal values show the same run of `+`, different ones differ.
const SECRET_SAME = '++++++++';
const SECRET_OTHER = '++++++++++++';

/** A field the diff compares: its path, the path as text, and the manifest's value. */
interface ComparedLeaf {
  path: FieldPath;
  text: string;
  value: unknown;
}

/** A manifest's compared fields, and their path texts (made when first asked for). */
class Compared implements ComparedFields {
  private texts: ReadonlySet<string> | undefined;

  constructor(readonly leaves: readonly ComparedLeaf[]) {}

  get pathTexts(): ReadonlySet<string> {
    return (this.texts ??= new Set(this.leaves.map((l) => l.text)));
  }
}

function comparedOf(desired: KObject): Compared {
  const out: ComparedLeaf[] = [];
  eachLeaf(desired, (text, value, path) => {
    if (!isIdentityPath(text) && !isStatusPath(text)) out.push({ path: path(), text, value });
  });
  return new Compared(out);
}

// Argo CD sets its tracking annotation on the target before it diffs, so the one the sync wrote
// is never "removed from Git".
const TRACKING_PATH = formatPath(['metadata', 'annotations', TRACKING_ANNOTATION]);

/**
 * The three-way part of the legacy diff (REFERENCE.md, Argo CD "diff"): the fields the last
 * client-side apply set (the live object's last-applied annotation) that Git no longer sets and
 * that are still live, each with its live value. The sync's apply deletes exactly these
 * (last-applied.ts); a field no apply set is not among them.
 */
function removedLeaves(live: KObject, compared: Compared): ComparedLeaf[] {
  const last = lastAppliedFields(live);
  if (!last) return [];
  const out: ComparedLeaf[] = [];
  for (const { text, path } of droppedFields(last, compared.pathTexts)) {
    if (text === TRACKING_PATH) continue;
    const value = getPath(live, path);
    if (value !== undefined) out.push({ text, path, value });
  }
  return out;
}

function same(desired: unknown, live: unknown): boolean {
  // An empty map in the manifest sets no field in it: any live map (defaults filled in) matches.
  if (isRecord(desired) && Object.keys(desired).length === 0) return isRecord(live);
  return sameValue(desired, live);
}

function identityView(obj: KObject, ref: ObjectRef): Record<string, unknown> {
  const { name, namespace } = ref;
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    metadata: namespace === undefined ? { name } : { name, namespace },
  };
}

/** A live object as a prune would delete it: masked, without status and server bookkeeping. */
function pruneView(live: KObject): Record<string, unknown> {
  const { status: _status, ...rest } = maskObject(live);
  const metadata = Object.fromEntries(
    Object.entries(rest.metadata).filter(([k]) => !SERVER_META.includes(k)),
  );
  // last-applied repeats the object as one line of JSON: the diff shows the fields themselves.
  const annotations = withoutLastApplied(rest.metadata.annotations);
  if (annotations) metadata.annotations = annotations;
  else delete metadata.annotations;
  return { ...rest, metadata };
}

function withoutLastApplied(
  annotations: Record<string, string> | undefined,
): Record<string, string> | undefined {
  if (!annotations || !(LAST_APPLIED in annotations)) return annotations;
  const { [LAST_APPLIED]: _recorded, ...rest } = annotations;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

function yamlOf(view: Record<string, unknown> | undefined): string {
  return view === undefined ? '' : stringify(view, { indentSeq: false, lineWidth: 0 });
}

function unifiedDiff(
  key: string,
  live: Record<string, unknown> | undefined,
  desired?: Record<string, unknown>,
): string {
  return createTwoFilesPatch(
    live ? `live/${key}` : '/dev/null',
    desired ? `desired/${key}` : '/dev/null',
    yamlOf(live),
    yamlOf(desired),
    undefined,
    undefined,
    { context: 3, headerOptions: FILE_HEADERS_ONLY },
  );
}

/** What every ResourceDiff starts with: which object, and the two sides compared. */
type DiffHead = Pick<
  ResourceDiff,
  'key' | 'ref' | 'group' | 'kind' | 'name' | 'namespace' | 'syncWave' | 'desired' | 'live'
>;

// Diffs are built key by key rather than spread together (reconcile makes one per object per
// compare): the order the keys are added in is the order reports print them.
function diffHead(
  key: string,
  ref: ObjectRef,
  subject: KObject,
  desired?: KObject,
  live?: KObject,
) {
  const head: DiffHead = {
    key,
    ref,
    group: groupOf(subject.apiVersion),
    kind: ref.kind,
    name: ref.name,
  } as DiffHead;
  if (ref.namespace !== undefined) head.namespace = ref.namespace;
  head.syncWave = syncWaveOf(subject).wave;
  if (desired) head.desired = desired;
  if (live) head.live = maskObject(live);
  return head;
}

function finishDiff(
  head: DiffHead,
  status: ResourceDiff['status'],
  reason: DiffReason | null,
  fields: FieldDiff[],
  ignored: string[],
  draw?: { textDiff: () => string; lazily: boolean },
): ResourceDiff {
  const diff = head as ResourceDiff;
  diff.status = status;
  diff.reason = reason;
  diff.requiresPruning = reason === 'extra';
  diff.fields = fields;
  diff.ignored = ignored;
  if (!draw) return diff;
  if (!draw.lazily) {
    diff.textDiff = draw.textDiff();
    return diff;
  }
  // Drawn when first read, as most never are. Lazily only over sides that never change, so the
  // text is the one an eager draw would have made.
  Object.defineProperty(diff, 'textDiff', {
    enumerable: true,
    configurable: true,
    get() {
      const textDiff = draw.textDiff();
      Object.defineProperty(diff, 'textDiff', {
        value: textDiff,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return textDiff;
    },
  });
  return diff;
}

function fieldDiff(kind: string, path: string, desired: unknown, live: unknown): FieldDiff {
  const secret = isSecretValuePath(kind, path);
  const field: FieldDiff = { path };
  // A field removed from Git (three-way) has no desired value.
  if (desired !== undefined) field.desired = secret ? valueHash(desired) : desired;
  if (live !== undefined) field.live = secret ? valueHash(live) : live;
  return field;
}

/**
 * diffResource, with the field managers read only when an ignore rule could need them. `immutable`:
 * neither side will ever change (a frozen manifest, a cluster's stored object), so the text diff
 * can be drawn when first read. `memo` may keep the manifest's compared fields.
 */
export function compareResource(
  desired: KObject | undefined,
  live: KObject | undefined,
  ignore: readonly IgnoreDifference[],
  managedFields: () => Record<string, string[]> | undefined,
  immutable = false,
  memo: CompareMemo = NO_MEMO,
): ResourceDiff {
  const subject = desired ?? live;
  if (!subject) throw new TypeError('diffResource needs a desired or a live object');
  const ref = refOf(live ?? subject);
  const key = refKey(ref);
  const head = diffHead(key, ref, subject, desired, live);
  if (!desired)
    return finishDiff(head, 'OutOfSync', 'extra', [], [], {
      textDiff: () => unifiedDiff(key, pruneView(live!)),
      lazily: immutable,
    });

  const normal = normalizeSecret(desired);
  let ignoredPath: ((path: string) => boolean) | null = null;
  if (ignore.length > 0) {
    const managed = managedFields();
    ignoredPath = ignoreMatcher(ignore, {
      object: { ...normal, metadata: { ...normal.metadata, namespace: ref.namespace } },
      ...(managed ? { managedFields: managed } : {}),
    });
  }
  const compared = memo.compared(normal, () => comparedOf(normal));
  const fields: FieldDiff[] = [];
  const ignored: string[] = [];
  for (const leaf of compared.leaves) {
    const liveValue = live ? getPath(live, leaf.path) : undefined;
    const equal = liveValue !== undefined && same(leaf.value, liveValue);
    if (ignoredPath?.(leaf.text)) {
      if (!equal && live) ignored.push(leaf.text);
    } else if (!equal) fields.push(fieldDiff(ref.kind, leaf.text, leaf.value, liveValue));
  }
  const removed = live ? removedLeaves(live, compared) : [];
  for (const leaf of removed) {
    if (ignoredPath?.(leaf.text)) ignored.push(leaf.text);
    else fields.push(fieldDiff(ref.kind, leaf.text, undefined, leaf.value));
  }
  const reason: DiffReason | null = !live ? 'missing' : fields.length > 0 ? 'modified' : null;
  if (reason === null) return finishDiff(head, 'Synced', null, fields, ignored);

  // Only an OutOfSync resource shows a text diff: the views it is drawn from are built for it alone.
  const textDiff = () => {
    const desiredView = identityView(normal, ref);
    const liveView = live ? identityView(live, ref) : undefined;
    for (const leaf of compared.leaves) {
      if (ignoredPath?.(leaf.text)) continue;
      const liveValue = live ? getPath(live, leaf.path) : undefined;
      const equal = liveValue !== undefined && same(leaf.value, liveValue);
      const secret = isSecretValuePath(ref.kind, leaf.text);
      setPath(desiredView, leaf.path, secret ? SECRET_SAME : leaf.value);
      if (liveView && liveValue !== undefined) {
        const shown = secret
          ? equal
            ? SECRET_SAME
            : SECRET_OTHER
          : equal
            ? leaf.value
            : liveValue;
        setPath(liveView, leaf.path, shown);
      }
    }
    if (liveView)
      for (const leaf of removed) {
        if (ignoredPath?.(leaf.text)) continue;
        setPath(
          liveView,
          leaf.path,
          isSecretValuePath(ref.kind, leaf.text) ? SECRET_SAME : leaf.value,
        );
      }
    return unifiedDiff(key, liveView, desiredView);
  };
  return finishDiff(head, 'OutOfSync', reason, fields, ignored, { textDiff, lazily: immutable });
}
