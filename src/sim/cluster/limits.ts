// The simulated API server's ceilings on what workloads may ask for. A real cluster takes any int32
// in spec.replicas and stops at its nodes' capacity or a ResourceQuota; the simulation creates every
// Pod it is asked for, so it refuses past these numbers instead (scenario/limits.ts lists them all).

/** Replicas one workload may ask for: Deployment, ReplicaSet, StatefulSet, HPA min/max. */
export const MAX_REPLICAS = 1_000;
/** Pods the workloads of one cluster may ask for together (refused like a ResourceQuota). */
export const MAX_CLUSTER_PODS = 5_000;
