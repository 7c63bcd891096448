// Expectations: what a step states should now be true, checked against the sandbox. Each yields
// one line of text a learner (or a CI log) can read, with ✓ or ✗ and, when it fails, what was found.
import type { AuditRecord, ClusterName } from '../audit';
import { parsePath, sameValue, type KObject } from '../cluster';
import type { ConsoleOutput } from '../console-line';
import type { Sandbox } from '../sandbox';
import { checkOutput } from './output-expect';
import type { Expectation } from './schema';

export interface ExpectationResult {
  ok: boolean;
  /** The terse line reports print (a public contract: `lane: check, check (found ...)`). */
  text: string;
  /** The line as a sentence a learner reads, with what was found when it failed (describe.ts). */
  sentence?: string;
  /** When the learner's own action since the last step caused the failure: that action. */
  causedBy?: string;
  /** Each check on each lane, with what was found: what the sentence and `causedBy` are built from. */
  checks?: CheckOutcome[];
}

export interface CheckOutcome {
  lane: ClusterName | null;
  label: string;
  ok: boolean;
  found: string;
}

/** Reads `spec.replicas`, `spec.template.spec.containers[0].image`, `metadata.annotations['a.b']`. */
export function readField(obj: unknown, path: string): unknown {
  const segs = parsePath(path);
  if (!segs) return undefined;
  let cur: unknown = obj;
  for (const seg of segs) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (typeof seg === 'number') cur = Array.isArray(cur) ? cur[seg] : undefined;
    else if (typeof seg === 'object')
      cur = Array.isArray(cur)
        ? cur.find((i: Record<string, unknown>) => i?.[seg.key] === seg.value)
        : undefined;
    // Own fields only: `path: constructor` names no field, not Object's constructor.
    else cur = Object.hasOwn(cur, seg) ? (cur as Record<string, unknown>)[seg] : undefined;
  }
  return cur;
}

function lookup(
  sandbox: Sandbox,
  lane: ClusterName,
  get: string,
  namespace?: string,
): KObject | undefined {
  const cluster = sandbox.clusters[lane];
  const [type, name] = get.split('/');
  const kind = type ? cluster.kinds.forResource(type) : null;
  if (!kind || !name) return undefined;
  return cluster.get({
    kind: kind.kind,
    name,
    ...(kind.namespaced ? { namespace: namespace ?? 'default' } : {}),
  });
}

const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));

function matches(
  r: AuditRecord,
  lane: ClusterName | null,
  a: NonNullable<Expectation['audit']>,
): boolean {
  return (
    (lane === null || r.cluster === lane) &&
    (!a.actor || r.actor === a.actor) &&
    (!a.channel || r.channel === a.channel) &&
    (!a.verb || r.verb === a.verb) &&
    (!a.object || r.object === a.object)
  );
}

/** The checks of one expectation on one lane: [label, ok, found]. */
function checksFor(
  sandbox: Sandbox,
  e: Expectation,
  lane: ClusterName | null,
  outputs: readonly ConsoleOutput[],
  first: boolean,
): [string, boolean, string][] {
  const out: [string, boolean, string][] = [];
  if (lane !== null) {
    const status = sandbox.status(lane);
    const scope = e.app ? status.apps[e.app] : status;
    const field = <K extends 'sync' | 'health' | 'inSyncWithGit'>(k: K) =>
      scope ? scope[k] : undefined;
    if (e.sync !== undefined)
      out.push([`sync is ${e.sync}`, field('sync') === e.sync, show(field('sync'))]);
    if (e.health !== undefined)
      out.push([`health is ${e.health}`, field('health') === e.health, show(field('health'))]);
    if (e.inSyncWithGit !== undefined)
      out.push([
        e.inSyncWithGit ? 'matches Git' : 'does not match Git',
        field('inSyncWithGit') === e.inSyncWithGit,
        show(field('inSyncWithGit')),
      ]);
    if (e.pipeline !== undefined)
      out.push([
        `pipeline is ${e.pipeline}`,
        status.pipeline === e.pipeline,
        show(status.pipeline),
      ]);
    if (e.get !== undefined) {
      const obj = lookup(sandbox, lane, e.get, e.namespace);
      const value = e.path ? readField(obj, e.path) : obj;
      const what = `${e.get}${e.path ? ` ${e.path}` : ''}`;
      if (e.exists !== undefined)
        out.push([
          `${what} ${e.exists ? 'exists' : 'does not exist'}`,
          (value !== undefined) === e.exists,
          value === undefined ? 'absent' : 'present',
        ]);
      if ('equals' in e)
        out.push([`${what} equals ${show(e.equals)}`, sameValue(value, e.equals), show(value)]);
    }
    if (e.metric !== undefined) {
      const m = e.metric;
      const value = sandbox.metrics(lane)[m.name];
      const parts: string[] = [];
      let ok = true;
      if ('equals' in m) {
        parts.push(`= ${show(m.equals)}`);
        ok &&=
          typeof value === 'number' && typeof m.equals === 'number'
            ? Math.abs(value - m.equals) < 1e-9
            : value === m.equals;
      }
      if (m.atLeast !== undefined) {
        parts.push(`>= ${m.atLeast}`);
        ok &&= typeof value === 'number' && value >= m.atLeast;
      }
      if (m.atMost !== undefined) {
        parts.push(`<= ${m.atMost}`);
        ok &&= typeof value === 'number' && value <= m.atMost;
      }
      out.push([`${m.name} ${parts.join(' and ')}`, ok, show(value)]);
    }
  }
  if (e.audit !== undefined) {
    const a = e.audit;
    const n = sandbox.audit.records().filter((r) => matches(r, lane, a)).length;
    const who = [
      a.actor && `by ${a.actor}`,
      a.channel && `via ${a.channel}`,
      a.verb && `verb ${a.verb}`,
      a.object && `on ${a.object}`,
    ]
      .filter(Boolean)
      .join(' ');
    if (a.count !== undefined)
      out.push([`${a.count} audit records ${who}`, n === a.count, String(n)]);
    if (a.min !== undefined)
      out.push([`at least ${a.min} audit records ${who}`, n >= a.min, String(n)]);
  }
  // What a line printed is the same on every lane: checked once.
  if (e.output !== undefined && first) out.push(checkOutput(e.output, outputs));
  return out;
}

/** Checks `e` now; `outputs` are the console lines of the step (what `output:` reads). */
export function checkExpectation(
  sandbox: Sandbox,
  e: Expectation,
  outputs: readonly ConsoleOutput[] = [],
): ExpectationResult {
  const lanes: (ClusterName | null)[] =
    e.lane === 'both' ? ['devops', 'gitops'] : e.lane ? [e.lane] : [null];
  const parts: string[] = [];
  const outcomes: CheckOutcome[] = [];
  let ok = true;
  for (const lane of lanes) {
    const checks = checksFor(sandbox, e, lane, outputs, lane === lanes[0]);
    for (const [label, pass, found] of checks) outcomes.push({ lane, label, ok: pass, found });
    if (checks.length === 0) continue;
    const failed = checks.filter(([, pass]) => !pass);
    ok &&= failed.length === 0;
    const scope = lane ?? (e.audit === undefined && e.output ? 'console' : 'trail');
    const label = `${scope}${e.app ? `/${e.app}` : ''}: ${checks.map(([l]) => l).join(', ')}`;
    parts.push(
      failed.length === 0
        ? label
        : `${label} (${failed.map(([l, , f]) => `found ${f} for "${l}"`).join('; ')})`,
    );
  }
  return { ok, text: parts.join('; ') || 'nothing to check', checks: outcomes };
}
