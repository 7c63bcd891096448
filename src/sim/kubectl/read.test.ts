import { describe, expect, it } from 'vitest';
import { toBase64 } from '../cluster/secret';
import { SECRET_VALUE, webCluster } from './test-fixtures';

describe('get and describe', () => {
  it('prints kubectl tables, padded by three spaces', async () => {
    const { kubectl } = await webCluster();
    const deploy = kubectl('get deployments');
    expect(deploy).toMatchObject({ ok: true, stderr: '', changed: false });
    expect(deploy.stdout).toBe(
      [
        'NAME   READY   UP-TO-DATE   AVAILABLE   AGE',
        'web    3/3     3            3           30s',
      ].join('\n'),
    );
    const pods = kubectl('get pods').stdout.split('\n');
    expect(pods[0]).toBe('NAME                   READY   STATUS    RESTARTS   AGE');
    expect(pods.slice(1)).toHaveLength(3);
    expect(pods[1]).toMatch(/^web-\w+-\w+ {3}1\/1 {5}Running {3}0 {10}30s$/);
    expect(kubectl('get svc').stdout).toBe(
      [
        'NAME   TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE',
        'web    ClusterIP   10.96.0.2    <none>        80/TCP    30s',
      ].join('\n'),
    );
    expect(kubectl('get rs').stdout.split('\n')[0]).toBe(
      `NAME${' '.repeat(13)}DESIRED   CURRENT   READY   AGE`,
    );
    expect(kubectl('get secrets').stdout).toBe(
      ['NAME   TYPE     DATA   AGE', 'db     Opaque   1      30s'].join('\n'),
    );
    expect(kubectl('get ns').stdout).toBe(
      ['NAME      STATUS   AGE', 'default   Active   30s'].join('\n'),
    );
  });

  it('shows a Pod waiting for its container as ContainerCreating', async () => {
    const { kubectl, clock } = await webCluster();
    kubectl('scale deploy web --replicas=4');
    await clock.flush();
    expect(kubectl('get pods').stdout).toMatch(/0\/1 {5}ContainerCreating {3}0 {10}0s/);
  });

  it('says no resources found on stderr, as kubectl does', async () => {
    const { kubectl } = await webCluster();
    expect(kubectl('get cm')).toMatchObject({
      ok: true,
      stdout: '',
      stderr: 'No resources found in default namespace.',
    });
    expect(kubectl('get pods -n shop')).toMatchObject({
      ok: true,
      stderr: 'No resources found in shop namespace.',
    });
    expect(kubectl('get cm -A').stderr).toBe('No resources found');
  });

  it('answers NotFound for a missing name and an unknown type', async () => {
    const { kubectl } = await webCluster();
    expect(kubectl('get deploy nope')).toMatchObject({
      ok: false,
      stdout: '',
      stderr: 'Error from server (NotFound): deployments.apps "nope" not found',
    });
    expect(kubectl('get foo')).toMatchObject({
      ok: false,
      stderr: 'error: the server doesn\'t have a resource type "foo"',
    });
    const partly = kubectl('get deploy web nope');
    expect(partly.ok).toBe(false);
    expect(partly.stdout).toContain('web    3/3');
  });

  it('lists several types with their kind in the name, and `all`', async () => {
    const { kubectl } = await webCluster();
    const out = kubectl('get deploy,svc').stdout;
    expect(out).toContain('deployment.apps/web   3/3');
    expect(out).toContain('\n\nNAME          TYPE');
    const all = kubectl('get all').stdout;
    for (const name of ['pod/web-', 'service/web', 'deployment.apps/web', 'replicaset.apps/web-'])
      expect(all).toContain(name);
    expect(kubectl('get deploy -o name').stdout).toBe('deployment.apps/web');
  });

  it('adds NAMESPACE with -A, wide columns with -o wide, and filters by label', async () => {
    const { kubectl } = await webCluster();
    expect(kubectl('get deploy -A').stdout.split('\n')[0]).toMatch(/^NAMESPACE {3}NAME/);
    expect(kubectl('get deploy -o wide').stdout).toContain(
      'CONTAINERS   IMAGES                     SELECTOR',
    );
    expect(kubectl('get deploy -o wide').stdout).toContain('registry.example/web:1.0   app=web');
    expect(kubectl('get pods -l app=web').stdout.split('\n')).toHaveLength(4);
    expect(kubectl('get pods -l app=api').stderr).toBe('No resources found in default namespace.');
  });

  it('prints YAML and JSON, with managed fields only on request', async () => {
    const { kubectl } = await webCluster();
    const yaml = kubectl('get deploy web -o yaml').stdout;
    expect(yaml.startsWith('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n')).toBe(true);
    expect(yaml).toContain('      containers:\n      - env:');
    expect(yaml).not.toContain('managedFields');
    const json = JSON.parse(kubectl('get deploy web -o json --show-managed-fields').stdout) as {
      metadata: { managedFields: { manager: string; fields: string[] }[] };
    };
    expect(
      json.metadata.managedFields.find((m) => m.manager === 'kubectl-client-side-apply')?.fields,
    ).toContain('spec.replicas');
    expect(JSON.parse(kubectl('get deploy -o json').stdout)).toMatchObject({
      kind: 'List',
      items: [{ metadata: { name: 'web' } }],
    });
  });

  // REFERENCE.md "Apply semantics both lanes share": kubectl apply records what it applied in the
  // last-applied-configuration annotation; `get -o yaml` shows it, `describe` leaves it out.
  it('shows the last-applied-configuration in get -o yaml, and describe leaves it out', async () => {
    const { kubectl } = await webCluster();
    const yaml = kubectl('get deploy web -o yaml').stdout;
    expect(yaml).toMatch(
      /\n {4}kubectl\.kubernetes\.io\/last-applied-configuration: \|\n {6}\{"apiVersion":"apps\/v1","kind":"Deployment",/,
    );
    expect(kubectl('describe deployment/web').stdout).toMatch(
      /\nAnnotations: +deployment\.kubernetes\.io\/revision: 1\n(?! )/,
    );
    const secret = kubectl('get secret db -o yaml').stdout;
    expect(secret).toContain('last-applied-configuration');
    expect(secret).not.toContain(SECRET_VALUE);
  });

  it('describes a Deployment with its replicas, containers, conditions and field managers', async () => {
    const { kubectl } = await webCluster();
    const out = kubectl('describe deployment/web').stdout;
    expect(out).toContain(
      'Name:                   web\nNamespace:              default\nCreationTimestamp:      Mon, 05 Jan 2026 09:00:00 +0000',
    );
    expect(out).toContain(
      'Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable',
    );
    expect(out).toContain('    Image:        registry.example/web:1.0');
    expect(out).toContain('      LOG_LEVEL:  info');
    expect(out).toMatch(/Available +True +MinimumReplicasAvailable/);
    expect(out).toContain('Managed Fields:\n  kubectl-client-side-apply:\n');
    expect(kubectl('describe pods').stdout.split('\n\n\nName:')).toHaveLength(3);
  });

  it('never shows a Secret value, plain or base64', async () => {
    const { kubectl } = await webCluster();
    for (const line of [
      'get secret db -o yaml',
      'get secret db -o json',
      'get secrets -o yaml --show-managed-fields',
      'describe secret db',
      'describe secrets',
      'get all -o json',
      'get secret db',
    ]) {
      const { stdout, stderr } = kubectl(line);
      expect(stdout, line).not.toContain(SECRET_VALUE);
      expect(stdout, line).not.toContain(toBase64(SECRET_VALUE));
      expect(stderr, line).not.toContain(SECRET_VALUE);
    }
    expect(kubectl('get secret db -o yaml').stdout).toContain('password: "******"');
    expect(kubectl('describe secret db').stdout).toContain(
      `password:  ${SECRET_VALUE.length} bytes`,
    );
  });

  it('prints version, api-resources and help', async () => {
    const { kubectl } = await webCluster();
    expect(kubectl('version --client').stdout).toBe(
      'Client Version: v1.25.16\nKustomize Version: v4.5.7',
    );
    expect(kubectl('api-resources').stdout).toMatch(
      /deployments +deploy +apps\/v1 +true +Deployment/,
    );
    expect(kubectl('').stdout).toContain('Basic Commands:');
    expect(kubectl('scale --help').stdout).toContain('kubectl scale --replicas=COUNT');
    expect(kubectl('help nope')).toMatchObject({
      ok: false,
      stderr: expect.stringContaining('unknown command "nope"') as unknown,
    });
  });
});
