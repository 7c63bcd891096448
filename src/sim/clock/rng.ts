// The sandbox's only source of chance: a seeded xoroshiro128+ from pure-rand. Same seed, same
// sequence of draws, so flaky tests, poll jitter and anything else random replay identically.
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

export class Rng {
  private readonly gen: RandomGenerator;

  constructor(readonly seed: number) {
    this.gen = xoroshiro128plus(seed | 0);
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return uniformInt(this.gen, min, max);
  }

  /** A float in [0, 1) with 2^-32 resolution: enough for rates such as a flaky-test probability. */
  float(): number {
    return uniformInt(this.gen, 0, 0xffff_ffff) / 0x1_0000_0000;
  }

  /** True with probability `p` (0 never draws, so a zero rate does not shift the sequence). */
  chance(p: number): boolean {
    if (p <= 0) return false;
    if (p >= 1) return true;
    return this.float() < p;
  }
}
