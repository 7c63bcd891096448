// Finding and reading scenarios on disk: a path to a file, or an id from the library folder, and
// the files of a scenario's `repo.dir`, relative to the scenario file.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { safeRecord, type SafeRecord } from '../sim/safe-keys';

export const LIBRARY = resolve(import.meta.dirname, '../../scenarios');
/** The path through the library (scenarios/lessons.yaml): an index, not a scenario. */
export const LESSONS_INDEX = 'lessons.yaml';

export interface ScenarioSource {
  file: string;
  text: string;
  /** The file's name without .yaml: a library scenario's id must equal it. */
  id: string;
}

/** A file path, or the id of a library scenario. Null when neither exists. */
export function findScenario(arg: string): ScenarioSource | null {
  const candidates = [arg, join(LIBRARY, `${arg}.yaml`), join(LIBRARY, arg)];
  const file = candidates.find((c) => existsSync(c) && statSync(c).isFile());
  if (!file) return null;
  return {
    file: relative(process.cwd(), file) || file,
    text: readFileSync(file, 'utf8'),
    id: basename(file).replace(/\.ya?ml$/, ''),
  };
}

export function librarySources(): ScenarioSource[] {
  if (!existsSync(LIBRARY)) return [];
  return readdirSync(LIBRARY)
    .filter((f) => f.endsWith('.yaml') && f !== LESSONS_INDEX)
    .sort()
    .map((f) => findScenario(join(LIBRARY, f))!);
}

function walk(dir: string, base: string, out: SafeRecord<string>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, base, out);
    else out[relative(base, path).split('\\').join('/')] = readFileSync(path, 'utf8');
  }
}

/** The files under `dir` (relative to the scenario file), keyed by their path inside `dir`; null when absent. */
export function readDir(scenarioFile: string, dir: string): Record<string, string> | null {
  const root = resolve(dirname(scenarioFile), dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) return null;
  // A file may be called `__proto__`: it is one more file, not the record's prototype.
  const out = safeRecord<string>();
  walk(root, root, out);
  return out;
}
