// Drifted, pending and orphan told apart per object (issue 14: "drifted: 1 field" was shown for a
// hand-made change and for a deploy merely pending). REFERENCE.md: a kubectl edit is out of band
// (no revision); Argo CD's OutOfSync covers both a live change and Git moving ahead.
import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../sim/audit';
import { gitRelation, writesByObject, type Write } from './git-relation';

const edit = (path: string): Write => ({ verb: 'update', outOfBand: true, paths: [path] });
const deploy = (...paths: string[]): Write => ({ verb: 'update', outOfBand: false, paths });
const created: Write = {
  verb: 'create',
  outOfBand: false,
  paths: ['spec.replicas', 'spec.template'],
};
const replicas = [{ path: 'spec.replicas', desired: 3, live: 5 }];
const image = [
  { path: 'spec.template.spec.containers[0].image', desired: 'web:1.1', live: 'web:1.0' },
];

describe('an object’s relation to Git', () => {
  it.each([
    ['as in Git', null, [], [created], 'synced'],
    [
      'scaled by hand (kubectl scale)',
      'modified',
      replicas,
      [created, edit('spec.replicas')],
      'drifted',
    ],
    ['a new image in Git, not deployed yet', 'modified', image, [created], 'pending'],
    [
      'edited by hand, then the deploy set the field again, and Git moved on',
      'modified',
      replicas,
      [created, edit('spec.replicas'), deploy('spec.replicas')],
      'pending',
    ],
    [
      'a hand edit inside the template, Git changed nothing there',
      'modified',
      image,
      [created, edit('spec.template.spec.containers[0].image')],
      'drifted',
    ],
    ['declared, never created', 'missing', [], [], 'pending'],
    [
      'deleted by hand',
      'missing',
      [],
      [created, { verb: 'delete', outOfBand: true, paths: [] }],
      'drifted',
    ],
    ['no longer in Git', 'extra', [], [created], 'orphan'],
  ] as const)('%s: %s', (_name, drift, fields, writes, relation) => {
    expect(gitRelation({ drift, fields: [...fields] }, writes)).toBe(relation);
  });

  it('reads the writes of one lane from the trail, without controllers and the observer', () => {
    const r = (seq: number, over: Partial<AuditRecord>): AuditRecord => ({
      seq,
      t: seq,
      cluster: 'devops',
      actor: 'bob',
      channel: 'kubectl',
      verb: 'update',
      object: 'Deployment/default/web',
      revision: null,
      changes: [{ path: 'spec.replicas', before: 3, after: 5 }],
      ...over,
    });
    const writes = writesByObject(
      [
        r(0, { channel: 'pipeline', verb: 'create', revision: 'abc' }),
        r(1, {}),
        r(2, { channel: 'controller', changes: [{ path: 'status.replicas' }] }),
        r(3, { cluster: 'gitops' }),
        r(4, { channel: 'observer', verb: 'observe', object: 'cluster' }),
      ],
      'devops',
    );
    expect(writes.get('Deployment/default/web')).toEqual([
      { verb: 'create', outOfBand: false, paths: ['spec.replicas'] },
      { verb: 'update', outOfBand: true, paths: ['spec.replicas'] },
    ]);
  });
});
