/** The directory writer thread's file beside the main bundle (tools/build/writerWorkerBundle.ts builds it, D118). */
export const directoryWriterFileName = 'directoryWriter.cjs';
