import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ClusterName } from '../../sim/audit';
import { useApp } from '../../store/hooks';

export function Console() {
  const entries = useApp((s) => s.entries);
  const lane = useApp((s) => s.consoleLane);
  const setLane = useApp((s) => s.setConsoleLane);
  const runLine = useApp((s) => s.runLine);
  const [line, setLine] = useState('');
  const [back, setBack] = useState(0);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void runLine(line);
    setLine('');
    setBack(0);
  };
  const history = entries.map((e) => e.line);
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    e.preventDefault();
    const next = Math.max(0, Math.min(history.length, back + (e.key === 'ArrowUp' ? 1 : -1)));
    setBack(next);
    setLine(next === 0 ? '' : (history[history.length - next] ?? ''));
  };

  return (
    <section className="panel console" aria-label="Console">
      <ol className="console-log" aria-live="polite">
        {entries.map((e) => (
          <li key={e.id}>
            <div className="prompt">
              <span className="lane-tag">{e.lane}</span> $ kubectl{' '}
              {e.line.replace(/^\s*kubectl\s+/, '')}
            </div>
            {e.output ? <pre className={e.ok ? 'out' : 'out error'}>{e.output}</pre> : null}
          </li>
        ))}
      </ol>
      <form className="console-input" onSubmit={submit}>
        <label>
          <span className="visually-hidden">Cluster</span>
          <select
            value={lane}
            onChange={(e) => setLane(e.target.value as ClusterName)}
            aria-label="Console cluster"
          >
            <option value="devops">devops</option>
            <option value="gitops">gitops</option>
          </select>
        </label>
        <span className="dollar" aria-hidden="true">
          $ kubectl
        </span>
        <input
          value={line}
          onChange={(e) => setLine(e.target.value)}
          onKeyDown={onKey}
          aria-label="kubectl command"
          placeholder="get pods · apply -f apps/web · scale deployment/web --replicas=5"
          spellCheck={false}
          autoComplete="off"
        />
        <button type="submit">Run</button>
      </form>
    </section>
  );
}
