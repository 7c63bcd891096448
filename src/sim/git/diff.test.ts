import '../../platform/node';
import { describe, expect, it } from 'vitest';
import { BOB, MINUTE, T0, deployment, guestbookRepo } from './test-fixtures';

describe('diff', () => {
  it('lists added, modified and deleted files with a unified diff each', async () => {
    const repo = await guestbookRepo();
    const before = await repo.resolve('main');
    await repo.commit({
      author: BOB,
      message: 'Scale, add config, drop README',
      timestamp: T0 + MINUTE,
      write: {
        'apps/guestbook/deployment.yaml': deployment({ replicas: 3 }),
        'apps/guestbook/config.yaml': 'a: 1\n',
      },
      remove: ['README.md'],
    });
    const diffs = await repo.diff(before, 'main');
    expect(diffs.map(({ path, status }) => [path, status])).toEqual([
      ['README.md', 'deleted'],
      ['apps/guestbook/config.yaml', 'added'],
      ['apps/guestbook/deployment.yaml', 'modified'],
    ]);
    const [readme, config, deploy] = diffs;
    expect(deploy?.patch).toBe(
      [
        '--- a/apps/guestbook/deployment.yaml',
        '+++ b/apps/guestbook/deployment.yaml',
        '@@ -5,7 +5,7 @@',
        '   labels:',
        '     app: guestbook',
        ' spec:',
        '-  replicas: 2',
        '+  replicas: 3',
        '   selector:',
        '     matchLabels:',
        '       app: guestbook',
        '',
      ].join('\n'),
    );
    expect(config?.patch).toBe(
      '--- /dev/null\n+++ b/apps/guestbook/config.yaml\n@@ -0,0 +1,1 @@\n+a: 1\n',
    );
    expect(readme?.patch).toBe(
      '--- a/README.md\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-# guestbook config\n',
    );
    expect(readme?.newOid).toBeNull();
    expect(readme?.oldOid).toMatch(/^[0-9a-f]{40}$/);
  });

  it('is empty between identical revisions', async () => {
    const repo = await guestbookRepo();
    expect(await repo.diff('main', 'HEAD')).toEqual([]);
  });
});
