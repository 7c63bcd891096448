// Lane options as written (scenario `lanes:`, `set` actions) against the lanes' option types, and
// their conversion to what the lanes take (durations in ms, Argo's retry defaults).
import { describe, expect, expectTypeOf, it } from 'vitest';
import { DEFAULT_STAGES } from '../devops/machine';
import type { DevopsOptions } from '../devops/options';
import { DEFAULT_RETRY, type GitopsOptions } from '../gitops/options';
import { laneOptions } from './lane-options';
import type { SetAction, WrittenLaneOptions } from './schema';

describe('the written lane options match the lane option types', () => {
  // Checked by the compiler (npm run typecheck): a schema field with no lane option, or a lane
  // option a scenario cannot write, fails here.
  it('writes every pipeline option, and no other but the older name cancelInProgress', () => {
    expectTypeOf<Exclude<keyof WrittenLaneOptions['devops'], 'cancelInProgress'>>().toEqualTypeOf<
      keyof DevopsOptions
    >();
  });

  it("writes every reconciler option but the self-heal backoff (Argo CD's, fixed), and no other", () => {
    expectTypeOf<keyof WrittenLaneOptions['gitops']>().toEqualTypeOf<
      Exclude<keyof GitopsOptions, 'selfHealBackoff'>
    >();
  });

  it('types a set action by its lane', () => {
    expectTypeOf<Extract<SetAction, { lane: 'devops' }>>().toHaveProperty('approval');
    expectTypeOf<Extract<SetAction, { lane: 'devops' }>>().not.toHaveProperty('selfHeal');
    expectTypeOf<Extract<SetAction, { lane: 'gitops' }>>().toHaveProperty('selfHeal');
  });
});

describe('laneOptions', () => {
  it.each([
    [
      'durations become ms',
      { pollInterval: '3m', jitter: '0s', applyInterval: '10m' },
      {
        pollInterval: 180_000,
        jitter: 0,
        applyInterval: 600_000,
      },
    ],
    [
      'booleans and the flavour pass as written',
      { flavour: 'flux', selfHeal: true },
      {
        flavour: 'flux',
        selfHeal: true,
      },
    ],
    // application.yaml: retry.backoff.duration 5s, factor 2, maxDuration 3m.
    [
      "a retry with only a limit takes Argo CD's backoff",
      { retry: { limit: 2 } },
      {
        retry: { ...DEFAULT_RETRY, limit: 2 },
      },
    ],
    [
      'a retry with its own backoff keeps it',
      {
        retry: { limit: 3, backoff: '10s', factor: 3, maxDuration: '1m' },
      },
      { retry: { limit: 3, backoffMs: 10_000, factor: 3, maxMs: 60_000 } },
    ],
  ] as const)('gitops: %s', (_, written, options) => {
    expect(laneOptions('gitops', written)).toEqual(options);
  });

  it('devops: stages named keep their time, the others their default', () => {
    expect(laneOptions('devops', { stages: { build: '30s' }, approval: true })).toEqual({
      stages: { ...DEFAULT_STAGES, build: 30_000 },
      approval: true,
    });
  });

  it.each([
    [true, 'cancel-in-progress'],
    [false, 'queue'],
  ] as const)(
    'devops: the older cancelInProgress: %s is concurrency %s',
    (written, concurrency) => {
      expect(laneOptions('devops', { cancelInProgress: written })).toEqual({ concurrency });
    },
  );

  it("keeps the order written (a flavour's timing comes before a poll set after it)", () => {
    const options = laneOptions('gitops', { pollInterval: '5m', flavour: 'flux', lane: 'gitops' });
    expect(Object.keys(options)).toEqual(['pollInterval', 'flavour']);
  });
});
