import type { ESLint } from 'eslint';

/** The layer rules of layers.js (`layers/layers`, `layers/no-cycle`), for TypeScript callers (tests). */
declare const plugin: ESLint.Plugin;
export default plugin;
