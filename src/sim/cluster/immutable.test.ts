import { describe, expect, it } from 'vitest';
import type { KObject } from './object';
import { CI, deployment, makeCluster } from './testing/fixtures';

// REFERENCE.md "Push lane": the API server refuses changes to immutable fields for both lanes: a
// Deployment's spec.selector in apps/v1 ("field is immutable"), a Service's clusterIP, a Job's
// template.
const service = (spec: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web' },
  spec: { selector: { app: 'web' }, ports: [{ port: 80 }], ...spec },
});
const job = (image: string): KObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'migrate' },
  spec: {
    template: { spec: { restartPolicy: 'Never', containers: [{ name: 'm', image }] } },
  },
});
function relabelled(): KObject {
  const d = deployment();
  const spec = d.spec as { selector: unknown; template: { metadata: unknown } };
  spec.selector = { matchLabels: { app: 'web-v2' } };
  spec.template.metadata = { labels: { app: 'web-v2' } };
  return d;
}

describe('immutable fields', () => {
  it.each<[string, KObject, KObject, RegExp]>([
    [
      'a Deployment’s selector',
      deployment(),
      relabelled(),
      /The Deployment "web" is invalid: spec\.selector: Invalid value: v1\.LabelSelector\{MatchLabels:map\[string\]string\{"app":"web-v2"\}, MatchExpressions:\[\]v1\.LabelSelectorRequirement\(nil\)\}: field is immutable/,
    ],
    [
      'a Service’s cluster IP',
      service(),
      service({ clusterIP: '10.96.9.9' }),
      /spec\.clusterIPs\[0\]: Invalid value: \[\]string\{"10\.96\.9\.9"\}: may not change once set/,
    ],
    [
      'a Job’s template',
      job('migrate:1'),
      job('migrate:2'),
      /spec\.template: .*field is immutable/,
    ],
  ])(
    'refuses a change to %s, records the refusal and changes nothing',
    (_what, first, next, text) => {
      const { cluster, audit } = makeCluster();
      cluster.apply(first, CI);
      const ref = { kind: first.kind, name: first.metadata.name };
      const stored = cluster.get(ref);
      expect(() => cluster.apply(next, CI, { dryRun: true })).toThrow(text);
      expect(audit.records().some((r) => r.verb === 'refuse')).toBe(false);
      const refusal = (() => {
        try {
          cluster.apply(next, CI);
        } catch (e) {
          return e as { code: string; message: string };
        }
      })();
      expect(refusal?.code).toBe('E_INVALID');
      expect(refusal?.message).toMatch(text);
      expect(cluster.get(ref)).toBe(stored);
      expect(audit.records().filter((r) => r.verb === 'refuse')).toHaveLength(1);
    },
  );

  it('keeps a Service’s allocated cluster IP when a new manifest no longer names it', () => {
    const { cluster } = makeCluster();
    cluster.apply(service({ clusterIP: '10.96.0.50' }), CI);
    expect(cluster.apply(service({ ports: [{ port: 81 }] }), CI).outcome).toBe('configured');
    expect(
      (cluster.get({ kind: 'Service', name: 'web' })?.spec as { clusterIP: string }).clusterIP,
    ).toBe('10.96.0.50');
  });

  it.each([
    [80, false],
    [30000, true],
    [32767, true],
    [32768, false],
  ])('a Service nodePort %i is accepted: %s (the range is 30000-32767)', (nodePort, ok) => {
    const { cluster } = makeCluster();
    const apply = () =>
      cluster.apply(service({ type: 'NodePort', ports: [{ port: 80, nodePort }] }), CI);
    if (ok) expect(apply().outcome).toBe('created');
    else
      expect(apply).toThrow(
        `spec.ports[0].nodePort: Invalid value: ${nodePort}: provided port is not in the valid range. The range of valid ports is 30000-32767`,
      );
  });
});
