// How the main process's bundle is written, shared by the app's build (electron.vite.config.ts)
// and the bench's children (tools/bench/bundleChildren.ts), so P1 times the code a person runs.
import type { OutputOptions } from 'rolldown';

export const mainBundleOutput = {
  entryFileNames: '[name].cjs',
  chunkFileNames: '[name]-[hash].cjs',
  // A package loaded when first needed (undici, qrcode, keytar) is required, not import()ed: the
  // code cache compiles the bundle as a script, whose import() goes through an experimental hook.
  dynamicImportInCjs: false,
  // Whitespace and comments out, every character ASCII: V8 then holds the source one byte a
  // character, which a start reads and hands to the code cache about 9 ms sooner than the
  // commented, two-byte bundle (D123). Names are kept, so stack traces still read.
  charset: 'ascii',
  comments: false,
  minify: { compress: false, mangle: false, codegen: { removeWhitespace: true } },
} satisfies OutputOptions;

/** Whether a built bundle kept the promise of `charset: 'ascii'` (pack:check, the bench). */
export const isAsciiBundle = (source: string): boolean => !/[\u0080-\uffff]/.test(source);
