// Desired (Git) vs live, field by field, then the unified diff as Argo CD shows it (live -> desired,
// over the fields the manifest sets). Secret values arrive already hashed or masked.
import type { FieldDiff as Field } from '../../sim/compare/types';

function formatValue(v: unknown): string {
  if (v === undefined) return '(absent)';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

function lineClass(line: string): string | undefined {
  if (line.startsWith('+++') || line.startsWith('---')) return 'lp-diff-file';
  if (line.startsWith('@@')) return 'lp-diff-hunk';
  if (line.startsWith('+')) return 'lp-diff-add';
  if (line.startsWith('-')) return 'lp-diff-del';
  return undefined;
}

export function UnifiedDiff({ text, label }: { text: string; label: string }) {
  const lines = text.replace(/\n$/, '').split('\n');
  return (
    <pre className="lp-diff" aria-label={label} tabIndex={0}>
      {lines.map((line, i) => (
        <span key={i} className={lineClass(line)}>
          {line}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}

export interface FieldDiffProps {
  id?: string;
  name: string;
  fields: Field[];
  textDiff?: string | undefined;
  /** What the diff means, when there are no fields (a missing or left-behind object). */
  note?: string | undefined;
}

export function FieldDiffView({ id, name, fields, textDiff, note }: FieldDiffProps) {
  return (
    <div className="lp-fielddiff" id={id} role="region" aria-label={`Diff of ${name}`}>
      {note ? <p className="lp-muted lp-small">{note}</p> : null}
      {fields.length > 0 ? (
        <table className="lp-table lp-fields">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Desired (Git)</th>
              <th scope="col">Live</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <tr key={f.path}>
                <th scope="row" className="lp-mono">
                  {f.path}
                </th>
                <td className="lp-mono lp-desired">{formatValue(f.desired)}</td>
                <td className="lp-mono lp-live">{formatValue(f.live)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {textDiff ? (
        <UnifiedDiff text={textDiff} label={`Unified diff of ${name}, live to desired`} />
      ) : null}
    </div>
  );
}
