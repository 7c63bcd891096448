// What each scenario action does to a sandbox. The same function runs a scenario's own steps and
// the actions a user takes in the app, so a recorded session replays exactly.
import type { ClusterName } from '../audit';
import { parseDuration } from '../clock';
import { CodedError } from '../coded-error';
import type { DevopsOptions } from '../devops/lane';
import { DEFAULT_RETRY, type GitopsOptions } from '../gitops/options';
import { BRANCH, type Sandbox } from '../sandbox';
import { safeKey, safeRecord, type SafeRecord } from '../safe-keys';
import { patchYaml } from './patch';
import type { Action } from './schema';

/** Who acts when a scenario names no one. */
export const DEFAULT_ACTOR = 'operator';
/** Who acts when the learner uses the app's controls, the console or the Git panel. */
export const LEARNER = 'you';

export interface ActionOutcome {
  /** False when the action was refused (a rollback while auto-sync is on, a merge conflict). */
  ok: boolean;
  /** What happened, in one or a few lines (kubectl's output, the new commit, the refusal). */
  text: string;
  /** A refused kubectl line is output, not a failure of the scenario: people mistype. */
  fatal: boolean;
}

const lanesOf = (lane: ClusterName | 'both'): ClusterName[] =>
  lane === 'both' ? ['devops', 'gitops'] : [lane];
const ms = (d: string | undefined) =>
  d === undefined ? undefined : (parseDuration(d) ?? undefined);

/** Durations in `set` and `lanes:` become milliseconds; everything else passes through. */
export function laneOptions(
  lane: ClusterName,
  raw: Record<string, unknown>,
): Record<string, unknown> {
  const out = safeRecord<unknown>();
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'lane') continue;
    if (typeof value === 'string' && ['pollInterval', 'jitter', 'applyInterval'].includes(key))
      out[key] = ms(value);
    else if (key === 'stages' && lane === 'devops')
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, string>).map(([k, v]) => [k, ms(v)]),
      );
    else if (key === 'retry') {
      const r = value as { limit: number; backoff?: string; factor?: number; maxDuration?: string };
      out[key] = {
        limit: r.limit,
        backoffMs: ms(r.backoff) ?? DEFAULT_RETRY.backoffMs,
        factor: r.factor ?? DEFAULT_RETRY.factor,
        maxMs: ms(r.maxDuration) ?? DEFAULT_RETRY.maxMs,
      };
    } else out[key] = value;
  }
  return out;
}

async function branchExists(sandbox: Sandbox, name: string): Promise<boolean> {
  return (await sandbox.repo.listBranches()).some((b) => b.name === name);
}

/** A refusal of the scenario layer itself, with a stable code like the other layers'. */
export class ActionError extends CodedError<'E_NO_OPEN_PR'> {}

function openPr(sandbox: Sandbox, branch: string): number {
  const pr = sandbox.repo.pullRequests().find((p) => p.head === branch && p.state === 'open');
  if (!pr) throw new ActionError('E_NO_OPEN_PR', `no open pull request from ${branch}`);
  return pr.id;
}

async function commit(
  sandbox: Sandbox,
  a: Extract<Action, { commit: unknown }>['commit'],
): Promise<string> {
  const branch = a.branch ?? BRANCH;
  const author = a.author ?? DEFAULT_ACTOR;
  // A new branch starts from main in the same step as its first commit, so a refused commit
  // (a bad patch path, nothing to commit) leaves no branch behind.
  const exists = await branchExists(sandbox, branch);
  const write: SafeRecord<string> = Object.assign(safeRecord<string>(), a.write);
  for (const [file, fields] of Object.entries(a.patch ?? {})) {
    const current = write[file] ?? (await sandbox.repo.readFile(exists ? branch : BRANCH, file));
    write[file] = patchYaml(current, file, fields);
  }
  const sha = await sandbox.commit({
    author,
    message: a.message,
    branch,
    write,
    ...(a.remove ? { remove: a.remove } : {}),
    ...(exists ? {} : { createFrom: BRANCH }),
  });
  if (a.tag) await sandbox.tag(a.tag, sha, author);
  return `${author} committed ${sha.slice(0, 7)} "${a.message.split('\n')[0]}" on ${branch}${a.tag ? ` (tag ${a.tag})` : ''}`;
}

