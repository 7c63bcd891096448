// Fuzzing the manifest loader: random text, random YAML values, the project's manifest fixtures
// (the podinfo-hpa folder, the starter and guestbook repositories) mutated, and hostile YAML.
// parseManifestText never throws: every problem is data with a YAML error code and a position
// inside the text, and parsed documents are frozen. Committed to a running sandbox, the same text
// goes through loadDesired to both lanes: nothing throws, and a folder with an error is refused
// whole by the pull lane (Argo CD's ComparisonError), which leaves its cluster as it was, while
// the push lane records a failed deploy of that revision.
import '../../src/platform/node';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadDesired } from '../../src/sim/apps/apps';
import { parseManifestText } from '../../src/sim/git/manifests';
import { PROPERTY_SEED, runs, timeoutFor } from '../properties/property-config';
import { APP_PATH, startHistory } from '../properties/random-history';
import { fixtureManifestTexts, mutated, Tally } from './mutate';

const RUNS = runs(400);
const tally = new Tally();
const fixtures = fixtureManifestTexts();

function isDeepFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeepFrozen);
}

/** parseManifestText's contract, for any text. */
function checkParse(text: string): ReturnType<typeof parseManifestText> {
  const parsed = parseManifestText(text);
  const lines = text.split('\n').length;
  for (const e of parsed.errors) {
    expect(Number.isInteger(e.line) && e.line >= 1 && e.line <= lines + 1, JSON.stringify(e)).toBe(
      true,
    );
    expect(Number.isInteger(e.col) && e.col >= 1, JSON.stringify(e)).toBe(true);
    expect(typeof e.code === 'string' && e.code.length > 0).toBe(true);
    expect(typeof e.message).toBe('string');
  }
  let last = -1;
  for (const d of parsed.docs) {
    expect(d.index).toBeGreaterThan(last);
    last = d.index;
    expect(d.doc === null || d.doc === undefined).toBe(false);
    expect(isDeepFrozen(d.doc)).toBe(true);
  }
  return parsed;
}

/**
 * Whether every map document names an object (apiVersion and kind strings, metadata.name a
 * string). A map that does not is a manifest error (NOT_AN_OBJECT), which refuses its folder.
 */
function namesItsObjects(text: string): boolean {
  return parseManifestText(text).docs.every(({ doc }) => {
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return true;
    const o = doc as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
    return (
      typeof o.apiVersion === 'string' &&
      typeof o.kind === 'string' &&
      typeof o.metadata === 'object' &&
      o.metadata !== null &&
      typeof o.metadata.name === 'string'
    );
  });
}

const kubeLike = fc.record({
  apiVersion: fc.constantFrom('v1', 'apps/v1', 'batch/v1', 'x/y', ''),
  kind: fc.constantFrom('ConfigMap', 'Deployment', 'Service', 'Secret', 'Pod', 'Nope', ''),
  metadata: fc.record({ name: fc.oneof(fc.constantFrom('web', 'fuzz', 'UPPER', ''), fc.string()) }),
  data: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
});

const anyManifestText = fc.oneof(
  { arbitrary: fc.string({ maxLength: 300 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 300 }), weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => stringify(v) ?? ''), weight: 1 },
  {
    arbitrary: fc
      .array(kubeLike, { maxLength: 3 })
      .map((docs) => docs.map((d) => stringify(d)).join('---\n')),
    weight: 2,
  },
  { arbitrary: mutated(fixtures), weight: 5 },
);

