// What the Compare tab exports, as bytes and text: the audit trail as JSON and CSV, the comparison
// as Markdown, the repository as a zip that native git reads. Pure (no DOM): download.ts saves them.
import { zipSync, type Zippable } from 'fflate';
import type { AuditRecord, ClusterName } from '../../sim/audit';
import { formatClock } from '../../sim/clock';
import type { ExportEntry } from '../../sim/git';
import { METRICS, type LaneMetrics } from '../../sim/metrics';
import { betterLane } from './metric-format';
import { readMetric, SHOWN_METRICS } from './metric-reading';
import { isOutOfBandChange } from './trail';

/** `driftlab-<scenario>-<seed>-<what>.<ext>`, safe as a file name whatever the scenario id. */
export function exportFileName(scenario: string, seed: number, what: string, ext: string): string {
  const slug = scenario.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'scenario';
  return `driftlab-${slug}-${seed}-${what}.${ext}`;
}

export function auditJson(
  records: readonly AuditRecord[],
  meta: { scenario: string; seed: number; t: number },
): string {
  return `${JSON.stringify({ ...meta, audit: records }, null, 2)}\n`;
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled.
 * Text that a spreadsheet would run as a formula gets a leading `'` (OWASP CSV injection): `=`, `+`,
 * `-`, `@` first, also after leading spaces or line breaks (spreadsheets trim them), and a leading
 * tab or carriage return. Actors, objects and messages can be typed by anyone with a console.
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = /^(?:\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|[\t\r\n])/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const CSV_COLUMNS = [
  'seq',
  't_ms',
  'time',
  'cluster',
  'actor',
  'channel',
  'verb',
  'object',
  'revision',
  'out_of_band',
  'message',
  'changes',
  'operation',
] as const;

/** The trail as CSV, one record a line, CRLF line ends (RFC 4180). */
export function auditCsv(records: readonly AuditRecord[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of records) {
    const row = [
      r.seq,
      r.t,
      formatClock(r.t),
      r.cluster,
      r.actor,
      r.channel,
      r.verb,
      r.object,
      r.revision,
      isOutOfBandChange(r),
      r.message,
      r.changes.length > 0 ? JSON.stringify(r.changes) : '',
      r.operation ? JSON.stringify(r.operation) : '',
    ];
    lines.push(row.map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export interface ComparisonInput {
  scenario: string;
  title: string;
  seed: number;
  t: number;
  metrics: Record<ClusterName, LaneMetrics>;
  /** The steps run so far, with their expectations. */
  steps: { title: string; expectations: { ok: boolean; text: string }[] }[];
  totalSteps: number;
  /** The in-sync chart's text summary. */
  sync: string;
}

// A table cell or a list line: one line of text, no cell breaks.
const inline = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/\|/g, '\\|');

export function comparisonMarkdown(c: ComparisonInput): string {
  const cell = (lane: ClusterName, key: (typeof SHOWN_METRICS)[number]) => {
    const reading = readMetric(key, c.metrics[lane], c.t);
    const star = betterLane(key, c.metrics.devops[key], c.metrics.gitops[key]) === lane;
    return `${reading.none ? `(${reading.text})` : reading.text}${star ? ' ★' : ''}`;
  };
  const out = [
    `# DriftLab: ${inline(c.title || c.scenario)}`,
    '',
    `- Scenario: \`${inline(c.scenario)}\``,
    `- Seed: ${c.seed}`,
    `- Virtual time: ${formatClock(c.t)}`,
    `- Steps run: ${c.steps.length} of ${c.totalSteps}`,
    '',
    '## Metrics',
    '',
    '| Metric | DevOps (push) | GitOps (pull) |',
    '| --- | ---: | ---: |',
    ...SHOWN_METRICS.map(
      (key) => `| ${METRICS[key].label} | ${cell('devops', key)} | ${cell('gitops', key)} |`,
    ),
    '',
    '★ marks the better value; a figure in parentheses says why there is none.',
    '',
    `Time out of sync with Git: ${inline(c.sync)}.`,
    '',
    '## Steps',
    '',
  ];
  if (c.steps.length === 0) out.push('No step has run yet.', '');
  c.steps.forEach((step, i) => {
    out.push(`${i + 1}. ${inline(step.title)}`);
    for (const e of step.expectations) out.push(`   - ${e.ok ? '✓' : '✗'} ${inline(e.text)}`);
  });
  return `${out.join('\n').trimEnd()}\n`;
}

/**
 * The repository as a zip: paths as given (`.git/` included), so unzipping yields a repository
 * that `git log` reads. Git objects are zlib streams already; they are stored, not deflated again.
 */
export function repositoryZip(entries: readonly ExportEntry[]): Uint8Array<ArrayBuffer> {
  const files: Zippable = {};
  for (const e of entries) {
    files[e.path] = e.path.startsWith('.git/objects/') ? [e.bytes, { level: 0 }] : e.bytes;
  }
  return zipSync(files, { level: 6 });
}
