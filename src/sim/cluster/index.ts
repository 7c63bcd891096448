// The simulated Kubernetes-like cluster: an API server with audit (cluster.ts), its admission
// (admission.ts) and field ownership (ownership.ts), the controllers that run Deployments,
// ReplicaSets, StatefulSets, Pods and HPAs on virtual time (controllers/), health per kind (health.ts) and the
// imperative kubectl operations (ops.ts).
export { Cluster, BOOTSTRAP, type ClusterOptions } from './cluster';
export type { WriteContext, ApplyResult, ApplyOutcome } from './write';
export type { Applier } from './applier';
export { ClusterError, isClusterError, unparsableFile, type ClusterErrorCode } from './errors';
export {
  hasHealthCheck,
  healthOf,
  worstHealth,
  HEALTH_ORDER,
  type Health,
  type HealthStatus,
} from './health';
export { EventStore, type KubeEvent, type EventType } from './events';
export { LoadModel } from './load';
export { metricSpecs } from './controllers/hpa-metrics';
export { imageCatalog, type ImageBehaviour, type ImageCatalog } from './images';
export { refKey, refOf, kubectlName, isRecord, type KObject, type ObjectRef } from './object';
export { applyLine } from './refs';
export { maskObject, MASK } from './secret';
export { podState, isPodReady, type PodState } from './controllers/kubelet';
export { jobFinished } from './controllers/job';
export { formatPath, leaves, getPath, parsePath, type FieldPath } from './fieldpath';
export { sameValue, stableStringify } from './equal';
export { isStatusPath } from './status-path';
export { LAST_APPLIED } from './last-applied';
export * as ops from './ops';
export type { PatchType } from './patch';
