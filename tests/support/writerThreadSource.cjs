// The directory writer's thread from its TypeScript source (tests only): tsx's require hook,
// then the entry. A Worker's first file is loaded by Node itself, which reads no TypeScript.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file: require is how it loads */
require('tsx/cjs');
require('../../electron/core/people/writer/writerWorker.ts');
