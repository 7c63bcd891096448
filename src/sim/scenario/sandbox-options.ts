// A scenario's repository, images and lane options as the sandbox takes them.
import { parseDuration } from '../clock';
import type { ImageBehaviour } from '../cluster';
import { safeRecord } from '../safe-keys';
import { cpuMillis } from './cpu';
import { laneOptions } from './lane-options';
import type { RunOptions } from './run-types';
import type { Scenario } from './schema';

export function sandboxOptions(scenario: Scenario, opts: RunOptions) {
  const images = safeRecord<ImageBehaviour>();
  for (const [image, b] of Object.entries(scenario.images ?? {})) {
    images[image] = {
      ...(b.crash ? { crash: true } : {}),
      ...(b.pullError ? { pullError: true } : {}),
      ...(b.readyAfter ? { readyAfterMs: parseDuration(b.readyAfter) ?? undefined } : {}),
      ...(b.notReadyFor ? { notReadyForMs: parseDuration(b.notReadyFor) ?? undefined } : {}),
      ...(b.ready === false ? { ready: false } : {}),
      ...(b.exitCode !== undefined ? { exitCode: b.exitCode } : {}),
      ...(b.runFor ? { runForMs: parseDuration(b.runFor) ?? undefined } : {}),
      ...(b.cpu !== undefined && b.cpu !== 'none' ? { cpuMillis: cpuMillis(b.cpu) } : {}),
    };
  }
  const files = scenario.repo.files ?? opts.dirFiles ?? {};
  return {
    seed: opts.seed ?? scenario.seed ?? 1,
    files,
    images,
    ...(scenario.repo.author ? { author: scenario.repo.author } : {}),
    ...(scenario.repo.message ? { message: scenario.repo.message } : {}),
    ...(scenario.repo.apps ? { apps: scenario.repo.apps } : { path: scenario.repo.path ?? '' }),
    lanes: {
      devops: laneOptions('devops', scenario.lanes?.devops ?? {}),
      gitops: laneOptions('gitops', scenario.lanes?.gitops ?? {}),
    },
  };
}
