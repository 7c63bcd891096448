export { completeGit, type GitNames } from './complete';
export {
  GIT_HELP,
  GitConsoleError,
  parseGitLine,
  type GitConsoleCode,
  type GitLine,
  type GitRead,
} from './parse';
export { readGit } from './read';
