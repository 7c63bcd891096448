// The store's state for what could cost the learner their work: a session that failed to restore
// (kept aside until exported or discarded) and another tab's change to the saved session (until
// the learner keeps theirs or loads the other). restore.ts fills both; RecoveryPanel acts on them.
import type { BrokenSession } from './persistence';

export interface SafetySlice {
  broken: BrokenSession | null;
  /** The session another tab saved (its stored text; '' when it cleared it), until a choice. */
  otherTab: string | null;
}

export const safetyState: SafetySlice = { broken: null, otherTab: null };
