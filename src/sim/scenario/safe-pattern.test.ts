// The patterns `output: { matches }` accepts: what a learner's output needs (tables, events), and
// none of the shapes that make a backtracking engine take seconds or years on one line.
import { describe, expect, it } from 'vitest';
import { someLineMatches, unsafePattern } from './safe-pattern';

describe('a safe output pattern', () => {
  it.each([
    ['^web +2/2 +2 +2 '],
    ['^web-[a-z0-9]{1,10}-[a-z0-9]{5} +0/1 +CreateContainerConfigError'],
    ['Back-off pulling image "web:.*"'],
    ['Health Status: +Degraded$'],
    ['(?:Synced|OutOfSync) to'],
    ['x{3}y{3}z{3}'],
  ])('%s is accepted', (pattern) => {
    expect(unsafePattern(pattern)).toBeNull();
  });

  it.each([
    ['(a+)+$', /group that repeats/],
    ['(a|aa)*b', /group that repeats/],
    ['(\\w+\\s?)*$', /group that repeats/],
    ['.*.*x', /unbounded/],
    ['\\w+\\w+x', /unbounded/],
    ['(a)\\1', /back-references/],
    ['(?=a)a', /lookarounds/],
    ['a{0,500}', /repeat counts/],
    ['([a-z]', /not a regular expression/],
    ['a'.repeat(201), /at most 200 characters/],
  ])('%s is refused (%s)', (pattern, why) => {
    expect(unsafePattern(pattern)).toMatch(why);
  });

  it('matches one line at a time, so ^ and $ are a line of the output', () => {
    const output = 'NAME   READY\nweb    1/1\ndb     0/1';
    expect(someLineMatches('^db +0/1$', output)).toBe(true);
    expect(someLineMatches('READY\\nweb', output)).toBe(false);
  });
});
