// Runs a scenario action through the store (recorded, so a reload replays it) and keeps what the
// sandbox answered, kubectl's output or a refusal, for the panel to show.
import { useCallback, useState } from 'react';
import type { Action } from '../../sim/scenario';
import { useApp } from '../../store/hooks';

export interface Outcome {
  ok: boolean;
  text: string;
}

export function useLaneRun(): { run: (action: Action) => void; outcome: Outcome | null } {
  const act = useApp((s) => s.act);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const run = useCallback(
    (action: Action) => {
      void (async () => {
        try {
          const o = await act(action);
          if (o) setOutcome({ ok: o.ok, text: o.text });
        } catch (e) {
          setOutcome({ ok: false, text: e instanceof Error ? e.message : String(e) });
        }
      })();
    },
    [act],
  );
  return { run, outcome };
}
