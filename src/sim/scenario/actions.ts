// What each scenario action does to a sandbox. The same function runs a scenario's own steps and
// the actions a user takes in the app, so a recorded session replays exactly.
import type { ClusterName } from '../audit';
import { parseDuration } from '../clock';
import { CodedError } from '../coded-error';
import { promptLine, runConsoleLine, type ConsoleOutput } from '../console-line';
import type { LaneOptionsOf } from '../lane';
import { appMatches, waitTimedOut } from '../gitops/app-wait';
import { BRANCH, type Sandbox } from '../sandbox';
import { DEFAULT_WAIT_FOR_TIMEOUT } from './action-wait';
import { safeKey, safeRecord, type SafeRecord } from '../safe-keys';
import { cpuMillis } from './cpu';
import { laneOptions } from './lane-options';
import { patchYaml } from './patch';
import type { Action, ActionName, WrittenLaneOptions } from './schema';

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
  /** What each console line of the action printed (`kubectl`, `run`); absent for other actions. */
  console?: ConsoleOutput[];
}

const lanesOf = (lane: ClusterName | 'both'): ClusterName[] =>
  lane === 'both' ? ['devops', 'gitops'] : [lane];
const ms = (d: string | undefined) =>
  d === undefined ? undefined : (parseDuration(d) ?? undefined);

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

/** The value of one kind of action: `ActionValue<'wait'>` is a duration. */
type ActionValue<K extends ActionName> = Extract<Action, Record<K, unknown>>[K];
type Handler<K extends ActionName> = (
  sandbox: Sandbox,
  value: ActionValue<K>,
) => Promise<ActionOutcome>;

const done = (text: string): ActionOutcome => ({ ok: true, text, fatal: false });
const refused = (text: string): ActionOutcome => ({ ok: false, text, fatal: true });

