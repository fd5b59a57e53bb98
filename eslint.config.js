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
    // Node built-ins that cost a start milliseconds to load (node:crypto about 10 ms, the network
    // ones several) and that an offline start does not need: the core loads them on first use
    // (nodeBuiltins.ts), since the bundler hoists an import to the top of the bundle (D52, D123).
    // The network's connectors are a chunk of their own, loaded with the first request.
    files: ['electron/core/**/*.ts', 'shared/**/*.ts'],
    ignores: ['**/*.test.ts', 'electron/core/usersApi/transport/connectors/**', 'electron/core/people/writer/writerWorker.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['crypto', 'net', 'tls', 'http', 'https', 'worker_threads'].flatMap((name) =>
            [name, `node:${name}`].map((builtin) => ({
              name: builtin,
              allowTypeImports: true,
              message: 'Load it on first use (electron/core/nodeBuiltins.ts): an import runs at every start.',
            })),
          ),
        },
      ],
    },
  },
  {
    // Command-line entry points print their one line of output to stdout.
    files: ['**/cli.ts', 'tools/**/*.ts', 'tests/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  // Formatting belongs to Prettier (`npm run format:check`); no lint rule argues with it.
  prettier,
);
