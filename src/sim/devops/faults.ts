// The push lane's faults: flaky tests (forced failures, or every test stage failing for a while),
// a deploy that loses the API server part-way, and a CI whose runners are down (runs wait in
// `queued`). The lane's guards read them; the seeded flaky rate draws the rest.
import type { Rng, VirtualClock } from '../clock';

export class PipelineFaults {
  private failTests = 0;
  private failTestsUntil = -1;
  private deployFailsAfter: number | null = null;
  private ciDownUntil = -1;

  constructor(private readonly clock: VirtualClock) {}

  /** The next `runs` test stages fail (forced), or every test stage until `untilMs`. */
  failTestsFor(opts: { runs?: number; untilMs?: number }): void {
    this.failTests += opts.runs ?? 0;
    if (opts.untilMs !== undefined) this.failTestsUntil = opts.untilMs;
  }

  /** The next deploy applies `n` objects, then loses the API server. */
  failNextDeployAfter(n: number): void {
    this.deployFailsAfter = n;
  }

  /** The next deploy's limit (null: none), used up by asking. */
  takeDeployFailsAfter(): number | null {
    const n = this.deployFailsAfter;
    this.deployFailsAfter = null;
    return n;
  }

  /** No runner picks up jobs until `untilMs`; `restored` runs then. */
  ciDownUntilMs(untilMs: number, restored: () => void): void {
    this.ciDownUntil = untilMs;
    this.clock.schedule(untilMs - this.clock.now(), restored, 'ci-restored');
  }

  ciAvailable(): boolean {
    return this.clock.now() >= this.ciDownUntil;
  }

  /** Whether a test stage passes: forced failures first, then the seeded flaky rate. */
  drawTests(rng: Rng, flakyRate: number): boolean {
    const now = this.clock.now();
    if (this.failTests > 0) {
      this.failTests--;
      return false;
    }
    if (now < this.failTestsUntil) return false;
    return !rng.chance(flakyRate);
  }
}
