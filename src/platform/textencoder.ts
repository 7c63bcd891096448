// The browser build's stand-in for `isomorphic-textencoder` (see vite.config.ts), which
// lightning-fs uses to store file contents: the same two functions over the platform's
// TextEncoder/TextDecoder, which every browser DriftLab supports (and Node) has. The package
// bundles a TextEncoder polyfill for old Edge (fast-text-encoding, about 1 KB gzip) in the first
// download.
export function encode(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function decode(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

export default { encode, decode };
