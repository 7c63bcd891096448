// Tab completion for the console: command names, resource types, object names (`deploy/w` ->
// `deploy/web`, `get pods w` -> `get pods web-7d9f8c6b5d-x2k4p`), namespaces after `-n`, output
// formats after `-o`, and flag names. Candidates are whole lines, so the console can put one in
// the input as it is; an empty list means there is nothing to offer.
import type { Cluster } from '../cluster';
import { commandInfo, COMMANDS, VERBS } from './commands';
import { KubectlError } from './errors';
import { GLOBAL_FLAGS, type FlagSpec } from './flags';
import { servedTypes } from './resources';
import { tokenize } from './tokenize';

const MAX_CANDIDATES = 50;
const OUTPUTS = ['json', 'name', 'wide', 'yaml'];
/** Commands whose first argument is a resource type (and whose next ones are names). */
const TAKES_RESOURCES = new Set([
  'get',
  'describe',
  'delete',
  'scale',
  'set image',
  'patch',
  'label',
  'annotate',
  'rollout history',
  'rollout restart',
  'rollout status',
  'rollout undo',
]);

function takesValue(word: string, flags: readonly FlagSpec[]): boolean {
  const spec = word.startsWith('--')
    ? flags.find((f) => f.name === word.slice(2))
    : word.length === 2
      ? flags.find((f) => f.short === word[1])
      : undefined;
  return spec !== undefined && spec.kind !== 'bool' && spec.bare === undefined;
}

function namespaceOf(words: readonly string[]): string {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if ((w === '-n' || w === '--namespace') && words[i + 1]) return words[i + 1]!;
    if (w.startsWith('--namespace=')) return w.slice('--namespace='.length);
    if (w.startsWith('-n') && w.length > 2 && !w.startsWith('--'))
      return w.slice(2).replace(/^=/, '');
  }
  return 'default';
}

function typeWords(cluster: Cluster): string[] {
  return servedTypes(cluster).flatMap((t) => [t.plural, ...t.shortNames]);
}

function names(cluster: Cluster, typed: string, namespace: string): string[] {
  const type = cluster.kinds.forResource(typed);
  if (!type) return [];
  return cluster
    .list({ kind: type.kind, ...(type.namespaced ? { namespace } : {}) })
    .map((o) => o.metadata.name);
}

function candidates(words: string[], current: string, cluster: Cluster): string[] {
  const allFlags = [...GLOBAL_FLAGS, ...COMMANDS.flatMap((c) => c.flags)];
  const previous = words[words.length - 1];
  if (previous !== undefined && takesValue(previous, allFlags)) {
    if (previous === '-n' || previous === '--namespace')
      return cluster.list({ kind: 'Namespace' }).map((ns) => ns.metadata.name);
    if (previous === '-o' || previous === '--output') return OUTPUTS;
    return [];
  }
  const positionals = words.filter(
    (w, i) => !w.startsWith('-') && !(i > 0 && takesValue(words[i - 1]!, allFlags)),
  );
  const [verb, sub] = positionals;
  if (verb === undefined) return current.startsWith('-') ? [] : [...VERBS];
  const path = commandInfo(`${verb} ${sub}`) ? `${verb} ${sub}` : verb;
  if (current.startsWith('-'))
    return [...(commandInfo(path)?.flags ?? []), ...GLOBAL_FLAGS].map((f) => `--${f.name}`);
  if (path === verb && COMMANDS.some((c) => c.path.startsWith(`${verb} `))) {
    return sub === undefined
      ? COMMANDS.filter((c) => c.path.startsWith(`${verb} `)).map((c) =>
          c.path.slice(verb.length + 1),
        )
      : [];
  }
  const args = positionals.slice(path.split(' ').length);
  const namespace = namespaceOf(words);
  // `logs POD` or `logs TYPE/NAME`: a Pod's name comes first, without its type.
  if (path === 'logs' && args.length === 0 && !current.includes('/'))
    return names(cluster, 'pods', namespace);
  if (!TAKES_RESOURCES.has(path) && path !== 'logs') return [];
  if (current.includes('/')) {
    const type = current.slice(0, current.indexOf('/'));
    return names(cluster, type, namespace).map((n) => `${type}/${n}`);
  }
  if (args.length === 0)
    return [...typeWords(cluster), ...(path === 'get' ? ['all', 'events'] : [])];
  const first = args[0]!;
  return first.includes('/') || first.includes(',') ? [] : names(cluster, first, namespace);
}

/** Whole-line completions of `partial` (the text before the cursor). */
export function completeKubectl(partial: string, cluster: Cluster): string[] {
  try {
    const words = tokenize(partial);
    if (words instanceof KubectlError) return [];
    const current = partial === '' || /\s$/.test(partial) ? '' : (words.pop() ?? '');
    // Only a word typed plainly (no quotes, no escapes) can be completed in place.
    if (!partial.endsWith(current)) return [];
    const head = partial.slice(0, partial.length - current.length);
    if (words[0] === 'kubectl') words.shift();
    const found = candidates(words, current, cluster).filter(
      (c) => c.startsWith(current) && c !== current,
    );
    return [...new Set(found)]
      .sort()
      .slice(0, MAX_CANDIDATES)
      .map((c) => `${head}${c}`);
  } catch {
    // Completion is a convenience: a failure offers nothing rather than breaking the console.
    return [];
  }
}
