// Hostile keys through every write path: `__proto__`, `constructor` and `prototype` as kubectl patch
// paths and bodies, label and container names, field paths, manifest and scenario keys, git console
// edits, scenario commit patches, `set` options, and kinds. Each is refused with a stable code (or,
// for a kind, answered as an unknown kind), and afterwards Object.prototype, Array.prototype and
// Object itself are exactly as they were (issue 11; src/sim/safe-keys.ts). kubectl's own wording
// for a patch the server rejects is "The request is invalid" (REFERENCE.md: kubectl behaviour).
import '../src/platform/node';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ClusterError, healthOf, type KObject, type PatchType } from '../src/sim/cluster';
import { deletePath, setPath } from '../src/sim/cluster/fieldpath';
import { applyPatch } from '../src/sim/cluster/patch';
import { parseManifestText } from '../src/sim/git/manifests';
import { GitConsoleError, parseGitLine } from '../src/sim/git-console';
import { webCluster, webDeployment, PIPELINE } from '../src/sim/kubectl/test-fixtures';
import { Sandbox } from '../src/sim/sandbox';
import {
  loadScenario,
  patchYaml,
  readField,
  runAction,
  ScenarioError,
  ScenarioRun,
  type Action,
} from '../src/sim/scenario';
import { staticCheck } from '../src/sim/scenario/static-check';
import { UNSAFE_KEYS } from '../src/sim/safe-keys';
import { PROPERTY_SEED, runs } from './properties/property-config';

const HOSTILE = [...UNSAFE_KEYS];
const FIXTURES = join(import.meta.dirname, 'hostile-keys');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

/** Every own property of the objects a pollution would reach, with its value. */
function prototypes(): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [name, target] of [
    ['Object.prototype', Object.prototype],
    ['Array.prototype', Array.prototype],
    ['Object', Object],
    ['Function.prototype', Function.prototype],
  ] as const) {
    for (const key of Reflect.ownKeys(target)) {
      out.set(`${name}.${String(key)}`, Object.getOwnPropertyDescriptor(target, key));
    }
  }
  return out;
}
const PRISTINE = prototypes();

