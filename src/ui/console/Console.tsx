// The console: kubectl lines on the chosen cluster, git lines on the repository, argocd and flux
// lines on the GitOps lane: the same lines a scenario's `run.line` takes. Up and Down walk the
// history; Tab completes object names, revisions and file paths.
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ClusterName } from '../../sim/audit';
import { promptLine } from '../../sim/console-line';
import { useApp } from '../../store/hooks';

/** The longest start that every candidate shares. */
function sharedStart(lines: readonly string[]): string {
  let prefix = lines[0] ?? '';
  for (const l of lines) while (!l.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

export function Console() {
  const entries = useApp((s) => s.entries);
  const lane = useApp((s) => s.consoleLane);
  const setLane = useApp((s) => s.setConsoleLane);
  const runLine = useApp((s) => s.runLine);
  const complete = useApp((s) => s.complete);
  const [line, setLine] = useState('');
  const [back, setBack] = useState(0);
  const [options, setOptions] = useState<string[]>([]);

  const edit = (next: string) => {
    setLine(next);
    setOptions([]);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void runLine(line);
    edit('');
    setBack(0);
  };
  const history = entries.map((e) => e.line);
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Tab' && !e.shiftKey) {
      // Tab completes; with nothing typed it moves focus on, as everywhere else.
      if (line.trim() === '') return;
      e.preventDefault();
      const typed = line;
      void complete(typed).then((found) => {
        if (found.length === 0) return;
        // One candidate is a finished word: a space follows, as in a shell (not after a path's
        // `:` or a resource's `/`, which go on).
        const start =
          found.length === 1 && !/[\s:/=]$/.test(found[0]!) ? `${found[0]} ` : sharedStart(found);
        setLine(start.length > typed.length ? start : typed);
        setOptions(found.length > 1 ? found : []);
      });
      return;
    }
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    e.preventDefault();
    const next = Math.max(0, Math.min(history.length, back + (e.key === 'ArrowUp' ? 1 : -1)));
    setBack(next);
    edit(next === 0 ? '' : (history[history.length - next] ?? ''));
  };

  return (
    <section className="panel console" aria-label="Console">
      <ol className="console-log" aria-live="polite">
        {entries.map((e) => (
          <li key={e.id}>
            <div className="prompt">
              <span className="lane-tag">{e.lane}</span> $ {promptLine(e.line)}
            </div>
            {e.output ? <pre className={e.ok ? 'out' : 'out error'}>{e.output}</pre> : null}
          </li>
        ))}
      </ol>
      {options.length > 0 ? (
        <ul className="console-options" aria-label="Completions">
          {options.map((o) => (
            <li key={o}>
              <button type="button" onClick={() => edit(o)}>
                {o.trim().split(/\s+/).at(-1)}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form className="console-input" onSubmit={submit}>
        <label>
          <span className="visually-hidden">Cluster</span>
          <select
            value={lane}
            onChange={(e) => setLane(e.target.value as ClusterName)}
            aria-label="Console cluster"
            title="The cluster kubectl lines run on (git lines run on the repository)"
          >
            <option value="devops">devops</option>
            <option value="gitops">gitops</option>
          </select>
        </label>
        <span className="dollar" aria-hidden="true">
          $
        </span>
        <input
          value={line}
          onChange={(e) => edit(e.target.value)}
          onKeyDown={onKey}
          aria-label="Command"
          aria-describedby="console-hint"
          placeholder="get pods · scale deployment/web --replicas=5 · git log --oneline"
          spellCheck={false}
          autoComplete="off"
        />
        <button type="submit">Run</button>
      </form>
      <p id="console-hint" className="console-hint">
        kubectl lines run on the chosen cluster, git lines on the repository, argocd and flux lines
        on the GitOps lane. Tab completes, ↑ recalls; <code>git help</code>,{' '}
        <code>argocd help</code> and <code>flux help</code> list their lines.
      </p>
    </section>
  );
}
