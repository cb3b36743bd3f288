import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Product code (electron/, renderer/src, shared/) never imports these. */
const TEST_AND_BENCH = ['**/bench/**', '**/tests/**'];

/** The renderer never reaches into main or Node. */
const RENDERER_PATTERNS = ['electron', 'node:*', '**/electron/main/**', ...TEST_AND_BENCH];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'release/**', 'dist/**', 'test-results/**', 'playwright-report/**', 'bench/results*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-empty-pattern': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // The process boundary: shared/ is pure, the renderer never reaches into main.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['electron', 'node:*', 'react', 'react-dom', 'dexie', '**/renderer/**', '**/electron/**', ...TEST_AND_BENCH] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: RENDERER_PATTERNS }] },
  },
  {
    // Components never query Dexie themselves (ARCHITECTURE.md, "Reading data in the renderer"):
    // they read through a feature's hooks (queries.ts / data/*.ts), the task-index mirror or IPC.
    // This block replaces the one above for .tsx, so it repeats its patterns.
    files: ['renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'dexie', message: 'Components do not query Dexie: add a hook to the feature\'s queries module (ARCHITECTURE.md, "Reading data in the renderer").' },
            { name: 'dexie-react-hooks', message: 'Components do not call useLiveQuery: add a hook to the feature\'s queries module (ARCHITECTURE.md, "Reading data in the renderer").' },
          ],
          patterns: RENDERER_PATTERNS,
        },
      ],
    },
  },
  {
    // Product code carries no benchmark or test code: cases live under bench/, fixtures under tests/.
    files: ['electron/**/*.ts'],
    ignores: ['electron/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: TEST_AND_BENCH }] },
  },
);
