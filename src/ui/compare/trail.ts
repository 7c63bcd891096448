// The audit trail as the Compare tab shows it: which records a filter keeps, which ones are
// out-of-band, how the two lanes line up in time, and what each lane's summary counts. Pure
// functions over the records, so tests need no DOM and a long trail costs one pass.
import type { AuditRecord, Channel, ClusterName } from '../../sim/audit';
import { isClusterChange } from '../../sim/metrics/definitions';

export const CHANNELS: readonly Channel[] = [
  'git',
  'pipeline',
  'reconciler',
  'kubectl',
  'controller',
  'observer',
];

export interface TrailFilter {
  /** Exact actor, or '' for any. */
  actor: string;
  channel: Channel | '';
  /** Case-insensitive substring of the object, or '' for any. */
  object: string;
  /** Controllers' writes and the observer's notes; hidden unless asked for. */
  showMachinery: boolean;
}

export const NO_FILTER: TrailFilter = { actor: '', channel: '', object: '', showMachinery: false };

/** Written by the cluster's own machinery (controllers) or by DriftLab's drift observer. */
export function isMachinery(r: AuditRecord): boolean {
  return r.channel === 'controller' || r.channel === 'observer';
}

/**
 * A change to a cluster that no Git revision explains, made by a person, by CI or with a leaked
 * token: kubectl, or a pipeline or reconciler write without a revision. Refusals changed nothing
 * and controllers only follow other writes, so neither is one.
 */
export function isOutOfBandChange(r: AuditRecord): boolean {
  return isClusterChange(r) && r.revision === null && !isMachinery(r);
}

export function matchesFilter(r: AuditRecord, f: TrailFilter): boolean {
  if (f.actor !== '' && r.actor !== f.actor) return false;
  if (f.channel !== '' && r.channel !== f.channel) return false;
  if (f.object !== '' && !r.object.toLowerCase().includes(f.object.trim().toLowerCase()))
    return false;
  // Naming an actor or a channel is asking for those records, machinery or not.
  const explicit = f.actor !== '' || f.channel !== '';
  return f.showMachinery || explicit || !isMachinery(r);
}

export function filterTrail(records: readonly AuditRecord[], f: TrailFilter): AuditRecord[] {
  return records.filter((r) => matchesFilter(r, f));
}

/** Every actor in the trail, sorted, for the actor filter. */
export function actorsOf(records: readonly AuditRecord[]): string[] {
  return [...new Set(records.map((r) => r.actor))].sort((a, b) => a.localeCompare(b));
}

/** One line of the side-by-side trail: records of the same instant, one per column. */
export interface TrailRow {
  t: number;
  /** The first line of its instant (later lines of the same instant repeat no time). */
  first: boolean;
  devops?: AuditRecord;
  repo?: AuditRecord;
  gitops?: AuditRecord;
}

/**
 * Lines the three columns up by virtual time: the records of one instant fill lines top to bottom
 * in trail order, each column independently, so the same kubectl line aimed at both clusters lands
 * on one line. WARNING: `records` must be in trail order (by seq).
 */
export function alignRows(records: readonly AuditRecord[]): TrailRow[] {
  const rows: TrailRow[] = [];
  let start = 0;
  const fill = { devops: 0, repo: 0, gitops: 0 };
  for (const r of records) {
    if (rows.length === 0 || rows[start]!.t !== r.t) {
      start = rows.length;
      fill.devops = fill.repo = fill.gitops = start;
    }
    const at = fill[r.cluster]++;
    if (at === rows.length) rows.push({ t: r.t, first: at === start });
    rows[at]![r.cluster] = r;
  }
  return rows;
}

export interface LaneSummary {
  /** Changes to the lane's cluster by people, CI and the reconciler (controllers not counted). */
  changes: number;
  outOfBand: number;
  /** Writes the API server refused: they changed nothing, but someone tried. */
  refused: number;
  /** Who acted on the lane (machinery aside), most active first. */
  actors: string[];
}

export function summarize(records: readonly AuditRecord[], lane: ClusterName): LaneSummary {
  let changes = 0;
  let outOfBand = 0;
  let refused = 0;
  const actors = new Map<string, number>();
  for (const r of records) {
    if (r.cluster !== lane || isMachinery(r)) continue;
    actors.set(r.actor, (actors.get(r.actor) ?? 0) + 1);
    if (r.verb === 'refuse') refused++;
    if (!isClusterChange(r)) continue;
    changes++;
    if (isOutOfBandChange(r)) outOfBand++;
  }
  const ranked = [...actors].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return { changes, outOfBand, refused, actors: ranked.map(([name]) => name) };
}
