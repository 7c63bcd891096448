// The guard against prototype pollution by new code: driftlab/no-unsafe-key-write (eslint-rules/)
// refuses every write or delete on a plain object with a key that may be any string, and allows
// checked keys (SafeKey), records without a prototype (SafeRecord), list indexes and literal
// unions. The fixture marks the lines it must refuse.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { expect, it } from 'vitest';
import driftlab from '../eslint-rules/no-unsafe-key-write.js';

const FIXTURE = join(import.meta.dirname, 'hostile-keys', 'unsafe-writes.fixture.ts');

it('refuses exactly the unchecked writes of the fixture', async () => {
  const eslint = new ESLint({
    overrideConfig: {
      files: ['test/hostile-keys/*.fixture.ts'],
      plugins: { driftlab },
      rules: { 'driftlab/no-unsafe-key-write': 'error' },
    },
  });
  const [result] = await eslint.lintFiles([FIXTURE]);
  const refused = result!.messages
    .filter((m) => m.ruleId === 'driftlab/no-unsafe-key-write')
    .map((m) => m.line);
  const marked = readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .flatMap((line, i) => (line.endsWith('// refused') ? [i + 1] : []));
  expect(marked.length).toBeGreaterThan(0);
  expect(refused).toEqual(marked);
}, 120_000);
