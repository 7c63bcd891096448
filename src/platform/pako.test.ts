import './node';
import { describe, expect, it, vi } from 'vitest';
import { inflateSync } from 'node:zlib';
import * as git from 'isomorphic-git';
import aliased from 'pako';
import { createMemoryRepo } from '../sim/git/memory-fs';
import shim, { deflate, inflate, Inflate } from './pako';

describe('the pako stand-in', () => {
  it('is what `pako` resolves to in the app and the tests', () => {
    expect(aliased).toBe(shim);
  });

  it('is what isomorphic-git reads loose objects with, in the tests as in the app', async () => {
    const spy = vi.spyOn(shim, 'inflate');
    const { ctx } = await createMemoryRepo();
    const oid = await git.writeBlob({ ...ctx, blob: new TextEncoder().encode('kind: Service') });
    const { blob } = await git.readBlob({ ...ctx, cache: {}, oid });
    expect(new TextDecoder().decode(blob)).toBe('kind: Service');
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });

  it('writes zlib streams that zlib reads, and reads them back', () => {
    const text = new TextEncoder().encode('blob 12\0hello, world'.repeat(50));
    const packed = deflate(text);
    expect(packed[0]).toBe(0x78); // a zlib header, as git's loose objects have
    expect(new Uint8Array(inflateSync(packed))).toEqual(text);
    expect(inflate(packed)).toEqual(text);
  });

  it('refuses packfile streaming plainly', () => {
    expect(() => new Inflate()).toThrow(/packfiles are not supported/);
  });
});