afterEach(() => {
  // A failing case must not leave the next one (or the next test file) polluted.
  expect(prototypes()).toEqual(PRISTINE);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

const json = (value: unknown) => `'${JSON.stringify(value)}'`;

describe('kubectl refuses hostile keys', () => {
  const REQUEST_INVALID =
    /^The request is invalid: .*"(__proto__|constructor|prototype)" cannot be a field name/;
  it.each<[string, string, RegExp]>([
    [
      'a JSON patch that adds through __proto__',
      `patch deployment/web --type json -p ${json([{ op: 'add', path: '/__proto__/polluted', value: 'yes' }])}`,
      REQUEST_INVALID,
    ],
    [
      'a JSON patch that removes from __proto__',
      `patch deployment/web --type json -p ${json([{ op: 'remove', path: '/__proto__/hasOwnProperty' }])}`,
      REQUEST_INVALID,
    ],
    [
      'a JSON patch through constructor.prototype',
      `patch deployment/web --type json -p ${json([{ op: 'add', path: '/constructor/prototype/polluted', value: 'yes' }])}`,
      REQUEST_INVALID,
    ],
    [
      'a JSON patch that replaces metadata.__proto__',
      `patch deployment/web --type json -p ${json([{ op: 'replace', path: '/metadata/__proto__', value: { polluted: 'yes' } }])}`,
      REQUEST_INVALID,
    ],
    [
      'a JSON patch whose value holds __proto__',
      `patch deployment/web --type json -p '[{"op":"add","path":"/metadata/labels","value":{"__proto__":{"polluted":"yes"}}}]'`,
      REQUEST_INVALID,
    ],
    [
      'a merge patch with a top-level __proto__',
      `patch deployment/web --type merge -p '{"__proto__":{"polluted":"yes"}}'`,
      REQUEST_INVALID,
    ],
    [
      'a strategic merge patch with a nested constructor',
      `patch deployment/web -p '{"spec":{"constructor":{"prototype":{"polluted":"yes"}}}}'`,
      REQUEST_INVALID,
    ],
    [
      'a strategic merge patch inside a container',
      `patch deployment/web -p '{"spec":{"template":{"spec":{"containers":[{"name":"web","__proto__":{"polluted":"yes"}}]}}}}'`,
      REQUEST_INVALID,
    ],
    [
      'a YAML merge patch with a __proto__ key',
      `patch deployment/web --type merge -p '__proto__: {polluted: yes}'`,
      REQUEST_INVALID,
    ],
    [
      'a label named constructor',
      'label deployment/web constructor=yes',
      /^error: invalid label spec: constructor=yes: "constructor" cannot/,
    ],
    [
      'a label named __proto__ removed',
      'label deployment/web __proto__-',
      /^error: invalid label spec: __proto__-: "__proto__" cannot/,
    ],
    [
      'an annotation named prototype',
      'annotate deployment/web prototype=yes',
      /^error: invalid annotation format: prototype=yes: "prototype" cannot/,
    ],
    [
      'a container named __proto__ in set image',
      'set image deployment/web __proto__=evil:1',
      /^error: invalid image update: __proto__=evil:1: "__proto__" cannot/,
    ],
  ])('%s', async (_name, line, message) => {
    const { kubectl, cluster } = await webCluster();
    const before = JSON.stringify(cluster.list());
    const answer = kubectl(line);
    expect(answer).toMatchObject({ ok: false, changed: false });
    expect(answer.stderr).toMatch(message);
    expect(JSON.stringify(cluster.list())).toBe(before);
  });

  it('a label that only shares a name with a prototype method is set, not mistaken for one', async () => {
    const { kubectl } = await webCluster();
    expect(kubectl('label deployment/web toString=yes')).toMatchObject({ ok: true, changed: true });
  });

  it.each(['__proto__', 'constructor', 'valueOf', 'toString'])(
    'get %s is an unknown resource type',
    async (type) => {
      const { kubectl } = await webCluster();
      expect(kubectl(`get ${type}`).stderr).toBe(
        `error: the server doesn't have a resource type "${type}"`,
      );
    },
  );
});

describe('the API server refuses objects and patches with hostile keys', () => {
  const polluting = (key: string) =>
    JSON.parse(`{"${key}": {"polluted": "yes"}}`) as Record<string, unknown>;

  it.each(HOSTILE)('applyPatch refuses %s in every patch type, with E_UNSAFE_KEY', (key) => {
    const obj = webDeployment();
    const cases: [unknown, PatchType][] = [
      [[{ op: 'add', path: `/${key}/polluted`, value: 'yes' }], 'json'],
      [[{ op: 'add', path: '/spec/x', value: polluting(key) }], 'json'],
      [polluting(key), 'merge'],
      [{ spec: polluting(key) }, 'strategic'],
    ];
    for (const [patch, type] of cases) {
      expect(() => applyPatch(obj, patch, type)).toThrow(
        expect.objectContaining({
          code: 'E_UNSAFE_KEY',
          message: expect.stringMatching(/^The request is invalid: /) as unknown,
        }),
      );
    }
  });

  it.each(HOSTILE)(
    'apply refuses a manifest with a %s field, records the refusal, stores nothing',
    async (key) => {
      const { cluster, audit } = await webCluster();
      const manifest = { ...webDeployment(), metadata: { name: 'evil', ...polluting(key) } };
      const records = audit.records().length;
      expect(() => cluster.apply(manifest, PIPELINE)).toThrow(
        expect.objectContaining({
          code: 'E_UNSAFE_KEY',
          message: `The Deployment "evil" is invalid: metadata.${key}: Forbidden: "${key}" cannot be a field name or key (__proto__, constructor and prototype are refused)`,
        }),
      );
      expect(cluster.get({ kind: 'Deployment', name: 'evil' })).toBeUndefined();
      expect(
        audit
          .records()
          .slice(records)
          .map((r) => r.verb),
      ).toEqual(['refuse']);
    },
  );

  it('apply refuses a Secret whose stringData names __proto__ (folded into data, it would vanish)', async () => {
    const { cluster } = await webCluster();
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      stringData: polluting('__proto__'),
    };
    expect(() => cluster.apply(secret, PIPELINE)).toThrow(
      expect.objectContaining({ code: 'E_UNSAFE_KEY' }),
    );
  });

  it('an update that adds a hostile field is refused', async () => {
    const { cluster } = await webCluster();
    const write = () =>
      cluster.update({ kind: 'Deployment', name: 'web' }, PIPELINE, (d) => {
        Object.assign(d.spec as object, polluting('constructor'));
      });
    expect(write).toThrow(expect.objectContaining({ code: 'E_UNSAFE_KEY' }));
  });

  it.each(['__proto__', 'constructor', 'valueOf', 'hasOwnProperty'])(
    'kind %s is an unknown kind: no match, no health check',
    async (kind) => {
      const { cluster } = await webCluster();
      const manifest = { apiVersion: 'v1', kind, metadata: { name: 'x' } };
      expect(() => cluster.apply(manifest, PIPELINE)).toThrow(
        expect.objectContaining({ code: 'E_NO_KIND_MATCH' }),
      );
      expect(healthOf(manifest as KObject)).toBeNull();
    },
  );

  it.each(HOSTILE)('setPath and deletePath refuse a path through %s', (key) => {
    const obj = webDeployment();
    expect(() => setPath(obj, [key, 'polluted'], 'yes')).toThrow(
      expect.objectContaining({ code: 'E_UNSAFE_KEY' }),
    );
    expect(() => deletePath(obj, [key, 'hasOwnProperty'])).toThrow(
      expect.objectContaining({ code: 'E_UNSAFE_KEY' }),
    );
  });
});

describe('files and lines that name hostile keys', () => {
  it('a manifest with a __proto__ key is refused at the key, as a parse error is', () => {
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: web',
      '  __proto__:',
      '    polluted: yes',
    ].join('\n');
    const parsed = parseManifestText(text);
    expect(parsed.docs).toEqual([]);
    expect(parsed.errors).toEqual([
      expect.objectContaining({
        line: 5,
        code: 'UNSAFE_KEY',
        message: expect.stringContaining('"__proto__" cannot be a field name') as unknown,
      }),
    ]);
  });

  it('a scenario with a __proto__ key is refused with file:line, not silently dropped', () => {
    const load = () =>
      loadScenario(fixture('scenario-with-proto-key.yaml'), 'scenario-with-proto-key.yaml');
    expect(load).toThrow(ScenarioError);
    try {
      load();
    } catch (e) {
      expect((e as ScenarioError).problems).toEqual([
        expect.objectContaining({
          code: 'E_UNSAFE_KEY',
          file: 'scenario-with-proto-key.yaml',
          line: 5,
          col: 3,
        }),
      ]);
    }
  });

  it.each<[string, string, string, number, RegExp]>([
    [
      'a manifest with a __proto__ key, at its entry and at the key in the file',
      'manifest-with-proto-key.yaml',
      'E_UNSAFE_KEY',
      7,
      /^apps\/web\/deployment\.yaml:5:3: "__proto__" cannot be/,
    ],
    [
      'a commit patch path through __proto__, at its line',
      'commit-patch-through-proto.yaml',
      'E_PATCH',
      31,
      /"__proto__" cannot be a field name/,
    ],
  ])('validate refuses %s', (_name, file, code, line, message) => {
    const text = fixture(file);
    const problems = staticCheck(loadScenario(text, file), text, file);
    expect(problems.map((p) => [p.code, p.line])).toEqual([[code, line]]);
    expect(problems[0]!.message).toMatch(message);
  });

  it.each(HOSTILE)('the git console refuses an edit through %s', (key) => {
    const line = `git commit -m p apps/web/deployment.yaml:${key}.polluted=yes`;
    expect(() => parseGitLine(line, 'you')).toThrow(
      expect.objectContaining({ code: 'E_UNSAFE_KEY' }),
    );
    expect(() => parseGitLine(line, 'you')).toThrow(GitConsoleError);
  });

  it('the git console keeps a file named __proto__ as a file (its patch record has no prototype)', () => {
    const parsed = parseGitLine('git commit -m p __proto__:spec.replicas=2', 'you');
    expect(
      parsed.kind === 'action' &&
        'commit' in parsed.action &&
        Object.keys(parsed.action.commit.patch ?? {}),
    ).toEqual(['__proto__']);
  });

  it.each(['constructor', 'metadata.__proto__', 'spec.toString'])(
    'an expectation path %s names no field',
    (path) => {
      expect(readField(webDeployment(), path)).toBeUndefined();
    },
  );

  it.each(HOSTILE)('patchYaml refuses a path through %s', (key) => {
    expect(() => patchYaml('a: 1\n', 'f.yaml', { [`${key}.polluted`]: 'yes' })).toThrow(
      expect.objectContaining({
        code: 'E_PATCH',
        message: expect.stringContaining(`"${key}" cannot be a field name`) as unknown,
      }),
    );
  });
});

