import { describe, expect, it } from 'vitest';
import { AuditLog } from './log';
import type { AuditInput, FieldChange } from './types';

const clock = { now: () => 0 };
const input = (changes: FieldChange[]): AuditInput => ({
  cluster: 'devops',
  actor: 'kubelet',
  channel: 'controller',
  verb: 'update',
  object: 'Pod/default/web-1',
  revision: null,
  changes,
});

describe('AuditLog', () => {
  it('keeps one frozen copy of a change it has seen, values and their types kept apart', () => {
    const log = new AuditLog(clock);
    const a = log.append(input([{ path: 'status.phase', before: 'Pending', after: 'Running' }]));
    const b = log.append(input([{ path: 'status.phase', before: 'Pending', after: 'Running' }]));
    expect(b.changes[0]).toBe(a.changes[0]);
    expect(Object.isFrozen(a.changes[0])).toBe(true);
    const kinds = log.append(
      input([
        { path: 'x', after: 1 },
        { path: 'x', after: '1' },
        { path: 'x', after: true },
        { path: 'x', after: null },
        { path: 'x', after: undefined },
        { path: 'x' },
        { path: 'x', before: 1 },
      ]),
    );
    expect(new Set(kinds.changes).size).toBe(7);
    expect(kinds.changes.map((c) => Object.keys(c))).toEqual([
      ['path', 'after'],
      ['path', 'after'],
      ['path', 'after'],
      ['path', 'after'],
      ['path', 'after'],
      ['path'],
      ['path', 'before'],
    ]);
    // A path and a value that could run together stay two different changes.
    const x = log.append(input([{ path: 'a', after: 'bs1:c' }]));
    const y = log.append(input([{ path: 'ab', after: 's1:c' }]));
    expect(x.changes[0]).not.toBe(y.changes[0]);
    expect(y.changes[0]).toEqual({ path: 'ab', after: 's1:c' });
  });

  it('does not share a change whose value is an object', () => {
    const log = new AuditLog(clock);
    const change = () => ({
      path: 'status.containerStatuses',
      after: [{ name: 'web', ready: true }],
    });
    const a = log.append(input([change()]));
    const b = log.append(input([change()]));
    expect(b.changes[0]).not.toBe(a.changes[0]);
    expect(b.changes[0]).toEqual(a.changes[0]);
  });
});
