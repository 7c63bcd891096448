import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import driftlab from './eslint-rules/no-unsafe-key-write.js';

const simOnlyTime = [
  { name: 'setTimeout', message: 'src/sim runs on virtual time: schedule on the sandbox clock.' },
  { name: 'setInterval', message: 'src/sim runs on virtual time: schedule on the sandbox clock.' },
  { name: 'performance', message: 'src/sim never reads the wall clock.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test/e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'User-supplied text is never rendered as HTML.',
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/store/**/*.{ts,tsx}', 'src/main.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The simulation core is pure: no React, no view state, no wall clock, no real randomness.
    files: ['src/sim/**/*.ts'],
    ignores: ['src/sim/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'react', message: 'src/sim must not depend on React.' },
            { name: 'react-dom', message: 'src/sim must not depend on React.' },
            { name: '@xstate/react', message: 'Machines never import @xstate/react.' },
            { name: 'zustand', message: 'View state lives in src/store, not in the simulation.' },
          ],
          patterns: [
            {
              group: ['react/*', 'react-dom/*', 'zustand/*'],
              message: 'src/sim must not depend on React or zustand.',
            },
            {
              group: ['**/ui/**', '**/store/**', '../ui', '../store', '../../ui', '../../store'],
              message: 'Imports run ui -> store -> sim, never back.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...simOnlyTime],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Use the sandbox clock.' },
        { object: 'Math', property: 'random', message: 'Use the sandbox seeded RNG.' },
        { object: 'performance', property: 'now', message: 'src/sim never reads the wall clock.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date']", message: 'Use the sandbox clock.' },
      ],
    },
  },
  {
    // Keys from users' files, links and console lines never index a plain object for a write:
    // `__proto__` would reach Object.prototype (src/sim/safe-keys.ts).
    files: ['src/sim/**/*.ts', 'src/cli/**/*.ts'],
    ignores: ['**/*.test.ts'],
    plugins: { driftlab },
    rules: { 'driftlab/no-unsafe-key-write': 'error' },
  },
  {
    // CommonJS stand-ins for packages (src/platform): plain JavaScript, outside the TS project.
    files: ['**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'commonjs',
      globals: { ...globals.node },
    },
  },
);
