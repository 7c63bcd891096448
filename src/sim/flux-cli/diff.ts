// `flux diff kustomization NAME --path DIR` (flux2 cmd/flux/diff_kustomization.go,
// internal/build/diff.go): the manifests under DIR, labelled as the Kustomization would apply
// them, are dry-run server-side against the cluster, one by one, and each is reported in Flux's
// words: `► Kind/ns/name created`, `► ... drifted` followed by the field changes (dyff's human
// report, header omitted), `► ... skipped` (ssa: Ignore); with prune on, every object of the
// Kustomization's inventory that DIR no longer declares is `► ... deleted`. Flux exits 1 when it
// found a change ("⚠️ identified at least one change, exiting with non-zero exit code"), 0 when
// none, and more than 1 on an error.
// Simplification: `--path` names a folder of the repository at main's HEAD (the console has no
// working tree), and the drift shown is the fields Git sets that differ, and those Flux would
// remove (fields Git dropped, and kubectl's fields it takes over), not the full merged object.
import { loadDesired } from '../apps/apps';
import { isClusterError, refKey, refOf, type KObject } from '../cluster';
import { getPath, parsePath, type FieldPath } from '../cluster/fieldpath';
import { isSecretValuePath } from '../cluster/secret';
import { diffResource } from '../compare/diff';
import { kindRank } from '../compare/sync-order';
import type { ConfigRepo } from '../git';
import {
  FLUX_MANAGER,
  fluxLabels,
  isKubectlManager,
  pruneDisabled,
  ssaMode,
} from '../gitops/flux-apply';
import { FORCE_ANNOTATION } from '../gitops/flux-options';
import { dryRunError } from '../gitops/flux-reconcile';
import type { ArgoView } from '../argocd-cli';

export interface FluxDiffView extends ArgoView {
  /** The repository the Kustomization's GitRepository points at. */
  repo?: ConfigRepo;
}

export interface DiffOutcome {
  /** 0: no change; 1: a change; 2: an error (flux's exit status). */
  exit: 0 | 1 | 2;
  text: string;
}

const CHANGED = '⚠️ identified at least one change, exiting with non-zero exit code';
const NUMBERS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** `one map entry added`, `two map entries removed`: dyff's words. */
const entries = (n: number, what: 'added' | 'removed') =>
  `${NUMBERS[n] ?? String(n)} map ${n === 1 ? 'entry' : 'entries'} ${what}:`;

/** dyff's path: map keys and list items by name, joined by dots. */
function dyffPath(path: FieldPath): string {
  return path.map((s) => (typeof s === 'object' ? String(s.value) : s)).join('.');
}

const scalar = (v: unknown) =>
  typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v);

interface Change {
  path: FieldPath;
  before?: unknown;
  after?: unknown;
}

/** The field changes of one drifted object, in dyff's human report (header omitted). */
export function dyffReport(kind: string, changes: readonly Change[]): string {
  const blocks: string[] = [];
  const grouped = new Map<string, { added: string[]; removed: string[] }>();
  for (const c of changes) {
    const text = dyffPath(c.path);
    const secret = isSecretValuePath(kind, text);
    if (c.before !== undefined && c.after !== undefined) {
      const [b, a] = secret ? ['*** (before)', '*** (after)'] : [scalar(c.before), scalar(c.after)];
      blocks.push(`${text}\n± value change\n- ${b}\n+ ${a}\n`);
      continue;
    }
    const parent = dyffPath(c.path.slice(0, -1));
    const key = String(dyffPath(c.path.slice(-1)));
    const value = secret ? '***' : scalar(c.after ?? c.before);
    const group = grouped.get(parent) ?? { added: [], removed: [] };
    (c.after !== undefined ? group.added : group.removed).push(`  ${key}: ${value}`);
    grouped.set(parent, group);
  }
  for (const [parent, { added, removed }] of grouped) {
    if (added.length)
      blocks.push(`${parent}\n+ ${entries(added.length, 'added')}\n${added.join('\n')}\n`);
    if (removed.length)
      blocks.push(`${parent}\n- ${entries(removed.length, 'removed')}\n${removed.join('\n')}\n`);
  }
  return blocks.join('\n');
}

/** Fields Flux's apply would remove: its own that Git no longer sets, and kubectl's it takes over. */
function removals(
  view: FluxDiffView,
  manifest: KObject,
  live: KObject,
  takeOver: boolean,
): Change[] {
  const owned = view.cluster.managedFields(refOf(live));
  const set = new Set<string>();
  for (const [manager, paths] of Object.entries(owned)) {
    if (manager === FLUX_MANAGER || (takeOver && isKubectlManager(manager)))
      for (const p of paths) set.add(p);
  }
  // A field another manager (a controller) also owns stays.
  for (const [manager, paths] of Object.entries(owned))
    if (manager !== FLUX_MANAGER && !(takeOver && isKubectlManager(manager)))
      for (const p of paths) set.delete(p);
  const out: Change[] = [];
  for (const text of set) {
    const path = parsePath(text);
    if (!path || path.some((s) => typeof s === 'number')) continue;
    const fieldPath = path as FieldPath;
    if (getPath(manifest, fieldPath) !== undefined) continue;
    const before = getPath(live, fieldPath);
    if (before !== undefined) out.push({ path: fieldPath, before });
  }
  return out;
}

