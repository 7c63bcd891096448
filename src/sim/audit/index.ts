// The audit trail: every change to a cluster or the repo, as typed records (see types.ts).
export * from './types';
export { AuditLog } from './log';
export { recordRepoChange } from './repo-records';