describe('scenario fixtures run to the end, with no internal error', () => {
  it.each([
    [
      'manifest-with-proto-key.yaml',
      /apps\/web\/deployment\.yaml:5:\d+: "__proto__" cannot be a field name/,
    ],
    ['kind-named-proto.yaml', /no matches for kind "__proto__"/],
    ['kind-named-constructor.yaml', /no matches for kind "constructor"/],
    ['kind-named-valueof.yaml', /no matches for kind "valueOf"/],
  ])('%s', async (file, refusal) => {
    const scenario = loadScenario(fixture(file), file);
    const run = await ScenarioRun.start(scenario);
    await run.runUntil(scenario.steps.length);
    expect(run.results.flatMap((r) => r.expectations.filter((e) => !e.ok))).toEqual([]);
    const said = [
      ...run.sandbox.audit.records().map((r) => r.message ?? ''),
      ...run.sandbox.gitops.apps.flatMap((a) => a.conditions.map((c) => c.message)),
    ].join('\n');
    expect(said).toMatch(refusal);
  });

  it('kubectl-patches-through-proto.yaml: every patch is refused, the Deployment is unchanged', async () => {
    const file = 'kubectl-patches-through-proto.yaml';
    const scenario = loadScenario(fixture(file), file);
    const run = await ScenarioRun.start(scenario);
    await run.runUntil(scenario.steps.length);
    const outcomes = run.results[0]!.actions.slice(1);
    expect(outcomes).toHaveLength(5);
    for (const o of outcomes) expect(o).toMatchObject({ ok: false });
    expect(run.results[0]!.expectations.every((e) => e.ok)).toBe(true);
  });
});