/** Runs one action. Refusals come back as `ok: false`; only bugs throw. */
export async function runAction(sandbox: Sandbox, action: Action): Promise<ActionOutcome> {
  const done = (text: string): ActionOutcome => ({ ok: true, text, fatal: false });
  try {
    if ('wait' in action) {
      await sandbox.advance(ms(action.wait) ?? 0);
      return done(`waited ${action.wait}`);
    }
    if ('commit' in action) return done(await commit(sandbox, action.commit));
    if ('pr' in action) {
      const { open, approve, merge } = action.pr;
      if (open) {
        const id = await sandbox.openPullRequest({
          head: open.branch,
          ...(open.base ? { base: open.base } : {}),
          title: open.title,
          user: open.author ?? DEFAULT_ACTOR,
        });
        return done(`pull request #${id} opened from ${open.branch}`);
      }
      if (approve) {
        await sandbox.approvePullRequest(openPr(sandbox, approve.branch), approve.by);
        return done(`${approve.by} approved the pull request from ${approve.branch}`);
      }
      const id = openPr(sandbox, merge!.branch);
      const sha = await sandbox.mergePullRequest(id, merge!.by ?? DEFAULT_ACTOR);
      return done(`pull request #${id} merged as ${sha.slice(0, 7)}`);
    }
    if ('revert' in action) {
      const spec = typeof action.revert === 'string' ? { commit: action.revert } : action.revert;
      const target = await sandbox.repo.resolve(spec.commit);
      const sha = await sandbox.revert(target, spec.author ?? DEFAULT_ACTOR);
      return done(`reverted ${target.slice(0, 7)} in ${sha.slice(0, 7)}`);
    }
    if ('kubectl' in action) {
      const k = action.kubectl;
      const lines: string[] = [];
      let ok = true;
      for (const lane of lanesOf(k.lane)) {
        const r = await sandbox.kubectl(lane, k.run, k.actor ?? DEFAULT_ACTOR);
        ok &&= r.ok;
        lines.push(
          `${lane}$ kubectl ${k.run.replace(/^\s*kubectl\s+/, '')}`,
          ...[r.stdout, r.stderr].filter(Boolean),
        );
      }
      return { ok, text: lines.join('\n'), fatal: false };
    }
    if ('rollback' in action) {
      const r = action.rollback;
      return done(
        await sandbox.rollback(r.lane, r.method, r.by ?? DEFAULT_ACTOR, {
          ...(r.to !== undefined ? { to: r.to } : {}),
          ...(r.disableAutoSync ? { disableAutoSync: true } : {}),
          ...(r.app !== undefined ? { app: r.app } : {}),
        }),
      );
    }
    if ('fault' in action) {
      const f = action.fault;
      const texts: string[] = [];
      for (const lane of lanesOf(f.lane)) {
        if (f.kind === 'leaked-token') {
          const r = await sandbox.kubectl(lane, f.run ?? 'get pods', f.actor ?? 'attacker', {
            leakedToken: true,
          });
          texts.push(
            `${lane}: ${f.actor ?? 'attacker'} uses the leaked CI token: ${r.ok ? r.stdout : r.stderr}`,
          );
        } else {
          sandbox.fault(lane, f.kind, {
            ...(f.for ? { forMs: ms(f.for)! } : {}),
            ...(f.count !== undefined ? { count: f.count } : {}),
          });
          texts.push(`${lane}: fault ${f.kind}${f.for ? ` for ${f.for}` : ''}`);
        }
      }
      return done(texts.join('\n'));
    }
    if ('wipe' in action) {
      for (const lane of lanesOf(action.wipe.lane)) await sandbox.wipe(lane);
      return done(`${action.wipe.lane}: the cluster was lost and recreated empty`);
    }
    if ('set' in action) {
      const { lane, ...raw } = action.set;
      for (const [key, value] of Object.entries(laneOptions(lane, raw))) {
        // A link's action may name any option: `__proto__` is refused (E_UNSAFE_KEY), never set.
        const name = safeKey(key);
        if (lane === 'devops') sandbox.setOption('devops', name as keyof DevopsOptions, value);
        else sandbox.setOption('gitops', name as keyof GitopsOptions, value);
      }
      await sandbox.settle();
      return done(
        `${lane}: ${Object.entries(raw)
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(', ')}`,
      );
    }
    if ('sync' in action) {
      const { revision } = action.sync;
      const sha = revision === undefined ? undefined : await sandbox.repo.resolve(revision);
      sandbox.gitops.sync(action.sync.by ?? DEFAULT_ACTOR, action.sync.app, sha);
      await sandbox.settle();
      return done(`gitops: sync requested${revision ? ` to ${revision}` : ''}`);
    }
    if ('refresh' in action) {
      sandbox.gitops.refresh();
      await sandbox.settle();
      return done('gitops: refresh requested');
    }
    if ('rerun' in action) {
      const rev = action.rerun.commit
        ? await sandbox.repo.resolve(action.rerun.commit)
        : sandbox.devops.lastSuccessfulRevision();
      if (!rev) return { ok: false, text: 'no earlier successful run to re-run', fatal: true };
      sandbox.devops.rerun(rev, action.rerun.by ?? DEFAULT_ACTOR);
      await sandbox.settle();
      return done(`devops: re-running the pipeline of ${rev.slice(0, 7)}`);
    }
    const ok = sandbox.devops.approve(action.approve.by ?? DEFAULT_ACTOR);
    await sandbox.settle();
    return ok
      ? done(`devops: deploy approved by ${action.approve.by ?? DEFAULT_ACTOR}`)
      : { ok: false, text: 'no pipeline is waiting for approval', fatal: true };
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (!code) throw e;
    return { ok: false, text: `${code}: ${(e as Error).message}`, fatal: true };
  }
}
