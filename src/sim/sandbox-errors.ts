// What the sandbox refuses, and the faults it can inject (shared by sandbox.ts and rollback.ts).
import { CodedError } from './coded-error';

export type FaultKind =
  'flaky-tests' | 'deploy-fails-after' | 'ci-down' | 'git-unreachable' | 'reconciler-down';

/** A request the sandbox refuses (a rollback or fault that does not fit the lane). */
export class SandboxError extends CodedError {}
