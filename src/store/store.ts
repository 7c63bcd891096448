// The one zustand store: view state in typed slices, plus the latest snapshot of the sandbox.
// The sandbox itself (simulation state) lives outside the store; the store only holds what React
// renders. Vanilla (no React import): React reads it through hooks.ts.
import { createStore, type StateCreator } from 'zustand/vanilla';
import type { ClusterName } from '../sim/audit';
import { Sandbox } from '../sim/sandbox';
import { STARTER_FILES } from '../sim/starter-repo';
import { buildView, type SandboxView } from './view';

export interface ConsoleEntry {
  id: number;
  lane: ClusterName;
  line: string;
  ok: boolean;
  output: string;
}

export interface SandboxSlice {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  view: SandboxView | null;
  boot: (seed?: number) => Promise<void>;
  advance: (ms: number) => Promise<void>;
}

export interface ConsoleSlice {
  consoleLane: ClusterName;
  entries: ConsoleEntry[];
  setConsoleLane: (lane: ClusterName) => void;
  runLine: (line: string) => Promise<void>;
}

export type AppState = SandboxSlice & ConsoleSlice;

/** The live sandbox behind the store; replaced on boot. */
let sandbox: Sandbox | null = null;
let unsubscribe: (() => void) | null = null;
let entryId = 0;

export function currentSandbox(): Sandbox | null {
  return sandbox;
}

const sandboxSlice: StateCreator<AppState, [], [], SandboxSlice> = (set) => {
  // Views are built asynchronously (the repo is promise-based); only the newest one is kept.
  let generation = 0;
  const refresh = async () => {
    if (!sandbox) return;
    const mine = ++generation;
    const view = await buildView(sandbox);
    if (mine === generation) set({ view });
  };
  return {
    status: 'idle',
    error: null,
    view: null,
    boot: async (seed = 1) => {
      set({ status: 'loading', error: null });
      try {
        unsubscribe?.();
        sandbox = await Sandbox.create({ seed, files: { ...STARTER_FILES }, path: 'apps/web' });
        unsubscribe = sandbox.subscribe(() => void refresh());
        await refresh();
        set({ status: 'ready' });
      } catch (e) {
        set({ status: 'error', error: e instanceof Error ? e.message : String(e) });
      }
    },
    advance: async (ms) => {
      await sandbox?.advance(ms);
    },
  };
};

const consoleSlice: StateCreator<AppState, [], [], ConsoleSlice> = (set, get) => ({
  consoleLane: 'devops',
  entries: [],
  setConsoleLane: (lane) => set({ consoleLane: lane }),
  runLine: async (line) => {
    if (!sandbox || line.trim() === '') return;
    const lane = get().consoleLane;
    const result = await sandbox.kubectl(lane, line, 'you');
    const output = [result.stdout, result.stderr].filter((s) => s !== '').join('\n');
    set((s) => ({
      entries: [...s.entries, { id: ++entryId, lane, line, ok: result.ok, output }].slice(-200),
    }));
  },
});

export const appStore = createStore<AppState>()((...a) => ({
  ...sandboxSlice(...a),
  ...consoleSlice(...a),
}));
