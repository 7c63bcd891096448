import '../../platform/node';
import fc from 'fast-check';
import * as git from 'isomorphic-git';
import { describe, expect, it } from 'vitest';
import { createMemoryRepo } from './memory-fs';
import { commitContent, looseObject, treeContent, useDeflate } from './loose-object';
import { unzlibSync, zlibSync } from 'fflate';
import { deflateSync } from 'node:zlib';
import { FILE_MODE, TREE_MODE } from './objects';
import type { CommitObject, TreeEntry } from 'isomorphic-git';

const hex = fc.stringMatching(/^[0-9a-f]{40}$/);
// Names as the repository allows them, with the characters that test git's ordering: '-', '.',
// '/'-sorted directories, digits, capitals, and a few beyond ASCII.
const CHARS = [...'abcXYZ019._-', 'é', '€', '😀'];
const name = fc
  .array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 12 })
  .map((cs) => cs.join(''))
  .filter((n) => n !== '.' && n !== '..');
const entries = fc
  .uniqueArray(fc.record({ path: name, oid: hex, dir: fc.boolean() }), {
    selector: (e) => e.path,
    minLength: 1,
    maxLength: 12,
  })
  .map((list) =>
    list.map((e): TreeEntry => ({
      path: e.path,
      oid: e.oid,
      mode: e.dir ? TREE_MODE : FILE_MODE,
      type: e.dir ? 'tree' : 'blob',
    })),
  );
const person = fc.record({
  name: fc.stringMatching(/^[A-Za-z][A-Za-z .]{0,15}$/),
  email: fc.stringMatching(/^[a-z]{1,8}@[a-z]{1,8}\.dev$/),
  timestamp: fc.integer({ min: 0, max: 2_000_000_000 }),
  timezoneOffset: fc.constantFrom(0, -0, -120, 60, 330, -345),
});
const commit = fc.record({
  tree: hex,
  parent: fc.array(hex, { maxLength: 2 }),
  author: person,
  committer: person,
  message: fc.string({ minLength: 1, maxLength: 80 }).map((m) => `${m.replace(/[\r\n]/g, ' ')}x\n`),
});

describe('loose objects made without isomorphic-git', () => {
  it('have the ids isomorphic-git gives the same blobs, trees and commits', async () => {
    const { ctx } = await createMemoryRepo();
    await fc.assert(
      fc.asyncProperty(entries, commit, fc.string(), async (tree, c, text) => {
        const blob = new TextEncoder().encode(text);
        expect(looseObject('blob', blob).oid).toBe(await git.writeBlob({ ...ctx, blob }));
        expect(looseObject('tree', treeContent(tree)).oid).toBe(
          await git.writeTree({ ...ctx, tree: tree.map((e) => ({ ...e })) }),
        );
        const obj: CommitObject = c;
        expect(looseObject('commit', commitContent(obj)).oid).toBe(
          await git.writeCommit({ ...ctx, commit: obj }),
        );
      }),
      { numRuns: 200, seed: 20261126 },
    );
  });

  it('are stored so that isomorphic-git reads them back', async () => {
    const { ctx } = await createMemoryRepo();
    const text = 'kind: ConfigMap\n';
    const { oid, deflated } = looseObject('blob', new TextEncoder().encode(text));
    await git.writeObject({ ...ctx, type: 'blob', object: deflated, format: 'deflated', oid });
    const { blob } = await git.readBlob({ ...ctx, cache: {}, oid });
    expect(new TextDecoder().decode(blob)).toBe(text);
  });

  it("hold the same content deflated by fflate (the browser's zlib) or by Node's", () => {
    const content = new TextEncoder().encode('apiVersion: v1\nkind: ConfigMap\n'.repeat(40));
    const node = looseObject('blob', content);
    useDeflate((data) => zlibSync(data, { level: 1 }));
    try {
      const browser = looseObject('blob', content);
      expect(browser.oid).toBe(node.oid);
      expect(unzlibSync(browser.deflated)).toEqual(unzlibSync(node.deflated));
      expect(new TextDecoder().decode(unzlibSync(node.deflated))).toBe(
        `blob ${content.length}\0${new TextDecoder().decode(content)}`,
      );
    } finally {
      useDeflate((data) => deflateSync(data, { level: 1 }));
    }
  });
});
