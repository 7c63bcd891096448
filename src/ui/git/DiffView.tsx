// A unified patch as text, one span per line. The +, - and @@ prefixes stay in the text, so the
// colour only repeats what the characters already say.
import type { FileDiff } from '../../sim/git';

// The file headers (`--- a/…`, `+++ b/…`) come before the first hunk; after it, a line of `----`
// is a YAML document separator being removed, not a header.
function lineClass(line: string, inHunks: boolean): string {
  if (line.startsWith('@@')) return 'dl-hunk';
  if (!inHunks || line.startsWith('\\')) return 'dl-meta';
  if (line.startsWith('+')) return 'dl-add';
  if (line.startsWith('-')) return 'dl-del';
  return 'dl-ctx';
}

function PatchText({ patch }: { patch: string }) {
  const lines = patch.replace(/\n$/, '').split('\n');
  const firstHunk = lines.findIndex((l) => l.startsWith('@@'));
  return (
    <pre className="patch">
      {lines.map((line, i) => (
        <span key={i} className={lineClass(line, firstHunk >= 0 && i >= firstHunk)}>
          {line}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}

const STATUS_MARK = { added: 'A', modified: 'M', deleted: 'D' } as const;

export function DiffView({ files }: { files: readonly FileDiff[] }) {
  if (files.length === 0) return <p className="empty">No file changes.</p>;
  return (
    <ul className="diff-files">
      {files.map((f) => (
        <li key={f.path}>
          <details open={files.length <= 3}>
            <summary>
              <span className={`file-status fs-${f.status}`} aria-hidden="true">
                {STATUS_MARK[f.status]}
              </span>
              <span className="visually-hidden">{f.status}</span> <code>{f.path}</code>
            </summary>
            <PatchText patch={f.patch} />
          </details>
        </li>
      ))}
    </ul>
  );
}
