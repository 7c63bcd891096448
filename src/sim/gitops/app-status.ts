// An application's two status axes (argo-cd `ApplicationStatus`): sync, and the phase of its
// operation. Sync and health are independent: an app can be Synced and Degraded (Git asked for a
// bad image). Health is rolled up from its resources' (compare/health.ts).

export type SyncStatusCode = 'Synced' | 'OutOfSync' | 'Unknown';
export type OperationPhase = 'Running' | 'Succeeded' | 'Failed' | 'Error' | 'Terminating';
