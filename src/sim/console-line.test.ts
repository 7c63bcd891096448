// One console line, dispatched as the console dispatches it: a change runs as the scenario action it
// stands for, a look is answered, and a refusal reads as the tool's, never as an internal code.
import '../platform/node';
import { describe, expect, it } from 'vitest';
import { cliSandbox } from './argocd-cli/test-fixtures';
import {
  cliToolOf,
  isReadOnlyKubectl,
  laneOfLine,
  lineChanges,
  promptLine,
  runConsoleLine,
} from './console-line';
import { runAction } from './scenario/actions';
import type { Action } from './scenario/schema';

async function consoleOver(flavour: 'argo' | 'flux' = 'argo') {
  const { s } = await cliSandbox({ flavour });
  const recorded: Action[] = [];
  const run = (line: string, lane: 'devops' | 'gitops' = 'gitops') =>
    runConsoleLine(s, lane, line, 'you', (action) => {
      recorded.push(action);
      return runAction(s, action);
    });
  return { s, recorded, run };
}

describe('a console line', () => {
  it.each([
    ['argocd app list', 'argocd'],
    ['  flux get ks', 'flux'],
    ['argocdx app list', null],
    ['kubectl get pods', null],
  ])('%s is a %s line', (line, tool) => {
    expect(cliToolOf(line)).toBe(tool);
  });

  it.each([
    ['get pods', 'devops', 'kubectl get pods'],
    ['kubectl get pods', 'devops', 'kubectl get pods'],
    ['git log', 'repo', 'git log'],
    ['argocd app get web', 'gitops', 'argocd app get web'],
    ['flux get ks', 'gitops', 'flux get ks'],
  ])('%s runs on %s and is shown as %s', (line, lane, shown) => {
    expect(laneOfLine(line, 'devops')).toBe(lane);
    expect(promptLine(line)).toBe(shown);
  });

  it('argocd app sync runs as a sync and prints the Application after it', async () => {
    const { recorded, run } = await consoleOver();
    const r = await run('argocd app sync web');
    expect(recorded).toEqual([{ sync: { lane: 'gitops', by: 'you', app: 'web' } }]);
    expect(r?.ok).toBe(true);
    expect(r?.lane).toBe('gitops');
    expect(r?.output).toMatch(
      /^gitops: sync requested\nName: {15}argocd\/web\n[\s\S]*Sync Status: {8}Synced to HEAD/,
    );
  });

  it.each([['argocd app get web'], ['argocd app history web'], ['argocd app nope web']])(
    '%s is answered and runs no action',
    async (line) => {
      const { recorded, run, s } = await consoleOver();
      await run(line);
      expect(recorded).toEqual([]);
      expect(await lineChanges(s, line)).toBe(false);
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

  it('flux suspend runs as the lane option on the Flux flavour', async () => {
    const { recorded, run } = await consoleOver('flux');
    const r = await run('flux suspend kustomization web');
    expect(recorded).toEqual([{ set: { lane: 'gitops', suspend: true } }]);
    expect(r?.output).toBe(
      '► suspending kustomization web in flux-system namespace\n✔ kustomization suspended',
    );
  });

  it('git commit runs as a commit by the learner; git log only reads', async () => {
    const { recorded, run, s } = await consoleOver();
    const line = 'git commit -m "web: 4 replicas" apps/web/deployment.yaml:spec.replicas=4';
    expect(await lineChanges(s, line)).toBe(true);
    const r = await run(line);
    expect(recorded).toEqual([
      {
        commit: {
          message: 'web: 4 replicas',
          author: 'you',
          patch: { 'apps/web/deployment.yaml': { 'spec.replicas': 4 } },
        },
      },
    ]);
    expect(r).toMatchObject({ lane: 'repo', ok: true });
    const log = await run('git log --oneline');
    expect(log?.output.split('\n')[0]).toMatch(/^[0-9a-f]{7} \(HEAD -> main\) web: 4 replicas$/);
    expect(recorded).toHaveLength(1);
  });

  it('kubectl lines run on the chosen cluster as kubectl prints them', async () => {
    const { run, recorded } = await consoleOver();
    const r = await run('get deploy web', 'gitops');
    expect(r).toMatchObject({ lane: 'gitops', ok: true });
    expect(r?.output.split('\n')[0]).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/);
    const missing = await run('get deploy nope', 'devops');
    expect(missing).toMatchObject({
      lane: 'devops',
      ok: false,
      output: 'Error from server (NotFound): deployments.apps "nope" not found',
    });
    expect(recorded).toEqual([]);
  });
});

// Read-only lines are not recorded, so links and the address bar grow only with changes.
describe('isReadOnlyKubectl', () => {
  it.each([
    ['get pods', true],
    ['kubectl get deploy -o yaml', true],
    ['  describe deployment/web', true],
    ['rollout history deployment/web', true],
    ['rollout status deployment/web', true],
    ['api-resources', true],
    ['scale --help', true],
    ['rollout undo deployment/web', false],
    ['scale deployment/web --replicas=5', false],
    ['patch deployment/web -p {}', false],
    ['delete pod/web-1', false],
    ['label pod/web-1 get=describe', false],
  ])('%s -> %s', (line, readOnly) => {
    expect(isReadOnlyKubectl(line)).toBe(readOnly);
  });
});
