// The shortcuts sheet: a modal dialog (WAI-ARIA's dialog pattern) listing every keyboard
// shortcut. `?` or the top bar's "Keys" button opens it; Esc, the Close button or a click outside
// closes it, and focus goes back to where it was. Tab stays inside while it is open.
import { useEffect, useRef } from 'react';
import { FOCUS_SHORTCUTS, GLOBAL_SHORTCUTS, SHORTCUTS_NOTE, type Shortcut } from './shortcuts';
import { shortcutsSheet } from './shortcuts-sheet';

function Rows({ list }: { list: readonly Shortcut[] }) {
  return (
    <tbody>
      {list.map((s) => (
        <tr key={s.keys.join() + s.does}>
          <th scope="row">
            {s.keys.map((k, i) => (
              <span key={k}>
                {i > 0 ? ' ' : null}
                <kbd>{k}</kbd>
              </span>
            ))}
          </th>
          <td>
            {s.does}
            {s.where ? <span className="muted"> ({s.where})</span> : null}
          </td>
        </tr>
      ))}
    </tbody>
  );
}

function Sheet({ close }: { close: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  // Focus moves in, and back to where it was once the sheet is gone.
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    box.current?.querySelector<HTMLElement>('button')?.focus();
    return () => before?.focus();
  }, []);
  return (
    <div
      className="sheet-backdrop"
      onPointerDown={(e) => {
        if (e.target === e.currentTarget) close();
      }}
    >
      <div
        ref={box}
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        className="sheet"
        onKeyDown={(e) => {
          // Keys pressed in the sheet are the sheet's: no step runs behind it.
          e.stopPropagation();
          if (e.key === 'Escape') {
            e.preventDefault();
            close();
          } else if (e.key === 'Tab') {
            // One button inside: Tab and Shift+Tab stay on it.
            e.preventDefault();
          }
        }}
      >
        <header className="sheet-head">
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          <button type="button" onClick={close}>
            Close
          </button>
        </header>
        <table className="shortcuts">
          <caption>Anywhere on the page</caption>
          <Rows list={GLOBAL_SHORTCUTS} />
        </table>
        <table className="shortcuts">
          <caption>On the control with focus</caption>
          <Rows list={FOCUS_SHORTCUTS} />
        </table>
        <p className="muted">{SHORTCUTS_NOTE}</p>
      </div>
    </div>
  );
}

export function ShortcutsSheet() {
  const open = shortcutsSheet.use();
  return open ? <Sheet close={() => shortcutsSheet.set(false)} /> : null;
}
