// How the Git panel writes a commit id: the 7 characters `git log --oneline` shows.
export const shortSha = (sha: string) => sha.slice(0, 7);
