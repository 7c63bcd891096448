// The console's argocd and flux lines: a change runs as a recorded scenario action, a look is
// answered and recorded nowhere, and a refusal reads as the tool's, never as an internal code.
import '../platform/node';
import { describe, expect, it } from 'vitest';
import { cliSandbox } from '../sim/argocd-cli/test-fixtures';
import { runAction } from '../sim/scenario/actions';
import type { Action } from '../sim/scenario/schema';
import { cliToolOf, runCliLine } from './cli-lines';

async function consoleOver(flavour: 'argo' | 'flux' = 'argo') {
  const { s } = await cliSandbox({ flavour });
  const recorded: Action[] = [];
  const run = (line: string) =>
    runCliLine(cliToolOf(line)!, line, s, (action) => {
      recorded.push(action);
      return runAction(s, action);
    });
  return { recorded, run };
}

describe('argocd and flux lines in the console', () => {
  it.each([
    ['argocd app list', 'argocd'],
    ['  flux get ks', 'flux'],
    ['argocdx app list', null],
    ['kubectl get pods', null],
  ])('%s is a %s line', (line, tool) => {
    expect(cliToolOf(line)).toBe(tool);
  });

  it('argocd app sync is recorded and shows the Application after the sync', async () => {
    const { recorded, run } = await consoleOver();
    const r = await run('argocd app sync web');
    expect(recorded).toEqual([{ sync: { lane: 'gitops', by: 'you', app: 'web' } }]);
    expect(r?.ok).toBe(true);
    expect(r?.output).toMatch(
      /^gitops: sync requested\nName: {15}argocd\/web\n[\s\S]*Sync Status: {8}Synced to HEAD/,
    );
  });

  it.each([['argocd app get web'], ['argocd app history web'], ['argocd app nope web']])(
    '%s is answered and recorded nowhere',
    async (line) => {
      const { recorded, run } = await consoleOver();
      await run(line);
      expect(recorded).toEqual([]);
    },
  );

  it('a refused action reads without its internal code', async () => {
    const { recorded, run } = await consoleOver();
    const r = await run('argocd app sync web --revision no-such-tag');
    expect(recorded).toHaveLength(1);
    expect(r?.ok).toBe(false);
    expect(r?.output).not.toMatch(/^E_/);
    expect(r?.output).toMatch(/no-such-tag/);
  });

  it('flux suspend is recorded on the Flux flavour', async () => {
    const { recorded, run } = await consoleOver('flux');
    const r = await run('flux suspend kustomization web');
    expect(recorded).toEqual([{ set: { lane: 'gitops', suspend: true } }]);
    expect(r?.output).toBe(
      '► suspending kustomization web in flux-system namespace\n✔ kustomization suspended',
    );
  });
});
