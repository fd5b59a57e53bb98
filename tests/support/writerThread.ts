import path from 'node:path';
import type { WriterThreadEntry } from '../../electron/core';

/**
 * The directory writer's thread from its TypeScript source, for tests (writerThreadSource.cjs):
 * no test runner's transform reaches into a Worker. The shells start the bundled file.
 */
export const writerThreadFromSource: WriterThreadEntry = { file: path.join(import.meta.dirname, 'writerThreadSource.cjs') };

/** The same, each save held for eight seconds before it runs (slowWriterThreadSource.cjs). */
export const slowWriterThreadFromSource: WriterThreadEntry = { file: path.join(import.meta.dirname, 'slowWriterThreadSource.cjs') };
