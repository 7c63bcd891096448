// The pipeline's options and their defaults: a plain push-to-deploy workflow (no approval, GitHub
// Actions' concurrency group, no prune, no flaky tests).
import { DEFAULT_STAGES, type CiConcurrency, type StageDurations } from './machine';

export interface DevopsOptions {
  stages: StageDurations;
  /** A manual approval before the deploy of every run. */
  approval: boolean;
  /** What a push does while a run is in progress (machine.ts, `CiConcurrency`). */
  concurrency: CiConcurrency;
  /** `kubectl apply --prune`: delete what the pipeline once applied and Git no longer declares. */
  prune: boolean;
  /** Share of test stages that fail by chance (seeded). */
  flakyRate: number;
}

export const DEFAULT_DEVOPS: DevopsOptions = {
  stages: DEFAULT_STAGES,
  approval: false,
  concurrency: 'github-concurrency-group',
  prune: false,
  flakyRate: 0,
};

export function devopsOptions(partial: Partial<DevopsOptions> = {}): DevopsOptions {
  return {
    ...DEFAULT_DEVOPS,
    ...partial,
    stages: { ...DEFAULT_STAGES, ...partial.stages },
  };
}
