// The scenario library in the browser: the YAML files of scenarios/ and their support folders,
// bundled as text and loaded on demand (only the chosen scenario's files are fetched).
import { parse } from 'yaml';
import type { Scenario } from '../sim/scenario/schema';

const SCENARIOS = import.meta.glob<string>('/scenarios/*.yaml', {
  query: '?raw',
  import: 'default',
});
const SUPPORT = import.meta.glob<string>(
  ['/scenarios/*/**/*.yaml', '/scenarios/*/**/*.yml', '/scenarios/*/**/*.json'],
  { query: '?raw', import: 'default' },
);
import INDEX from 'virtual:scenario-index';

export const FREE_PLAY = 'free-play';

export interface LibraryEntry {
  id: string;
  title: string;
  summary: string;
}

/** Every library scenario, by id, with its title (Free play first). */
export function libraryEntries(): LibraryEntry[] {
  return [...INDEX].sort((a, b) =>
    a.id === FREE_PLAY ? -1 : b.id === FREE_PLAY ? 1 : a.title.localeCompare(b.title),
  );
}

export function hasScenario(id: string): boolean {
  return `/scenarios/${id}.yaml` in SCENARIOS;
}

/** A library scenario and the files of its `repo.dir`. */
export async function loadLibraryScenario(
  id: string,
): Promise<{ scenario: Scenario; dirFiles?: Record<string, string> }> {
  const read = SCENARIOS[`/scenarios/${id}.yaml`];
  if (!read) throw new Error(`no scenario "${id}" in the library`);
  // The library is validated by the test suite (test/library.test.ts runs every scenario), so the
  // app reads it as plain YAML and keeps the validating loader out of the first bundle.
  const scenario = parse(await read()) as Scenario;
  if (scenario.repo.dir === undefined) return { scenario };
  const prefix = `/scenarios/${scenario.repo.dir.replace(/^\.\//, '').replace(/\/$/, '')}/`;
  const dirFiles: Record<string, string> = {};
  for (const [path, load] of Object.entries(SUPPORT))
    if (path.startsWith(prefix)) dirFiles[path.slice(prefix.length)] = await load();
  return { scenario, dirFiles };
}
