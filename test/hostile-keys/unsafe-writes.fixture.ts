// What driftlab/no-unsafe-key-write must refuse (lines ending in `// refused`) and must allow
// (every other write): linted by test/lint-unsafe-key-write.test.ts.
import { isSafeKey, safeKey, safeRecord } from '../../src/sim/safe-keys';

export function writes(
  key: string,
  index: number,
  field: 'labels' | 'annotations',
  json: Record<string, unknown>,
): void {
  const plain: Record<string, unknown> = {};
  plain[key] = 1; // refused
  plain[key] ??= 2; // refused
  delete plain[key]; // refused
  json[`${key}.x`] = 3; // refused
  (json as Record<string, Record<string, unknown>>)[field]![key] = 4; // refused
  plain[safeKey(key)] = 5;
  if (isSafeKey(key)) plain[key] = 6;
  safeRecord<number>()[key] = 7;
  const list: number[] = [];
  list[index] = 8;
  plain[field] = 9;
}
