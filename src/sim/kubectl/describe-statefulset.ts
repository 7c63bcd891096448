// `kubectl describe statefulset`, in kubectl's layout (describe.go describeStatefulSet): replicas,
// update strategy and partition, Pods by phase, the Pod template. The Events section follows.
import type { Cluster, KObject } from '../cluster';
import { mapText, podStatusText } from './columns';
import type { Description } from './description';
import { header, podTemplate } from './describe-kinds';

type Obj = Record<string, unknown>;

export function describeStatefulSet(d: Description, obj: KObject, cluster: Cluster): void {
  const s = (obj.spec ?? {}) as Obj;
  const st = (obj.status ?? {}) as Obj;
  const strategy = (s.updateStrategy ?? {}) as {
    type?: string;
    rollingUpdate?: { partition?: number };
  };
  const pods = cluster.list({
    kind: 'Pod',
    namespace: obj.metadata.namespace,
    owner: obj.metadata.uid,
  });
  const running = pods.filter((p) => podStatusText(p) === 'Running').length;
  header(d, obj);
  d.kv('Selector', mapText((s.selector as Obj | undefined)?.matchLabels));
  d.kv('Replicas', `${Number(s.replicas ?? 1)} desired | ${Number(st.replicas ?? 0)} total`);
  d.kv('Update Strategy', strategy.type ?? 'RollingUpdate');
  if (strategy.rollingUpdate?.partition !== undefined)
    d.kv('Partition', strategy.rollingUpdate.partition, 2);
  d.kv(
    'Pods Status',
    `${running} Running / ${pods.length - running} Waiting / 0 Succeeded / 0 Failed`,
  );
  podTemplate(d, s.template as Parameters<typeof podTemplate>[1]);
  d.kv('Volume Claims', '<none>');
}
