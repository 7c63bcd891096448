import { describe, expect, it } from 'vitest';
import { cpuMillis } from './cpu';

// kubernetes.io/docs/concepts/configuration/manage-resources-containers/#meaning-of-cpu:
// "0.1 is equivalent to the expression 100m".
describe('CPU quantities in a scenario', () => {
  it.each([
    ['250m', 250],
    ['1', 1000],
    ['0.1', 100],
    ['1.5', 1500],
  ])('%s is %i millicores', (q, m) => {
    expect(cpuMillis(q)).toBe(m);
  });
});
