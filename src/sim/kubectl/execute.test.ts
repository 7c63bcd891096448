import { describe, expect, it } from 'vitest';
import { runKubectl } from './execute';
import { webCluster } from './test-fixtures';

describe('runKubectl: never throws', () => {
  const weird = [
    '',
    '   ',
    '"',
    "'",
    '\\',
    'get',
    'get pods/',
    'scale',
    '-n',
    '--',
    '-',
    'kubectl kubectl',
    'get pods -n',
    'get 🚀/☃',
    'ünïcödé ☃ 🚀',
    'get pods -l ((',
    "patch deploy web -p '['",
    'apply -f x',
    'delete -f x',
    'get deploy,,svc',
    'get . -o yaml',
    'label deploy web -',
    'rollout undo deploy/web --to-revision=-3',
    'x'.repeat(10_000),
    `get ${'a/'.repeat(3000)}`,
    `get pods ${'-l '.repeat(500)}`,
    'get \u0000 \u202e',
    'describe all',
    'delete all --all --dry-run=server',
  ];

  it.each(weird.map((w) => [w.length > 60 ? `${w.slice(0, 60)}… (${w.length} chars)` : w, w]))(
    '%j',
    async (_label, line) => {
      const { cluster } = await webCluster();
      const result = runKubectl(line, { cluster, actor: 'alice' });
      expect(typeof result.ok).toBe('boolean');
      expect(typeof result.stdout).toBe('string');
      expect(typeof result.stderr).toBe('string');
      if (!result.ok) expect(result.stderr).not.toBe('');
      expect(result.stderr).not.toContain('internal');
    },
  );

  it('turns a bug into "error: internal" instead of throwing', () => {
    const broken = {
      version: 0,
      kinds: {
        forResource: () => {
          throw new Error('boom');
        },
      },
    } as unknown as Parameters<typeof runKubectl>[1]['cluster'];
    expect(runKubectl('get pods', { cluster: broken, actor: 'alice' })).toMatchObject({
      ok: false,
      stderr: 'error: internal: boom',
      changed: false,
    });
    expect(runKubectl(undefined as unknown as string, { cluster: broken, actor: 'alice' }).ok).toBe(
      false,
    );
  });
});
