// V8's full garbage collection, callable without starting Node with --expose-gc: the heap figures
// read what is still in use after it, not what the collector has yet to free.
import v8 from 'node:v8';
import vm from 'node:vm';

let gc: (() => void) | null | undefined;

/** The collector, or null if this Node refuses to expose it. */
export function fullGc(): (() => void) | null {
  if (gc === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  return gc;
}
