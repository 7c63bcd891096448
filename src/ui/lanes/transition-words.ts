// A machine transition in a learner's words: `CI_RESTORED [ciAvailable]` reads "when CI is back",
// `after test [testsPass]` "tests done, if they pass". The raw event and guard names stay
// available on hover (the diagram's title) and in the transition list, where a reader of the
// machine code looks for them. Words are kept per event label and per guard name; a name with no
// words here is shown as it is, so a new event or guard is never hidden.

/** Events by their label (event-label.ts): what happened. */
const EVENT: Readonly<Record<string, string>> = {
  PUSH: 'on a push to main',
  CI_RESTORED: 'when CI is back',
  APPROVE: 'when someone approves',
  'after checkout': 'checkout done',
  'after build': 'build done',
  'after test': 'tests done',
  'after deploy': 'deploy done',
  'after verifyTimeout': 'verify timed out',
  REFRESH: 'on Refresh',
  WEBHOOK: 'on a webhook',
  SYNC: 'on Sync',
  'after pollDelay': 'poll interval over',
  WATCH: 'the watch sees a live change',
  RETRY: 'a retry is due',
  APPLIED: 'something was applied',
  'fetching done': 'Git fetched',
  'fetching error': 'fetch failed',
  'comparing done': 'diff done',
  'comparing error': 'diff failed',
  SYNC_DONE: 'sync finished',
  RECOVER: 'when it recovers',
  GO_DOWN: 'when it goes down',
  TAKE_QUEUED: "the queued request's turn",
};

/** Guards by name: the condition, as a clause. */
const GUARD: Readonly<Record<string, string>> = {
  ciAvailable: 'CI is back',
  testsPass: 'they pass',
  firstAppGated: 'the first app needs approval',
  nextAppGated: 'the next app needs approval',
  moreApps: 'apps are left',
  deployFailed: 'it failed',
  rolloutFailed: 'the rollout failed',
  rolloutComplete: 'the rollout is complete',
  hasQueued: 'a run is queued',
  cancelsRunning: 'it cancels the run in progress',
  replacesPending: 'it replaces the pending run',
  webhookEnabled: 'webhooks are on',
  watchEnabled: 'the watch is on',
  shouldSync: 'auto-sync is due',
  queued: 'a request waits in the queue',
  handedOut: 'one was handed out',
};

/**
 * What a transition that stays in its state does, by the first of its actions named here: the
 * queues. Requests to a busy reconciler wait in its queue, as Argo CD's work queue holds an app
 * key while a worker reconciles it (REFERENCE.md, the application controller); pushes to a busy
 * pipeline wait for a runner, or replace the pending run in a concurrency group.
 */
const STAY: Readonly<Record<string, string>> = {
  queue: 'a request is queued',
  handOut: 'takes up the queued request',
  takeUp: 'the queued request runs',
  supersede: 'a newer push replaces the pending run',
  enqueue: 'a push waits for a runner',
};

/** Pairs whose guard only repeats the event: said once. */
const SAID: Readonly<Record<string, string>> = {
  'CI_RESTORED [ciAvailable]': 'when CI is back',
};

const own = (table: Readonly<Record<string, string>>, key: string): string | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

function guardWords(guard: string): string {
  const any = guard.split(' || ');
  if (any.length > 1) return any.map(guardWords).join(' or ');
  return guard
    .split(' && ')
    .map((g) => own(GUARD, g) ?? g)
    .join(' and ');
}

/**
 * A transition label (`event` or `event [guard]`, as machine-graph.ts writes them) in words. An
 * eventless transition reads "when <guard>", or "otherwise" with no guard (the fall-through).
 */
export function transitionWords(label: string): string {
  const said = own(SAID, label);
  if (said) return said;
  const m = /^(.*?)(?: \[(.+)\])?$/.exec(label)!;
  const [event, guard] = [m[1]!, m[2]];
  if (event === 'always') return guard ? `when ${guardWords(guard)}` : 'otherwise';
  const words = own(EVENT, event) ?? event;
  return guard ? `${words}, if ${guardWords(guard)}` : words;
}

/**
 * A transition that stays in its state (no target), in words: what its actions do (the queues),
 * else its label's words.
 */
export function stayWords(label: string, actions: readonly string[]): string {
  for (const action of actions) {
    const words = own(STAY, action);
    if (words) return words;
  }
  return transitionWords(label);
}
