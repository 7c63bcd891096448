// Random histories for the property tests: fast-check arbitraries of scenario actions (the same
// `Action` objects a scenario or a user's session is made of), and a runner that applies them to a
// ScenarioRun while noting which action each audit record was written during.
//
// WARNING: a test that imports this module must import src/platform/node first.
import * as fc from 'fast-check';
import { stringify } from 'yaml';
import type { AuditRecord, ClusterName } from '../../src/sim/audit';
import {
  loadScenario,
  ScenarioRun,
  type Action,
  type ActionOutcome,
  type Scenario,
} from '../../src/sim/scenario';
import type { Sandbox } from '../../src/sim/sandbox';
import { STARTER_FILES } from '../../src/sim/starter-repo';

export const APP_PATH = 'apps/web';
const DEPLOY = `${APP_PATH}/deployment.yaml`;
const CONFIG = `${APP_PATH}/configmap.yaml`;
const SECRET = `${APP_PATH}/secret.yaml`;
const EXTRA = `${APP_PATH}/extra.yaml`;

const secret = (password: string) => `apiVersion: v1
kind: Secret
metadata:
  name: web-secret
type: Opaque
stringData:
  password: ${password}
`;

/** The repository every history starts from: the starter app plus a Secret (values are hashed in the trail). */
export const HISTORY_FILES: Readonly<Record<string, string>> = {
  ...STARTER_FILES,
  [SECRET]: secret('hunter2'),
};

/** A tiny scenario: argo flavour, defaults otherwise, one empty step; histories are user actions. */
export function historyScenario(seed: number): Scenario {
  const text = stringify({
    id: 'random-history',
    title: 'A random history',
    seed,
    lanes: { gitops: { flavour: 'argo' } },
    repo: { path: APP_PATH, files: HISTORY_FILES },
    images: { 'web:3.0': { crash: true }, 'web:4.0': { pullError: true } },
    steps: [{ title: 'Start' }],
  });
  return loadScenario(text, 'random-history.yaml');
}

// ---- arbitraries ---------------------------------------------------------------------------------

const ACTORS = ['alice', 'bob', 'carol'] as const;
const actor = fc.constantFrom(...ACTORS);
const lane = fc.constantFrom<ClusterName>('devops', 'gitops');
const laneOrBoth = fc.constantFrom<ClusterName | 'both'>('devops', 'gitops', 'both');
const seconds = (min: number, max: number) => fc.integer({ min, max }).map((s) => `${s}s`);
const image = fc.constantFrom('web:1.0', 'web:2.0', 'web:3.0', 'web:4.0');

/** 1 s .. 30 min, biased to the scales that matter: a sync wave, a poll, a pipeline run. */
const waitAction: fc.Arbitrary<Action> = fc
  .oneof(seconds(1, 60), seconds(60, 600), seconds(600, 1800))
  .map((wait) => ({ wait }));