/** What each action does, by its name (schema.ts ACTIONS): the compiler checks none is missing. */
const HANDLERS: { [K in ActionName]: Handler<K> } = {
  async wait(sandbox, wait) {
    await sandbox.advance(ms(wait) ?? 0);
    return done(`waited ${wait}`);
  },
  commit: async (sandbox, value) => done(await commit(sandbox, value)),
  async pr(sandbox, { open, approve, merge }) {
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
  },
  async revert(sandbox, value) {
    const spec = typeof value === 'string' ? { commit: value } : value;
    const target = await sandbox.repo.resolve(spec.commit);
    const sha = await sandbox.revert(target, spec.author ?? DEFAULT_ACTOR);
    return done(`reverted ${target.slice(0, 7)} in ${sha.slice(0, 7)}`);
  },
  async kubectl(sandbox, k) {
    const lines: string[] = [];
    const console: ConsoleOutput[] = [];
    let ok = true;
    for (const lane of lanesOf(k.lane)) {
      const r = await sandbox.kubectl(lane, k.run, k.actor ?? DEFAULT_ACTOR);
      ok &&= r.ok;
      const printed = [r.stdout, r.stderr].filter(Boolean);
      lines.push(`${lane}$ kubectl ${k.run.replace(/^\s*kubectl\s+/, '')}`, ...printed);
      console.push({ lane, line: k.run.trim(), ok: r.ok, output: printed.join('\n') });
    }
    return { ok, text: lines.join('\n'), fatal: false, console };
  },
  async run(sandbox, r) {
    // The line's own action (a commit, a sync...) is checked like any action a learner takes.
    const printed = await runConsoleLine(sandbox, r.lane, r.line, r.actor ?? LEARNER, (a) =>
      checkedAction(sandbox, a),
    );
    const output: ConsoleOutput = { ...printed!, ...(r.id !== undefined ? { id: r.id } : {}) };
    return {
      ok: output.ok,
      text: [`${output.lane}$ ${promptLine(r.line)}`, output.output].filter(Boolean).join('\n'),
      fatal: false,
      console: [output],
    };
  },
  async rollback(sandbox, r) {
    return done(
      await sandbox.rollback(r.lane, r.method, r.by ?? DEFAULT_ACTOR, {
        ...(r.to !== undefined ? { to: r.to } : {}),
        ...(r.disableAutoSync ? { disableAutoSync: true } : {}),
        ...(r.app !== undefined ? { app: r.app } : {}),
      }),
    );
  },
  async fault(sandbox, f) {
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
  },
  async load(sandbox, { lane, target, namespace, cpu }) {
    const [kind, name] = target.split('/') as [string, string];
    const ref = {
      kind: kind === 'statefulset' ? 'StatefulSet' : 'Deployment',
      name,
      namespace: namespace ?? 'default',
    };
    for (const name of lanesOf(lane))
      sandbox.clusters[name].load.set(ref, cpu === 'none' ? null : cpuMillis(cpu));
    await sandbox.settle();
    return done(`${lane}: load on ${target} ${cpu === 'none' ? 'cleared' : `set to ${cpu} CPU`}`);
  },
  async wipe(sandbox, { lane }) {
    for (const name of lanesOf(lane)) await sandbox.wipe(name);
    return done(`${lane}: the cluster was lost and recreated empty`);
  },
  async set(sandbox, value) {
    const { lane, ...raw } = value;
    setOptions(sandbox, lane, value);
    await sandbox.settle();
    return done(
      `${lane}: ${Object.entries(raw)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(', ')}`,
    );
  },
  async sync(sandbox, { revision, by, app, prune, dryRun, resources }) {
    const sha = revision === undefined ? undefined : await sandbox.repo.resolve(revision);
    const flags = {
      ...(prune !== undefined ? { prune } : {}),
      ...(dryRun ? { dryRun } : {}),
      ...(resources ? { resources } : {}),
    };
    const flagged = Object.keys(flags).length > 0;
    sandbox.gitops.sync(by ?? DEFAULT_ACTOR, app, sha, flagged ? flags : undefined);
    await sandbox.settle();
    return done(
      `gitops: ${dryRun ? 'dry-run ' : ''}sync requested${revision ? ` to ${revision}` : ''}`,
    );
  },
  async waitFor(sandbox, value) {
    const { app, timeout = DEFAULT_WAIT_FOR_TIMEOUT } = value;
    const target = sandbox.gitops.apps.find((a) => app === undefined || a.spec.name === app);
    if (!target) return refused(`gitops: there is no Application "${app}"`);
    const limit = ms(timeout) ?? 0;
    let waited = 0;
    // One virtual second at a time, as the real command watches the Application's events.
    while (!appMatches(target, value)) {
      if (waited >= limit)
        return { ok: false, text: waitTimedOut(target.spec.name, limit), fatal: false };
      await sandbox.advance(1_000);
      waited += 1_000;
    }
    return done(`gitops: app ${target.spec.name} matched after ${waited / 1000}s`);
  },
  async terminateOp(sandbox, { app }) {
    const name = app ?? sandbox.gitops.apps[0]?.spec.name ?? '';
    if (!sandbox.gitops.terminateOperation(name))
      return refused(`gitops: Unable to terminate operation. No operation is in progress`);
    await sandbox.settle();
    return done(`gitops: Application '${name}' operation terminating`);
  },
  async refresh(sandbox) {
    sandbox.gitops.refresh();
    await sandbox.settle();
    return done('gitops: refresh requested');
  },
  async rerun(sandbox, { commit, by }) {
    const rev = commit
      ? await sandbox.repo.resolve(commit)
      : sandbox.devops.lastSuccessfulRevision();
    if (!rev) return refused('no earlier successful run to re-run');
    sandbox.devops.rerun(rev, by ?? DEFAULT_ACTOR);
    await sandbox.settle();
    return done(`devops: re-running the pipeline of ${rev.slice(0, 7)}`);
  },
  async approve(sandbox, { by = DEFAULT_ACTOR, run }) {
    const ok = sandbox.devops.approve(by, run);
    await sandbox.settle();
    if (ok)
      return done(`devops: deploy${run === undefined ? '' : ` of run #${run}`} approved by ${by}`);
    return refused(
      run === undefined
        ? 'no pipeline is waiting for approval'
        : `run #${run} is not waiting for approval`,
    );
  },
};

/** A `set` action's options, applied one by one in the order written. */
function setOptions<N extends ClusterName>(
  sandbox: Sandbox,
  lane: N,
  written: WrittenLaneOptions[N],
): void {
  const options = laneOptions(lane, written);
  for (const key of Object.keys(options) as (keyof LaneOptionsOf[N] & string)[]) {
    // A link's action may name any option: `__proto__` is refused (E_UNSAFE_KEY), never set.
    safeKey(key);
    // Only a duration the schema would refuse converts to nothing: it is not set.
    const value = options[key];
    if (value !== undefined) sandbox.setOption(lane, key, value);
  }
}

function handle<K extends ActionName>(
  sandbox: Sandbox,
  name: K,
  value: ActionValue<K>,
): Promise<ActionOutcome> {
  return HANDLERS[name](sandbox, value);
}

/** A console line's action, refused like a link's when it breaks the scenario rules. */
async function checkedAction(sandbox: Sandbox, action: Action): Promise<ActionOutcome> {
  // The checker brings the zod schema: loaded with the first line, as the runner loads it.
  const { checkAction, issueText } = await import('./action-check');
  const checked = checkAction(action);
  if (!checked.action)
    return { ok: false, text: `E_ACTION: ${issueText(checked.issues[0]!)}`, fatal: true };
  return runAction(sandbox, checked.action);
}

/** Runs one action. Refusals come back as `ok: false`; only bugs throw. */
export async function runAction(sandbox: Sandbox, action: Action): Promise<ActionOutcome> {
  // An action is a map with exactly one key (action-check.ts), its name.
  const name = Object.keys(action)[0] as ActionName;
  try {
    return await handle(sandbox, name, (action as Record<ActionName, never>)[name]);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (!code) throw e;
    return { ok: false, text: `${code}: ${(e as Error).message}`, fatal: true };
  }
}
