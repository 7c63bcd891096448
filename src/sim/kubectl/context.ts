// What a running command has at hand: the cluster, who runs it, and the output it collects.
import type { Channel } from '../audit';
import { isClusterError, type Cluster, type WriteContext } from '../cluster';
import { isKubectlError } from './errors';
import type { ReadRepoFile } from './manifests';

export interface KubectlEnv {
  cluster: Cluster;
  /** Who types the command: `you`, `alice`, or `ci-bot` with a leaked token. */
  actor: string;
  /** How the change arrives, for the audit trail (default `kubectl`). */
  channel?: Channel;
  /** The Git revision the change comes from; null (the default) marks it out of band. */
  revision?: string | null;
  /** The repository, for `apply -f` and `delete -f`; without it those commands fail. */
  readRepoFile?: ReadRepoFile;
}

/** What kubectl would have printed and exited with. Lines are joined by `\n`, without a final one. */
export interface KubectlResult {
  ok: boolean;
  stdout: string;
  stderr: string;
  /** Whether the cluster changed (a dry run, a refused write or a read changes nothing). */
  changed: boolean;
}

export class Output {
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  failed = false;

  print(text: string): void {
    this.stdout.push(text);
  }

  /** stderr without failing: warnings, `No resources found`. */
  note(text: string): void {
    this.stderr.push(text);
  }

  /** An error kubectl reports and goes on from (the next object, the next file). */
  fail(error: string | Error): void {
    this.stderr.push(typeof error === 'string' ? error : error.message);
    this.failed = true;
  }

  /**
   * Runs `step`; a refusal (ClusterError, KubectlError) is reported and the command goes on, as
   * kubectl goes on to the next object. Anything else is a bug and propagates.
   */
  attempt(step: () => void): void {
    try {
      step();
    } catch (e) {
      if (isClusterError(e) || isKubectlError(e)) this.fail(e);
      else throw e;
    }
  }
}

export interface Exec {
  cluster: Cluster;
  env: KubectlEnv;
  out: Output;
}

/** The ops.ts Actor for this console. */
export function actorOf(env: KubectlEnv): {
  actor: string;
  channel: Channel;
  revision: string | null;
} {
  return { actor: env.actor, channel: env.channel ?? 'kubectl', revision: env.revision ?? null };
}

export function writeContext(env: KubectlEnv, manager: string, file?: string): WriteContext {
  return { ...actorOf(env), manager, ...(file !== undefined ? { file } : {}) };
}
