// sha.js (isomorphic-git's own SHA-1, so it costs the bundle nothing) ships no types.
declare module 'sha.js/sha1.js' {
  export default class Sha1 {
    update(data: Uint8Array | string): this;
    digest(encoding: 'hex'): string;
  }
}
