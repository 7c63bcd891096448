// A collapsible part of a lane panel: a heading whose button shows or hides the content.
import { useId, useState, type ReactNode } from 'react';

export interface SectionProps {
  title: string;
  /** A short summary next to the title, visible while collapsed too. */
  meta?: ReactNode;
  defaultOpen?: boolean;
  children: ReactNode;
}

export function Section({ title, meta, defaultOpen = true, children }: SectionProps) {
  const [open, setOpen] = useState(defaultOpen);
  const id = useId();
  return (
    <div className="lp-section">
      <h3 className="lp-h3 lp-section-head">
        <button
          type="button"
          className="lp-section-toggle"
          aria-expanded={open}
          aria-controls={id}
          onClick={() => setOpen((o) => !o)}
        >
          <span aria-hidden="true" className="lp-caret">
            {open ? '▾' : '▸'}
          </span>
          {title}
        </button>
        {meta ? <span className="lp-section-meta">{meta}</span> : null}
      </h3>
      <div id={id} hidden={!open} className="lp-section-body">
        {open ? children : null}
      </div>
    </div>
  );
}
