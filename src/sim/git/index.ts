// src/sim/git: the config repository both lanes deploy from. One in-memory Git repository of
// Kubernetes manifests (isomorphic-git over lightning-fs), with branches, tags, pull requests,
// merges and reverts that behave like git and GitHub, SHAs that are identical on every run (time
// is virtual and passed in), cached reads, YAML manifest parsing with located errors, diffs, and
// an export that native git reads. Pure: runs in Node and the browser; the one Node-only piece,
// writing an export to disk, lives in export-node.ts and is not re-exported here.
//
// Before importing this in Node, import src/platform/node (browser: src/platform/browser).
export { ConfigRepo, DEFAULT_BRANCH, type InitOptions } from './repo';
export type { OpenPullRequestOptions, MergePullRequestOptions } from './pull-requests';
export type { TagOptions } from './tag';
export type { CommitOptions } from './commit';
export type { RevertOptions } from './revert';
export type { LogOptions } from './history';
export type { ManifestDoc, ManifestError, ManifestSet } from './manifests';
export { revertMessage } from './revert';
export * from './errors';
export type * from './types';
