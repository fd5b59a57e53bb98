// The key a main bundle carries for its code cache (electron/launcher/launchBundle.ts, D112):
// a hash of the bundle written on its first line at build time, so a start reads it instead
// of hashing half a megabyte (node:crypto alone costs a start about 5 ms to load).
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';
import { codeCacheKeyPrefix } from '../../electron/launcher/launchBundle';

export function codeCacheKeyOf(code: string): string {
  return createHash('sha256').update(code).digest('hex').slice(0, 32);
}

export function stampCodeCacheKey(code: string): string {
  return `${codeCacheKeyPrefix}${codeCacheKeyOf(code)}\n${code}`;
}

/** Whether a stamped bundle's key is the hash of the rest of it (pack:check, tests). */
export function hasTrueCodeCacheKey(bundle: string): boolean {
  const end = bundle.indexOf('\n');
  return bundle.startsWith(codeCacheKeyPrefix) && bundle.slice(codeCacheKeyPrefix.length, end) === codeCacheKeyOf(bundle.slice(end + 1));
}

/**
 * Stamps every chunk of a build. In generateBundle, the last step: earlier the code may still
 * hold placeholders for other chunks' hashed names, and a key over those would not change
 * when only a name did (V8 would then take a cache of the same length for other code).
 */
export function codeCacheKeyPlugin(): Plugin {
  return {
    name: 'code-cache-key',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) if (chunk.type === 'chunk') chunk.code = stampCodeCacheKey(chunk.code);
    },
  };
}
