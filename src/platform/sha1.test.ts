import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import Sha1 from './sha1';

// The stand-in Vite puts where isomorphic-git imports sha.js: same answers as Node's SHA-1, in
// both of the forms isomorphic-git asks for, fed in one piece or several.
describe('the sha.js stand-in', () => {
  it('hashes as Node does, in hex and as bytes, whole or in parts (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 5 }), (parts) => {
        const node = createHash('sha1');
        const ours = new Sha1();
        for (const p of parts) {
          node.update(p);
          ours.update(p);
        }
        const expected = node.digest();
        const again = new Sha1();
        for (const p of parts) again.update(p);
        expect(ours.digest('hex')).toBe(expected.toString('hex'));
        expect(Buffer.from(again.digest()).equals(expected)).toBe(true);
      }),
      { numRuns: 200, seed: 1 },
    );
  });

  it('takes strings as UTF-8 (or hex when told), as sha.js does', () => {
    expect(new Sha1().update('abc').digest('hex')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(new Sha1().update('616263', 'hex').digest('hex')).toBe(
      'a9993e364706816aba3e25717850c26c9cd0d89d',
    );
  });
});
