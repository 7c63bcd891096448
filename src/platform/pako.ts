// The `pako` that isomorphic-git imports, answered by fflate (which the app already uses for the
// repository zip): aliased in vite.config.ts, for the app and for the tests alike.
//
// isomorphic-git calls `inflate` for every loose object it reads and `deflate` where the platform
// has no CompressionStream; both are zlib streams, as git stores them. Its streaming `Inflate` is
// used only to read packfiles, and DriftLab's repository never has one (it only ever writes loose
// objects), so that entry refuses plainly rather than half-working. pako costs about 14 KB gzip
// in the first download; fflate's two functions a fraction of that.
import { unzlibSync, zlibSync } from 'fflate';

export function inflate(data: Uint8Array): Uint8Array {
  return unzlibSync(data);
}

export function deflate(data: Uint8Array): Uint8Array {
  return zlibSync(data);
}

export class Inflate {
  constructor() {
    throw new Error('DriftLab reads loose git objects only; packfiles are not supported');
  }
}

export default { inflate, deflate, Inflate };
