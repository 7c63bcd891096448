import { describe, expect, it } from 'vitest';
import { markdownDepth } from './markdown-depth';

describe('how deeply narration nests', () => {
  it.each([
    ['plain text', 'Both lanes deploy the first commit.', 0],
    // An upper bound: `**` counts as two levels, though it is one <strong>.
    ['a list with emphasis', '- the **push** lane\n- the *pull* lane', 3],
    ['a quote in a list', '- > quoted', 2],
    ['a nested list by indentation', '- a\n  - b\n    - c', 3],
    ['emphasis closed on the same line', '**a** and *b* and _c_', 2],
    ['a link', 'see [the docs](https://argo-cd.readthedocs.io)', 1],
    ['5,000 quotes', `${'>'.repeat(5_000)} deep`, 5_000],
    ['5,000 nested list items', `${'* '.repeat(5_000)}deep`, 5_000],
    ['5,000 opened emphasis runs over lines', '*a\n'.repeat(5_000), 5_000],
    ['5,000 brackets', `${'['.repeat(5_000)}x`, 5_000],
    ['a code fence is not markdown', '```\n' + '>'.repeat(500) + '\n```', 0],
    ['an escaped star', '\\*not emphasis', 0],
  ])('%s', (_what, text, depth) => {
    expect(markdownDepth(text)).toBe(depth);
  });
});
