// `kubectl get -o jsonpath`, with the examples of kubernetes.io/docs/reference/kubectl/jsonpath
// ("kubectl get pods -o jsonpath='{.items[*].metadata.name}'", range/end, filters, literals).
import { describe, expect, it } from 'vitest';
import { printJsonPath } from './jsonpath';
import { parseKubectl } from './parse';
import { webCluster } from './test-fixtures';

const LIST = {
  kind: 'List',
  items: [
    {
      metadata: { name: 'a', labels: { 'app.kubernetes.io/name': 'web' } },
      status: {
        conditions: [
          { type: 'PodScheduled', status: 'True' },
          { type: 'Ready', status: 'False' },
        ],
      },
    },
    {
      metadata: { name: 'b' },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    },
  ],
};

describe('jsonpath templates', () => {
  it.each([
    ['{.kind}', 'List'],
    ['{.items[*].metadata.name}', 'a b'],
    ['{.items[0].metadata.name}', 'a'],
    ['{.items[-1].metadata.name}', 'b'],
    ['{..name}', 'a b'],
    ["{.items[0].metadata.labels['app\\.kubernetes\\.io/name']}", ''],
    ["{.items[0].metadata.labels['app.kubernetes.io/name']}", 'web'],
    ['{.items[?(@.metadata.name=="b")].status.conditions[0].type}', 'Ready'],
    ['{.items[0].status.conditions[?(@.type=="Ready")].status}', 'False'],
    [
      '{range .items[*]}{.metadata.name}{"\\t"}{.status.conditions[-1].status}{"\\n"}{end}',
      'a\tFalse\nb\tTrue\n',
    ],
    ['name: {.items[1].metadata}', 'name: {"name":"b"}'],
    ['{.items[5].metadata.name}', ''],
  ])('%s prints %j', (template, expected) => {
    expect(printJsonPath(template, LIST)).toBe(expected);
  });

  it.each([
    ['get pods -o jsonpath', 'error: template format specified but no template given'],
    [
      'get pods -o jsonpath={.items[*]',
      'error: error parsing jsonpath {.items[*]: unclosed action',
    ],
    [
      "get pods -o 'jsonpath={range .items[*]}'",
      'error: error parsing jsonpath {range .items[*]}: unclosed range',
    ],
  ])('refuses %s', (line, message) => {
    expect(parseKubectl(line)).toMatchObject({ code: 'E_FLAG_VALUE', message });
  });

  it('prints a field of one object, or of every object of a type', async () => {
    const { kubectl } = await webCluster();
    expect(kubectl("get deploy web -o jsonpath='{.spec.replicas}'").stdout).toBe('3');
    expect(kubectl('get svc -o jsonpath={.items[*].metadata.name}').stdout).toBe('web');
    expect(
      kubectl('get events -o jsonpath={.items[?(@.involvedObject.kind=="Deployment")].reason}')
        .stdout,
    ).toBe('ScalingReplicaSet');
  });
});
