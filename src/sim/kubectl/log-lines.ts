// What a simulated container writes to its log: a few deterministic lines from its image's
// declared behaviour (cluster/images.ts), stamped with virtual time. The simulation runs no
// programs, so the lines say what the behaviour means: it started, it listens on its ports, its
// readiness probe passes (or not yet), or it exits with an error and its exit code.
//
// Simplification: every image logs the same kind of lines (a Job's output is not modelled).
import type { Container, ContainerStatus } from 'kubernetes-types/core/v1';
import type { ImageBehaviour } from '../cluster';
import { isoTime, virtualMsOf } from '../cluster/time';

/** The lines of the container's instance that started at `startedAt` (virtual ms), up to `now`. */
export function runningLines(
  c: Container,
  behaviour: ImageBehaviour,
  startedAt: number,
  now: number,
): string[] {
  const at = (ms: number) => isoTime(ms);
  const lines = [`${at(startedAt)} starting ${c.image ?? c.name}`];
  const ports = (c.ports ?? []).map((p) => `:${p.containerPort}`);
  lines.push(
    ports.length > 0
      ? `${at(startedAt)} listening on ${ports.join(', ')}`
      : `${at(startedAt)} started`,
  );
  if (behaviour.ready === false) {
    lines.push(`${at(startedAt)} not ready: a dependency is unreachable (readiness probe fails)`);
    return lines;
  }
  const warmUp = behaviour.notReadyForMs ?? 0;
  if (warmUp > 0)
    lines.push(`${at(startedAt)} warming up: not ready for ${Math.round(warmUp / 1000)}s`);
  if (now >= startedAt + warmUp) lines.push(`${at(startedAt + warmUp)} ready to serve requests`);
  return lines;
}

/** The lines of an instance that crashed: it started and exited at once with `exitCode`. */
export function crashedLines(c: Container, exitedAt: number, exitCode: number): string[] {
  const at = isoTime(exitedAt);
  return [
    `${at} starting ${c.image ?? c.name}`,
    `${at} fatal: ${c.image ?? c.name} cannot start, exiting with code ${exitCode}`,
  ];
}

/** When a running container started, from its status (virtual ms), else null. */
export function startedAt(status: ContainerStatus | undefined): number | null {
  const text = status?.state?.running?.startedAt;
  return text ? virtualMsOf(text) : null;
}
