// Small formatting helpers shared by the panels.
import { formatClock } from '../sim/clock';
import { EPOCH_MS } from '../sim/clock';

export const shortSha = (sha: string) => sha.slice(0, 7);

/** Virtual time of a commit (ms since the Unix epoch) as sandbox time `hh:mm:ss`. */
export const commitClock = (timestampMs: number) => formatClock(timestampMs - EPOCH_MS);

export { formatClock };
