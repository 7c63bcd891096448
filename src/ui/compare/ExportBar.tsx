// The export buttons: the trail as JSON and CSV, the comparison as Markdown, the repo as a zip.
import { useState } from 'react';
import type { AuditRecord } from '../../sim/audit';
import type { ExportEntry } from '../../sim/git';
import { saveFile } from './download';
import {
  auditCsv,
  auditJson,
  comparisonMarkdown,
  exportFileName,
  repositoryZip,
  type ComparisonInput,
} from './exports';

interface Props {
  records: readonly AuditRecord[];
  comparison: ComparisonInput;
  /** The repository's files, `.git/` included; null when no run is live. */
  exportRepository: () => Promise<readonly ExportEntry[]> | null;
}

export function ExportBar({ records, comparison: c, exportRepository }: Props) {
  const [zipping, setZipping] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = (what: string, ext: string) => exportFileName(c.scenario, c.seed, what, ext);

  const zip = async () => {
    const pending = exportRepository();
    if (!pending) return;
    setZipping(true);
    setError(null);
    try {
      const bytes = repositoryZip(await pending);
      saveFile(bytes, name('repo', 'zip'), 'application/zip');
    } catch (e) {
      setError(
        `The repository could not be exported: ${e instanceof Error ? e.message : String(e)}`,
      );
    } finally {
      setZipping(false);
    }
  };

  return (
    <div className="compare-exports" role="group" aria-label="Exports">
      <button
        type="button"
        onClick={() =>
          saveFile(
            auditJson(records, { scenario: c.scenario, seed: c.seed, t: c.t }),
            name('audit', 'json'),
            'application/json',
          )
        }
      >
        Export audit trail (JSON)
      </button>
      <button
        type="button"
        onClick={() => saveFile(auditCsv(records), name('audit', 'csv'), 'text/csv;charset=utf-8')}
      >
        Export audit trail (CSV)
      </button>
      <button
        type="button"
        onClick={() =>
          saveFile(comparisonMarkdown(c), name('comparison', 'md'), 'text/markdown;charset=utf-8')
        }
      >
        Export comparison (Markdown)
      </button>
      <button type="button" onClick={() => void zip()} disabled={zipping} aria-busy={zipping}>
        Download repository (zip)
      </button>
      {error ? (
        <p role="alert" className="export-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