/** The changes of a live object the manifest drifted from (fields Git sets, then removals). */
function changesOf(view: FluxDiffView, manifest: KObject, live: KObject, takeOver: boolean) {
  const out = new Map<string, Change>();
  for (const f of diffResource(manifest, live).fields) {
    const path = parsePath(f.path);
    if (!path || path.some((s) => typeof s === 'number')) continue;
    out.set(dyffPath(path as FieldPath), {
      path: path as FieldPath,
      before: f.live,
      after: f.desired,
    });
  }
  for (const c of removals(view, manifest, live, takeOver))
    if (!out.has(dyffPath(c.path))) out.set(dyffPath(c.path), c);
  return [...out.values()];
}

/**
 * The diff of Kustomization `name` against the manifests under `dir`, checked in flux's order:
 * the path, then the Kustomization, then the build.
 */
export async function diffKustomization(
  view: FluxDiffView,
  name: string,
  dir: string,
): Promise<DiffOutcome> {
  const invalid: DiffOutcome = { exit: 2, text: `✗ invalid resource path "${dir}"` };
  const path = dir.replace(/^\.\//, '').replace(/\/+$/, '');
  if (!view.repo || path === '' || path.startsWith('/') || path.split('/').includes('..'))
    return invalid;
  const head = await view.repo.resolve('main');
  const desired = await loadDesired(view.repo, head, { name, path });
  if (desired.errors.some((e) => e.code === 'PATH_NOT_FOUND')) return invalid;
  const app = view.gitops.apps.find((a) => a.spec.name === name);
  if (!app)
    return {
      exit: 2,
      text: `✗ failed to get kustomization object: kustomizations.kustomize.toolkit.fluxcd.io "${name}" not found`,
    };
  if (desired.errors.length > 0)
    return {
      exit: 2,
      text: `✗ ${desired.errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`).join('; ')}`,
    };
  const { cluster } = view;
  const ctx = {
    actor: 'flux',
    channel: 'reconciler' as const,
    manager: FLUX_MANAGER,
    revision: head,
  };
  const labels = fluxLabels(app.spec.name);
  const manifests = desired.manifests
    .map((m) => ({
      ...m,
      metadata: { ...m.metadata, labels: { ...m.metadata.labels, ...labels } },
    }))
    .map((m) => ({ manifest: m, ref: cluster.scoped(refOf(m)) }))
    .sort(
      (a, b) =>
        kindRank(a.ref.kind) - kindRank(b.ref.kind) ||
        (a.ref.namespace ?? '').localeCompare(b.ref.namespace ?? '') ||
        a.ref.name.localeCompare(b.ref.name),
    );
  const out: string[] = [];
  const errors: string[] = [];
  let changed = false;
  for (const { manifest, ref } of manifests) {
    const key = refKey(ref);
    const live = cluster.get(ref);
    const mode = ssaMode(manifest, live);
    if (live && mode === 'Ignore') {
      out.push(`► ${key} skipped`);
      continue;
    }
    const takeOver = mode === 'Override';
    try {
      cluster.apply(manifest, ctx, {
        dryRun: true,
        ...(takeOver ? { takeOver: isKubectlManager } : {}),
      });
    } catch (e) {
      if (!isClusterError(e)) throw e;
      const forced = [manifest, live].some(
        (o) => o?.metadata.annotations?.[FORCE_ANNOTATION] === 'enabled',
      );
      if (live && forced && e.code === 'E_INVALID' && !e.data.clientSide) {
        out.push(`► ${key} created`);
        changed = true;
      } else errors.push(`✗ ${dryRunError(key, e.message)}`);
      continue;
    }
    if (!live) {
      out.push(`► ${key} created`);
      changed = true;
      continue;
    }
    const changes = changesOf(view, manifest, live, takeOver);
    if (changes.length === 0) continue;
    out.push(`► ${key} drifted\n\n${dyffReport(ref.kind, changes)}`);
    changed = true;
  }
  if (view.gitops.options.prune && errors.length === 0) {
    const declared = new Set(manifests.map((m) => refKey(m.ref)));
    for (const obj of view.gitops.tracked(app.spec)) {
      const key = refKey(refOf(obj));
      if (declared.has(key) || pruneDisabled(obj)) continue;
      out.push(`► ${key} deleted`);
      changed = true;
    }
  }
  if (errors.length > 0) return { exit: 2, text: [...out, ...errors].join('\n') };
  if (!changed) return { exit: 0, text: '' };
  return { exit: 1, text: `${out.join('\n')}\n${CHANGED}` };
}
