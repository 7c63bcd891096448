import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * The Content-Security-Policy of the built app: no inline scripts, no remote origins. Injected at
 * build time only, because `npm run dev` needs an inline preamble (React refresh) and a websocket.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'driftlab-csp',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace(
        '<head>',
        `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`,
      ),
  };
}

/**
 * `virtual:scenario-index`: the library's ids, titles and summaries, so the Scenario picker shows
 * them without bundling every scenario's text (each is loaded when chosen).
 */
function scenarioIndex(): Plugin {
  const id = 'virtual:scenario-index';
  return {
    name: 'driftlab-scenario-index',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load(resolved) {
      if (resolved !== `\0${id}`) return null;
      const entries = readdirSync('scenarios')
        // lessons.yaml is the path through the library, not a scenario.
        .filter((f) => f.endsWith('.yaml') && f !== LESSONS_FILE)
        .map((f) => {
          const doc = parse(readFileSync(`scenarios/${f}`, 'utf8')) as {
            title?: string;
            summary?: string;
            steps?: { task?: unknown; question?: unknown }[];
          };
          const steps = doc.steps ?? [];
          return {
            id: f.replace(/\.yaml$/, ''),
            title: doc.title ?? f,
            summary: (doc.summary ?? '').trim(),
            steps: steps.length,
            tasks: steps.filter((s) => s.task !== undefined).length,
            questions: steps.filter((s) => s.question !== undefined).length,
          };
        });
      return `export default ${JSON.stringify(entries)};`;
    },
  };
}

const LESSONS_FILE = 'lessons.yaml';

/**
 * `virtual:lesson-index`: the path through the library (scenarios/lessons.yaml) as JSON, so the
 * lessons page, the first view, needs no YAML parser. The library test validates the file.
 */
function lessonIndex(): Plugin {
  const id = 'virtual:lesson-index';
  return {
    name: 'driftlab-lesson-index',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load(resolved) {
      if (resolved !== `\0${id}`) return null;
      const file = `scenarios/${LESSONS_FILE}`;
      return `export default ${JSON.stringify(parse(readFileSync(file, 'utf8')))};`;
    },
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), scenarioIndex(), lessonIndex()],
  resolve: {
    // Smaller stand-ins for three of isomorphic-git's dependencies (see each file). The tests run
    // isomorphic-git through Vite too (test.alias below), so they exercise both.
    alias: {
      pako: fileURLToPath(new URL('./src/platform/pako.ts', import.meta.url)),
      'sha.js/sha1.js': fileURLToPath(new URL('./src/platform/sha1.ts', import.meta.url)),
      'isomorphic-textencoder': fileURLToPath(
        new URL('./src/platform/textencoder.ts', import.meta.url),
      ),
    },
  },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  test: {
    // Node is the default environment: the simulation core must run without a DOM.
    // Component tests opt into jsdom with a `// @vitest-environment jsdom` line.
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 20_000,
    setupFiles: ['test/setup.ts'],
    // isomorphic-git's browser (ESM) build, run through Vite as the app's is, with the aliases above.
    alias: [
      {
        find: /^isomorphic-git$/,
        replacement: fileURLToPath(
          new URL('./node_modules/isomorphic-git/index.js', import.meta.url),
        ),
      },
    ],
    server: { deps: { inline: ['isomorphic-git'] } },
  },
});
