// Tab completion for the console's argocd and flux lines: the tool, its commands, and an app (or
// Kustomization) name where one is expected. Candidates are whole lines, as kubectl's are.
import { tokenize } from '../kubectl/tokenize';
import { APP_COMMANDS } from './run';

const FLUX: Record<string, string[]> = {
  '': ['get', 'reconcile', 'suspend', 'resume', 'diff', 'events', 'help'],
  get: ['kustomizations', 'sources'],
  'get sources': ['git'],
  reconcile: ['kustomization', 'source'],
  'reconcile source': ['git'],
  'reconcile source git': ['flux-system'],
  suspend: ['kustomization'],
  resume: ['kustomization'],
  diff: ['kustomization'],
};
const FLUX_NAMED = [
  'reconcile kustomization',
  'suspend kustomization',
  'resume kustomization',
  'diff kustomization',
];
const ARGO_NAMED = APP_COMMANDS.filter((c) => c !== 'list');

function candidates(tool: string, words: string[], apps: readonly string[]): string[] {
  const path = words.join(' ');
  if (tool === 'argocd') {
    if (words.length === 0) return ['app', 'help'];
    if (path === 'app') return APP_COMMANDS;
    if (words.length === 2 && words[0] === 'app' && ARGO_NAMED.includes(words[1]!))
      return [...apps];
    return [];
  }
  if (FLUX_NAMED.includes(path)) return [...apps];
  // `flux diff kustomization <name>` goes on with the folder to diff.
  if (words.length === 3 && path.startsWith('diff kustomization ')) return ['--path'];
  return FLUX[path] ?? [];
}

export function completeCli(partial: string, apps: readonly string[]): string[] {
  const words = tokenize(partial);
  if (words instanceof Error) return [];
  const current = partial === '' || /\s$/.test(partial) ? '' : (words.pop() ?? '');
  const head = partial.slice(0, partial.length - current.length);
  const tool = words.shift();
  if (tool === undefined)
    return ['argocd', 'flux'].filter((t) => t.startsWith(current)).map((t) => `${head}${t} `);
  if (tool !== 'argocd' && tool !== 'flux') return [];
  return candidates(tool, words, apps)
    .filter((c) => c.startsWith(current) && c !== current)
    .map((c) => `${head}${c} `);
}
