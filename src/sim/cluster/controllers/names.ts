// Deterministic names and hashes for what controllers create (ReplicaSets, Pods), in the alphabet
// Kubernetes uses for generated suffixes (no vowels, no look-alike digits).
import { stableStringify } from '../equal';

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function fnv(text: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function encode(n: number, length: number): string {
  let out = '';
  let v = n;
  for (let i = 0; i < length; i++) {
    out += ALPHABET[v % ALPHABET.length];
    v = (Math.floor(v / ALPHABET.length) ^ fnv(out)) >>> 0;
  }
  return out;
}

/** The `pod-template-hash` of a pod template: same template, same hash. */
export function templateHash(template: unknown): string {
  return encode(fnv(stableStringify(template)), 10);
}

/** A Pod name suffix: `web-7d9f8c6b5d-x2k4p`. */
export function podSuffix(owner: string, n: number): string {
  return encode(fnv(`${owner}#${n}`), 5);
}
