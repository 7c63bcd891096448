import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { readField } from './expect';
import { PatchError, patchYaml } from './patch';

const DEPLOY = `# the web app
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    prometheus.io/port: "9797"
spec:
  replicas: 3 # three is plenty
  template:
    spec:
      containers:
        - name: web
          image: web:1.0
`;

const MULTI = `apiVersion: v1
kind: Service
metadata:
  name: a
---
---
apiVersion: v1
kind: Service
metadata:
  name: b
spec:
  type: ClusterIP
`;

describe('patching YAML manifests', () => {
  it.each<[string, string, unknown]>([
    ['a scalar', 'spec.replicas', 5],
    ['a list item by index', 'spec.template.spec.containers[0].image', 'web:2.0'],
    ['a key with dots', "metadata.annotations['prometheus.io/port']", '9898'],
    ['missing map keys, created', 'metadata.labels.team', 'web'],
    ['a whole map', 'spec.strategy', { type: 'Recreate' }],
  ])('sets %s', (_name, path, value) => {
    const out = parse(patchYaml(DEPLOY, 'deployment.yaml', { [path]: value })) as unknown;
    expect(readField(out, path)).toEqual(value);
  });

  it('keeps comments and the rest of the file as it was', () => {
    const out = patchYaml(DEPLOY, 'deployment.yaml', { 'spec.replicas': 5 });
    expect(out).toContain('# the web app');
    expect(out).toContain('replicas: 5 # three is plenty');
    expect(out).toContain('image: web:1.0');
  });

  it('picks the object in a multi-document file by Kind/name prefix', () => {
    const out = patchYaml(MULTI, 'svc.yaml', { 'Service/b:spec.type': 'NodePort' });
    const docs = parseAllDocuments(out).map(
      (d) => d.toJS() as { metadata?: { name: string }; spec?: { type?: string } } | null,
    );
    expect(docs.filter(Boolean).map((d) => [d!.metadata!.name, d!.spec?.type])).toEqual([
      ['a', undefined],
      ['b', 'NodePort'],
    ]);
  });

  it.each<[string, string, Record<string, unknown>, RegExp]>([
    [
      'an index out of range',
      DEPLOY,
      { 'spec.template.spec.containers[3].image': 'x' },
      /index 3 is out of range/,
    ],
    ['a path through a scalar', DEPLOY, { 'spec.replicas.value': 1 }, /runs through a scalar/],
    ['a multi-object file without prefix', MULTI, { 'spec.type': 'NodePort' }, /holds 2 objects/],
    ['an object the file lacks', MULTI, { 'Service/c:spec.type': 'NodePort' }, /has no Service\/c/],
    ['a path that is not a path', DEPLOY, { 'spec..replicas': 1 }, /is not a field path/],
  ])('refuses %s', (_name, text, patch, message) => {
    expect(() => patchYaml(text, 'f.yaml', patch)).toThrow(message);
    expect(() => patchYaml(text, 'f.yaml', patch)).toThrow(PatchError);
  });
});
