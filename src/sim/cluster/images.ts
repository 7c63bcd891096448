// How simulated container images behave when a Pod runs them. Scenarios mark images as broken
// (`web:3.0: { crash: true }`); every other image starts and turns Ready after 10 s.

export interface ImageBehaviour {
  /** Virtual ms from Pod creation to Ready (default 10 s). */
  readyAfterMs?: number;
  /** The container starts, exits, and ends in CrashLoopBackOff: the Pod never turns Ready. */
  crash?: boolean;
  /** The image cannot be pulled (a typo, a missing tag): ErrImagePull, then ImagePullBackOff. */
  pullError?: boolean;
}

export const DEFAULT_READY_AFTER_MS = 10_000;
/** How long a crashing container takes to be reported in CrashLoopBackOff (first start + back-off). */
export const CRASH_AFTER_MS = 15_000;
export const PULL_ERROR_AFTER_MS = 5_000;

export type ImageCatalog = (image: string) => ImageBehaviour;

export function imageCatalog(table: Record<string, ImageBehaviour> = {}): ImageCatalog {
  // An image may be called `constructor`: only the table's own entries count.
  return (image) => (Object.hasOwn(table, image) ? table[image]! : {});
}
