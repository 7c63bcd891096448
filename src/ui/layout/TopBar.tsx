import { useApp } from '../../store/hooks';
import { formatClock } from '../format';

const STEPS = [
  { label: '+10s', ms: 10_000 },
  { label: '+1m', ms: 60_000 },
  { label: '+10m', ms: 600_000 },
];

export function TopBar() {
  const t = useApp((s) => s.view?.t ?? 0);
  const advance = useApp((s) => s.advance);
  const boot = useApp((s) => s.boot);
  return (
    <header className="topbar">
      <div className="brand">
        <h1>DriftLab</h1>
        <span className="muted">push vs pull, side by side</span>
      </div>
      <div className="controls" role="toolbar" aria-label="Time">
        <span className="clock" aria-label="Virtual clock" role="timer">
          {formatClock(t)}
        </span>
        {STEPS.map((s) => (
          <button
            key={s.label}
            type="button"
            onClick={() => void advance(s.ms)}
            aria-label={`Advance ${s.label.slice(1)}`}
          >
            {s.label}
          </button>
        ))}
        <button type="button" onClick={() => void boot()}>
          Reset
        </button>
      </div>
    </header>
  );
}
