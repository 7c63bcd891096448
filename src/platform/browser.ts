// The one platform module for the browser bundle. isomorphic-git reads the global `Buffer` while
// its own modules load, so this must be imported (for its side effects) before anything that
// imports isomorphic-git, i.e. as the first import of the entry point.
import { Buffer } from 'buffer';

if (typeof globalThis.Buffer === 'undefined') {
  (globalThis as { Buffer?: unknown }).Buffer = Buffer;
}
