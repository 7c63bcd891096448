// The console as a drawer below the timeline: closed, it is one line, so the lanes and the
// timeline keep the screen; its open state is remembered (issue 14: deeper panels on demand).
import { useRememberedOpen } from '../layout/remembered';
import { Console } from './Console';

export function ConsoleDrawer() {
  const [open, setOpen] = useRememberedOpen('console', false);
  return (
    <div className="drawer console-drawer">
      <button
        type="button"
        className="drawer-toggle"
        aria-expanded={open}
        aria-controls="console-drawer"
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true" className="drawer-caret">
          {open ? '▾' : '▸'}
        </span>
        Console <span className="muted">kubectl, git, argocd and flux lines</span>
      </button>
      <div id="console-drawer" hidden={!open}>
        {open ? <Console /> : null}
      </div>
    </div>
  );
}
