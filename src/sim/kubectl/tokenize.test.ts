import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenize';

describe('tokenize', () => {
  it.each([
    ['a b  c', ['a', 'b', 'c']],
    [`-p '{"a": 1}'`, ['-p', '{"a": 1}']],
    [`"a \\"b\\" \\n"`, ['a "b" \\n']],
    ['a\\ b', ['a b']],
    [`'it'\\''s'`, ["it's"]],
    ['""', ['']],
    ['trailing\\', ['trailing\\']],
    ['', []],
  ])('splits %j', (line, words) => {
    expect(tokenize(line)).toEqual(words);
  });
});
