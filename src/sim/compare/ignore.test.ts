import { describe, expect, it } from 'vitest';
import type { KObject } from '../cluster';
import {
  isIgnored,
  matchesIgnore,
  pointerToPath,
  type IgnoreDifference,
  type IgnoreTarget,
} from './ignore';

const desired: KObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'shop',
    annotations: { 'prometheus.io/port': '9090' },
  },
  spec: {
    replicas: 3,
    template: {
      spec: {
        containers: [
          { name: 'web', image: 'web:1', args: ['--a', '--b'] },
          { name: 'proxy', image: 'envoy:1', env: [{ name: 'MODE', value: 'edge' }] },
        ],
      },
    },
  },
};

describe('pointerToPath', () => {
  it.each<[string, string | null]>([
    ['/spec/replicas', 'spec.replicas'],
    ['/spec/template/spec/containers/0/image', 'spec.template.spec.containers[name=web].image'],
    [
      '/spec/template/spec/containers/1/env/0/value',
      'spec.template.spec.containers[name=proxy].env[name=MODE].value',
    ],
    ['/spec/template/spec/containers/1', 'spec.template.spec.containers[name=proxy]'],
    ['/metadata/annotations/prometheus.io~1port', "metadata.annotations['prometheus.io/port']"],
    // An atomic list (no merge key) is one field: an index into it names the whole list.
    ['/spec/template/spec/containers/0/args/1', 'spec.template.spec.containers[name=web].args'],
    ['/spec/notInTheManifest', 'spec.notInTheManifest'],
    ['spec/replicas', null],
    ['/spec/template/spec/containers/web', null],
    ['/spec/template/spec/containers/7/image', null],
  ])('%s -> %s', (pointer, path) => {
    expect(pointerToPath(pointer, desired)).toBe(path);
  });
});

describe('matchesIgnore', () => {
  const target: IgnoreTarget = {
    group: 'apps',
    kind: 'Deployment',
    name: 'web',
    namespace: 'shop',
  };
  it.each<[string, IgnoreDifference, boolean]>([
    ['group and kind', { group: 'apps', kind: 'Deployment' }, true],
    ['no group means the core group', { kind: 'Deployment' }, false],
    ['glob group and kind', { group: '*', kind: 'Deploy*' }, true],
    [
      'name and namespace',
      { group: 'apps', kind: 'Deployment', name: 'web', namespace: 'shop' },
      true,
    ],
    ['another name', { group: 'apps', kind: 'Deployment', name: 'api' }, false],
    ['another namespace', { group: 'apps', kind: 'Deployment', namespace: 'prod' }, false],
    ['another kind', { group: 'apps', kind: 'StatefulSet' }, false],
  ])('%s', (_, entry, expected) => {
    expect(matchesIgnore(target, entry)).toBe(expected);
  });

  it('reads group, name and namespace from an object', () => {
    expect(matchesIgnore(desired, { group: 'apps', kind: 'Deployment', name: 'web' })).toBe(true);
    expect(matchesIgnore(desired, { kind: 'Deployment' })).toBe(false);
  });
});

describe('isIgnored', () => {
  const managedFields = {
    'kubectl-client-side-apply': ['spec.template.spec.containers[name=web].image'],
    'horizontal-pod-autoscaler': ['spec.replicas'],
    'istio-injector': ['spec.template.spec.containers[name=proxy]'],
  };
  const ctx = { object: desired, managedFields };
  const entries: IgnoreDifference[] = [
    { group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/template/spec/containers/0/image'] },
    {
      group: 'apps',
      kind: 'Deployment',
      managedFieldsManagers: ['horizontal-pod-autoscaler', 'istio-injector'],
    },
  ];

  it.each<[string, boolean]>([
    ['spec.template.spec.containers[name=web].image', true],
    ['spec.replicas', true],
    ['spec.template.spec.containers[name=proxy].env[name=MODE].value', true],
    ['spec.template.spec.containers[name=web].args', false],
    ['spec.replicasExtra', false],
    ["metadata.annotations['prometheus.io/port']", false],
  ])('%s -> %s', (path, expected) => {
    expect(isIgnored(path, entries, ctx)).toBe(expected);
  });

  it('takes a FieldPath as well as its text', () => {
    expect(isIgnored(['spec', 'replicas'], entries, ctx)).toBe(true);
  });

  it('ignores nothing when no entry matches the object', () => {
    expect(
      isIgnored('spec.replicas', [{ kind: 'Deployment', jsonPointers: ['/spec/replicas'] }], ctx),
    ).toBe(false);
  });
});
