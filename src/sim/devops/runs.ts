// The pipeline's run log: one PipelineRun per triggered run, its stages and their log lines, as a
// CI system shows them.
import type { VirtualClock } from '../clock';
import { StringPool } from '../strings';
import type { RunRequest } from './machine';

export interface StageLog {
  stage: string;
  startedAt: number;
  finishedAt?: number;
  ok?: boolean;
  lines: string[];
}

export interface PipelineRun {
  id: number;
  revision: string;
  trigger: RunRequest['trigger'];
  by: string;
  startedAt: number;
  finishedAt?: number;
  result: 'running' | 'succeeded' | 'failed' | 'cancelled';
  stages: StageLog[];
}

export class RunLog {
  readonly runs: PipelineRun[] = [];
  // A deploy logs a line per object, mostly the same ones run after run (`... unchanged`).
  private readonly lines = new StringPool();
  /** Runs in progress by id: one at a time but with the `parallel` concurrency model. */
  private readonly active = new Map<number, PipelineRun>();

  constructor(private readonly clock: VirtualClock) {}

  /** The newest run in progress, if any. */
  get current(): PipelineRun | null {
    let newest: PipelineRun | null = null;
    for (const run of this.active.values()) if (!newest || run.id > newest.id) newest = run;
    return newest;
  }

  /** Run `id` while it is in progress. */
  running(id: number): PipelineRun | null {
    return this.active.get(id) ?? null;
  }

  begin(req: Pick<PipelineRun, 'id' | 'revision' | 'trigger' | 'by'>): void {
    this.active.set(req.id, this.insert({ ...this.entry(req), result: 'running' }));
  }

  /**
   * A request superseded before it started (a newer push took its place in the concurrency group):
   * CI lists it as a cancelled run with no stages, as GitHub Actions does.
   */
  cancelledBeforeStart(req: Pick<PipelineRun, 'id' | 'revision' | 'trigger' | 'by'>): void {
    const run = this.insert({ ...this.entry(req), result: 'cancelled' });
    run.finishedAt = run.startedAt;
    run.stages.push({
      stage: 'queued',
      startedAt: run.startedAt,
      finishedAt: run.startedAt,
      ok: false,
      lines: ['cancelled before it started: a newer push took its place in the concurrency group'],
    });
  }

  private entry(req: Pick<PipelineRun, 'id' | 'revision' | 'trigger' | 'by'>) {
    const { id, revision, trigger, by } = req;
    return { id, revision, trigger, by, startedAt: this.clock.now(), stages: [] as StageLog[] };
  }

  /** Runs are listed by number, as CI lists them, whatever order they started or ended in. */
  private insert(run: PipelineRun): PipelineRun {
    let at = this.runs.length;
    while (at > 0 && this.runs[at - 1]!.id > run.id) at--;
    this.runs.splice(at, 0, run);
    return run;
  }

  /** Opens the stage's log of run `id` (once: re-entering a stage in progress adds nothing). */
  stageStarted(id: number, stage: string, note?: string): void {
    const run = this.running(id);
    if (!run) return;
    const last = run.stages.at(-1);
    if (last && last.stage === stage && last.finishedAt === undefined) return;
    run.stages.push({ stage, startedAt: this.clock.now(), lines: [] });
    if (stage === 'checkout')
      this.log(
        id,
        `checkout ${run.revision.slice(0, 7)} (${run.trigger === 'rerun' ? `re-run by ${run.by}` : `push by ${run.by}`})`,
      );
    if (note) this.log(id, note);
  }

  /** Closes the latest log of `stage` in run `id` with its outcome and closing `lines`. */
  stageFinished(id: number, stage: string, ok: boolean, lines: string[]): void {
    const entry = [...(this.running(id)?.stages ?? [])].reverse().find((s) => s.stage === stage);
    if (!entry) return;
    entry.finishedAt = this.clock.now();
    entry.ok = ok;
    for (const line of lines) entry.lines.push(this.lines.of(line));
  }

  finish(id: number, result: PipelineRun['result']): void {
    const run = this.running(id);
    if (!run) return;
    run.result = result;
    run.finishedAt = this.clock.now();
    if (result === 'cancelled') this.log(id, 'cancelled: a newer push replaced this run');
    this.active.delete(id);
  }

  /** A line in the log of run `id`'s running stage. */
  log(id: number, line: string): void {
    this.running(id)?.stages.at(-1)?.lines.push(this.lines.of(line));
  }
}
