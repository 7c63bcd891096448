// The one platform module for Node (tests, CLI, bench): it gives the browser-first libraries the
// globals they expect. Import it for its side effects, before anything that touches the repo.
import 'fake-indexeddb/auto';
import { Buffer } from 'node:buffer';
import { deflateSync } from 'node:zlib';
import { useDeflate } from '../sim/git/loose-object';

// lightning-fs picks its lock implementation from `navigator.locks` at init and reads `navigator`
// unguarded; Node 20 has no `navigator`. An empty one sends it to the IndexedDB lock, which
// fake-indexeddb (above) provides.
if (typeof globalThis.navigator === 'undefined') {
  Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true, writable: true });
}

// Node already has Buffer; set it anyway so this module states every global the repo relies on.
if (typeof globalThis.Buffer === 'undefined') globalThis.Buffer = Buffer;

// Git objects are deflated by Node's native zlib, about twice as fast as fflate's (the browser's).
useDeflate((data) => deflateSync(data, { level: 1 }));
