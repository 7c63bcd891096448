// The folders of src/sim import one another one way: no cycle among them (the files at the top,
// the sandbox that wires everything and the small shared helpers, are left out). The lane-neutral
// compare (diff, health) and the cache layer sit below both lanes and the observer.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname);

/** folder -> the folders its files (tests aside) import from, type imports included. */
function folderImports(): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && !name.endsWith('.test.ts')) addFile(path);
    }
  };
  const folderOf = (path: string) => {
    const parts = relative(ROOT, path).split('/');
    return parts.length > 1 ? parts[0]! : null;
  };
  const addFile = (file: string) => {
    const from = folderOf(file);
    if (!from) return;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/g)) {
      const target = resolve(dirname(file), m[1]!);
      const parts = relative(ROOT, target).split('/');
      // `../cluster` is the folder's index; `../sandbox` a file at the top.
      const to = parts.length > 1 || isFolder(target) ? parts[0]! : null;
      if (!to || to === from || to.startsWith('..')) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)!.add(to);
    }
  };
  walk(ROOT);
  return edges;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A cycle as a path `a -> b -> ... -> a`, or null. */
function findCycle(edges: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of edges.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of edges.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

describe('src/sim folders', () => {
  const edges = folderImports();

  it('import one another without a cycle', () => {
    expect(findCycle(edges)).toBeNull();
  });

  it.each([
    ['compare', ['cluster']],
    ['cache', ['cluster', 'compare']],
  ])('%s imports only from %j', (folder, allowed) => {
    expect([...(edges.get(folder) ?? [])].sort()).toEqual(allowed);
  });
});
