// A collapsible part of a lane panel: a heading whose button shows or hides the content. Given a
// `remember` name, its open state survives a reload (remembered.ts).
import { useId, useState, type ReactNode } from 'react';
import { useRememberedOpen } from '../layout/remembered';

export interface SectionProps {
  title: string;
  /** A short summary next to the title, visible while collapsed too. */
  meta?: ReactNode;
  defaultOpen?: boolean;
  /** The name its open state is remembered under (`gitops.sync-plan`); not remembered without. */
  remember?: string;
  children: ReactNode;
}

export function Section({ title, meta, defaultOpen = true, remember, children }: SectionProps) {
  const local = useState(defaultOpen);
  const kept = useRememberedOpen(remember ?? 'unremembered', defaultOpen);
  const [open, setOpen] = remember ? kept : local;
  const id = useId();
  return (
    <div className="lp-section">
      <h3 className="lp-h3 lp-section-head">
        <button
          type="button"
          className="lp-section-toggle"
          aria-expanded={open}
          aria-controls={id}
          onClick={() => setOpen(!open)}
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