describe('fuzzing the manifest loader', () => {
  it(
    'parseManifestText never throws and locates every problem',
    () => {
      fc.assert(
        fc.property(anyManifestText, (text) => {
          tally.add('texts parsed');
          checkParse(text);
        }),
        { seed: PROPERTY_SEED, numRuns: RUNS * 3 },
      );
    },
    timeoutFor(RUNS * 3, 10),
  );

  it('refuses hostile YAML as data', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++)
      bomb.push(
        `${'abcdefghijklm'[i]}: &${'abcdefghijklm'[i]} [${Array(10)
          .fill(`*${'abcdefghijklm'[i - 1]}`)
          .join(', ')}]`,
      );
    const hostile = {
      'an alias bomb': bomb.join('\n'),
      'deep nesting': `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
      'a long document': `kind: ConfigMap\ndata:\n${'  k: v\n'.repeat(10_000)}`,
      'many documents': '---\na: 1\n'.repeat(2_000),
      'unknown tags': '!!binaryenv x\n--- !foo\na: !!int nope\n',
    };
    // A hang (an alias bomb expanded, a parser stuck) fails by the test's timeout: no wall-clock
    // assertion here, the machine is shared (bench/ measures speed).
    for (const [what, text] of Object.entries(hostile)) {
      tally.add('hostile texts');
      expect(() => checkParse(text), what).not.toThrow();
    }
    expect(parseManifestText(hostile['an alias bomb']).errors.length).toBeGreaterThan(0);
  }, 60_000);

  it(
    'a folder with a bad manifest is refused whole by the pull lane and fails the push lane',
    async () => {
      const SETTLE_MS = 5 * 60_000;
      const AFTER_MS = 10 * 60_000;
      await fc.assert(
        fc.asyncProperty(anyManifestText, async (text) => {
          tally.add('texts committed to a sandbox');
          const { sandbox } = await startHistory(1);
          await sandbox.advance(SETTLE_MS);
          const before = JSON.stringify(sandbox.clusters.gitops.list());
          const sha = await sandbox.commit({
            author: 'fuzz',
            message: 'a fuzzed manifest',
            write: { [`${APP_PATH}/fuzz.yaml`]: text },
          });
          const desired = await loadDesired(sandbox.repo, sha, sandbox.apps[0]!);
          if (!namesItsObjects(text)) {
            tally.add('of which a map names no object');
            expect(desired.errors.length, 'a map that names no object is an error').toBeGreaterThan(
              0,
            );
          }
          await sandbox.advance(AFTER_MS);
          if (desired.errors.length === 0) return;
          tally.add('of which refused');
          expect(JSON.stringify(sandbox.clusters.gitops.list())).toBe(before);
          expect(sandbox.status('gitops').sync).not.toBe('Synced');
          const failed = sandbox.audit
            .records()
            .some(
              (r) => r.cluster === 'devops' && r.verb === 'deploy-failed' && r.revision === sha,
            );
          expect(failed, 'the pipeline records a failed deploy of the bad revision').toBe(true);
          const apply = await sandbox.kubectl('devops', `apply -f ${APP_PATH}/fuzz.yaml`, 'fuzz');
          expect(apply.stderr).not.toContain('error: internal');
        }),
        { seed: PROPERTY_SEED, numRuns: Math.max(10, Math.round(RUNS / 10)) },
      );
    },
    timeoutFor(RUNS / 10, 400),
  );

  // A YAML map without `metadata.name` (`{}`, `a: 1`, `kind: ConfigMap`) or without `apiVersion`
  // (`metadata: {}`) is a manifest error (NOT_AN_OBJECT): the pull lane refuses the folder, and
  // nothing throws out of the sandbox.
  it.each(['{}\n', 'a: 1\n', 'kind: ConfigMap\n', 'metadata: {}\n'])(
    'a map that names no object (%j) is refused with NOT_AN_OBJECT, not thrown',
    async (text) => {
      const { sandbox } = await startHistory(1);
      await sandbox.advance(5 * 60_000);
      const before = JSON.stringify(sandbox.clusters.gitops.list());
      const sha = await sandbox.commit({
        author: 'fuzz',
        message: 'm',
        write: { [`${APP_PATH}/fuzz.yaml`]: text },
      });
      const desired = await loadDesired(sandbox.repo, sha, sandbox.apps[0]!);
      expect(desired.errors).toEqual([
        expect.objectContaining({ file: `${APP_PATH}/fuzz.yaml`, code: 'NOT_AN_OBJECT' }),
      ]);
      await sandbox.advance(10 * 60_000);
      expect(sandbox.status('gitops').sync).not.toBe('Synced');
      expect(JSON.stringify(sandbox.clusters.gitops.list())).toBe(before);
    },
  );

  it('reports the count', () => {
    console.log(`manifest loader fuzz: ${tally.total} inputs (${tally.toString()})`);
    expect(tally.total).toBeGreaterThan(0);
  });
});
