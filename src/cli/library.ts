// Finding and reading scenarios on disk: a path to a file, or an id from the library folder, and
// the files of a scenario's `repo.dir`, relative to the scenario file.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { MAX_BYTES, ScenarioError } from '../sim/scenario';

export const LIBRARY = resolve(import.meta.dirname, '../../scenarios');
/** The path through the library (scenarios/lessons.yaml): an index, not a scenario. */
export const LESSONS_INDEX = 'lessons.yaml';

export interface ScenarioSource {
  file: string;
  text: string;
  /** The file's name without .yaml: a library scenario's id must equal it. */
  id: string;
}

/**
 * A file path, or the id of a library scenario. Null when neither is a regular file (a FIFO or a
 * device is never opened). A file past the size limit is refused before it is read.
 */
export function findScenario(arg: string): ScenarioSource | null {
  const candidates = [arg, join(LIBRARY, `${arg}.yaml`), join(LIBRARY, arg)];
  const file = candidates.find((c) => existsSync(c) && statSync(c).isFile());
  if (!file) return null;
  const shown = relative(process.cwd(), file) || file;
  const { size } = statSync(file);
  if (size > MAX_BYTES)
    throw new ScenarioError([
      {
        code: 'E_TOO_LARGE',
        file: shown,
        line: 1,
        col: 1,
        message: 'scenario files are limited to 1 MiB',
        expected: `at most ${MAX_BYTES} bytes`,
        found: `${size} bytes`,
      },
    ]);
  return {
    file: shown,
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

export { DirError, readDir } from './scenario-dir';
