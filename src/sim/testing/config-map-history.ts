// The history most cache properties run (cache-vs-fresh.ts): ConfigMaps of a few names applied,
// deleted by a person with kubectl, and looks taken in between; and the agreement they check,
// the same objects in the same order (identity: caches downstream key by these objects).
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Cluster, KObject } from '../cluster';
import { PERSON } from '../cluster/testing/fixtures';

export const KUBECTL = {
  ...PERSON,
  channel: 'kubectl' as const,
  manager: 'kubectl',
  revision: null,
};

/** ConfigMap `name` applied, with what else the test draws (`v`, who applies it). */
export function applyStep<F extends object>(
  names: readonly string[],
  more: { [K in keyof F]: fc.Arbitrary<F[K]> },
): fc.Arbitrary<{ op: 'apply'; name: string } & F> {
  const fields = { op: fc.constant('apply' as const), name: fc.constantFrom(...names), ...more };
  return fc.record(fields) as unknown as fc.Arbitrary<{ op: 'apply'; name: string } & F>;
}

/** kubectl deletes ConfigMap `name`, when it is there. */
export const deleteStep = (names: readonly string[]) =>
  fc.record({ op: fc.constant('delete' as const), name: fc.constantFrom(...names) });

/** A look at the cache. */
export const checkStep = fc.record({ op: fc.constant('check' as const) });

export function deleteConfigMap(cluster: Cluster, name: string): void {
  if (cluster.byKey(`ConfigMap/default/${name}`))
    cluster.delete({ kind: 'ConfigMap', name, namespace: 'default' }, KUBECTL);
}

/** The same objects, in the same order, by identity. */
export function expectSameObjects(kept: readonly KObject[], fresh: readonly KObject[]): void {
  expect(kept.length).toBe(fresh.length);
  kept.forEach((obj, i) => expect(obj).toBe(fresh[i]));
}
