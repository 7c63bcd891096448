import { describe, expect, it } from 'vitest';
// @ts-expect-error: a CommonJS file without types, tested for its contract
import typedArrayBuffer from './typed-array-buffer.cjs';

const get = typedArrayBuffer as (x: unknown) => ArrayBuffer;

describe('the typed-array-buffer stand-in', () => {
  it('gives the buffer of a typed array and refuses anything else, as the package does', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(get(bytes)).toBe(bytes.buffer);
    expect(get(new Float64Array(2))).toBeInstanceOf(ArrayBuffer);
    for (const bad of [new DataView(new ArrayBuffer(2)), [1, 2], 'abc', null, {}])
      expect(() => get(bad)).toThrow(TypeError);
  });
});
