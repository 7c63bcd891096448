// Fuzzing the kubectl console: random text, word salad from kubectl's own vocabulary, and
// mutations of the lines the library scenarios and the history generator type. parseKubectl
// answers a ParsedCommand or a coded KubectlError; runKubectl never throws, never reaches its
// `error: internal` catch-all, fails with something on stderr, never prints a Secret's value, and
// a line that changed nothing left the cluster as it was. Through the sandbox (both lanes, with and
// without a leaked CI token) a refused line leaves the whole sandbox as it was.
import '../../src/platform/node';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { librarySources } from '../../src/cli/library';
import { toBase64 } from '../../src/sim/cluster/secret';
import {
  isKubectlError,
  parseKubectl,
  runKubectl,
  type KubectlErrorCode,
} from '../../src/sim/kubectl';
import { SECRET_VALUE, webCluster } from '../../src/sim/kubectl/test-fixtures';
import { loadScenario } from '../../src/sim/scenario';
import type { Sandbox } from '../../src/sim/sandbox';
import { PROPERTY_SEED, runs, timeoutFor } from '../properties/property-config';
import { startHistory } from '../properties/random-history';
import { mutated, Tally } from './mutate';

const CODES = new Set<KubectlErrorCode>([
  'E_SYNTAX',
  'E_UNKNOWN_COMMAND',
  'E_UNSUPPORTED',
  'E_UNKNOWN_FLAG',
  'E_FLAG_VALUE',
  'E_MISSING_ARGUMENT',
  'E_BAD_ARGUMENT',
  'E_UNKNOWN_RESOURCE_TYPE',
  'E_NO_REPO',
  'E_FILE',
  'E_UNSAFE_KEY',
]);
const RUNS = runs(300);
const tally = new Tally();

/** Every kubectl line the library scenarios type (kubectl actions and leaked-token runs). */
function libraryLines(): string[] {
  const lines = new Set<string>();
  for (const source of librarySources()) {
    for (const step of loadScenario(source.text, source.file).steps)
      for (const action of step.do ?? []) {
        if ('kubectl' in action) lines.add(action.kubectl.run);
        if ('fault' in action && action.fault.run) lines.add(action.fault.run);
      }
  }
  return [...lines];
}

const KNOWN_LINES = [
  ...libraryLines(),
  'get pods -o wide',
  'get deploy web -o yaml',
  'describe secret db',
  'get secret db -o json',
  'scale deployment/web --replicas=5',
  'set image deployment/web web=web:2.0',
  'annotate deployment/web drift/by=bob --overwrite',
  'patch deployment web -p \'{"spec":{"replicas":2}}\'',
  'patch deployment web --type=json -p \'[{"op":"replace","path":"/spec/replicas","value":1}]\'',
  'label service web tier=a --overwrite',
  'delete configmap web-config --ignore-not-found',
  'rollout undo deployment/web --to-revision=1',
  'rollout history deployment/web',
  'apply -f apps/web --dry-run=server',
  'get all -A -l app=web',
];

const VOCABULARY = [
  'kubectl',
  'get',
  'describe',
  'apply',
  'delete',
  'scale',
  'set',
  'image',
  'patch',
  'label',
  'annotate',
  'rollout',
  'undo',
  'restart',
  'status',
  'history',
  'version',
  'api-resources',
  'help',
  'create',
  'edit',
  'exec',
  'logs',
  'deployment',
  'deploy',
  'deployments.apps',
  'pods',
  'po',
  'svc',
  'service',
  'configmap',
  'cm',
  'secret',
  'secrets',
  'rs',
  'replicaset',
  'namespace',
  'ns',
  'hpa',
  'all',
  'nodes',
  'crd',
  'foo',
  'web',
  'db',
  'web-config',
  'default',
  'kube-system',
  'deployment/web',
  'svc/web',
  'secret/db',
  '-',
  '--',
  '--replicas=3',
  '--replicas',
  '-1',
  '--replicas=-1',
  '--replicas=abc',
  '-o',
  'yaml',
  'json',
  'wide',
  'name',
  'jsonpath={.spec}',
  '-n',
  '-A',
  '--all-namespaces',
  '-l',
  'app=web',
  'app!=web',
  "'app in (web)'",
  '--selector',
  '-f',
  'apps/web',
  'apps/web/deployment.yaml',
  './',
  '../',
  '/etc/passwd',
  '.git/config',
  '--dry-run=client',
  '--dry-run=server',
  '--dry-run',
  '--server-side',
  '--force-conflicts',
  '--prune',
  '--all',
  '--overwrite',
  '--to-revision=1',
  '--to-revision=0',
  '-p',
  '\'{"spec":{"replicas":2}}\'',
  '\'{"data":null}\'',
  '--type=merge',
  '--type=json',
  '--type=strategic',
  '\'[{"op":"remove","path":"/spec"}]\'',
  'web=web:2.0',
  'web=',
  '=x',
  'a=b',
  'a-',
  'drift/by=x',
  '--show-labels',
  '--show-managed-fields',
  '--ignore-not-found',
  '--cascade=orphan',
  '--grace-period=0',
  '--now',
  '--help',
  '-h',
  '-w',
  '--timeout=1s',
  "'",
  '"',
  '\\',
  '$HOME',
  '`id`',
  '\u00e9',
  '\0',
];

