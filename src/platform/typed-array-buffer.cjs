// The browser build's stand-in for the npm package `typed-array-buffer` (see vite.config.ts).
// sha.js (isomorphic-git's SHA-1) reaches it through `to-buffer`, which calls it only where
// `ArrayBuffer.isView` is missing; every browser DriftLab supports has it. The real package pulls
// in a dozen ES-intrinsics polyfills (about 7 KB gzip) for that one unreachable case.
'use strict';

module.exports = function typedArrayBuffer(x) {
  if (!ArrayBuffer.isView(x) || x instanceof DataView) throw new TypeError('Not a Typed Array');
  return x.buffer;
};