/** A change to the app's files that keeps every manifest valid. */
const validChange = fc.oneof(
  fc
    .integer({ min: 0, max: 5 })
    .map((n) => ({ patch: { [DEPLOY]: { 'spec.replicas': n } }, message: `scale to ${n}` })),
  image.map((i) => ({
    patch: { [DEPLOY]: { 'spec.template.spec.containers[0].image': i } },
    message: `release ${i}`,
  })),
  fc.constantFrom('debug', 'info', 'warn').map((level) => ({
    patch: { [CONFIG]: { 'data.LOG_LEVEL': level } },
    message: `log level ${level}`,
  })),
  fc.constantFrom('hunter3', 'correct-horse', 'hunter2').map((p) => ({
    write: { [SECRET]: secret(p) },
    message: 'rotate the password',
  })),
  fc.constantFrom('a', 'b').map((v) => ({
    write: {
      [EXTRA]: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  value: "${v}"\n`,
    },
    message: `extra ${v}`,
  })),
  fc.constant({ remove: [EXTRA], message: 'drop extra' }),
  fc.constant({ write: { [DEPLOY]: STARTER_FILES[DEPLOY]! }, message: 'restore the deployment' }),
);

/** A change that leaves an invalid manifest at HEAD: the lanes must refuse it visibly. */
const invalidChange = fc.constantFrom(
  { patch: { [DEPLOY]: { 'spec.replicas': -1 } }, message: 'negative replicas' },
  {
    write: {
      [DEPLOY]:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: [3\n',
    },
    message: 'broken YAML',
  },
  {
    write: { [`${APP_PATH}/list.yaml`]: '- not\n- an object\n' },
    message: 'a list, not an object',
  },
  {
    write: { [`${APP_PATH}/nokind.yaml`]: 'apiVersion: v1\nmetadata:\n  name: nokind\n' },
    message: 'no kind',
  },
);

const commitAction = (change: fc.Arbitrary<Record<string, unknown>>) =>
  fc
    .record({ change, author: actor })
    .map(({ change: c, author }) => ({ commit: { ...c, author } }) as Action);

/** A branch commit, then (maybe) the pull request opened, approved by someone else and merged. */
const pullRequestFlow: fc.Arbitrary<Action[]> = fc
  .record({
    branch: fc.constantFrom('feature-a', 'feature-b'),
    author: fc.integer({ min: 0, max: ACTORS.length - 1 }),
    change: validChange,
    upTo: fc.constantFrom('commit', 'open', 'approve', 'merge', 'merge-unapproved'),
  })
  .map(({ branch, author, change, upTo }) => {
    const by = ACTORS[author]!;
    const reviewer = ACTORS[(author + 1) % ACTORS.length]!;
    const out: Action[] = [{ commit: { ...change, author: by, branch } } as Action];
    if (upTo === 'commit') return out;
    out.push({ pr: { open: { branch, title: change.message, author: by } } });
    if (upTo === 'open') return out;
    if (upTo !== 'merge-unapproved') out.push({ pr: { approve: { branch, by: reviewer } } });
    if (upTo !== 'approve') out.push({ pr: { merge: { branch, by } } });
    return out;
  });

const revertAction: fc.Arbitrary<Action> = fc
  .record({ commit: fc.constantFrom('HEAD', 'HEAD', 'HEAD~1'), author: actor })
  .map((revert) => ({ revert }));

const KUBECTL_LINES = [
  fc.integer({ min: 0, max: 8 }).map((n) => `scale deployment/web --replicas=${n}`),
  image.map((i) => `set image deployment/web web=${i}`),
  actor.map((a) => `annotate deployment/web drift/by=${a} --overwrite`),
  fc.constantFrom('a', 'b').map((v) => `annotate configmap/web-config note=${v} --overwrite`),
  fc.constantFrom('a', 'b').map((v) => `label service web tier=${v} --overwrite`),
  fc
    .constantFrom('x', 'y')
    .map((v) => `patch configmap web-config -p '{"data":{"HOTFIX":"${v}"}}'`),
  fc.constantFrom(
    'delete configmap web-config',
    'delete deployment/web',
    'delete service web',
    'delete secret web-secret',
    'rollout restart deployment/web',
    'rollout undo deployment/web',
    'apply -f apps/web',
    'get pods',
  ),
];
const kubectlLine = fc.oneof(...KUBECTL_LINES);

const kubectlAction: fc.Arbitrary<Action> = fc
  .record({ lane: laneOrBoth, actor, run: kubectlLine })
  .map((kubectl) => ({ kubectl }));

const rollbackAction: fc.Arbitrary<Action> = fc
  .record({
    lane,
    method: fc.constantFrom<'rollout-undo' | 'rerun' | 'git-revert' | 'history'>(
      'rollout-undo',
      'rerun',
      'git-revert',
      'history',
    ),
    by: actor,
    disableAutoSync: fc.boolean(),
    to: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
  })
  .map(({ to, disableAutoSync, ...r }) => ({
    rollback: {
      ...r,
      ...(r.method === 'history' && to !== undefined ? { to } : {}),
      ...(disableAutoSync ? { disableAutoSync } : {}),
    },
  }));

const faultAction: fc.Arbitrary<Action> = fc.oneof(
  fc
    .integer({ min: 1, max: 3 })
    .map((count): Action => ({ fault: { lane: 'devops', kind: 'flaky-tests', count } })),
  fc
    .integer({ min: 0, max: 3 })
    .map((count): Action => ({ fault: { lane: 'devops', kind: 'deploy-fails-after', count } })),
  fc
    .record({
      lane: laneOrBoth,
      kind: fc.constantFrom<'ci-down' | 'git-unreachable' | 'reconciler-down' | 'flaky-tests'>(
        'ci-down',
        'git-unreachable',
        'reconciler-down',
        'flaky-tests',
      ),
      for: seconds(10, 900),
    })
    .map((fault): Action => ({ fault })),
  fc
    .record({ lane: laneOrBoth, run: kubectlLine, actor: fc.constant('mallory') })
    .map((f): Action => ({ fault: { ...f, kind: 'leaked-token' } })),
);

const setAction: fc.Arbitrary<Action> = fc.oneof(
  fc
    .record({ key: fc.constantFrom('selfHeal', 'prune', 'automated'), value: fc.boolean() })
    .map(({ key, value }) => ({ set: { lane: 'gitops' as const, [key]: value } })),
  fc.boolean().map((prune) => ({ set: { lane: 'devops' as const, prune } })),
);

const personAction: fc.Arbitrary<Action> = fc.oneof(
  actor.map((by) => ({ sync: { lane: 'gitops' as const, by } })),
  fc.constant({ refresh: { lane: 'gitops' as const } }),
  actor.map((by) => ({ rerun: { lane: 'devops' as const, by } })),
);

const wipeAction: fc.Arbitrary<Action> = laneOrBoth.map((l) => ({ wipe: { lane: l } }));

const one = (a: fc.Arbitrary<Action>) => a.map((x) => [x]);

/** One step of a history: an action, or a pull-request flow of up to four. */
const historyStep: fc.Arbitrary<Action[]> = fc.oneof(
  { arbitrary: one(waitAction), weight: 12 },
  { arbitrary: one(commitAction(validChange)), weight: 8 },
  { arbitrary: one(commitAction(invalidChange)), weight: 2 },
  { arbitrary: pullRequestFlow, weight: 2 },
  { arbitrary: one(revertAction), weight: 2 },
  { arbitrary: one(kubectlAction), weight: 6 },
  { arbitrary: one(rollbackAction), weight: 4 },
  { arbitrary: one(faultAction), weight: 4 },
  { arbitrary: one(setAction), weight: 4 },
  { arbitrary: one(personAction), weight: 2 },
  { arbitrary: one(wipeAction), weight: 1 },
);

const MAX_ACTIONS = 40;

/** Up to 40 actions; shrinking drops whole steps (a pull-request flow goes as one). */
export const historyActions: fc.Arbitrary<Action[]> = fc
  .array(historyStep, { maxLength: MAX_ACTIONS, size: 'max' })
  .map((steps) => steps.flat().slice(0, MAX_ACTIONS));

export const historySeed = fc.integer({ min: 0, max: 2 ** 31 - 1 });

// ---- running a history -----------------------------------------------------------------------------

/** The audit records [from, to) were written while `action` ran (index -1: the sandbox's start). */
export interface Span {
  index: number;
  action: Action | null;
  from: number;
  to: number;
  outcome: ActionOutcome | null;
  epilogue: boolean;
}

export interface History {
  run: ScenarioRun;
  sandbox: Sandbox;
  spans: Span[];
  /** The gitops lane's selfHeal option at the moment each record (by seq) was written. */
  selfHealAt: boolean[];
  /** When the last fault that stops the pull lane (reconciler down, Git unreachable) may end. */
  pullFaultUntil: number;
}

export async function startHistory(seed: number): Promise<History> {
  const run = await ScenarioRun.start(historyScenario(seed));
  const { sandbox } = run;
  const size = sandbox.audit.size;
  const selfHealAt: boolean[] = new Array<boolean>(size).fill(sandbox.gitops.options.selfHeal);
  sandbox.audit.subscribe((r: AuditRecord) => {
    selfHealAt[r.seq] = sandbox.gitops.options.selfHeal;
  });
  return {
    run,
    sandbox,
    spans: [{ index: -1, action: null, from: 0, to: size, outcome: null, epilogue: false }],
    selfHealAt,
    pullFaultUntil: 0,
  };
}

/** Runs one action as a user of the app would (recorded, so the run replays). Bugs throw. */
export async function act(h: History, action: Action, epilogue = false): Promise<ActionOutcome> {
  const from = h.sandbox.audit.size;
  if ('fault' in action && action.fault.for && action.fault.lane !== 'devops') {
    const ms = Number(action.fault.for.replace(/s$/, '')) * 1000;
    h.pullFaultUntil = Math.max(h.pullFaultUntil, h.sandbox.now() + ms);
  }
  const outcome = await h.run.act(action);
  h.spans.push({
    index: h.spans.length - 1,
    action,
    from,
    to: h.sandbox.audit.size,
    outcome,
    epilogue,
  });
  return outcome;
}

export async function runHistory(seed: number, actions: readonly Action[]): Promise<History> {
  const h = await startHistory(seed);
  for (const action of actions) await act(h, action);
  return h;
}

/** The span a record was written in. */
export function spanOf(h: History, seq: number): Span {
  let lo = 0;
  let hi = h.spans.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (h.spans[mid]!.from <= seq) lo = mid;
    else hi = mid - 1;
  }
  return h.spans[lo]!;
}
