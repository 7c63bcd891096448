import '../../platform/node';
import { describe, expect, it } from 'vitest';
import { writeBlobs } from './commit';
import { ManifestReader, parseManifestText } from './manifests';
import { createMemoryRepo } from './memory-fs';
import { EMPTY_FLAT, ObjectStore } from './objects';
import {
  GUESTBOOK_FILES,
  BOB,
  MINUTE,
  SERVICE,
  T0,
  deployment,
  guestbookRepo,
} from './test-fixtures';
import { buildTree } from './tree-build';

const MULTI_DOC = `# a leading comment
apiVersion: v1
kind: ConfigMap
metadata:
  name: one
---
---
# only a comment: an empty document
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: two
`;

describe('readManifests', () => {
  it('parses every yaml, yml and json file under the folder, recursively, in path order', async () => {
    const repo = await guestbookRepo({
      files: {
        'apps/guestbook/deployment.yaml': deployment(),
        'apps/guestbook/service.yml': SERVICE,
        'apps/guestbook/extra/config.json':
          '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg"}}',
        'apps/guestbook/NOTES.md': '# not a manifest\n',
        'apps/other/deployment.yaml': deployment(),
      },
    });
    const set = await repo.readManifests('main', 'apps/guestbook');
    expect(set.files).toEqual([
      'apps/guestbook/deployment.yaml',
      'apps/guestbook/extra/config.json',
      'apps/guestbook/service.yml',
    ]);
    expect(set.docs.map((d) => [d.file, d.index, (d.doc as { kind: string }).kind])).toEqual([
      ['apps/guestbook/deployment.yaml', 0, 'Deployment'],
      ['apps/guestbook/extra/config.json', 0, 'ConfigMap'],
      ['apps/guestbook/service.yml', 0, 'Service'],
    ]);
    expect(set.errors).toEqual([]);
    expect(set.tree).toMatch(/^[0-9a-f]{40}$/);
  });

  it('splits multi-document files and skips empty documents', async () => {
    const repo = await guestbookRepo({ files: { 'cm/all.yaml': MULTI_DOC } });
    const set = await repo.readManifests('HEAD', 'cm');
    expect(set.docs).toEqual([
      {
        file: 'cm/all.yaml',
        index: 0,
        doc: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'one' } },
      },
      {
        file: 'cm/all.yaml',
        index: 3,
        doc: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'two' } },
      },
    ]);
  });

  it('reports YAML errors with file, line and column instead of throwing', async () => {
    const repo = await guestbookRepo();
    const broken = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: guestbook\n labels: {}\n';
    await repo.commit({
      author: BOB,
      message: 'Break it',
      timestamp: T0 + MINUTE,
      write: { 'apps/guestbook/service.yaml': broken },
    });
    const set = await repo.readManifests('main', 'apps/guestbook');
    expect(set.docs.map((d) => d.file)).toEqual(['apps/guestbook/deployment.yaml']);
    expect(set.errors).toHaveLength(1);
    expect(set.errors[0]).toMatchObject({
      file: 'apps/guestbook/service.yaml',
      line: 5,
      col: 1,
      code: 'BAD_INDENT',
    });
    expect(set.errors[0]?.message).not.toContain('\n');
  });

  it.each([
    ['an unclosed flow map', 'a: {b: 1\n', 2],
    ['an unclosed quote', 'a: 1\nb: "x\n', 3],
    ['a duplicate key', 'a: 1\nb: 2\na: 3\n', 3],
    ['a tab indent', 'a:\n\t- b\n', 2],
    ['broken JSON', '{"a": 1,,}', 1],
  ])('locates %s', (_case, text, line) => {
    const { docs, errors } = parseManifestText(text);
    expect(docs).toEqual([]);
    expect(errors[0]).toMatchObject({ line });
  });

  it('caches: a second read of the same revision reads no object and parses nothing', async () => {
    // A store of its own over a repository written by another one: nothing is cached at first.
    const { ctx } = await createMemoryRepo();
    const writer = new ObjectStore(ctx);
    const tree = await buildTree(writer, EMPTY_FLAT, await writeBlobs(writer, GUESTBOOK_FILES), []);
    const store = new ObjectStore(ctx);
    const reader = new ManifestReader(store);

    const first = await reader.read(await store.flat(tree.flat.oid), 'apps/guestbook', 'main');
    expect(first.docs).toHaveLength(2);
    const reads = store.stats.objectReads;
    expect(reads).toBe(5); // root, apps, apps/guestbook trees; two manifest blobs

    const second = await reader.read(await store.flat(tree.flat.oid), 'apps/guestbook', 'main');
    expect(second).toBe(first);
    expect(store.stats.objectReads).toBe(reads);
  });

  it('caches through the repository: reading a revision again costs no object read', async () => {
    const repo = await guestbookRepo();
    await repo.commit({
      author: BOB,
      message: 'Scale',
      timestamp: T0 + MINUTE,
      write: { 'apps/guestbook/deployment.yaml': deployment({ replicas: 3 }) },
    });
    const first = await repo.readManifests('main', 'apps/guestbook');
    const reads = repo.stats.objectReads;
    expect(await repo.readManifests('main', 'apps/guestbook')).toBe(first);
    expect(await repo.readFile('main', 'apps/guestbook/deployment.yaml')).toBe(
      deployment({ replicas: 3 }),
    );
    await repo.listFiles('main');
    expect(repo.stats.objectReads).toBe(reads);
  });

  it('reuses parsed files across revisions and keys folders by path as well as tree', async () => {
    const repo = await guestbookRepo({
      files: { 'envs/staging/app.yaml': deployment(), 'envs/prod/app.yaml': deployment() },
    });
    const staging = await repo.readManifests('main', 'envs/staging');
    const prod = await repo.readManifests('main', 'envs/prod');
    expect(staging.tree).toBe(prod.tree);
    expect(prod.docs[0]?.file).toBe('envs/prod/app.yaml');
    expect(prod.docs[0]?.doc).toBe(staging.docs[0]?.doc);
  });

  it('reads a folder again from its last read: the same as a first read, unchanged files shared', async () => {
    const { ctx } = await createMemoryRepo();
    const store = new ObjectStore(ctx);
    const reader = new ManifestReader(store);
    const cm = (name: string, v: number) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  v: "${v}"\n`;
    const files: Record<string, string> = {};
    const rng = (() => {
      let x = 7;
      return (n: number) => (x = (x * 48271) % 2147483647) % n;
    })();
    let previous: Awaited<ReturnType<ManifestReader['read']>> | null = null;
    for (let step = 0; step < 60; step++) {
      const name = `f${rng(8)}`;
      const roll = rng(10);
      if (roll === 0) delete files[`apps/${name}.yaml`];
      else if (roll === 1) files[`apps/${name}.yaml`] = 'kind: [unclosed';
      else if (roll === 2)
        files[`apps/sub/${name}.yml`] = `${cm(name, step)}---\n${cm(`${name}b`, step)}`;
      else files[`apps/${name}.yaml`] = cm(name, step);
      if (Object.keys(files).length === 0) files['apps/f0.yaml'] = cm('f0', step);
      const { flat } = await buildTree(store, EMPTY_FLAT, await writeBlobs(store, files), []);
      const set = await reader.read(flat, 'apps', 'main');
      const fresh = await new ManifestReader(store).read(flat, 'apps', 'main');
      expect(set).toEqual(fresh);
      expect(Object.isFrozen(set.docs) && set.docs.every((d) => Object.isFrozen(d))).toBe(true);
      // A document of a file whose content did not change is the very object the last read had.
      for (const d of set.docs) {
        const before = previous?.docs.find((p) => p.file === d.file && p.index === d.index);
        if (before && previous!.files.includes(d.file) && before.doc === d.doc)
          expect(d).toBe(before);
      }
      previous = set;
    }
  });

  it('hands out frozen documents, so a caller cannot corrupt the cache', async () => {
    const repo = await guestbookRepo();
    const set = await repo.readManifests('main', '');
    const doc = set.docs[0]?.doc as { metadata: { name: string } };
    expect(() => {
      doc.metadata.name = 'changed';
    }).toThrow(TypeError);
  });

  it('refuses a folder that does not exist at the revision', async () => {
    const repo = await guestbookRepo();
    await expect(repo.readManifests('main', 'apps/nope')).rejects.toMatchObject({
      code: 'E_PATH_NOT_FOUND',
    });
  });
});
