// Scenarios: a format anyone can write (schema.ts), its loader with located errors (load.ts), the
// actions and expectations (actions.ts, expect.ts), the runner that steps forward and back
// (runner.ts), and the JSON report the CLI prints (report.ts). Every floor and ceiling is in
// limits.ts; checkAction / checkActionList hold a link's or a console's actions to the same rules.
export { loadScenario, MAX_BYTES, MAX_VIRTUAL_MS } from './load';
export * as limits from './limits';
export { checkAction, checkActionList, type ActionCheck } from './action-check';
export {
  ScenarioError,
  isScenarioError,
  formatProblem,
  type ScenarioProblem,
  type ScenarioErrorCode,
} from './errors';
export { ScenarioRun, type StepResult, type UserAction, type RunOptions } from './runner';
export { runAction, DEFAULT_ACTOR, type ActionOutcome } from './actions';
export { checkExpectation, readField, type ExpectationResult } from './expect';
export { patchYaml, PatchError } from './patch';
export {
  scenarioJsonSchema,
  ACTION_NAMES,
  type Scenario,
  type Step,
  type Action,
  type Expectation,
} from './schema';
export { LEARNER, type TaskState, type TaskResult, type ConstraintResult } from './task';
export { type QuestionResult } from './question';
export type { NextStep, PlayOutcome, StepKind } from './runner';
export {
  loadLessons,
  lessonsInOrder,
  nextLesson,
  type LessonIndex,
  type Lesson,
  type Track,
  type Figure,
} from './lessons';
export { describeExpectation } from './describe';
export { whatHappened, happenedInLastStep, type Happening } from './narrate';
export { playWithSolutions, type TaskProof } from './task-proof';
