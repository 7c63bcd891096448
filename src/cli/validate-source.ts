// `sim validate` on a file read from disk: the scenario loaded (ScenarioError when it does not
// load), its repo.dir read (a refused folder is a problem at the line of `repo.dir`), and every
// problem a run would hit that can be seen without running. `run` does the same before it runs.
import { ScenarioError, type Scenario, type ScenarioProblem } from '../sim/scenario';
import { loadScenario, locatorFor } from '../sim/scenario/load';
import { staticCheck } from '../sim/scenario/static-check';
import type { ScenarioSource } from './library';
import { DirError, readDir } from './scenario-dir';

export interface ValidatedSource {
  scenario: Scenario;
  dirFiles: Record<string, string> | null | undefined;
  /** Empty when the scenario may run. */
  problems: ScenarioProblem[];
}

export function validateSource(source: ScenarioSource): ValidatedSource {
  const scenario = loadScenario(source.text, source.file, source.id);
  const dir = scenario.repo.dir;
  let dirFiles: Record<string, string> | null | undefined;
  try {
    dirFiles = dir !== undefined ? readDir(source.file, dir) : undefined;
  } catch (e) {
    if (!(e instanceof DirError)) throw e;
    const loc = locatorFor(source.text, source.file);
    throw new ScenarioError([loc.problem('E_DIR', ['repo', 'dir'], e.message)]);
  }
  return {
    scenario,
    dirFiles,
    problems: staticCheck(scenario, source.text, source.file, dirFiles),
  };
}
