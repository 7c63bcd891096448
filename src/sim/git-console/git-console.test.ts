import '../../platform/node';
import { describe, expect, it } from 'vitest';
import { runAction } from '../scenario';
import { BRANCH, Sandbox } from '../sandbox';
import { STARTER_FILES } from '../starter-repo';
import { completeGit, GitConsoleError, parseGitLine, readGit } from '.';

const DEPLOY = 'apps/web/deployment.yaml';

function refused(line: string): GitConsoleError {
  try {
    parseGitLine(line, 'you');
  } catch (e) {
    if (e instanceof GitConsoleError) return e;
    throw e;
  }
  throw new Error(`"${line}" was accepted`);
}

describe('git lines: parsing', () => {
  it('turns a line that changes the repository into the scenario action it stands for', () => {
    expect(
      parseGitLine(
        `git commit -m "web: 5 replicas" --tag v2 ${DEPLOY}:spec.replicas=5 "${DEPLOY}:metadata.annotations['team.io/owner']=ops" --rm apps/web/old.yaml`,
        'you',
      ),
    ).toEqual({
      kind: 'action',
      action: {
        commit: {
          message: 'web: 5 replicas',
          author: 'you',
          tag: 'v2',
          patch: {
            [DEPLOY]: { 'spec.replicas': 5, "metadata.annotations['team.io/owner']": 'ops' },
          },
          remove: ['apps/web/old.yaml'],
        },
      },
    });
    expect(parseGitLine('git revert --no-edit HEAD~1', 'you')).toEqual({
      kind: 'action',
      action: { revert: { commit: 'HEAD~1', author: 'you' } },
    });
    expect(parseGitLine('git pr open feature -m "Scale up" --base main', 'ana')).toEqual({
      kind: 'action',
      action: {
        pr: { open: { branch: 'feature', title: 'Scale up', author: 'ana', base: 'main' } },
      },
    });
    expect(parseGitLine('git pr merge feature', 'ana')).toEqual({
      kind: 'action',
      action: { pr: { merge: { branch: 'feature', by: 'ana' } } },
    });
  });

  it('reads values as YAML scalars, and the multi-document prefix of a patch path', () => {
    const line = `git commit -m x a.yaml:Deployment/web:spec.paused=true a.yaml:data.n=007 a.yaml:x=null`;
    const parsed = parseGitLine(line, 'you');
    expect(parsed.kind === 'action' && parsed.action).toEqual({
      commit: {
        message: 'x',
        author: 'you',
        patch: { 'a.yaml': { 'Deployment/web:spec.paused': true, 'data.n': '007', x: null } },
      },
    });
  });

  it('answers looking lines without an action', () => {
    expect(parseGitLine('git log --oneline -3 v2', 'you')).toEqual({
      kind: 'read',
      read: { command: 'log', rev: 'v2', oneline: true, limit: 3 },
    });
    expect(parseGitLine('git show', 'you')).toEqual({
      kind: 'read',
      read: { command: 'show', rev: 'HEAD' },
    });
    expect(parseGitLine('git', 'you')).toEqual({ kind: 'read', read: { command: 'help' } });
  });

  it.each([
    ['git commit -m "no edits"', /at least one edit/],
    [`git commit ${DEPLOY}:spec.replicas=5`, /needs a message/],
    ['git commit -m x notanedit', /is not an edit/],
    ['git revert', /one revision/],
    ['git log -n 0', /whole number/],
    ['git pr close feature', /open, approve or merge/],
    ['git frobnicate', /not a git command/],
    ['git commit -m "unclosed', /quote/i],
  ])('refuses %s with E_GIT_SYNTAX and the usage', (line, message) => {
    const e = refused(line);
    expect(e.code).toBe('E_GIT_SYNTAX');
    expect(e.message).toMatch(message);
  });

  it('says plainly which real git commands are not simulated', () => {
    expect(refused('git push origin main').code).toBe('E_GIT_UNSUPPORTED');
    expect(refused('git checkout -b feature').message).toMatch(/no working tree/);
  });
});

describe('git lines on a sandbox', () => {
  it('commits, reverts and reads back as git prints it', async () => {
    const sandbox = await Sandbox.create({ seed: 1, files: { ...STARTER_FILES } });
    const run = async (line: string) => {
      const parsed = parseGitLine(line, 'you');
      return parsed.kind === 'action'
        ? runAction(sandbox, parsed.action)
        : { ok: true, text: await readGit(sandbox.repo, BRANCH, parsed.read) };
    };
    expect((await run(`git commit -m "web: 5" --tag v2 ${DEPLOY}:spec.replicas=5`)).ok).toBe(true);
    expect(await sandbox.repo.readFile('HEAD', DEPLOY)).toContain('replicas: 5');
    const log = (await run('git log --oneline')).text.split('\n');
    expect(log).toHaveLength(2);
    expect(log[0]).toMatch(/^[0-9a-f]{7} \(HEAD -> main, tag: v2\) web: 5$/);
    const show = (await run('git show v2')).text;
    expect(show).toMatch(/^commit [0-9a-f]{40} \(HEAD -> main, tag: v2\)\nAuthor: you </);
    expect(show).toMatch(/Date: {3}Mon Jan 5 09:00:00 2026 \+0000/);
    expect(show).toContain(`diff --git a/${DEPLOY} b/${DEPLOY}`);
    expect(show).toContain('-  replicas: 3');
    expect(show).toContain('+  replicas: 5');
    expect((await run('git revert v2')).ok).toBe(true);
    expect(await sandbox.repo.readFile('HEAD', DEPLOY)).toContain('replicas: 3');
    expect((await run('git status')).text).toMatch(
      /^On branch main at [0-9a-f]{7}\nnothing to commit/,
    );
    expect((await run('git branch')).text).toMatch(/^\* main [0-9a-f]{7}$/);
    expect((await run('git tag')).text).toBe('v2');
    await expect(run('git show nope')).rejects.toHaveProperty('code', 'E_UNKNOWN_REVISION');
  });
});

describe('git lines: completion', () => {
  const names = {
    branches: ['main', 'feature'],
    tags: ['v2'],
    files: [DEPLOY, 'apps/web/service.yaml'],
  };
  it('completes commands, revisions, branches and file paths as whole lines', () => {
    expect(completeGit('git sh', names)).toEqual(['git show ']);
    expect(completeGit('git revert ', names)).toEqual([
      'git revert HEAD ',
      'git revert main ',
      'git revert feature ',
      'git revert v2 ',
    ]);
    expect(completeGit('git pr merge f', names)).toEqual(['git pr merge feature ']);
    expect(completeGit('git commit -m x apps/web/d', names)).toEqual([
      `git commit -m x ${DEPLOY}:`,
    ]);
    expect(completeGit('gi', names)).toEqual(['git ']);
    expect(completeGit('git commit -m "x', names)).toEqual([]);
  });
});
