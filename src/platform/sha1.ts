// The browser build's stand-in for `sha.js/sha1.js` (see vite.config.ts), the SHA-1 isomorphic-git
// uses where crypto.subtle is missing and for the checksum of a packfile it writes: the same API
// (`new Hash().update(data).digest(encoding?)`) over @noble/hashes, which DriftLab hashes its own
// Git objects with. sha.js brings in to-buffer, safe-buffer and inherits; noble is about four
// times faster, and one SHA-1 in the bundle is enough.
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex } from '@noble/hashes/utils.js';

type Input = Uint8Array | string;

export default class Sha1 {
  private readonly hash = sha1.create();

  update(data: Input, encoding?: 'utf8' | 'hex'): this {
    this.hash.update(
      typeof data === 'string' ? globalThis.Buffer.from(data, encoding ?? 'utf8') : data,
    );
    return this;
  }

  digest(): Uint8Array;
  digest(encoding: 'hex'): string;
  digest(encoding?: 'hex'): Uint8Array | string {
    const bytes = this.hash.digest();
    return encoding === 'hex' ? bytesToHex(bytes) : globalThis.Buffer.from(bytes);
  }
}
