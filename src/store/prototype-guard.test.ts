// The browser's last line against prototype pollution: whatever a replay wrote to or deleted from
// Object.prototype or Array.prototype is put back, and named.
import { describe, expect, it } from 'vitest';
import { repairPrototypes } from './prototype-guard';

type Loose = Record<string, unknown>;

describe('repairPrototypes', () => {
  it('finds nothing on a clean page', () => {
    expect(repairPrototypes()).toEqual([]);
  });

  it('removes a key added to Object.prototype, the way a JSON patch to /__proto__/x would', () => {
    const target = JSON.parse('{}') as Loose;
    (target.__proto__ as Loose).polluted = 'yes';
    expect(({} as Loose).polluted).toBe('yes');
    expect(repairPrototypes()).toEqual(['polluted']);
    expect(({} as Loose).polluted).toBeUndefined();
  });

  it('puts back what was deleted or replaced, on both prototypes', () => {
    const before = Object.getOwnPropertyDescriptors(Object.prototype);
    const arrayBefore = Object.getOwnPropertyDescriptor(Array.prototype, 'map');
    Reflect.deleteProperty(Object.prototype, 'hasOwnProperty');
    Reflect.set(Object.prototype, 'toString', () => 'hacked');
    Reflect.set(Array.prototype, 'get', 'yes');
    const changed = repairPrototypes();
    expect(changed.sort()).toEqual(['get', 'hasOwnProperty', 'toString']);
    expect(Object.getOwnPropertyDescriptors(Object.prototype)).toEqual(before);
    expect(Object.getOwnPropertyDescriptor(Array.prototype, 'map')).toEqual(arrayBefore);
    expect('get' in []).toBe(false);
  });
});
