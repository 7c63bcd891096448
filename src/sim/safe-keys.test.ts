import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import {
  isSafeKey,
  keyPathText,
  safeKey,
  safeRecord,
  table,
  unsafeKeyPath,
  unsafeYamlKeys,
} from './safe-keys';

describe('safe keys', () => {
  it.each([
    ['__proto__', false],
    ['constructor', false],
    ['prototype', false],
    ['toString', true],
    ['__proto', true],
    ['spec', true],
  ])('%s is safe: %s', (key, safe) => {
    expect(isSafeKey(key)).toBe(safe);
    if (safe) expect(safeKey(key)).toBe(key);
    else expect(() => safeKey(key)).toThrow(expect.objectContaining({ code: 'E_UNSAFE_KEY' }));
  });

  it('a safe record keeps __proto__ as its own entry and finds nothing it was not given', () => {
    const record = safeRecord<string>();
    record['__proto__'] = 'x';
    expect(Object.getPrototypeOf(record)).toBeNull();
    expect(Object.keys(record)).toEqual(['__proto__']);
    expect(record['constructor']).toBeUndefined();
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });

  it('a table answers only its own entries', () => {
    const kinds = table({ Deployment: 1 });
    expect(kinds['Deployment']).toBe(1);
    expect(['constructor', '__proto__', 'valueOf'].map((k) => kinds[k])).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(Object.isFrozen(kinds)).toBe(true);
  });

  it.each<[string, unknown, string | null]>([
    ['nothing refused', { a: [{ b: 1 }], c: 'constructor' }, null],
    ['an own __proto__ from JSON.parse', JSON.parse('{"a":{"__proto__":{"x":1}}}'), 'a.__proto__'],
    [
      'a key inside a list item',
      { spec: { containers: [{ name: 'w', prototype: 1 }] } },
      'spec.containers[0].prototype',
    ],
    ['a top-level constructor', JSON.parse('{"constructor":1}'), 'constructor'],
  ])('unsafeKeyPath: %s', (_name, value, path) => {
    const found = unsafeKeyPath(value);
    expect(found && keyPathText(found)).toBe(path);
  });

  it('unsafeYamlKeys finds each refused key with its position, at any depth and in flow maps', () => {
    const text = 'a:\n  __proto__: 1\nb: [{constructor: 2}]\n"prototype": 3\nok: __proto__\n';
    const lines = new LineCounter();
    const found = unsafeYamlKeys(parseDocument(text, { lineCounter: lines }));
    expect(found.map((f) => [f.key, lines.linePos(f.offset)])).toEqual([
      ['__proto__', { line: 2, col: 3 }],
      ['constructor', { line: 3, col: 6 }],
      ['prototype', { line: 4, col: 1 }],
    ]);
  });
});