const wordSalad = fc
  .array(fc.constantFrom(...VOCABULARY), { minLength: 1, maxLength: 8 })
  .map((words) => words.join(' '));
const line = fc.oneof(
  { arbitrary: fc.string({ maxLength: 80 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 80 }), weight: 1 },
  { arbitrary: wordSalad, weight: 4 },
  { arbitrary: mutated(KNOWN_LINES), weight: 4 },
  { arbitrary: fc.constantFrom(...KNOWN_LINES), weight: 1 },
);

const SECRETS = [SECRET_VALUE, toBase64(SECRET_VALUE), 'hunter2', toBase64('hunter2')];

describe('fuzzing kubectl', () => {
  it(
    'parseKubectl answers a command or a coded error',
    () => {
      fc.assert(
        fc.property(line, (text) => {
          tally.add('lines parsed');
          const parsed = parseKubectl(text);
          if (isKubectlError(parsed)) {
            expect(CODES.has(parsed.code)).toBe(true);
            expect(parsed.message.length).toBeGreaterThan(0);
          } else expect(typeof parsed.verb).toBe('string');
        }),
        { seed: PROPERTY_SEED, numRuns: RUNS * 3 },
      );
    },
    timeoutFor(RUNS * 3, 5),
  );

  it(
    'runKubectl never throws, fails on stderr, masks Secrets, and changes nothing it says it did not',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 6 }), async (lines) => {
          const { cluster } = await webCluster();
          for (const text of lines) {
            tally.add('lines run on a cluster');
            const before = JSON.stringify(cluster.list());
            const result = runKubectl(text, { cluster, actor: 'fuzz' });
            expect(typeof result.stdout).toBe('string');
            expect(result.stderr).not.toContain('error: internal');
            if (!result.ok) expect(result.stderr.length).toBeGreaterThan(0);
            for (const s of SECRETS) expect(`${result.stdout}\n${result.stderr}`).not.toContain(s);
            if (!result.changed) expect(JSON.stringify(cluster.list()), text).toBe(before);
            if (isKubectlError(parseKubectl(text))) expect(result.ok).toBe(false);
          }
        }),
        { seed: PROPERTY_SEED, numRuns: RUNS },
      );
    },
    timeoutFor(RUNS, 40),
  );

  it(
    'through the sandbox, a refused line leaves the sandbox as it was',
    async () => {
      const fingerprint = async (s: Sandbox) =>
        JSON.stringify({
          devops: s.clusters.devops.list(),
          gitops: s.clusters.gitops.list(),
          head: await s.repo.resolve('HEAD'),
          branches: await s.repo.listBranches(),
          status: [s.status('devops'), s.status('gitops')],
          now: s.now(),
        });
      const call = fc.record({
        lane: fc.constantFrom('devops' as const, 'gitops' as const),
        text: line,
        leakedToken: fc.boolean(),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 8 }), async (calls) => {
          const { sandbox } = await startHistory(1);
          for (const { lane, text, leakedToken } of calls) {
            tally.add('lines run through the sandbox');
            const before = await fingerprint(sandbox);
            const result = await sandbox.kubectl(lane, text, 'fuzz', { leakedToken });
            expect(result.stderr).not.toContain('error: internal');
            for (const s of SECRETS) expect(`${result.stdout}\n${result.stderr}`).not.toContain(s);
            if (!result.ok && !result.changed)
              expect(await fingerprint(sandbox), text).toBe(before);
          }
        }),
        { seed: PROPERTY_SEED, numRuns: Math.max(10, Math.round(RUNS / 10)) },
      );
    },
    timeoutFor(RUNS / 10, 400),
  );

  it('reports the count', () => {
    console.log(`kubectl fuzz: ${tally.total} inputs (${tally.toString()})`);
    expect(tally.total).toBeGreaterThan(0);
  });
});
