// Answers the console's read-only git lines from the repository, in git's own formats (`log`,
// `log --oneline` with its decorations, `show` with the diff, `status`, `branch`, `tag`).
import { EPOCH_MS } from '../clock';
import { isoTime } from '../cluster/time';
import { getOrCreate } from '../get-or-create';
import type { ConfigRepo } from '../git';
import type { CommitInfo } from '../git/types';
import { GIT_HELP, type GitRead } from './parse';

const short = (sha: string) => sha.slice(0, 7);

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Mon Jan 5 09:00:00 2026 +0000`, as git prints an author date (commits are at +0000). */
function gitDate(epochMs: number): string {
  const iso = isoTime(epochMs - EPOCH_MS); // 2026-01-05T09:00:00Z
  const weekday = DAYS[(Math.floor(epochMs / 86_400_000) + 4) % 7]; // 1970-01-01 was a Thursday
  const month = MONTHS[Number(iso.slice(5, 7)) - 1];
  return `${weekday} ${month} ${Number(iso.slice(8, 10))} ${iso.slice(11, 19)} ${iso.slice(0, 4)} +0000`;
}

/** Refs by the commit they point at, as `git log --decorate` names them. */
async function decorations(repo: ConfigRepo, branch: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const add = (sha: string, name: string) => getOrCreate(out, sha, () => []).push(name);
  const head = await repo.resolve(branch);
  add(head, `HEAD -> ${branch}`);
  for (const b of await repo.listBranches()) if (b.name !== branch) add(b.sha, b.name);
  for (const t of await repo.listTags()) add(t.sha, `tag: ${t.name}`);
  return out;
}

/** ` (HEAD -> main, tag: v2)`, or nothing for a commit no ref names. */
function decoration(refs: string[] | undefined): string {
  return refs ? ` (${refs.join(', ')})` : '';
}

function entry(c: CommitInfo, refs: string[] | undefined): string {
  const decorated = decoration(refs);
  const body = c.message
    .trimEnd()
    .split('\n')
    .map((l) => (l === '' ? '' : `    ${l}`))
    .join('\n');
  return [
    `commit ${c.sha}${decorated}`,
    ...(c.parents.length > 1 ? [`Merge: ${c.parents.map(short).join(' ')}`] : []),
    `Author: ${c.author.name} <${c.author.email}>`,
    `Date:   ${gitDate(c.timestamp)}`,
    '',
    body,
  ].join('\n');
}

/** The output of a read-only git line. Throws the repository's coded errors (unknown revision). */
export async function readGit(repo: ConfigRepo, branch: string, read: GitRead): Promise<string> {
  switch (read.command) {
    case 'help':
      return GIT_HELP;
    case 'log': {
      const refs = await decorations(repo, branch);
      const commits = await repo.log(read.rev, { limit: read.limit });
      return commits
        .map((c) =>
          read.oneline
            ? `${short(c.sha)}${decoration(refs.get(c.sha))} ${c.subject}`
            : entry(c, refs.get(c.sha)),
        )
        .join(read.oneline ? '\n' : '\n\n');
    }
    case 'show': {
      const refs = await decorations(repo, branch);
      const c = await repo.readCommit(read.rev);
      const parent = c.parents[0];
      const diffs = parent ? await repo.diff(parent, c.sha) : [];
      const patches = diffs.map((d) => `diff --git a/${d.path} b/${d.path}\n${d.patch.trimEnd()}`);
      const root = parent ? [] : ['(the first commit: every file is new)'];
      return [entry(c, refs.get(c.sha)), ...root, ...patches].join('\n\n');
    }
    case 'status': {
      const head = await repo.resolve(branch);
      const open = repo.pullRequests().filter((p) => p.state === 'open');
      return [
        `On branch ${branch} at ${short(head)}`,
        'nothing to commit: the repository has no working tree (edit with git commit <file>:<path>=<value>, or in the Git panel)',
        ...(open.length > 0
          ? [
              '',
              'Open pull requests:',
              ...open.map(
                (p) =>
                  `  #${p.id} ${p.head} -> ${p.base}: ${p.title} (${p.approvals.length} approval${p.approvals.length === 1 ? '' : 's'})`,
              ),
            ]
          : []),
      ].join('\n');
    }
    case 'branch': {
      const branches = await repo.listBranches();
      return branches
        .map((b) => `${b.name === branch ? '*' : ' '} ${b.name} ${short(b.sha)}`)
        .join('\n');
    }
    case 'tag':
      return (await repo.listTags()).map((t) => t.name).join('\n');
  }
}
