// How simulated container images behave when a Pod runs them. Scenarios mark images as broken
// (`web:3.0: { crash: true }`); every other image starts after 10 s and is Ready at once. In a
// Job's Pod an image runs to completion: it exits after `runFor` with its `exitCode`.

export interface ImageBehaviour {
  /** Virtual ms from Pod creation to the container's start (default 10 s): ContainerCreating. */
  readyAfterMs?: number;
  /** After the start, the readiness probe fails this long: Running but not Ready (0/1). */
  notReadyForMs?: number;
  /** `false`: the readiness probe never passes (Running, 0/1, for ever). */
  ready?: boolean;
  /** The container starts, exits, and is restarted with back-off (CrashLoopBackOff). */
  crash?: boolean;
  /** The image cannot be pulled (a typo, a missing tag): ErrImagePull, then ImagePullBackOff. */
  pullError?: boolean;
  /**
   * In a Pod that is not restarted (`restartPolicy: Never` or `OnFailure`, a Job's), the
   * container exits with this code (default 0) once it has run for `runForMs`.
   */
  exitCode?: number;
  /** How long such a container runs before it exits (default DEFAULT_RUN_FOR_MS). */
  runForMs?: number;
  /** CPU each Running, Ready Pod of this image uses, in millicores (load.ts; default 0). */
  cpuMillis?: number;
}

export const DEFAULT_READY_AFTER_MS = 10_000;
/** A crashing container starts (and exits) this soon: its image is small and pulls fast. */
export const CRASH_START_MS = 1_000;
/** The first pull of a missing image fails this long after the Pod was created. */
export const PULL_ERROR_AFTER_MS = 5_000;
/** A run-to-completion container (a Job's) runs this long unless its image says `runFor`. */
export const DEFAULT_RUN_FOR_MS = 5_000;

export type ImageCatalog = (image: string) => ImageBehaviour;

export function imageCatalog(table: Record<string, ImageBehaviour> = {}): ImageCatalog {
  // An image may be called `constructor`: only the table's own entries count.
  return (image) => (Object.hasOwn(table, image) ? table[image]! : {});
}
