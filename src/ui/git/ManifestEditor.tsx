// A small editor for one file of `main`: commit the change directly, or put it on a branch of its
// own and open a pull request. Broken YAML may still be committed (that is how a learner sees a
// lane fail), but only after a warning that says where the parser stopped.
import { useId, useState, type FormEvent } from 'react';
import { parseManifestText, type ManifestError } from '../../sim/git/manifests';
import type { Action, ActionOutcome } from '../../sim/scenario';
import { useApp } from '../../store/hooks';
import { useRepoRead } from './use-repo';

type ParseError = Omit<ManifestError, 'file'>;

const MANIFEST_FILE = /\.(ya?ml|json)$/i;
const AUTHOR = 'you';

type Mode = 'commit' | 'pr';

interface Draft {
  path: string;
  text: string;
  /** The commit of main the edit began from. */
  base: string;
}

/** `you/<file>-<n>`: the first n no branch has taken yet. */
export function prBranchName(path: string, branches: readonly string[]): string {
  const stem =
    (path.split('/').at(-1) ?? path)
      .replace(/\.[^.]*$/, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'file';
  let n = 1;
  while (branches.includes(`${AUTHOR}/${stem}-${n}`)) n++;
  return `${AUTHOR}/${stem}-${n}`;
}

export interface ManifestEditorProps {
  /** The commit `main` points at, or null before the repository is read. */
  mainSha: string | null;
  branches: readonly string[];
}

export function ManifestEditor({ mainSha, branches }: ManifestEditorProps) {
  const act = useApp((s) => s.act);
  const busy = useApp((s) => s.busy);
  const id = useId();
  const files = useRepoRead(mainSha, (repo) => repo.listFiles(mainSha!));
  const [chosen, setChosen] = useState<string | null>(null);
  const paths = (files.data ?? files.latest)?.map((f) => f.path) ?? [];
  const path =
    chosen !== null && paths.includes(chosen)
      ? chosen
      : (paths.find((p) => MANIFEST_FILE.test(p)) ?? paths[0] ?? null);
  const original = useRepoRead(path && mainSha ? `${mainSha}:${path}` : null, (repo) =>
    repo.readFile(mainSha!, path!),
  );
  const [draft, setDraft] = useState<Draft | null>(null);
  const [message, setMessage] = useState('');
  const [warning, setWarning] = useState<{ mode: Mode; errors: ParseError[] } | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  const mine = draft && draft.path === path ? draft : null;
  const text = mine ? mine.text : (original.data ?? original.latest ?? '');
  const changed = mine !== null && original.data !== undefined && mine.text !== original.data;
  const subject = message.trim() || (path ? `Update ${path.split('/').at(-1)}` : '');
  const disabled = !path || !changed || pending || busy;

  const choose = (next: string) => {
    setChosen(next);
    setWarning(null);
  };
  const edit = (next: string) => {
    setDraft({ path: path!, text: next, base: mine?.base ?? mainSha! });
    setWarning(null);
    setResult(null);
  };

  const send = async (mode: Mode) => {
    if (!path) return;
    setWarning(null);
    setPending(true);
    const run = async (action: Action): Promise<ActionOutcome> =>
      (await act(action)) ?? { ok: false, text: 'No scenario is running.', fatal: false };
    try {
      const branch = mode === 'pr' ? prBranchName(path, branches) : undefined;
      let outcome = await run({
        commit: {
          message: subject,
          author: AUTHOR,
          ...(branch ? { branch } : {}),
          write: { [path]: text },
        },
      });
      if (outcome.ok && branch)
        outcome = await run({ pr: { open: { branch, title: subject, author: AUTHOR } } });
      setResult({ ok: outcome.ok, text: outcome.text });
      if (outcome.ok) {
        setDraft(null);
        setMessage('');
      }
    } finally {
      setPending(false);
    }
  };

  const submit = (mode: Mode) => {
    const errors = MANIFEST_FILE.test(path ?? '') ? parseManifestText(text).errors : [];
    if (errors.length > 0) setWarning({ mode, errors: [...errors] });
    else void send(mode);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit('commit');
  };

  return (
    <form className="editor" aria-labelledby={`${id}-title`} onSubmit={onSubmit}>
      <h3 id={`${id}-title`}>Change a manifest</h3>
      <label className="field">
        <span>File</span>
        <select
          value={path ?? ''}
          onChange={(e) => choose(e.target.value)}
          disabled={paths.length === 0}
        >
          {paths.length === 0 ? <option value="">{files.error ?? 'Reading files…'}</option> : null}
          {paths.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Content</span>
        <textarea
          className="editor-text"
          value={text}
          onChange={(e) => edit(e.target.value)}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          rows={10}
          disabled={!path || original.data === undefined}
        />
      </label>
      {mine && mainSha && mine.base !== mainSha ? (
        <p className="note">
          main has moved since you began editing; a commit writes your whole file over it.
        </p>
      ) : null}
      <label className="field">
        <span>Commit message</span>
        <input
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          placeholder={subject || 'Describe the change'}
        />
      </label>
      {warning ? (
        <div className="yaml-warning" role="alert">
          <p>
            <strong>⚠ This YAML does not parse.</strong> The lanes will fail to read it.
          </p>
          <ul>
            {warning.errors.slice(0, 3).map((e, i) => (
              <li key={i}>
                <code>
                  {path}:{e.line}:{e.col}
                </code>{' '}
                {e.message}
              </li>
            ))}
          </ul>
          <div className="actions">
            <button type="button" className="danger" onClick={() => void send(warning.mode)}>
              {warning.mode === 'commit' ? 'Commit anyway' : 'Open pull request anyway'}
            </button>
            <button type="button" onClick={() => setWarning(null)}>
              Keep editing
            </button>
          </div>
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={disabled}>
          Commit
        </button>
        <button type="button" disabled={disabled} onClick={() => submit('pr')}>
          Open pull request
        </button>
      </div>
      <p className="muted hint">
        {changed && path
          ? `Commit goes straight to main; a pull request goes on branch ${prBranchName(path, branches)}.`
          : 'Edit the file to commit a change.'}
      </p>
      <p className={result?.ok === false ? 'outcome error-text' : 'outcome'} role="status">
        {result ? `${result.ok ? '✓' : '✗'} ${result.text}` : null}
      </p>
    </form>
  );
}
