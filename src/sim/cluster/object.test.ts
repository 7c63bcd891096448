import { describe, expect, it } from 'vitest';
import { clone } from './object';

describe('clone', () => {
  it('copies JSON-like data deeply; a subtree named twice (a YAML alias) becomes two copies', () => {
    const labels = { app: 'web' };
    const obj = { metadata: { labels }, spec: { template: { metadata: { labels } } }, n: [1, [2]] };
    const copy = clone(obj);
    expect(copy).toEqual(obj);
    expect(copy.metadata.labels).not.toBe(labels);
    // An edit at one place of the copy does not show at the other, as in JSON.
    (copy.metadata.labels as Record<string, string>).tier = 'front';
    expect(copy.spec.template.metadata.labels).toEqual({ app: 'web' });
    expect(labels).toEqual({ app: 'web' });
  });

  it('hands what is not plain data (a cycle, a Date) to structuredClone', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const copy = clone(cyclic);
    expect(copy).not.toBe(cyclic);
    expect(copy.self).toBe(copy);
    const when = { at: new Date(0) };
    expect(clone(when).at).toEqual(new Date(0));
    expect(clone(when).at).not.toBe(when.at);
  });
});
