// A disclosure button and the panel it shows (the WAI-ARIA disclosure pattern, used for menus of
// actions): Escape or a click elsewhere closes it and, for Escape, focus returns to the button.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export interface DisclosureProps {
  label: string;
  /** The panel's content; `close` closes it and gives focus back to the button. */
  children: (close: () => void) => ReactNode;
  title?: string;
  className?: string;
}

export function Disclosure({ label, children, title, className }: DisclosureProps) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const buttonId = `${id}-button`;
  const close = () => {
    setOpen(false);
    document.getElementById(buttonId)?.focus();
  };

  return (
    <div
      ref={root}
      className={`lp-disclosure ${className ?? ''}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          close();
        }
      }}
    >
      <button
        id={buttonId}
        type="button"
        className="lp-btn"
        aria-expanded={open}
        aria-controls={id}
        title={title}
        onClick={() => setOpen((o) => !o)}
      >
        {label}
        <span aria-hidden="true" className="lp-caret">
          {open ? '▴' : '▾'}
        </span>
      </button>
      <div id={id} className="lp-popover" role="group" aria-label={label} hidden={!open}>
        {open ? children(close) : null}
      </div>
    </div>
  );
}
