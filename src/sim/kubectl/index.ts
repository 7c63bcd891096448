// src/sim/kubectl: the kubectl people type in DriftLab's console and scenario files. A line
// (`scale deployment/web --replicas=5`, with or without `kubectl`) is parsed like kubectl parses
// it (parse.ts), run against one simulated cluster through its API and its ops (execute.ts), and
// answered with kubectl's own output: tables, YAML, describe pages, and the same error texts for
// the same mistakes. Nothing here throws out of runKubectl. Secret values are masked in every
// output. Tab completion of commands, types and object names is in complete.ts.
export { runKubectl } from './execute';
export { parseKubectl } from './parse';
export { completeKubectl } from './complete';
export { eventAge } from './events';
export {
  KubectlError,
  isKubectlError,
  type KubectlErrorCode,
  type KubectlErrorData,
} from './errors';
export type { KubectlEnv, KubectlResult } from './context';
export type { ReadRepoFile, RepoFile } from './manifests';
export type * from './ast';
export { repoFileReader } from './repo-reader';
