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

  constructor(private readonly clock: VirtualClock) {}

  /** The latest run, while it is still running. */
  get current(): PipelineRun | null {
    const r = this.runs.at(-1);
    return r && r.result === 'running' ? r : null;
  }

  begin(req: Pick<PipelineRun, 'id' | 'revision' | 'trigger' | 'by'>): void {
    this.runs.push({
      id: req.id,
      revision: req.revision,
      trigger: req.trigger,
      by: req.by,
      startedAt: this.clock.now(),
      result: 'running',
      stages: [],
    });
  }

  /** Opens the stage's log (once: re-entering a stage in progress adds nothing), with `note`. */
  stageStarted(stage: string, note?: string): void {
    const run = this.current;
    if (!run) return;
    const last = run.stages.at(-1);
    if (last && last.stage === stage && last.finishedAt === undefined) return;
    run.stages.push({ stage, startedAt: this.clock.now(), lines: [] });
    if (stage === 'checkout')
      this.log(
        `checkout ${run.revision.slice(0, 7)} (${run.trigger === 'rerun' ? `re-run by ${run.by}` : `push by ${run.by}`})`,
      );
    if (note) this.log(note);
  }

  /** Closes the latest log of `stage` with its outcome and closing `lines`. */
  stageFinished(stage: string, ok: boolean, lines: string[]): void {
    const entry = [...(this.current?.stages ?? [])].reverse().find((s) => s.stage === stage);
    if (!entry) return;
    entry.finishedAt = this.clock.now();
    entry.ok = ok;
    for (const line of lines) entry.lines.push(this.lines.of(line));
  }

  finish(result: PipelineRun['result']): void {
    const run = this.current;
    if (!run) return;
    run.result = result;
    run.finishedAt = this.clock.now();
    if (result === 'cancelled') this.log('cancelled: a newer push replaced this run');
  }

  /** A line in the log of the running stage. */
  log(line: string): void {
    this.current?.stages.at(-1)?.lines.push(this.lines.of(line));
  }
}
