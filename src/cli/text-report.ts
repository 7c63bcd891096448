// The CLI's text output: each step with its expectations, then the two lanes side by side.
import { formatDuration } from '../sim/clock';
import type { RunReport } from '../sim/scenario/report';
import { proofLines, questionLines, taskLines } from './lesson-report';

const ms = (v: number | null) => (v === null ? '-' : formatDuration(v));
const pct = (v: number | null) => (v === null ? '-' : `${Math.round(v * 100)}%`);
const yes = (v: boolean) => (v ? 'yes' : 'no');

export function renderText(report: RunReport): string {
  const out: string[] = [`${report.scenario} (seed ${report.seed})`, ''];
  report.steps.forEach((step, i) => {
    out.push(`${i + 1}. ${step.title}`);
    if (step.question) out.push(...questionLines(step.question));
    if (step.task) out.push(...taskLines(step.task));
    for (const e of step.expectations) out.push(`   ${e.ok ? '✓' : '✗'} ${e.text}`);
  });
  for (const p of report.taskProofs ?? []) out.push(...proofLines(p));
  const { devops: d, gitops: g } = report.lanes;
  const rows: [string, string, string][] = [
    ['sync', d.sync ?? '-', g.sync ?? '-'],
    ['health', d.health, g.health],
    ['pipeline', d.pipeline ?? '-', g.pipeline ?? '-'],
    ['in sync with Git', yes(d.inSyncWithGit), yes(g.inSyncWithGit)],
    ['drift events', String(d.metrics.driftEvents), String(g.metrics.driftEvents)],
    ['time to detect', ms(d.metrics.timeToDetectMs), ms(g.metrics.timeToDetectMs)],
    ['time to correct', ms(d.metrics.timeToCorrectMs), ms(g.metrics.timeToCorrectMs)],
    ['time out of sync', ms(d.metrics.outOfSyncMs), ms(g.metrics.outOfSyncMs)],
    ['recovery time', ms(d.metrics.recoveryTimeMs), ms(g.metrics.recoveryTimeMs)],
    ['lead time', ms(d.metrics.leadTimeMs), ms(g.metrics.leadTimeMs)],
    ['change fail rate', pct(d.metrics.changeFailRate), pct(g.metrics.changeFailRate)],
    ['audit coverage', pct(d.metrics.auditCoverage), pct(g.metrics.auditCoverage)],
    ['rebuildable from Git', yes(d.metrics.rebuildableFromGit), yes(g.metrics.rebuildableFromGit)],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length), 6);
  const w1 = Math.max(...rows.map((r) => r[1].length), 'DevOps (push)'.length);
  const line = (a: string, b: string, c: string) =>
    `${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`.trimEnd();
  out.push(
    '',
    line('', 'DevOps (push)', 'GitOps (pull)'),
    line('-'.repeat(w0), '-'.repeat(w1), '-'.repeat(13)),
  );
  for (const [a, b, c] of rows) out.push(line(a, b, c));
  const failed = report.steps.flatMap((s) => s.expectations).filter((e) => !e.ok).length;
  const total = report.steps.flatMap((s) => s.expectations).length;
  out.push(
    '',
    failed === 0 ? `all ${total} expectations held` : `${failed} of ${total} expectations failed`,
  );
  return out.join('\n');
}