describe('scenario actions from a link (JSON, own __proto__ keys)', () => {
  const sandbox = () =>
    Sandbox.create({
      files: { 'apps/web/deployment.yaml': JSON.stringify(webDeployment()) },
      path: 'apps/web',
    });

  it.each<[string, string]>([
    [
      'a set action with a __proto__ option',
      '{"set":{"lane":"gitops","__proto__":{"polluted":"yes"}}}',
    ],
    [
      'a commit whose patch names __proto__',
      '{"commit":{"message":"p","patch":{"apps/web/deployment.yaml":{"__proto__.polluted":"yes"}}}}',
    ],
    [
      'a commit that writes a file named __proto__',
      '{"commit":{"message":"p","write":{"__proto__":"polluted: yes"}}}',
    ],
  ])('%s is refused or kept to itself', async (_name, text) => {
    const box = await sandbox();
    const outcome = await runAction(box, JSON.parse(text) as Action);
    expect(outcome.text).not.toMatch(/internal|TypeError/);
  });
});

describe('random key paths with hostile segments (property)', () => {
  const segment = fc.stringMatching(/^[a-z][a-zA-Z]{0,8}$/).filter((s) => !UNSAFE_KEYS.has(s));
  const hostilePath = fc
    .tuple(
      fc.array(segment, { maxLength: 4 }),
      fc.constantFrom(...HOSTILE),
      fc.array(segment, { maxLength: 3 }),
    )
    .map(([before, bad, after]) => ({ path: [...before, bad, ...after], bad }));

  it('JSON patch, merge patch, strategic merge, field paths and git console edits all refuse them', () => {
    fc.assert(
      fc.property(hostilePath, fc.constantFrom('add', 'replace', 'remove'), ({ path, bad }, op) => {
        const obj = webDeployment();
        const nested = path.reduceRight<unknown>(
          (inner, key) => JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(inner)}}`),
          'yes',
        );
        const refusals: [string, () => unknown][] = [
          [
            'json',
            () => applyPatch(obj, [{ op, path: `/${path.join('/')}`, value: 'yes' }], 'json'),
          ],
          ['merge', () => applyPatch(obj, nested, 'merge')],
          ['strategic', () => applyPatch(obj, nested, 'strategic')],
          ['setPath', () => setPath(obj, path, 'yes')],
          ['deletePath', () => deletePath(obj, path)],
          ['git', () => parseGitLine(`git commit -m p f.yaml:${path.join('.')}=yes`, 'you')],
        ];
        for (const [, write] of refusals)
          expect(write).toThrow(expect.objectContaining({ code: 'E_UNSAFE_KEY' }));
        expect(() => patchYaml('a: 1\n', 'f.yaml', { [path.join('.')]: 1 })).toThrow(
          `"${bad}" cannot be a field name`,
        );
        expect(prototypes()).toEqual(PRISTINE);
        expect(obj).toEqual(webDeployment());
      }),
      { seed: PROPERTY_SEED, numRuns: runs(200) },
    );
  });

  it('a manifest with a hostile key at any depth is refused at that key', () => {
    fc.assert(
      fc.property(hostilePath, ({ path, bad }) => {
        const lines = path.map((key, depth) => `${'  '.repeat(depth)}${key}:`);
        const text = `${lines.join('\n')} yes\n`;
        const parsed = parseManifestText(text);
        expect(parsed.docs).toEqual([]);
        expect(parsed.errors[0]).toMatchObject({ code: 'UNSAFE_KEY', line: path.indexOf(bad) + 1 });
      }),
      { seed: PROPERTY_SEED, numRuns: runs(200) },
    );
  });
});

it('refusals are ClusterErrors the console and the audit can read', async () => {
  const { cluster } = await webCluster();
  const refusal = (() => {
    try {
      cluster.apply(
        JSON.parse(
          '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"__proto__":"x"}}',
        ),
        PIPELINE,
      );
    } catch (e) {
      return e;
    }
  })();
  expect(refusal).toBeInstanceOf(ClusterError);
});
