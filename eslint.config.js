// @ts-check
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import layers from './tools/eslint/layers.js';
import promises from './tools/eslint/promises.js';

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'release/', 'node_modules/', 'test-results/', 'playwright-report/', 'coverage/'] },
  ...tseslint.configs.recommended,
  {
    plugins: { layers },
    rules: {
      'layers/layers': 'error',
      'layers/no-cycle': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    // Promises nobody waits for lose their failures; these rules need the types, so they run on
    // the TypeScript files of the two projects (JavaScript config files have no project).
    files: ['**/*.{ts,tsx,mts}'],
    languageOptions: {
      parserOptions: { project: ['./tsconfig.node.json', './tsconfig.web.json'], tsconfigRootDir: import.meta.dirname },
    },
    plugins: { promises },
    rules: {
      'promises/void-says-why': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['electron/**/*.ts', 'tools/**/*.{ts,js}', 'tests/**/*.ts', '*.{js,ts,mts}'],
    languageOptions: { globals: globals.node },
  },
  {
    // Command-line entry points print their one line of output to stdout.
    files: ['**/cli.ts', 'tools/**/*.ts', 'tests/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  // Formatting belongs to Prettier (`npm run format:check`); no lint rule argues with it.
  prettier,
);
